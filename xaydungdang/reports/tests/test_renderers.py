"""Each output format from one hand-made report: DOCX structure and fonts, PDF text and fonts,
HTML without inline scripts or styles, XLSX numbers and formats, JSON of indicators.md."""

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from xaydungdang.reports import charts
from xaydungdang.reports.blocks import Para
from xaydungdang.reports.document import assemble
from xaydungdang.reports.issuer import OrgName
from xaydungdang.reports.renderers import docx as docx_renderer
from xaydungdang.reports.renderers import html as html_renderer
from xaydungdang.reports.renderers import json as json_renderer
from xaydungdang.reports.renderers import pdf as pdf_renderer
from xaydungdang.reports.renderers import xlsx as xlsx_renderer
from xaydungdang.reports.tests.sample import sample_data

D = dt.date
KEY_FIGURES = ["48.879", "644", "231", "413", "2.051", "100,05%", "79", "37", "23", "19"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def report():
    return assemble(
        sample_data(), "annual", [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")], issued_on=D(2024, 1, 15)
    )


@pytest.fixture(scope="module")
def docx_file(report):
    return Document(io.BytesIO(docx_renderer.render(report)))


@pytest.fixture(scope="module")
def pdf_bytes(report):
    return pdf_renderer.render(report)


def _all_docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


# --- DOCX -----------------------------------------------------------------------------------------


def test_docx_masthead(docx_file):
    masthead = docx_file.tables[0]
    left, right = masthead.rows[0].cells
    issuer, star, number = left.paragraphs[:3]
    assert issuer.text == "TỈNH ỦY SÓC TRĂNG" and issuer.runs[0].bold
    assert star.text == "*"
    assert re.fullmatch(r"Số\s+-BC/TU", number.text)
    heading = right.paragraphs[0]
    assert heading.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert heading.runs[0].bold and heading.runs[0].underline
    date = [p for p in right.paragraphs if p.text][-1]
    assert date.text == "Sóc Trăng, ngày 15 tháng 01 năm 2024" and date.runs[0].italic


def test_docx_title_headings_and_figures(docx_file):
    paragraphs = docx_file.paragraphs
    title = next(p for p in paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold
    assert any(p.text == "tổng kết công tác xây dựng Đảng năm 2023" and p.runs[0].bold for p in paragraphs)
    by_style = {}
    for p in paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Heading 1"] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
    ]
    assert "2. Công tác tổ chức, xây dựng tổ chức cơ sở đảng và đảng viên" in by_style["Heading 2"]
    assert "c) Về công tác phát triển đảng viên" in by_style["Heading 3"]
    text = _all_docx_text(docx_file)
    for figure in KEY_FIGURES:
        assert figure in text
    assert "kết nạp 2.051 đảng viên mới, đạt 100,05% so với chỉ tiêu" in text
    assert "T/M BAN THƯỜNG VỤ" in text and "BÍ THƯ" in text and "Nơi nhận:" in text


def test_docx_tables_and_charts(docx_file, report):
    tables = docx_file.tables
    annex = tables[-1]
    header = [cell.text for cell in annex.rows[0].cells]
    assert header[:3] == ["Chỉ tiêu", "Toàn Đảng bộ", "Huyện Mỹ Xuyên"]
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in annex.rows}
    assert rows["Tổng số đảng viên"][1:4] == ["48.879", "5.210", "4.100"]
    assert rows["Tỷ lệ đạt chỉ tiêu (%)"][1] == "100,05%"
    assert annex.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None  # header repeats on each page
    comparison = tables[-2]
    assert [c.text for c in comparison.rows[0].cells] == ["Chỉ tiêu", "Năm 2023", "Năm 2022", "Tăng (+), giảm (−)"]
    assert len(docx_file.inline_shapes) == len(report.chart_names) == 4


def test_docx_fonts_and_page(docx_file):
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        style = docx_file.styles[name]
        fonts = style.element.find(f"{W}rPr/{W}rFonts")
        assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}, name
        assert not any(a.endswith("Theme") for a in fonts.attrib), name
        assert style.font.size.pt == 14
    first, annex = docx_file.sections[0], docx_file.sections[-1]
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(first.left_margin.cm), round(first.right_margin.cm, 1)) == (3, 1.5)
    assert 2.0 <= first.top_margin.cm <= 2.5 and 2.0 <= first.bottom_margin.cm <= 2.5
    assert annex.page_width > annex.page_height
    assert docx_file.core_properties.title == "Báo cáo tổng kết công tác xây dựng Đảng năm 2023"


# --- PDF ------------------------------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@needs_poppler
def test_pdf_text_layer(pdf_bytes, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf_bytes)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BAN THƯỜNG VỤ" in text and "BÁO CÁO" in text
    assert "Sóc Trăng, ngày 15 tháng 01 năm 2024" in text
    for figure in KEY_FIGURES:
        assert figure in text
    assert "kết nạp 2.051 đảng viên mới" in re.sub(r"\s+", " ", text)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    assert re.search(r"Times-?New-?Roman|Liberation-?Serif|DejaVu-?Serif", fonts)


@needs_poppler
def test_pdf_pages_and_first_page_image(pdf_bytes, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf_bytes)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, check=True, text=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert sizes[0] == ("595.276", "841.89")  # A4 portrait
    assert ("841.89", "595.276") in sizes  # the annex is landscape
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    image = next(tmp_path.glob("p*.png"))
    assert image.stat().st_size > 10_000


# --- HTML -----------------------------------------------------------------------------------------


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline_styles, self.handlers, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, _value in attrs:
            if name == "style":
                self.inline_styles.append(tag)
            if name.startswith("on"):
                self.handlers.append((tag, name))


def test_html_document(report):
    html = html_renderer.render(report).decode("utf-8")
    inspector = _Inspector()
    inspector.feed(html)
    assert inspector.inline_styles == [] and inspector.handlers == [] and "script" not in inspector.tags
    assert inspector.tags.count("style") == 1  # the stylesheet in <head>, nothing inline
    for figure in KEY_FIGURES:
        assert figure in html
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "<title>Báo cáo tổng kết" in html
    assert html.count('src="data:image/svg+xml;base64,') == 4


def test_body_html_is_embeddable(report):
    body = html_renderer.body_html(report)
    inspector = _Inspector()
    inspector.feed(body)
    assert inspector.tags[0] == "article"
    assert not {"html", "head", "style", "script", "link"} & set(inspector.tags)
    assert inspector.inline_styles == [] and inspector.handlers == []
    assert "48.879" in body and 'class="xdd-report"' in body


def test_html_escapes_names():
    data = sample_data()
    data["annex"][0]["org"]["name"] = 'Đảng bộ <b>huyện</b> & "Mỹ Xuyên"'
    report = assemble(data, "annual", [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")], issued_on=D(2024, 1, 15))
    body = html_renderer.body_html(report)
    assert "<b>huyện</b>" not in body and "&lt;b&gt;huyện&lt;/b&gt;" in body


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_annex(report):
    book = load_workbook(io.BytesIO(xlsx_renderer.render(report)))
    assert book.sheetnames == ["Phụ lục", "So sánh", "Biểu đồ", "Thông tin"]
    sheet = book["Phụ lục"]
    header = [c.value for c in sheet[4]]
    # Vietnamese labels first; the keys only in the last column, hidden.
    assert header[:3] == ["Chỉ tiêu", "Toàn Đảng bộ", "Huyện Mỹ Xuyên"]
    assert header[-1] == "Mã chỉ tiêu"
    key_letter = get_column_letter(len(header))
    assert sheet.column_dimensions[key_letter].hidden
    assert sheet.freeze_panes == "B5"
    rows = {row[len(header) - 1].value: row for row in sheet.iter_rows(min_row=5)}
    total = rows["members.total"]
    assert total[0].value == "Tổng số đảng viên"
    assert (total[1].value, total[1].number_format) == (48879, xlsx_renderer.INTEGER_FORMAT)
    assert total[2].value == 5210
    target = rows["admissions.target_pct"][1]
    assert (target.value, target.number_format) == (100.05, '[$-42A]0.00"%"')
    assert rows["own.documents.concretized.total"][1].value == 20  # XLSX keeps every key
    assert sheet.column_dimensions["A"].width >= 40
    comparison = book["So sánh"]
    values = {row[0].value: [c.value for c in row] for row in comparison.iter_rows(min_row=4)}
    assert values["Tổng số đảng viên"][1:4] == [48879, 47389, 1490]
    assert len(book["Biểu đồ"]._images) == 4


# --- JSON -----------------------------------------------------------------------------------------


def test_json_is_the_spec_document(report):
    data = json.loads(json_renderer.render(report).decode("utf-8"))
    assert data["org"] == {"code": "ST", "name": "Đảng bộ tỉnh Sóc Trăng"}
    assert data["period"] == {"from": "2023-01-01", "to": "2023-12-31"}
    assert data["indicators"]["members.total"] == 48879
    assert data["indicators"]["admissions.target_pct"] == 100.05
    assert data["kind"] == "annual" and data["annex"][0]["org"]["code"] == "MX"


# --- charts ---------------------------------------------------------------------------------------


def test_charts_svg_png_and_empty_series():
    series = sample_data()["series"]
    svg = charts.svg("members", series)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert charts.svg("members", series) == svg  # deterministic: the web caches by content
    assert charts.png("age", series)[:8] == b"\x89PNG\r\n\x1a\n"
    assert charts.data_uri(svg).startswith("data:image/svg+xml;base64,")
    empty = {"years": [], "age": {}, "ratings": {"members": {"good": 0}}}
    assert all(charts.svg(name, empty) is None for name in charts.CHARTS)
    assert charts.svg("admissions", {"years": [{"year": 2023, "members": 5, "admissions": 2, "target": None}]})


# --- Party-document layout (issue 13 item 2) and the XLSX of item 6 --------------------------------


def test_docx_properties_are_the_committee_s(report, docx_file):
    properties = docx_file.core_properties
    assert properties.author == properties.last_modified_by == "Ban Thường vụ Tỉnh ủy Sóc Trăng"
    assert properties.title == "Báo cáo tổng kết công tác xây dựng Đảng năm 2023"
    created, modified = (value.replace(tzinfo=None) for value in (properties.created, properties.modified))
    assert created == modified == dt.datetime(2024, 1, 15, 8, 0)
    assert properties.revision == 1
    with zipfile.ZipFile(io.BytesIO(docx_renderer.render(report))) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "python-docx" not in core and "2013" not in core


def test_docx_undated_report_leaves_the_date_blank_and_is_created_now():
    undated = assemble(sample_data(), "annual", [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")])
    assert undated.date_line == "Sóc Trăng, ngày ..... tháng ..... năm ........"
    document = Document(io.BytesIO(docx_renderer.render(undated)))
    assert document.tables[0].rows[0].cells[1].paragraphs[-1].text == undated.date_line
    created = document.core_properties.created.replace(tzinfo=None)
    assert abs((created - dt.datetime.now()).total_seconds()) < 120


def test_docx_tables_grid_matches_the_cells_and_rows_do_not_split(docx_file):
    for table in docx_file.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid]
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            cells = row._tr.findall(qn("w:tc"))
            if len(cells) == len(grid):
                assert [int(c.tcPr.tcW.get(qn("w:w"))) for c in cells] == grid
    annex = docx_file.tables[2:]
    assert annex and all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in annex)


def test_docx_closing_paragraph_keeps_with_the_signature(report, docx_file):
    closing = [b.text for b in report.body if isinstance(b, Para)][-1]
    paragraph = next(p for p in docx_file.paragraphs if p.text == closing)
    assert paragraph.paragraph_format.keep_with_next and paragraph.paragraph_format.keep_together


def test_annex_without_comparison_starts_with_its_first_table():
    """No page with only "PHỤ LỤC": the first table follows the title when nothing precedes it."""
    data = sample_data()
    data["previous"] = None
    bare = assemble(data, "annual", [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")])
    assert bare.comparison is None
    document = Document(io.BytesIO(docx_renderer.render(bare)))
    titles = [p for p in document.paragraphs if re.match(r"Biểu \d", p.text)]
    assert titles and not titles[0].paragraph_format.page_break_before
    assert all(t.paragraph_format.page_break_before for t in titles[1:])
    annex_title = next(p for p in document.paragraphs if p.text == "PHỤ LỤC")
    assert annex_title.paragraph_format.keep_with_next


def test_xlsx_information_sheet_dates_and_labels(report):
    book = load_workbook(io.BytesIO(xlsx_renderer.render(report)))
    info = {row[0].value: row[1].value for row in book["Thông tin"].iter_rows()}
    assert (info["Từ ngày"], info["Đến ngày"], info["Ngày báo cáo"]) == ("01/01/2023", "31/12/2023", "15/01/2024")
    assert re.fullmatch(r"\d\d/\d\d/\d{4} – \d\d/\d\d/\d{4}", info["Kỳ so sánh"])
    for sheet in book.worksheets:  # no indicator key shown where a clerk reads
        for row in sheet.iter_rows(max_col=1):
            assert not re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", str(row[0].value or ""))
    changes = [row[3] for row in book["So sánh"].iter_rows(min_row=4) if row[3].value is not None]
    assert changes and all(c.number_format.startswith("[$-42A]+") for c in changes)
    assert book.properties.creator == "Ban Thường vụ Tỉnh ủy Sóc Trăng"


def test_ratings_of_the_direct_units_as_an_annex_table():
    from xaydungdang.reports.annex import ratings_table

    data = sample_data()
    # No unit rated: no table (never an empty annex page).
    bare = assemble(data, "annual", [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")])
    assert ratings_table(bare.annex) is None and bare.annex_extras == []
    child = data["annex"][0]["indicators"]
    child.update({"ratings.members.excellent": 120, "ratings.members.good": 3210, "ratings.grassroots.good": 40})
    child["ratings.members.good_or_better_pct"] = 88.5
    rated = assemble(data, "annual", [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")])
    table = ratings_table(rated.annex)
    assert table is not None and table.header[0] == "Đơn vị" and len(table.header) == 11
    assert [row[0] for row in table.rows] == [c.title for c in rated.annex.columns[1:]] + ["Toàn Đảng bộ"]
    assert table.rows[0][table.header.index("Đảng viên: HTT")] == "3.210"
    assert table.rows[0][table.header.index("Đảng viên: tốt trở lên (%)")] == "88,50%"
    document = Document(io.BytesIO(docx_renderer.render(rated)))
    assert any(p.text == table.title for p in document.paragraphs)
    assert [c.text for c in document.tables[-1].rows[0].cells] == table.header
