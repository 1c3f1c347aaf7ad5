"""Template workbooks a clerk fills in: one per table, and one with every table.

Each data sheet is named as a clerk would name it (the table's Vietnamese label, which the
importer resolves), has Vietnamese headers (required columns marked *), one example row in
grey italics (codes starting VIDU-, which exist nowhere: left in by mistake, the check says
so), drop-down lists for enumerations and yes/no columns (openpyxl DataValidation, fed from
the sheet "Danh mục"), and a sheet "Hướng dẫn" that says what each column holds. A filled
template imports as it is: the help sheets are skipped by the reader (readers.HELP_SHEETS).
"""

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from xaydungdang.core.spreadsheet import safe_cell
from xaydungdang.interchange.columns import BOOL, DATE, ENUM, INT, LONGTEXT
from xaydungdang.interchange.readers import HELP_SHEET, LISTS_SHEET
from xaydungdang.interchange.tables import TABLE_ORDER, TABLES, resolve_table

# Excel limits a sheet's name to 31 characters: the few longer labels use an accepted alias.
SHEET_TITLES = {"dialogues": "Đối thoại"}
ALL = "tat-ca"
ROWS_WITH_LISTS = 2000  # the drop-down lists cover this many rows under the header
YES_NO = "có,không"

# An example value per column name where the type alone says too little.
EXAMPLES = {
    "code": "VIDU-CB01",
    "name": "Chi bộ Ấp Ví Dụ",
    "parent_code": "VIDU-DB",
    "new_parent_code": "VIDU-DB",
    "locality_code": "VIDU-AP",
    "org_code": "VIDU-CB01",
    "decided_by": "VIDU-DB",
    "granted_by": "VIDU-DB",
    "rated_by": "VIDU-DB",
    "member_no": "VIDU0001",
    "subject": "VIDU0001",
    "full_name": "Nguyễn Văn Ví Dụ",
    "ethnicity": "Kinh",
    "religion": "",
    "national_id": "",
    "hometown": "Xã Ví Dụ, tỉnh Sóc Trăng",
    "residence": "Ấp Ví Dụ, xã Ví Dụ",
    "general_education": "12/12",
    "card_no": "",
    "decision_no": "12-QĐ/ĐU",
    "number": "15-NQ/ĐU",
    "title": "Quán triệt Nghị quyết Đại hội",
    "period": "2025",
    "year": 2025,
    "host": "Bí thư Đảng ủy",
    "home_org": "Chi bộ Ấp Nơi Khác",
    "concretizes": "",
    "birth_date": dt.date(1990, 5, 20),
    "joined_on": dt.date(2020, 2, 3),
    "official_on": dt.date(2021, 2, 3),
    "as_of": dt.date(2025, 1, 1),
    "established_on": dt.date(2020, 1, 1),
    "youth_union_from": dt.date(2006, 3, 26),
    "youth_union_until": "",
    "dissolved_on": "",
    "concluded_on": "",
    "outcome_on": "",
    "ended_on": "",
    "until": "",
    "academic_title": "",
    "admission_exception": "không",
    "reason": "",
    "note": "",
}

KIND_WORDS = {
    DATE: "ngày (dd/mm/yyyy)",
    INT: "số nguyên",
    BOOL: "có / không (chọn trong danh sách)",
    ENUM: "chọn trong danh sách",
    LONGTEXT: "chữ (có thể nhiều dòng)",
}

HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
BOLD = Font(bold=True)
EXAMPLE_FONT = Font(italic=True, color="808080")


def sheet_title(name: str) -> str:
    return SHEET_TITLES.get(name, TABLES[name].label)


def file_name(name: str) -> str:
    return "mau-nhap-tat-ca-cac-bang.xlsx" if name == ALL else f"mau-nhap-{name.replace('_', '-')}.xlsx"


# The templates offered on the import page: (slug, what it holds); the first is the whole set.
CHOICES = [(ALL, "Tất cả các bảng")] + [(name, TABLES[name].label) for name in TABLE_ORDER]


def _example(column):
    if column.name in EXAMPLES:
        return EXAMPLES[column.name]
    if column.type == DATE:
        return dt.date(2024, 3, 15)
    if column.type == INT:
        return 1
    if column.type == BOOL:
        return "không"
    if column.type == ENUM and column.choices is not None:
        return next(iter(column.choices.labels.values()))
    return ""


class _Lists:
    """The sheet "Danh mục": one column per enumeration, referenced by the drop-down lists."""

    def __init__(self, book):
        self.sheet = book.create_sheet(LISTS_SHEET)
        self.ranges: dict = {}

    def range_of(self, column) -> str:
        key = tuple(column.choices.labels.items())
        if key not in self.ranges:
            index = len(self.ranges) + 1
            letter = get_column_letter(index)
            self.sheet.cell(row=1, column=index, value=safe_cell(column.label)).font = BOLD
            labels = list(column.choices.labels.values())
            for row, label in enumerate(labels, start=2):
                self.sheet.cell(row=row, column=index, value=safe_cell(label))
            self.sheet.column_dimensions[letter].width = max(18, min(60, max(len(x) for x in labels) + 2))
            self.ranges[key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
        return self.ranges[key]


def _data_sheet(book, name: str, lists: _Lists) -> None:
    table = TABLES[name]
    sheet = book.create_sheet(sheet_title(name))
    last = ROWS_WITH_LISTS + 1
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.label + (" *" if column.required else ""))
        header.font, header.fill = BOLD, HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="center")
        header.comment = Comment(_describe(column), "Xây dựng Đảng")
        example = sheet.cell(row=2, column=index, value=safe_cell(_example(column)) or None)
        example.font = EXAMPLE_FONT
        if column.type == DATE:
            for row in range(2, 3):
                sheet.cell(row=row, column=index).number_format = "dd/mm/yyyy"
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.label) + 4))
        if column.type == ENUM and column.choices is not None:
            rule = DataValidation(type="list", formula1=lists.range_of(column), allow_blank=True)
        elif column.type == BOOL:
            rule = DataValidation(type="list", formula1=f'"{YES_NO}"', allow_blank=True)
        else:
            continue
        # A warning, not a refusal: the importer also accepts codes and spellings without diacritics.
        rule.errorStyle = "warning"
        rule.error = "Giá trị này không có trong danh sách; kiểm tra thử sẽ báo nếu không đọc được."
        rule.errorTitle = column.label
        rule.prompt = "Chọn trong danh sách"
        rule.promptTitle = column.label
        sheet.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{last}")
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32


def _describe(column) -> str:
    kind = KIND_WORDS.get(column.type, "chữ")
    text = f"{column.label}: {kind}; {'bắt buộc' if column.required else 'không bắt buộc'}."
    if column.type == ENUM and column.choices is not None and len(column.choices.labels) <= 12:
        text += " Giá trị: " + "; ".join(column.choices.labels.values()) + "."
    return text


def _help_sheet(book, names: list[str]) -> None:
    sheet = book.create_sheet(HELP_SHEET, 0)
    lines = [
        ("Mẫu nhập dữ liệu — Xây dựng Đảng", None),
        ("", None),
        ("Cách dùng", None),
        ("1. Mỗi trang tính là một bảng; chỉ cần điền những bảng có dữ liệu, xóa hoặc để trống các trang khác.", None),
        (
            "2. Dòng 2 của mỗi trang là ví dụ (chữ nghiêng màu xám, mã bắt đầu bằng VIDU): gõ đè lên hoặc xóa đi "
            "trước khi nhập.",
            None,
        ),
        ("3. Cột có dấu * là bắt buộc. Ngày ghi dd/mm/yyyy. Cột có danh sách: bấm vào ô để chọn.", None),
        (
            "4. Tổ chức đảng và đảng viên được nhắc tới (mã tổ chức, số lý lịch) phải đã có trong hệ thống "
            "hoặc có trong cùng tệp.",
            None,
        ),
        (
            "5. Tải tệp lên trang Nhập dữ liệu, bấm «Kiểm tra thử (không ghi)»: hệ thống liệt kê mọi lỗi theo "
            "trang, dòng, cột. Khi không còn lỗi mới bấm «Nhập thật dữ liệu này».",
            None,
        ),
        ("6. Không đổi tên các trang tính và dòng tiêu đề.", None),
        ("", None),
    ]
    for name in names:
        table = TABLES[name]
        lines.append((f"Trang «{sheet_title(name)}»", None))
        for column in table.columns:
            lines.append((f"   {column.label}{' *' if column.required else ''}", _describe(column)))
        lines.append(("", None))
    for row, (first, second) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=safe_cell(first) if first else None)
        if row == 1 or (first and not first.startswith(" ") and second is None and not first[0].isdigit()):
            cell.font = BOLD
        if second:
            sheet.cell(row=row, column=2, value=safe_cell(second))
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 100


def workbook(name: str) -> bytes:
    """The template for one table (its name) or for all of them (ALL); KeyError for others."""
    names = list(TABLE_ORDER) if name == ALL else [TABLES[name].name]
    book = Workbook()
    book.remove(book.active)
    lists = _Lists(book)
    for table_name in names:
        _data_sheet(book, table_name, lists)
    _help_sheet(book, names)
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames) - 1 - book.sheetnames.index(LISTS_SHEET))
    book.properties.title = "Mẫu nhập dữ liệu"
    book.properties.language = "vi-VN"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check_titles() -> None:
    """Every sheet title resolves to its table (tests call it)."""
    for name in TABLE_ORDER:
        title = sheet_title(name)
        assert len(title) <= 31 and resolve_table(title) == name, (name, title)
