"""core/partydoc.py: the page the admission papers and the transfer letter and register share."""

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from xaydungdang.core import partydoc


def _reopened(document):
    return Document(io.BytesIO(partydoc.to_bytes(document)))


def _cm(*lengths) -> tuple:
    return tuple(round(length.cm, 2) for length in lengths)  # stored in twips: 21 cm reads 21.0004


def test_a4_portrait_and_landscape_with_the_guide_margins():
    portrait = _reopened(partydoc.new_document()).sections[0]
    assert _cm(portrait.page_width, portrait.page_height) == (21.0, 29.7)
    assert _cm(portrait.left_margin, portrait.right_margin, portrait.top_margin) == (3.0, 1.5, 2.0)
    landscape = _reopened(partydoc.new_document(landscape=True)).sections[0]
    assert _cm(landscape.page_width, landscape.page_height) == (29.7, 21.0)
    assert _cm(landscape.left_margin) == (2.0,)


def test_times_new_roman_13_in_every_script_slot():
    normal = _reopened(partydoc.new_document()).styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14  # rules.md §10: body 14-15
    fonts = normal.element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {"Times New Roman"}
    assert fonts.get(qn("w:asciiTheme")) is None


def test_header_block_and_place_date():
    document = partydoc.new_document()
    place = partydoc.place_date(dt.date(2026, 3, 5), "Sóc Trăng")
    partydoc.header(document, "Đảng bộ xã Kế Sách", "Chi bộ ấp An Phú", "Số 03-NQ/CB", place)
    left, right = _reopened(document).tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ XÃ KẾ SÁCH", "CHI BỘ ẤP AN PHÚ", "*", "Số 03-NQ/CB"]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.paragraphs[-1].text == "Sóc Trăng, ngày 5 tháng 3 năm 2026"
    assert len(right.paragraphs) == len(left.paragraphs)  # the date on the number's line
    assert right.paragraphs[-1].runs[0].italic and right.paragraphs[0].runs[0].underline
    assert partydoc.place_date(None) == "ngày ... tháng ... năm ..."


def test_signature_block_recipients_left_signer_right_in_times_new_roman():
    """One signature block for every paper (36-HD/VPTW): "Nơi nhận:" and the recipients on the left;
    the authority, the title, the space to sign and the name on the right; the runs in the Normal
    style, Times New Roman in every script slot; kept on one page with what precedes it."""
    document = partydoc.new_document()
    partydoc.body(document, ["Đoạn cuối của văn bản."])
    partydoc.signature(document, ["Ban Thường vụ Huyện ủy (b/c),", "Lưu."], "T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn An")
    reopened = _reopened(document)
    closing = reopened.paragraphs[0]
    assert closing.text == "Đoạn cuối của văn bản." and round(closing.paragraph_format.first_line_indent.cm, 2) == 1.0
    assert reopened.paragraphs[-1].paragraph_format.keep_with_next  # the blank line before the block
    table = reopened.tables[-1]
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["Nơi nhận:", "- Ban Thường vụ Huyện ủy (b/c),", "- Lưu."]
    heading = left.paragraphs[0].runs[0]
    assert heading.bold and heading.italic and heading.underline
    texts = [p.text for p in right.paragraphs]
    assert texts[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"] and texts[-1] == "Nguyễn Văn An"
    assert texts[2:-1] == ["", "", "", ""]  # the space to sign and seal
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in right.paragraphs)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.LEFT for p in left.paragraphs)
    assert all(r.bold for p in right.paragraphs for r in p.runs)
    # Left and right columns of 8 and 8,5 cm in the grid LibreOffice follows, the row unsplittable.
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [round(w / 567, 1) for w in grid] == [8.0, 8.5]
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    # Every run is in the Normal style: Times New Roman in the ascii, hAnsi, cs and East Asian slots.
    normal = reopened.styles["Normal"]
    fonts = normal.element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {"Times New Roman"}
    defaults = reopened.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Times New Roman"
    for paragraph in left.paragraphs + right.paragraphs:
        assert paragraph.style.name == "Normal"
        for run in paragraph.runs:
            assert run.font.name in (None, "Times New Roman")  # none overrides the style's font


def test_signature_block_without_a_name_prints_the_note():
    document = partydoc.new_document()
    partydoc.signature(document, ["Lưu."], "T/M CHI BỘ", "BÍ THƯ", note="(Ký, ghi rõ họ tên)")
    right = _reopened(document).tables[-1].rows[0].cells[1]
    last = right.paragraphs[-1]
    assert last.text == "(Ký, ghi rõ họ tên)" and last.runs[0].italic and not last.runs[0].bold
