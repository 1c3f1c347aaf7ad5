"""Imports for a clerk (issue 12): messages name the sheet and column as the file does, any
subset of the tables is a dataset, and the template workbooks import once filled in."""

import datetime as dt
import io

import openpyxl
import pytest

from xaydungdang.interchange import templates
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.readers import HELP_SHEET, LISTS_SHEET
from xaydungdang.interchange.tables import TABLE_ORDER, TABLES
from xaydungdang.interchange.tests.helpers import SAMPLE, messages, table_counts
from xaydungdang.members.models import Member

# Two admissions into the sample's cell X1A, as a clerk types them (Vietnamese headers and labels).
MEMBER_HEADERS = ["Số lý lịch", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Ngày vào Đảng"]
MEMBERS = [
    ["TM901", "Lâm Thị Hoa", "Nữ", "12/08/1996", "Khmer", "19/05/2024"],
    ["TM902", "Đỗ Văn Minh", "Nam", "03/01/1994", "Kinh", "19/05/2024"],
]
EVENT_HEADERS = ["Số lý lịch", "Loại biến động", "Ngày hiệu lực", "Mã chi bộ", "Số quyết định", "Ngày quyết định"]
EVENTS = [
    ["TM901", "Kết nạp", "19/05/2024", "X1A", "21-QĐ/ĐU", "15/05/2024"],
    ["TM902", "Kết nạp", "19/05/2024", "X1A", "22-QĐ/ĐU", "15/05/2024"],
]


@pytest.fixture
def sample(db):
    report = import_path(SAMPLE)
    assert report.ok, messages(report)


def workbook(path, sheets: dict) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_errors_name_the_sheet_and_column_as_the_file_does(sample, tmp_path):
    bad = [row[:] for row in MEMBERS]
    bad[1][3] = "31/02/1994"
    path = tmp_path / "ket-nap.xlsx"
    workbook(path, {"Đảng viên": [MEMBER_HEADERS, *bad], "Biến động đảng viên": [EVENT_HEADERS, *EVENTS]})
    report = import_path(path)
    assert not report.ok
    assert [e.text for e in report.errors] == [
        'Trang «Đảng viên», dòng 3, cột «Ngày sinh» (birth_date): Ngày "31/02/1994" không hợp lệ.'
    ]
    # The canonical names stay available (str(), the CLI's tests, logs).
    assert messages(report) == ['members, dòng 3, cột birth_date: Ngày "31/02/1994" không hợp lệ.']


def test_csv_file_names_and_canonical_headers(sample, tmp_path):
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "dang-vien.csv").write_text(
        "member_no,full_name,gender,birth_date,ethnicity,Ngày vào Đảng\nTM903,Lý Văn Tư,Nam,1990-01-01,Kinh,xx\n",
        encoding="utf-8",
    )
    report = import_path(folder)
    texts = [e.text for e in report.errors]
    assert 'Tệp «dang-vien.csv», dòng 2, cột «Ngày vào Đảng» (joined_on): Ngày "xx" không hợp lệ.' in texts[0]


def test_missing_column_named_by_its_label(db, tmp_path):
    path = tmp_path / "to-chuc.xlsx"
    workbook(path, {"Tổ chức đảng": [["Mã tổ chức", "Tên tổ chức"], ["P", "Tỉnh"]]})
    texts = [e.text for e in import_path(path).errors]
    assert "Trang «Tổ chức đảng», dòng 1, cột «Loại tổ chức» (kind): Thiếu cột bắt buộc «Loại tổ chức»." in texts


def test_the_users_file_name_not_the_stored_one(db, tmp_path):
    stored = tmp_path / "upload.xlsx"
    stored.write_bytes(b"not a zip")
    report = import_path(stored, name="Danh sách kết nạp.xlsx")
    assert report.errors[0].text.startswith("Tệp «Danh sách kết nạp.xlsx»: Tệp Danh sách kết nạp.xlsx")
    assert "upload.xlsx" not in report.errors[0].text


def test_two_admissions_without_the_organizations_sheet(sample, tmp_path):
    path = tmp_path / "ket-nap.xlsx"
    workbook(path, {"Đảng viên": [MEMBER_HEADERS, *MEMBERS], "Biến động đảng viên": [EVENT_HEADERS, *EVENTS]})
    report = import_path(path)
    assert report.ok, [e.text for e in report.errors]
    assert set(Member.objects.filter(member_no__in=["TM901", "TM902"]).values_list("member_no", flat=True)) == {
        "TM901",
        "TM902",
    }


def test_an_organization_named_nowhere_is_an_error_naming_the_cell(sample, tmp_path):
    events = [row[:] for row in EVENTS]
    events[1][3] = "KHONGCO"
    path = tmp_path / "ket-nap.xlsx"
    workbook(path, {"Đảng viên": [MEMBER_HEADERS, *MEMBERS], "Biến động đảng viên": [EVENT_HEADERS, *events]})
    before = table_counts()
    report = import_path(path)
    assert not report.ok and table_counts() == before
    assert any(
        e.text.startswith("Trang «Biến động đảng viên», dòng 3, cột «Mã chi bộ» (org_code):") and "KHONGCO" in e.text
        for e in report.errors
    ), [e.text for e in report.errors]


# --- templates ------------------------------------------------------------------------------


def test_every_sheet_title_resolves_to_its_table():
    templates.check_titles()


@pytest.mark.parametrize("name", [templates.ALL, "members", "member_events", "ratings"])
def test_template_workbook(name):
    book = openpyxl.load_workbook(io.BytesIO(templates.workbook(name)))
    names = TABLE_ORDER if name == templates.ALL else [name]
    assert book.sheetnames == [HELP_SHEET, *[templates.sheet_title(n) for n in names], LISTS_SHEET]
    for table_name in names:
        table = TABLES[table_name]
        sheet = book[templates.sheet_title(table_name)]
        headers = [c.value for c in sheet[1]]
        assert headers == [c.label + (" *" if c.required else "") for c in table.columns]
        assert any(c.value not in (None, "") for c in sheet[2]), "an example row"
        listed = {
            str(rng).split(":")[0].rstrip("0123456789")
            for dv in sheet.data_validations.dataValidation
            for rng in dv.sqref.ranges
        }
        enums = {
            openpyxl.utils.get_column_letter(i) for i, c in enumerate(table.columns, 1) if c.type in ("enum", "bool")
        }
        assert listed == enums
    help_text = " ".join(str(c.value) for row in book[HELP_SHEET].iter_rows() for c in row if c.value)
    assert "Kiểm tra thử (không ghi)" in help_text and "bắt buộc" in help_text


def test_genders_drop_down_lists_the_labels():
    book = openpyxl.load_workbook(io.BytesIO(templates.workbook("members")))
    sheet = book["Đảng viên"]
    gender = next(dv for dv in sheet.data_validations.dataValidation if "C2" in str(dv.sqref))
    target = gender.formula1.split("!")[1].replace("$", "")
    values = [c.value for row in book[LISTS_SHEET][target] for c in row]
    assert values == ["Nam", "Nữ"]


def _fill(template: bytes, filled: dict) -> bytes:
    """A clerk's work: the example rows typed over (or deleted), some sheets filled in."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    for title in book.sheetnames:
        if title in (HELP_SHEET, LISTS_SHEET):
            continue
        sheet = book[title]
        sheet.delete_rows(2)
        headers = [str(c.value).rstrip(" *") for c in sheet[1]]
        for values in filled.get(title, []):
            row = sheet.max_row + 1
            for header, value in values.items():
                sheet.cell(row=row, column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_template_imports_cleanly(sample, tmp_path):
    members = [dict(zip(MEMBER_HEADERS, row)) for row in MEMBERS]
    for member in members:  # dates as a spreadsheet keeps them
        member["Ngày sinh"] = dt.datetime.strptime(member["Ngày sinh"], "%d/%m/%Y")
    events = [dict(zip(EVENT_HEADERS, row)) for row in EVENTS]
    path = tmp_path / "mau.xlsx"
    path.write_bytes(_fill(templates.workbook(templates.ALL), {"Đảng viên": members, "Biến động đảng viên": events}))
    report = import_path(path)
    assert report.ok, [e.text for e in report.errors]
    assert not report.warnings, [w.text for w in report.warnings]
    assert Member.objects.filter(member_no__in=["TM901", "TM902"]).count() == 2


def test_a_template_with_its_example_row_left_in_is_refused(sample, tmp_path):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(templates.workbook("members"))
    report = import_path(path)
    assert not report.ok
    assert any("VIDU-CB01" in e.text and e.text.startswith("Trang «Đảng viên», dòng 2") for e in report.errors)


def test_the_errors_as_a_workbook(admin_client, sample):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from xaydungdang.interchange.models import ImportJob
    from xaydungdang.web.tests.test_hostile_spreadsheets import check_xlsx

    bad = [row[:] for row in MEMBERS]
    bad[0][3] = "+1+1"  # formula-like text in a cell: quoted in the message, never a formula
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in {"Đảng viên": [MEMBER_HEADERS, *bad]}.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(buffer)
    upload = SimpleUploadedFile("Kết nạp đợt 1.xlsx", buffer.getvalue())
    admin_client.post(reverse("web:import_start"), {"file": upload})
    job = ImportJob.objects.get()
    assert job.state == "done" and not job.ok
    page = admin_client.get(reverse("web:import_job", args=[job.pk])).content.decode()
    assert reverse("web:import_errors", args=[job.pk]) in page
    response = admin_client.get(reverse("web:import_errors", args=[job.pk]))
    assert response.status_code == 200
    check_xlsx(response.content, "import errors workbook")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Lỗi"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0].startswith("Lỗi khi kiểm tra tệp Kết nạp đợt 1.xlsx (")
    assert rows[3] == ["Trang hoặc tệp", "Dòng", "Cột", "Lỗi"]
    assert rows[4][:3] == ["Trang «Đảng viên»", 2, "«Ngày sinh» (birth_date)"]
    assert rows[4][3].startswith("Ngày")


def test_the_import_page_offers_templates_and_says_what_the_button_does(admin_client):
    from django.urls import reverse

    page = admin_client.get(reverse("web:import_start")).content.decode()
    assert ">Kiểm tra thử (không ghi)</button>" in page
    assert "định dạng trao đổi" not in page
    for slug, _label in templates.CHOICES:
        assert reverse("web:import_template", args=[slug]) in page
    response = admin_client.get(reverse("web:import_template", args=["member_events"]))
    assert response.status_code == 200 and "mau-nhap-member-events.xlsx" in response["Content-Disposition"]
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[1] == "Biến động đảng viên"
    assert admin_client.get(reverse("web:import_template", args=["khong_co"])).status_code == 404
