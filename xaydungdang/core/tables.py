"""What every list shares (django-tables2): Vietnamese date columns, the table look, and the
XLSX export of a table exactly as listed (its columns, filter and order), safe for spreadsheets."""

import io

import django_tables2 as tables
from openpyxl import Workbook
from openpyxl.styles import Font

from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.spreadsheet import safe_cell

TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}
PER_PAGE = 50


class VNDateColumn(tables.Column):
    """A date shown as 31/12/2023 (and exported as a real date)."""

    def render(self, value):
        return fmt_date(value)

    def value(self, value):
        return value


class BaseTable(tables.Table):
    class Meta:
        attrs = TABLE_ATTRS
        empty_text = "Không có bản ghi nào khớp điều kiện lọc."


def table_xlsx(table, *, title: str, subtitle_lines=(), sheet: str = "Danh sách") -> bytes:
    """The table's rows (all pages) as a workbook: a title line naming what is listed, optional
    lines (unit, filter, date), the headers, then one row per record. Text is guarded against
    formulas (core/spreadsheet.py); dates stay dates."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(safe_cell(sheet)[:31] or "Danh sách")
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    def line(text, font=None):
        cell = WriteOnlyCell(ws, value=safe_cell(text))
        if font:
            cell.font = font
        ws.append([cell])

    line(title, Font(bold=True, size=13))
    for text in subtitle_lines:
        line(text)
    rows = table.as_values()
    headers = next(rows)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=safe_cell(str(text)))
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(ws, value=safe_cell(value if not isinstance(value, str) else value.strip()))
            if hasattr(value, "year") and hasattr(value, "month"):
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        ws.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
