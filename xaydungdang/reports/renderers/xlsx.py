"""XLSX annex with openpyxl: real numbers (so that an office can add and sort them) whose formats
do not depend on the reader's locale: counts as `#"."###` with a literal dot (48.879 in every Excel
and LibreOffice, which a `#,##0` would show as 48,879 in an en-US one), percentages and signed
differences tagged with the Vietnamese locale `[$-42A]` (LibreOffice then writes 100,05% whatever
its own locale; Excel follows the system's decimal separator for those: a percentage cannot carry
a literal decimal comma and stay a number), every indicator including the committee's own ones,
frozen headers, a comparison sheet, the charts and a sheet describing the report. Every value
goes through core.spreadsheet.safe_cell: an organization named "=HYPERLINK(...)" stays text."""

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from xaydungdang.core.formatting import date as vn_date
from xaydungdang.core.spreadsheet import safe_cell
from xaydungdang.indicators.keys import LABELS, PERCENT_KEYS
from xaydungdang.reports.annex import MAIN_KEYS
from xaydungdang.reports.narrative.context import covers_previous

# Thousands with a literal dot (up to 999.999.999): the same text in every locale.
INTEGER_FORMAT = '[>=1000000]#"."###"."###;[>=1000]#"."###;0'
PERCENT_FORMAT = '[$-42A]0.00"%"'
CHANGE_FORMAT = "[$-42A]+#,##0;-#,##0;0"
PERCENT_CHANGE_FORMAT = '[$-42A]+0.00"%";-0.00"%";0'

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
BOLD = Font(name="Times New Roman", bold=True, size=11)
PLAIN = Font(name="Times New Roman", size=11)
TITLE = Font(name="Times New Roman", bold=True, size=13)


def _number_format(key: str) -> str:
    return PERCENT_FORMAT if key in PERCENT_KEYS else INTEGER_FORMAT


def _header_row(sheet, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row=row, column=column, value=safe_cell(title))
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _annex_sheet(sheet, report) -> None:
    annex = report.annex
    # Labels first, then one column per unit; the indicator keys (spec/indicators.md) only in
    # a last, hidden column for programs reading the annex back (a clerk never sees them).
    width = 1 + len(annex.columns)
    key_column = width + 1
    sheet["A1"] = safe_cell(f"Phụ lục: các chỉ tiêu của {report.org['name']} và các đơn vị trực thuộc")
    sheet["A1"].font = TITLE
    sheet["A2"] = safe_cell(f"{report.title} (từ {vn_date(report.start)} đến {vn_date(report.end)})")
    sheet["A2"].font = PLAIN
    _header_row(sheet, 4, ["Chỉ tiêu"] + [column.title for column in annex.columns] + ["Mã chỉ tiêu"])
    sheet.row_dimensions[4].height = 45
    row = 5
    for title, keys in annex.sections:
        cell = sheet.cell(row=row, column=1, value=safe_cell(title))
        for column in range(1, width + 1):
            sheet.cell(row=row, column=column).fill = GROUP_FILL
            sheet.cell(row=row, column=column).border = BORDER
        cell.font = BOLD
        row += 1
        for key, label in keys:
            sheet.cell(row=row, column=1, value=safe_cell(label)).font = PLAIN
            sheet.cell(row=row, column=key_column, value=safe_cell(key)).font = PLAIN
            for index in range(len(annex.columns)):
                value = annex.value(index, key)
                cell = sheet.cell(row=row, column=2 + index, value=safe_cell(value))
                cell.number_format = _number_format(key)
                cell.font = PLAIN
            for column in range(1, width + 1):
                sheet.cell(row=row, column=column).border = BORDER
            row += 1
    sheet.freeze_panes = "B5"
    sheet.column_dimensions["A"].width = 58
    for index in range(len(annex.columns)):
        sheet.column_dimensions[get_column_letter(2 + index)].width = 16
    sheet.column_dimensions[get_column_letter(key_column)].hidden = True
    sheet.auto_filter.ref = f"A4:{get_column_letter(width)}{row - 1}"
    sheet.print_title_rows = "4:4"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _comparison_sheet(sheet, report) -> None:
    previous = (report.data.get("previous") or {}).get("indicators")
    current = report.data["indicators"]
    sheet["A1"] = "Một số chỉ tiêu chủ yếu so với kỳ trước"
    sheet["A1"].font = TITLE
    if not covers_previous(previous):
        # Records begin inside the previous period: its counts would be partial.
        sheet["A2"] = "Dữ liệu chưa bao quát toàn bộ kỳ trước nên không so sánh."
        sheet["A2"].font = PLAIN
        previous = None
    _header_row(sheet, 3, ["Chỉ tiêu", report.current_label, report.previous_label, "Tăng (+), giảm (−)"])
    for row, key in enumerate(MAIN_KEYS, start=4):
        sheet.cell(row=row, column=1, value=safe_cell(LABELS[key])).font = PLAIN
        now = current.get(key)
        before = previous.get(key) if previous else None
        for column, value in ((2, now), (3, before)):
            cell = sheet.cell(row=row, column=column, value=safe_cell(value))
            cell.number_format = _number_format(key)
        if now is not None and before is not None:
            difference = round(now - before, 2) if key in PERCENT_KEYS else now - before
            change = sheet.cell(row=row, column=4, value=safe_cell(difference))
            change.number_format = PERCENT_CHANGE_FORMAT if key in PERCENT_KEYS else CHANGE_FORMAT
        for column in range(1, 5):
            sheet.cell(row=row, column=column).border = BORDER
    sheet.freeze_panes = "B4"
    sheet.column_dimensions["A"].width = 58
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 18


def _charts_sheet(sheet, report) -> None:
    sheet["A1"] = "Biểu đồ"
    sheet["A1"].font = TITLE
    row = 3
    for name in report.chart_names:
        sheet.cell(row=row, column=1, value=safe_cell(report.chart_title(name))).font = BOLD
        image = Image(io.BytesIO(report.chart_png(name)))
        image.width, image.height = image.width * 0.35, image.height * 0.35
        sheet.add_image(image, f"A{row + 1}")
        row += 1 + int(image.height / 20) + 2


def _vn(iso: str | None) -> str:
    """dd/mm/yyyy of an ISO date of the data ("2022-12-31" -> "31/12/2022")."""
    try:
        return vn_date(dt.date.fromisoformat(iso)) if iso else ""
    except ValueError:
        return str(iso)


def _info_sheet(sheet, report) -> None:
    previous = (report.data.get("previous") or {}).get("period") or {}
    rows = [
        ("Báo cáo", report.title),
        ("Tổ chức đảng", f"{report.org['name']} ({report.org['code']})"),
        ("Cơ quan ban hành", report.issuer.body_name),
        ("Số, ký hiệu", report.number_line.replace("\u00a0", " ")),
        ("Từ ngày", vn_date(report.start)),
        ("Đến ngày", vn_date(report.end)),
        ("Kỳ so sánh", f"{_vn(previous.get('from'))} – {_vn(previous.get('to'))}" if previous else "không có"),
        ("Ngày báo cáo", vn_date(report.issued_on) if report.issued_on else "để trống (ghi khi ký)"),
        ("Ghi chú", "Số liệu tính theo spec/indicators.md (phiên bản 1); tỷ lệ (%) làm tròn 2 chữ số thập phân."),
    ]
    for index, (label, value) in enumerate(rows, start=1):
        sheet.cell(row=index, column=1, value=safe_cell(label)).font = BOLD
        sheet.cell(row=index, column=2, value=safe_cell(value)).font = PLAIN
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 90


def render(report) -> bytes:
    workbook = Workbook()
    annex = workbook.active
    annex.title = "Phụ lục"
    _annex_sheet(annex, report)
    _comparison_sheet(workbook.create_sheet("So sánh"), report)
    if report.chart_names:
        _charts_sheet(workbook.create_sheet("Biểu đồ"), report)
    _info_sheet(workbook.create_sheet("Thông tin"), report)
    workbook.properties.title = report.title
    workbook.properties.creator = workbook.properties.lastModifiedBy = report.issuer.body_name
    workbook.properties.created = workbook.properties.modified = report.created
    workbook.properties.language = "vi-VN"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
