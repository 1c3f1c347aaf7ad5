"""core/partydoc.py: the page the admission papers and the transfer letter and register share."""

import datetime as dt
import io

from docx import Document
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
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 13
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
    assert partydoc.place_date(None) == "ngày ... tháng ... năm ..."
