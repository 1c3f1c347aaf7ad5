"""Member list export to XLSX: the filtered list as shown, text cells made safe for
spreadsheets (no formula injection), national IDs masked.

The sheet opens with title lines (issue 12 item 8): what it is, the unit it covers, the filter
applied and the day it was made; then the column headers and one row per member, dates as real
spreadsheet dates shown dd/mm/yyyy (sortable and computable, not text)."""

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.spreadsheet import safe_cell

TITLE = "DANH SÁCH ĐẢNG VIÊN"
DATE_FORMAT = "DD/MM/YYYY"
HEADERS = [
    "Số lý lịch",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Dân tộc",
    "Tôn giáo",
    "Số định danh",
    "Chi bộ",
    "Loại đảng viên",
    "Tình trạng",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Nghề nghiệp",
    "Lý luận chính trị",
]
WIDTHS = [12, 26, 8, 12, 10, 12, 16, 30, 12, 16, 14, 14, 24, 16]


def title_lines(unit: str, filters: list[str], day: dt.date, count: int | None = None) -> list[str]:
    """The lines above the table: title, unit, filter, date (and the count)."""
    made = f"Ngày xuất: {fmt_date(day)}"
    if count is not None:
        made += f" — {count:,} đảng viên".replace(",", ".")
    return [
        TITLE,
        f"Đơn vị: {unit}",
        "Điều kiện lọc: " + ("; ".join(filters) if filters else "không"),
        made,
    ]


def members_xlsx(queryset, *, unit: str = "", filters: list[str] | None = None, day: dt.date | None = None):
    """(the workbook's bytes, the member count)."""
    from xaydungdang.core.dates import today

    day = day or today()
    count = queryset.count()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đảng viên")
    sheet.freeze_panes = "A7"  # the title lines, a blank line and the header stay in view
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    lines = title_lines(unit or "toàn bộ phạm vi được phân quyền", filters or [], day, count)
    bold = Font(bold=True)
    for number, line in enumerate(lines):
        cell = WriteOnlyCell(sheet, value=safe_cell(line))
        if number == 0:
            cell.font = Font(bold=True, size=13)
        sheet.append([cell])
    sheet.append([])
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def date_cell(value):
        cell = WriteOnlyCell(sheet, value=value)
        if value is not None:
            cell.number_format = DATE_FORMAT
        return cell

    written = 0
    for m in queryset.select_related("current_cell").iterator(chunk_size=2000):
        written += 1
        sheet.append(
            [
                safe_cell(m.member_no),
                safe_cell(m.full_name),
                safe_cell(m.get_gender_display()),
                date_cell(m.birth_date),
                safe_cell(m.ethnicity),
                safe_cell(m.religion),
                safe_cell(m.masked_national_id),
                safe_cell(m.current_cell.name if m.current_cell else ""),
                safe_cell(m.get_status_display()),
                safe_cell(m.get_state_display()),
                date_cell(m.joined_on),
                date_cell(m.official_on),
                safe_cell(m.get_occupation_display()),
                safe_cell(m.get_political_theory_display()),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), written
