"""The annual quality forms (organizations and members, by unit type, with the reasons for "không
hoàn thành") as one XLSX workbook, laid out like reports/renderers/forms_xlsx.py: the masthead on
the left, the title and the period, the column headers and the column-number row, the rows, the
place and date. Times New Roman 13, A4. Every value goes through core.spreadsheet.safe_cell."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from xaydungdang.core.dates import today
from xaydungdang.core.formatting import long_date
from xaydungdang.core.spreadsheet import safe_cell
from xaydungdang.organizations import naming
from xaydungdang.reviews.models import RatingLevel
from xaydungdang.reviews.quality import NOT_RATED_LABELS

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)


def _put(sheet, row, column, value, *, bold=False, italic=False, align=None, border=False):
    cell = sheet.cell(row=row, column=column, value=safe_cell(value))
    cell.font = Font(name=FONT, size=13, bold=bold, italic=italic)
    if align is not None:
        cell.alignment = align
    if border:
        cell.border = BORDER
    return cell


def render(data: dict) -> bytes:
    org, period = data["org"], data["period"]
    book = Workbook()
    book.remove(book.active)
    # The staff body of the sheet's day prepares it (Ban Tổ chức; Ban Xây dựng Đảng of a commune-level
    # committee from 1/7/2025); a grassroots organization's committee prepares its own.
    day = today()
    name = naming.OrgName(org.name, org.kind)
    commission = naming.commission(name, day)
    for number, table in enumerate(data["tables"], start=1):
        sheet = book.create_sheet(f"Biểu {number}")
        headers = ["Loại hình cơ sở", *[label for _v, label in RatingLevel.choices], "Tổng số"]
        width = len(headers)
        _put(sheet, 1, 1, org.name.upper(), bold=True)
        if commission:
            _put(sheet, 2, 1, commission)
        _put(sheet, 1, width, f"Biểu chất lượng {number}", italic=True, align=Alignment(horizontal="right"))
        sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
        _put(sheet, 4, 1, f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI {table.title.upper()}", bold=True, align=CENTER)
        sheet.merge_cells(start_row=5, start_column=1, end_row=5, end_column=width)
        _put(sheet, 5, 1, f"Kỳ đánh giá: {period.label}", italic=True, align=CENTER)
        for col, text in enumerate(headers, start=1):
            _put(sheet, 7, col, text, bold=True, align=CENTER, border=True)
            _put(sheet, 8, col, col, italic=True, align=CENTER, border=True)
        row = 9
        for _value, label, counts, total in table.rows():
            for col, value in enumerate([label, *counts, total], start=1):
                _put(sheet, row, col, value, align=WRAP if col == 1 else CENTER, border=True)
            row += 1
        total = table.total()
        for col, value in enumerate(["Tổng cộng", *total, sum(total)], start=1):
            _put(sheet, row, col, value, bold=True, align=WRAP if col == 1 else CENTER, border=True)
        row += 2
        _put(sheet, row, 1, "Lý do không hoàn thành nhiệm vụ", bold=True)
        row += 1
        if not table.incomplete_reasons:
            _put(sheet, row, 1, "Không có.")
            row += 1
        for reason, n in sorted(table.incomplete_reasons.items()):
            _put(sheet, row, 1, reason, align=WRAP)
            _put(sheet, row, 2, n, align=CENTER)
            row += 1
        if table.not_rated:
            row += 1
            _put(sheet, row, 1, "Không xếp loại", bold=True)
            row += 1
            for reason, n in sorted(table.not_rated.items()):
                _put(sheet, row, 1, NOT_RATED_LABELS.get(reason, reason), align=WRAP)
                _put(sheet, row, 2, n, align=CENTER)
                row += 1
        _put(sheet, row + 1, width, long_date(day), italic=True)  # one date-line rule (core.formatting)
        _put(sheet, row + 2, 1, "NGƯỜI LẬP BIỂU", bold=True)
        _put(sheet, row + 2, width, f"T/M {commission or naming.committee_short(name).upper()}", bold=True)
        sheet.column_dimensions["A"].width = 40
        for letter in "BCDEF":
            sheet.column_dimensions[letter].width = 16
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.print_title_rows = "7:8"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
