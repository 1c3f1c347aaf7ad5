"""The statistical forms in their paper layout (issue 11 item 2): XLSX and PDF from contract JSON
objects built by hand (a Form 1, a Form 4 and a Form 5), the masthead by organization kind and
date, and the XLSX printed by LibreOffice: each form on A4 with its title and footer, no blank page."""

import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from xaydungdang.reports.issuer import OrgName
from xaydungdang.reports.renderers import forms_layout as layout
from xaydungdang.reports.renderers import forms_pdf, forms_xlsx

D = dt.date
ORG = {"code": "ST", "name": "Đảng bộ tỉnh Sóc Trăng"}
FORM1_ROWS = [
    ("A", "A - Đảng viên trong danh sách đầu kỳ báo cáo", 46823, 45100),
    ("B", "B - Đảng viên tăng trong kỳ", 2400, 2300),
    ("B1", "1. Kết nạp", 2051, 1990),
    ("B2", "2. Chuyển đến", 300, 280),
    ("B2a", "a. Tỉnh khác chuyển đến", 120, 100),
    ("B2b", "b. Huyện khác trong tỉnh chuyển đến", 180, 180),
    ("B3", "3. Phục hồi đảng tịch", 49, 30),
    ("C", "C - Đảng viên giảm trong kỳ", 344, 577),
    ("C1", "1. Từ trần", 200, 210),
    ("C2", "2. Khai trừ", 5, 4),
    ("C3", "3. Xóa tên", 30, 40),
    ("C3x", "Trong đó: Đảng viên dự bị", 3, 0),
    ("C4", "4. Xin ra khỏi Đảng", 2, 3),
    ("C5", "5. Chuyển đi", 107, 320),
    ("C5a", "a. Chuyển đi tỉnh khác", 57, 120),
    ("C5b", "b. Chuyển đi huyện khác trong tỉnh", 50, 200),
    ("D", "D - Đảng viên trong danh sách cuối kỳ báo cáo", 48879, 46823),
]
FORM4_ROWS = [
    ("I", "I. Đảng viên chia theo dân tộc", 48879, 22000, 100.0),
    ("I.01", "1. Kinh", 40000, 18000, 81.83),
    ("I.05", "5. Khơ-me (Khmer)", 8879, 4000, 18.17),
    ("II", "II. Đảng viên chia theo tôn giáo", 5000, 2500, 100.0),
    ("II.1", "1. Phật giáo", 3000, 1500, 60.0),
    ("II.3", "3. Phật giáo Hòa Hảo", 2000, 1000, 40.0),
    ("II.7", "7. Đạo khác", 0, 0, 0.0),
]
FORM5_COLUMNS = ["grassroots", "committees", "cells", "sub_committees", "subordinate_cells", "members"]
FORM5_ROWS = [
    ("01", "01. Xã", [80, 20, 60, 2, 300, 15000]),
    ("09a1", "- Nhà nước nắm giữ 100% vốn điều lệ", [5, 2, 3, 0, 3, 200]),
    ("total", "Cộng (1+….+11)", [644, 120, 524, 10, 2000, 48879]),
]


def _pct(now, before):
    return None if not before else round(now * 100 / before, 2)


def form1(period=("2024-01-01", "2024-12-31")) -> dict:
    return {
        "form": "1",
        "title": "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN",
        "org": ORG,
        "period": {"from": period[0], "to": period[1]},
        "previous": {"from": "2023-01-01", "to": "2023-12-31"},
        "columns": ["current", "previous", "pct"],
        "rows": [
            {"code": c, "label": label, "values": {"current": a, "previous": b, "pct": _pct(a, b)}}
            for c, label, a, b in FORM1_ROWS
        ],
    }


def form4() -> dict:
    return {
        "form": "4",
        "title": "THỐNG KÊ ĐẢNG VIÊN CHIA THEO DÂN TỘC, TÔN GIÁO",
        "org": ORG,
        "period": {"from": "2024-01-01", "to": "2024-03-31"},
        "previous": None,
        "columns": ["total", "female", "pct"],
        "rows": [
            {"code": c, "label": label, "values": {"total": t, "female": f, "pct": p}}
            for c, label, t, f, p in FORM4_ROWS
        ],
    }


def form5() -> dict:
    return {
        "form": "5",
        "title": "THỐNG KÊ TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN TRONG CÁC LOẠI HÌNH CƠ SỞ",
        "org": ORG,
        "period": {"from": "2024-01-01", "to": "2024-06-30"},
        "previous": None,
        "columns": FORM5_COLUMNS,
        "rows": [{"code": c, "label": label, "values": dict(zip(FORM5_COLUMNS, v))} for c, label, v in FORM5_ROWS],
    }


FORMS = [form1(), form4(), form5()]
HEADER = layout.header_from_chain(
    [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial"), OrgName("Đảng Cộng sản Việt Nam", "central")], D(2024, 12, 31)
)


# --- layout ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("2024-12-31", "Năm 2024"),
        ("2024-03-31", "Quý I năm 2024"),
        ("2024-06-30", "6 tháng đầu năm 2024"),
        ("2024-09-30", "9 tháng năm 2024"),
        ("2024-05-15", "Từ ngày 01/01/2024 đến ngày 15/05/2024"),
    ],
)
def test_period_line(end, expected):
    assert layout.period_line({"from": "2024-01-01", "to": end}) == expected


def test_column_headers_and_numbers():
    assert layout.column_headers(form1()) == ["Kỳ này", "Cùng kỳ năm trước", "(%) kỳ này so với cùng kỳ năm trước"]
    assert layout.number_row(form1()) == ["1", "2", "3", "4(=2*100/3)"]
    assert layout.column_headers(form4()) == ["Tổng số", "Trong đó: nữ", "Tỷ lệ (%)"]
    assert layout.number_row(form4()) == ["1", "2", "3", "4"]
    assert layout.column_headers(form5()) == [
        "Tổng số",
        "Đảng bộ cơ sở",
        "Chi bộ cơ sở",
        "Đảng bộ bộ phận",
        "Chi bộ trực thuộc",
        "Tổng số đảng viên",
    ]
    assert layout.number_row(form5()) == ["1", "2(=3+4)", "3", "4", "5", "6", "7"]


@pytest.mark.parametrize(
    ("code", "depth"),
    [("A", 0), ("B1", 1), ("B2a", 2), ("C3x", 2), ("I", 0), ("I.female", 1), ("II.1.a.01", 3), ("01", 0)]
    + [("06a", 1), ("09a1", 2), ("09b5x", 3), ("total", 0)],
)
def test_level(code, depth):
    assert layout.level(code) == depth


def test_display_uses_vietnamese_separators():
    assert layout.display(48879, False) == "48.879"
    assert layout.display(1234567, False) == "1.234.567"
    assert layout.display(104.385, True) == "104,39"  # half up
    assert layout.display(100, True) == "100,00"
    assert layout.display(None, True) == ""


def test_masthead_by_kind_and_date():
    province = OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")
    district = OrgName("Đảng bộ huyện Mỹ Xuyên", "upper")
    commune = OrgName("Đảng bộ xã Đại Tâm", "upper")
    grassroots = OrgName("Đảng bộ xã Đại Tâm", "grassroots_committee")
    assert (HEADER.parent_line, HEADER.name_line, HEADER.sign_title) == (
        "ĐẢNG BỘ TỈNH SÓC TRĂNG",
        "BAN TỔ CHỨC",
        "TRƯỞNG BAN",
    )
    before = layout.header_from_chain([district, province], D(2024, 12, 31))
    assert (before.parent_line, before.name_line) == ("ĐẢNG BỘ HUYỆN MỸ XUYÊN", "BAN TỔ CHỨC")
    after = layout.header_from_chain([commune, province], D(2025, 12, 31))
    assert (after.parent_line, after.name_line, after.place) == ("ĐẢNG BỘ XÃ ĐẠI TÂM", "BAN XÂY DỰNG ĐẢNG", "Đại Tâm")
    assert layout.header_from_chain([commune, province], D(2025, 6, 30)).name_line == "BAN TỔ CHỨC"
    own = layout.header_from_chain([grassroots, district, province], D(2024, 12, 31))
    assert (own.parent_line, own.name_line, own.sign_for, own.sign_title) == (
        "ĐẢNG BỘ HUYỆN MỸ XUYÊN",
        "ĐẢNG ỦY XÃ ĐẠI TÂM",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
    )
    assert HEADER.date_line == "Sóc Trăng, ngày ..... tháng ..... năm ........"
    dated = layout.header_from_chain([province], D(2024, 12, 31), issued_on=D(2025, 1, 5))
    assert dated.date_line == "Sóc Trăng, ngày 5 tháng 01 năm 2025"


# --- XLSX --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xlsx_bytes():
    return forms_xlsx.render(FORMS, HEADER)


def _texts(sheet) -> list[str]:
    return [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]


def _find(sheet, text):
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text!r} not in {sheet.title}")


def test_xlsx_one_sheet_per_form_laid_out_as_the_paper_form(xlsx_bytes):
    book = load_workbook(io.BytesIO(xlsx_bytes))
    assert book.sheetnames == ["Biểu 1", "Biểu 4", "Biểu 5"]
    sheet = book["Biểu 1"]
    assert sheet["A1"].value == "ĐẢNG BỘ TỈNH SÓC TRĂNG" and sheet["A2"].value == "BAN TỔ CHỨC"
    number = sheet["B1"]
    assert number.value == "Biểu số 1-BTCTW" and number.alignment.horizontal == "right"
    assert "B1:D1" in {str(merged) for merged in sheet.merged_cells.ranges}
    texts = _texts(sheet)
    for text in ["THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN", "Năm 2024", "Kỳ này", "Cùng kỳ năm trước"]:
        assert text in texts
    assert "(%) kỳ này so với cùng kỳ năm trước" in texts
    assert [_find(sheet, "1").offset(column=i).value for i in range(4)] == ["1", "2", "3", "4(=2*100/3)"]
    for text in ["NGƯỜI LẬP BIỂU", "TRƯỞNG BAN", "(Ký, đóng dấu, ghi rõ họ và tên)"]:
        assert text in texts
    assert "Sóc Trăng, ngày ..... tháng ..... năm ........" in texts
    # Rows in order, figures as real numbers, indentation by level.
    labels = [label for _code, label, *_ in FORM1_ROWS]
    first = _find(sheet, labels[0])
    assert [first.offset(row=i).value for i in range(len(labels))] == labels
    last = _find(sheet, labels[-1])
    assert [last.offset(column=i).value for i in (1, 2, 3)] == [48879, 46823, 104.39]
    assert last.offset(column=1).number_format == forms_xlsx.COUNT_FORMAT
    assert last.offset(column=3).number_format == forms_xlsx.DECIMAL_FORMAT
    assert _find(sheet, "1. Kết nạp").alignment.indent == 1
    assert _find(sheet, "a. Tỉnh khác chuyển đến").alignment.indent == 2
    assert first.font.b and not _find(sheet, "1. Kết nạp").font.b
    # The pct of a 0 previous is empty, not 0.
    assert _find(sheet, "Trong đó: Đảng viên dự bị").offset(column=3).value is None
    assert book["Biểu 4"]["B1"].value == "Biểu số 4-BTCTW"
    assert {"Tổng số", "Trong đó: nữ", "Tỷ lệ (%)", "Quý I năm 2024"} <= set(_texts(book["Biểu 4"]))
    form5_texts = _texts(book["Biểu 5"])
    assert {"Tổ chức cơ sở đảng", "Đảng bộ bộ phận", "2(=3+4)", "6 tháng đầu năm 2024"} <= set(form5_texts)


def test_xlsx_prints_on_a4_in_times_new_roman(xlsx_bytes):
    book = load_workbook(io.BytesIO(xlsx_bytes))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert int(setup.paperSize) == 9  # A4
        assert setup.orientation == ("landscape" if sheet.title == "Biểu 5" else "portrait")
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0
        assert sheet.print_area and sheet.print_title_rows
        if setup.orientation == "portrait":
            margins = sheet.page_margins
            assert (round(margins.left * 25.4), round(margins.right * 25.4)) == (30, 15)
        fonts = {
            (cell.font.name, cell.font.sz)
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None and cell.font.sz != 14
        }
        assert fonts == {("Times New Roman", 13)}
    assert book["Biểu 1"].print_title_rows == "$9:$10"
    assert book["Biểu 5"].print_title_rows == "$9:$11"  # two header rows and the numbers


def test_xlsx_without_header_and_with_hostile_text():
    hostile = form1()
    hostile["org"] = {"code": "X", "name": '=HYPERLINK("http://x","y")'}
    hostile["rows"][0]["label"] = "+1+1"
    hostile["rows"][1]["label"] = "- Nữ"
    hostile["rows"][2]["label"] = "+ Công nhân, lao động trực tiếp sản xuất"
    hostile["rows"][3]["label"] = "- =cmd|' /C calc'!A0"
    book = load_workbook(io.BytesIO(forms_xlsx.render([hostile])))
    texts = _texts(book.active)
    assert "'+1+1" in texts and "'- =cmd|' /C calc'!A0" in texts
    # The forms' own bullets print as on paper (no visible apostrophe) and stay plain text.
    assert "\u200b- Nữ" in texts and "\u200b+ Công nhân, lao động trực tiếp sản xuất" in texts
    assert not any(text.startswith("=") for text in texts)
    with pytest.raises(ValueError):
        forms_xlsx.render([])


# --- PDF ---------------------------------------------------------------------------------------------


def _pdf_pages(content: bytes, tmp_path) -> list[tuple[str, str]]:
    """[(page size line, page text)] through poppler."""
    path = tmp_path / "forms.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True)
    sizes = re.findall(r"^Page\s+\d+ size:\s+(.*)$", info.stdout, re.M)
    pages = []
    for number, size in enumerate(sizes, start=1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages.append((size, text))
    return pages


def _check_printed(pages, forms) -> None:
    """Each form on A4 pages from the one with its number to the next form's: title, period and
    footer on them; no blank page; Form 5 in landscape."""
    assert all("(A4)" in size for size, _text in pages), [size for size, _ in pages]
    assert all(text.strip() for _size, text in pages), "blank page"
    starts = []
    for form in forms:
        found = [i for i, (_size, text) in enumerate(pages) if layout.form_number(form) in text]
        assert found, f"form {form['form']} not printed"
        starts.append(found[0])
    assert starts == sorted(starts) and starts[0] == 0
    for form, start, end in zip(forms, starts, starts[1:] + [len(pages)], strict=True):
        mine = [text for _size, text in pages[start:end]]
        first = " ".join(mine[0].split())
        assert form["title"] in first and layout.period_line(form["period"]) in first
        last = mine[-1]
        assert "NGƯỜI LẬP BIỂU" in last and "TRƯỞNG BAN" in last, f"form {form['form']}: no footer"
        if len(form["columns"]) > 4:
            assert all(size.startswith("841") for size, _text in pages[start:end]), "Form 5 not landscape"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_one_form_per_page_on_a4(tmp_path):
    pages = _pdf_pages(forms_pdf.render(FORMS, HEADER), tmp_path)
    assert len(pages) == 3
    _check_printed(pages, FORMS)
    first = pages[0][1]
    for text in ["ĐẢNG BỘ TỈNH SÓC TRĂNG", "BAN TỔ CHỨC", "48.879", "104,39", "4(=2*100/3)", "(Ký, đóng dấu"]:
        assert text in first


def test_pdf_html_escapes_and_indents():
    hostile = form1()
    hostile["rows"][1]["label"] = "<script>alert(1)</script>"
    html = forms_pdf.forms_html([hostile], HEADER)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="xdd-form__row xdd-form__row--level2" data-code="B2a"' in html
    assert " style=" not in html


# --- LibreOffice -------------------------------------------------------------------------------------


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI: scripts/setup --test installs libreoffice-calc")
        pytest.skip("LibreOffice (soffice) not installed: apt-get install --no-install-recommends libreoffice-calc")
    return found


def _libreoffice_pages(xlsx: bytes, tmp_path) -> list[tuple[str, str]]:
    """The workbook printed to PDF by LibreOffice, page by page."""
    soffice = _soffice()
    source = tmp_path / "forms.xlsx"
    source.write_bytes(xlsx)
    # An English locale: the figures must still read 48.879 and 104,39.
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(source)],
        capture_output=True,
        check=True,
        timeout=120,
        env=env,
    )
    return _pdf_pages((tmp_path / "forms.pdf").read_bytes(), tmp_path)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_libreoffice_prints_each_form_on_a4(xlsx_bytes, tmp_path):
    pages = _libreoffice_pages(xlsx_bytes, tmp_path)
    assert len(pages) == 3
    _check_printed(pages, FORMS)
    first = pages[0][1]
    for text in ["ĐẢNG BỘ TỈNH SÓC TRĂNG", "48.879", "46.823", "104,39", "2.051", "(Ký, đóng dấu"]:
        assert text in first
    fonts = subprocess.run(["pdffonts", str(tmp_path / "forms.pdf")], capture_output=True, text=True).stdout
    assert "Times" in fonts or "LiberationSerif" in fonts


# --- the engine's forms --------------------------------------------------------------------------


@pytest.fixture
def engine_forms(tree):
    """All six forms of the test province for 2024 from indicators.statforms, on a small history."""
    from xaydungdang.conftest import person
    from xaydungdang.indicators.statforms import compute_forms
    from xaydungdang.members import actions as members

    for index in range(4):
        members.enter_member(
            person(f"F{index}", gender="female" if index % 2 else "male", ethnicity="Khmer" if index == 3 else "Kinh"),
            entry="opening",
            cell=tree["C1"] if index < 2 else tree["GC"],
            on=D(2016, 1, 1),
        )
    members.enter_member(person("F9", joined_on=D(2024, 3, 2)), entry="admitted", cell=tree["C2"], on=D(2024, 3, 2))
    return compute_forms("P", "2024")


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_engine_forms_print_as_paper_forms(engine_forms, tmp_path):
    """The real compute_forms output: every form and row in the workbook and the PDF, on A4 pages."""
    assert [form["form"] for form in engine_forms] == ["1", "2", "3", "4", "5", "7"]
    header = layout.forms_header("P", D(2024, 12, 31))
    assert (header.parent_line, header.name_line) == ("ĐẢNG BỘ TỈNH THỬ", "BAN TỔ CHỨC")
    content = forms_xlsx.render(engine_forms, header)
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Biểu 1", "Biểu 2", "Biểu 3", "Biểu 4", "Biểu 5", "Biểu 7"]
    for form, sheet in zip(engine_forms, book.worksheets, strict=True):
        texts = _texts(sheet)
        labels = [row["label"] for row in form["rows"]]
        assert [text.lstrip(forms_xlsx.ZERO_WIDTH_SPACE) for text in texts if text.lstrip("\u200b") in labels] == labels
        assert not any(text.startswith("'") for text in texts), "a label shows the guard apostrophe"
    form1_sheet = book["Biểu 1"]
    d_row = _find(form1_sheet, next(row["label"] for row in engine_forms[0]["rows"] if row["code"] == "D"))
    assert d_row.offset(column=1).value == 5
    _check_printed(_pdf_pages(forms_pdf.render(engine_forms, header), tmp_path), engine_forms)
    # "Done when": the XLSX opens in LibreOffice and prints each form on A4.
    printed = tmp_path / "libreoffice"
    printed.mkdir()
    _check_printed(_libreoffice_pages(content, printed), engine_forms)
