"""Hostile and broken files: every one gives a clear Vietnamese message, exit 1, and writes nothing."""

import zipfile

import openpyxl
import pytest

from xaydungdang.interchange.exporter import export_path
from xaydungdang.interchange.importer import import_path, import_tables
from xaydungdang.interchange.tests.helpers import copy_sample, messages, read_table, set_cell, table_counts
from xaydungdang.members.models import Member

ORG_HEADER = "code,name,kind,parent_code,established_on\n"
ORG_ROW = "P,Đảng bộ tỉnh Thử,provincial,,2015-01-01\n"


def refused(path) -> list[str]:
    before = table_counts()
    report = import_path(path)
    assert not report.ok
    assert table_counts() == before
    return messages(report)


def write(path, text: str, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def folder(db, tmp_path):
    target = tmp_path / "ds"
    target.mkdir()
    return target


def test_formulas_are_stored_as_text_and_neutralized_on_export(db, tmp_path):
    source = copy_sample(tmp_path)
    set_cell(source, "members", 2, "Họ và tên", '=HYPERLINK("http://x","bấm")')
    set_cell(source, "members", 3, "Quê quán", "+84 912 345 678")
    set_cell(source, "members", 4, "Nơi cư trú", "@SUM(A1)")
    set_cell(source, "member_events", 4, "Ghi chú", "-2+3")
    report = import_path(source)
    assert report.ok, messages(report)
    assert Member.objects.get(member_no="TM001").full_name == '=HYPERLINK("http://x","bấm")'
    assert Member.objects.get(member_no="TM002").hometown == "+84 912 345 678"

    export_path(tmp_path / "out")
    members = {r[0]: r for r in read_table(tmp_path / "out", "members")}
    header = read_table(tmp_path / "out", "members")[0]
    assert members["TM001"][header.index("full_name")] == '\'=HYPERLINK("http://x","bấm")'
    assert members["TM002"][header.index("hometown")] == "'+84 912 345 678"
    assert members["TM003"][header.index("residence")] == "'@SUM(A1)"
    # Dates and numbers are not text: never guarded.
    assert members["TM001"][header.index("birth_date")] == "1970-03-12"
    classes = read_table(tmp_path / "out", "classes")
    assert classes[1][classes[0].index("participants")] == "1250"

    export_path(tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    sheet = book["members"]
    names = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert names["TM001"].value == '\'=HYPERLINK("http://x","bấm")' and names["TM001"].data_type == "s"
    born = sheet.cell(row=2, column=4)
    assert born.is_date and born.value.date().isoformat() == "1970-03-12"
    assert book["classes"].cell(row=2, column=6).value == 1250


def test_guard_apostrophe_round_trips(db, tmp_path):
    """'=x (a user's own guard) and ''=x survive export and import unchanged in meaning."""
    from xaydungdang.core.spreadsheet import guard as neutralize
    from xaydungdang.interchange.columns import clean_text

    for text in [
        "=1+2",
        "'=1+2",
        "''=x",
        "-",
        "-5",
        "'plain",
        "plain",
        "@a",
        "2023-01-05",
        "＝1",
        "'＝1",
        "＋84",
        "@SUM(1)",
        "=cmd|' /C calc'!A0",
    ]:
        assert clean_text(neutralize(text)) == text
    assert neutralize("2023-01-05") == "2023-01-05" and neutralize("Nguyễn") == "Nguyễn"


def test_csv_in_cp1258_is_refused(folder):
    # Every character here exists precomposed in Windows-1258.
    write(
        folder / "organizations.csv",
        ORG_HEADER + "P,Đảng bộ Đông Hưng,provincial,,2015-01-01\n".replace("ả", "a\u0309").replace("ộ", "ô\u0323"),
        "cp1258",
    )
    errors = refused(folder)
    assert len(errors) == 1
    assert errors[0].startswith("organizations: Tệp organizations.csv không phải mã hóa UTF-8 (lỗi ở dòng 2)")


def test_utf16_is_refused(folder):
    write(folder / "organizations.csv", ORG_HEADER + ORG_ROW, "utf-16")
    assert "UTF-16" in refused(folder)[0]


def test_files_over_the_limit_are_refused(folder, settings, tmp_path):
    settings.XDD_MAX_UPLOAD_BYTES = 100 * 1024 * 1024
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as handle:  # a sparse file: 101 MB without writing them
        handle.truncate(101 * 1024 * 1024)
    errors = refused(big)
    assert errors == [
        "big.xlsx: Tệp big.xlsx có dung lượng 101 MB, vượt giới hạn 100 MB; không nhập. Hãy chia nhỏ "
        "dữ liệu hoặc nhờ quản trị hệ thống nâng giới hạn XDD_MAX_UPLOAD_BYTES."
    ]
    settings.XDD_MAX_UPLOAD_BYTES = 40
    write(folder / "organizations.csv", ORG_HEADER + ORG_ROW)
    assert "vượt giới hạn" in refused(folder)[0]


def test_zip_bomb_is_refused(db, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organizations.csv", ORG_HEADER + ORG_ROW)
        archive.writestr("members.csv", b"0" * (64 * 1024 * 1024))  # compresses about 1000 times
    errors = refused(bomb)
    assert len(errors) == 1 and "có dấu hiệu tệp nén độc hại" in errors[0]


def test_zip_total_size_limit(db, tmp_path, settings):
    settings.XDD_MAX_UNCOMPRESSED_BYTES = 1000
    archive_path = tmp_path / "many.zip"
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("organizations.csv", ORG_HEADER + ORG_ROW * 40)
    assert "khi giải nén lớn" in refused(archive_path)[0]


@pytest.mark.parametrize("name", ["../organizations.csv", "/etc/organizations.csv", "a/b/organizations.csv"])
def test_zip_paths_outside_or_nested_are_refused(db, tmp_path, name):
    archive_path = tmp_path / "paths.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr(name, ORG_HEADER + ORG_ROW)
    errors = refused(archive_path)
    assert len(errors) == 1 and ("không an toàn" in errors[0] or "lồng nhau" in errors[0])


def test_zip_of_a_csv_folder_imports(db, tmp_path):
    source = copy_sample(tmp_path)
    archive_path = tmp_path / "tinh_mau.zip"
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.iterdir()):
            archive.write(path, f"tinh_mau/{path.name}")  # zipped folder: one directory level
    report = import_path(archive_path)
    assert report.ok, messages(report)
    assert Member.objects.count() == 10


def test_huge_cells_are_refused(folder):
    write(folder / "organizations.csv", ORG_HEADER + "P," + "Đ" * 20_000 + ",provincial,,2015-01-01\n")
    assert refused(folder) == [
        "organizations, dòng 2: Ô thứ 2 dài 20.000 ký tự, vượt giới hạn 10.000 ký tự (tệp organizations.csv)."
    ]


def test_huge_cell_beyond_the_csv_field_limit(folder):
    write(folder / "organizations.csv", ORG_HEADER + 'P,"' + "x" * 200_000 + '",provincial,,2015-01-01\n')
    errors = refused(folder)
    assert len(errors) == 1 and "vượt giới hạn 10.000 ký tự" in errors[0]


def test_xlsx_that_is_not_a_zip(db, tmp_path):
    fake = write(tmp_path / "du-lieu.xlsx", "Đây không phải bảng tính\n")
    assert refused(fake) == [
        "du-lieu.xlsx: Tệp du-lieu.xlsx không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc sai định dạng)."
    ]


def test_xlsx_zip_without_a_workbook(db, tmp_path):
    fake = tmp_path / "rong.xlsx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert "bị hỏng hoặc không phải bảng tính Excel" in refused(fake)[0]


def test_no_table_at_all(folder):
    (folder / "README.txt").write_text("không phải bảng")
    errors = refused(folder)
    assert errors[0].startswith("ds: Tệp không có trang tính hay tệp CSV nào mang tên một bảng dữ liệu")


def test_a_table_without_organizations_is_judged_on_its_own(folder):
    # Any subset of the tables is a dataset (the organizations table is not required).
    write(folder / "members.csv", "member_no,full_name\n")
    assert refused(folder) == [
        "members, dòng 1, cột gender: Thiếu cột bắt buộc «Giới tính».",
        "members, dòng 1, cột birth_date: Thiếu cột bắt buộc «Ngày sinh».",
        "members, dòng 1, cột ethnicity: Thiếu cột bắt buộc «Dân tộc».",
        "members, dòng 1, cột joined_on: Thiếu cột bắt buộc «Ngày vào Đảng».",
    ]


def test_duplicate_header(folder):
    write(
        folder / "organizations.csv",
        "code,name,Tên tổ chức,kind,parent_code,established_on\nP,Tỉnh,Tỉnh,provincial,,2015-01-01\n",
    )
    assert refused(folder) == [
        "organizations, dòng 1, cột name: Cột «Tên tổ chức» trùng với cột «name» (cùng một cột dữ liệu)."
    ]


def test_missing_required_column(folder):
    write(folder / "organizations.csv", "code,name,parent_code,established_on\nP,Tỉnh,,2015-01-01\n")
    assert refused(folder) == ["organizations, dòng 1, cột kind: Thiếu cột bắt buộc «Loại tổ chức»."]


def test_malformed_csv(folder):
    write(folder / "organizations.csv", ORG_HEADER + 'P,"Tỉnh "Thử" mở,provincial,,2015-01-01\n')
    errors = refused(folder)
    assert len(errors) == 1 and errors[0].startswith("organizations, dòng 2: Tệp organizations.csv sai định dạng CSV")


def test_nul_bytes(folder):
    (folder / "organizations.csv").write_bytes((ORG_HEADER + "P,T\x00nh,provincial,,2015-01-01\n").encode())
    assert "ký tự NUL" in refused(folder)[0]


def test_empty_file_and_extra_cells(folder):
    write(folder / "organizations.csv", "")
    assert refused(folder) == ["organizations: Tệp organizations.csv trống: thiếu dòng tiêu đề."]
    write(folder / "organizations.csv", ORG_HEADER + ORG_ROW.strip() + ",thừa\n")
    assert refused(folder) == ["organizations, dòng 2: Dòng có 6 ô, nhiều hơn 5 cột của dòng tiêu đề."]


def test_unknown_columns_and_files_are_warnings(folder):
    write(
        folder / "organizations.csv",
        "code,name,kind,parent_code,established_on,Ghi chú riêng\nP,Tỉnh,provincial,,2015-01-01,abc\n",
    )
    write(folder / "ghi-chu.csv", "a\n1\n")
    (folder / "README.txt").write_text("không phải bảng")
    report = import_path(folder)
    assert report.ok, messages(report)
    warnings = [str(w) for w in report.warnings]
    assert "organizations, dòng 1: Cột «Ghi chú riêng» không thuộc bảng «Tổ chức đảng»; bỏ qua." in warnings
    assert any("ghi-chu.csv" in w for w in warnings)


def test_trailing_empty_columns_and_rows_are_ignored(folder):
    write(
        folder / "organizations.csv",
        "code,name,kind,parent_code,established_on,,\nP,Tỉnh,provincial,,2015-01-01,,\n,,,,,,\n\n",
    )
    report = import_path(folder)
    assert report.ok and report.counts == {"organizations": 1}


def test_control_characters_are_dropped(db):
    report = import_tables(
        {"organizations": [{"code": "P", "name": "Tỉnh\x07 Thử", "kind": "provincial", "established_on": "2015-01-01"}]}
    )
    assert report.ok
    from xaydungdang.organizations.models import Organization

    assert Organization.objects.get().name == "Tỉnh Thử"


def test_sheet_names_and_real_date_cells(db, tmp_path):
    """Sheets named in any case or by their Vietnamese name; dates as real date cells;
    a formula cell is never evaluated (its cached value is used, none here: empty)."""
    import datetime as dt

    book = openpyxl.Workbook()
    book.remove(book.active)
    orgs = book.create_sheet("Tổ chức đảng")
    orgs.append(["Mã tổ chức", "Tên tổ chức", "Loại tổ chức", "Mã tổ chức cấp trên", "Ngày thành lập"])
    orgs.append(["P", "Tỉnh Thử", "Đảng bộ tỉnh, thành phố", None, dt.datetime(2015, 1, 1)])
    orgs.append(["C", "Chi bộ", "Chi bộ cơ sở", "U", dt.date(2016, 1, 1)])
    orgs.append(["U", "Huyện", "upper", "P", "01/01/2015"])
    members = book.create_sheet("MEMBERS")
    members.append(
        [
            "so_ly_lich",
            "ho_ten",
            "gioi_tinh",
            "ngay_sinh",
            "dan_toc",
            "ngay_vao_dang",
            "ma_chi_bo",
            "Số định danh cá nhân",
            "Nơi cư trú",
        ]
    )
    members.append(
        ["A1", "Lê Thị Ánh", "Nữ", dt.datetime(1990, 1, 1), "Kinh", dt.datetime(2016, 5, 1), "C", 94012345678, "=1+1"]
    )
    path = tmp_path / "book.xlsx"
    book.save(path)
    report = import_path(path)
    assert messages(report) == [
        'members, dòng 2, cột national_id: Số định danh "94012345678" phải gồm đúng 12 chữ số '
        "— Luật Căn cước 2023; Quy định 384-QĐ/TW (19/11/2025) về chia sẻ dữ liệu."
    ]
    members.cell(row=2, column=8).value = "094012345678"
    book.save(path)
    report = import_path(path)
    assert report.ok, messages(report)
    member = Member.objects.get()
    assert member.residence == ""  # a formula without a cached value: read as empty, never run
    assert member.birth_date == dt.date(1990, 1, 1) and member.current_cell.code == "C"


def test_empty_formula_cell_in_a_required_column(db, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "organizations"
    sheet.append(["code", "name", "kind", "parent_code", "established_on"])
    sheet.append(["P", '=CONCAT("Tỉnh","Thử")', "provincial", None, "2015-01-01"])
    path = tmp_path / "formula.xlsx"
    book.save(path)
    # openpyxl wrote no cached value: read with data_only the cell is empty, never evaluated.
    assert refused(path) == ["organizations, dòng 2, cột name: Thiếu tên tổ chức."]


def test_duplicate_tables_in_a_folder(folder):
    write(folder / "organizations.csv", ORG_HEADER + ORG_ROW)
    write(folder / "Organizations.CSV", ORG_HEADER + ORG_ROW)
    errors = refused(folder)
    assert len(errors) == 1 and "xuất hiện hai lần" in errors[0]


def test_text_longer_than_the_field(folder):
    write(folder / "organizations.csv", ORG_HEADER + "P" * 41 + ",Tỉnh,provincial,,2015-01-01\n")
    assert refused(folder) == ["organizations, dòng 2, cột code: Quá dài (41 ký tự, tối đa 40)."]


def test_not_a_dataset_path(db, tmp_path):
    assert refused(tmp_path / "khong-co") == [f"khong-co: Không tìm thấy {tmp_path / 'khong-co'}."]
    text = write(tmp_path / "ghi-chu.txt", "x")
    assert "cần một thư mục các tệp CSV" in refused(text)[0]
