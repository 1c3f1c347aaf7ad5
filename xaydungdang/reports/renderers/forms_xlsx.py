"""The statistical forms as one XLSX workbook, one sheet per form laid out as the paper form: the
masthead (the committee and its Ban Tổ chức / Ban Xây dựng Đảng) on the left and "Biểu số n-BTCTW"
on the right, the title and the period, the column headers and the column-number row (repeated on
every printed page), the rows in order indented by level, the place and date, the footer for the
preparer and the head of the commission. Times New Roman 13, A4 (Form 5 landscape), margins of
36-HD/VPTW, fit to the page width, print area set.

Numbers are real numbers. Their formats show the Vietnamese separators whatever the reader's
locale: counts use a format with a literal dot (`[>=1000000]#\\.###\\.##0;[>=1000]#\\.##0;0`, 48.879);
percentages and averages use `[$-42A]#,##0.00`, the Vietnamese-language format (104,39 in
LibreOffice everywhere and in Excel on a Vietnamese system; see docs/forms.md). Every value goes
through core.spreadsheet.safe_cell."""

import io
import math
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from xaydungdang.core.spreadsheet import safe_cell
from xaydungdang.reports.renderers import forms_layout as layout

COUNT_FORMAT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
DECIMAL_FORMAT = "[$-42A]#,##0.00"
SIZE = 13
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MM = 1 / 25.4  # page margins are in inches
LABEL_WIDTH = {"portrait": 50, "landscape": 50}
NUMBER_WIDTH = {"portrait": 13, "landscape": 12}
LINE_HEIGHT = 17.5  # points per line of 13-point text
ZERO_WIDTH_SPACE = "\u200b"
BULLET = re.compile(r"^[-+] [^-+=@\s]")


def label_text(label: str) -> str:
    """A row label for its cell. The forms' sub-items open with a bullet ("- Nữ", "+ Công nhân…"), which
    safe_cell would guard with a visible apostrophe; a zero-width space before the bullet keeps the
    printed label exactly as the paper form has it and the cell plain text. Anything else that looks
    like a formula ("=…", "+1+1") is still guarded by safe_cell."""
    return ZERO_WIDTH_SPACE + label if BULLET.match(label) else label


def _font(bold: bool = False, italic: bool = False, size: int = SIZE) -> Font:
    return Font(name=layout.FONT, size=size, bold=bold, italic=italic)


def _put(sheet, row: int, column: int, value, *, font=None, align=None, border: bool = False):
    cell = sheet.cell(row=row, column=column, value=safe_cell(value))
    cell.font = font or _font()
    if align is not None:
        cell.alignment = align
    if border:
        cell.border = BORDER
    return cell


def _span(sheet, row: int, first: int, last: int, value, *, font=None, horizontal="center", wrap=False):
    cell = _put(sheet, row, first, value, font=font, align=Alignment(horizontal=horizontal, wrap_text=wrap))
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    return cell


def _lines(text: str, width: float, indent: int = 0) -> int:
    """Lines a label takes in a column of `width` characters (Times 13 is narrower than the unit)."""
    per_line = max(10, int(width * 1.2 - 1.5 * indent))
    return max(1, math.ceil(len(text) / per_line))


def _orientation(form: dict) -> str:
    return "landscape" if len(form["columns"]) > 4 else "portrait"


def _left_right(last: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Columns of the left block (the label column) and of the right block (the figures)."""
    return (1, 1), (2, last)


def _masthead(sheet, form: dict, header: layout.FormsHeader, last: int) -> int:
    (left, _), (right_first, right_last) = _left_right(last)
    _put(sheet, 1, left, header.parent_line, align=Alignment(horizontal="center", wrap_text=True))
    _span(sheet, 1, right_first, right_last, layout.form_number(form), font=_font(bold=True), horizontal="right")
    _put(sheet, 2, left, header.name_line, font=_font(bold=True), align=Alignment(horizontal="center", wrap_text=True))
    _put(sheet, 3, left, "*", align=Alignment(horizontal="center"))
    _span(sheet, 5, 1, last, form["title"], font=_font(bold=True, size=14), wrap=True)
    _span(sheet, 6, 1, last, layout.period_line(form["period"]), font=_font(bold=True))
    unit = form.get("org", {}).get("name", "")
    if unit:
        _span(sheet, 7, 1, last, f"Đơn vị: {unit}", font=_font(italic=True))
    sheet.row_dimensions[5].height = LINE_HEIGHT * _lines(form["title"], 50 + 13 * (last - 1)) + 4
    return 9


def _column_headers(sheet, form: dict, row: int, last: int) -> int:
    """The headers (two rows for Form 5's group) and the column-number row; returns the next row."""
    headers = layout.column_headers(form)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = _font(bold=True)
    if layout.grouped(form):
        _put(sheet, row, 1, layout.label_header(form), font=bold, align=center, border=True)
        _put(sheet, row + 1, 1, None, border=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
        _put(sheet, row, 2, layout.GROUP_TITLE, font=bold, align=center, border=True)
        for column in (3, 4):
            _put(sheet, row, column, None, border=True)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        for column, title in enumerate(headers, start=2):
            if column <= 4:
                _put(sheet, row + 1, column, title, font=bold, align=center, border=True)
            else:
                _put(sheet, row, column, title, font=bold, align=center, border=True)
                _put(sheet, row + 1, column, None, border=True)
                sheet.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
        sheet.row_dimensions[row].height = LINE_HEIGHT * 2 + 4
        sheet.row_dimensions[row + 1].height = LINE_HEIGHT * 2 + 4
        header_rows = 2
    else:
        _put(sheet, row, 1, layout.label_header(form), font=bold, align=center, border=True)
        for column, title in enumerate(headers, start=2):
            _put(sheet, row, column, title, font=bold, align=center, border=True)
        tallest = max(_lines(title, NUMBER_WIDTH[_orientation(form)]) for title in headers)
        sheet.row_dimensions[row].height = LINE_HEIGHT * max(2, tallest) + 4
        header_rows = 1
    numbers_row = row + header_rows
    for column, text in enumerate(layout.number_row(form), start=1):
        _put(sheet, numbers_row, column, text, font=_font(italic=True), align=center, border=True)
    sheet.print_title_rows = f"{row}:{numbers_row}"
    return numbers_row + 1


def _rows(sheet, form: dict, row: int) -> int:
    columns = form["columns"]
    width = LABEL_WIDTH[_orientation(form)]
    for entry in form["rows"]:
        code, label = str(entry["code"]), str(entry["label"])
        depth = layout.level(code)
        _put(
            sheet,
            row,
            1,
            label_text(label),
            font=_font(bold=depth == 0),
            align=Alignment(horizontal="left", vertical="center", wrap_text=True, indent=depth),
            border=True,
        )
        values = entry.get("values") or {}
        for column, key in enumerate(columns, start=2):
            cell = _put(
                sheet,
                row,
                column,
                values.get(key),
                font=_font(bold=depth == 0),
                align=Alignment(horizontal="right", vertical="center"),
                border=True,
            )
            cell.number_format = DECIMAL_FORMAT if layout.is_decimal(code, key) else COUNT_FORMAT
        sheet.row_dimensions[row].height = LINE_HEIGHT * _lines(label, width, depth) + 3
        row += 1
    return row


def _footer(sheet, header: layout.FormsHeader, row: int, last: int) -> int:
    (left, _), (right_first, right_last) = _left_right(last)
    row += 1
    _span(sheet, row, right_first, right_last, header.date_line, font=_font(italic=True))
    row += 1
    _put(sheet, row, left, layout.PREPARER, font=_font(bold=True), align=Alignment(horizontal="center"))
    signer_lines = [header.sign_for, header.sign_title] if header.sign_for else [header.sign_title]
    for offset, text in enumerate(signer_lines):
        _span(sheet, row + offset, right_first, right_last, text, font=_font(bold=True))
    row += len(signer_lines)
    _put(sheet, row, left, layout.PREPARER_NOTE, font=_font(italic=True), align=Alignment(horizontal="center"))
    _span(sheet, row, right_first, right_last, layout.SIGNER_NOTE, font=_font(italic=True))
    row += 5  # room for the signatures and the seal
    if header.preparer or header.signer:
        _put(sheet, row, left, header.preparer, font=_font(bold=True), align=Alignment(horizontal="center"))
        _span(sheet, row, right_first, right_last, header.signer, font=_font(bold=True))
        row += 1
    return row - 1


def _page_setup(sheet, form: dict, last_row: int, last: int) -> None:
    orientation = _orientation(form)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    # 36-HD/VPTW: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm (the binding side is the left).
    if orientation == "portrait":
        sheet.page_margins = PageMargins(
            left=30 * MM, right=15 * MM, top=20 * MM, bottom=20 * MM, header=0.3, footer=0.3
        )
    else:
        sheet.page_margins = PageMargins(
            left=20 * MM, right=15 * MM, top=20 * MM, bottom=15 * MM, header=0.3, footer=0.3
        )
    sheet.print_area = f"A1:{get_column_letter(last)}{last_row}"
    sheet.column_dimensions["A"].width = LABEL_WIDTH[orientation]
    for column in range(2, last + 1):
        sheet.column_dimensions[get_column_letter(column)].width = NUMBER_WIDTH[orientation]
    sheet.sheet_view.showGridLines = False


def _form_sheet(sheet, form: dict, header: layout.FormsHeader) -> None:
    last = 1 + len(form["columns"])
    row = _masthead(sheet, form, header, last)
    first_data = _column_headers(sheet, form, row, last)
    after = _rows(sheet, form, first_data)
    note = (form.get("reorganization") or {}).get("text")
    if note:
        # Form 1 of a unit whose tree changed: D = A + B − C + what came or went with organizations.
        _span(sheet, after, 1, last, note, font=_font(italic=True), horizontal="left", wrap=True)
        sheet.row_dimensions[after].height = LINE_HEIGHT * 3 + 3
        after += 1
    last_row = _footer(sheet, header, after, last)
    sheet.freeze_panes = sheet.cell(row=first_data, column=2)
    _page_setup(sheet, form, last_row, last)


def render(forms: list[dict], header: layout.FormsHeader | None = None) -> bytes:
    """One workbook with a sheet per form ("Biểu 1", ...), in the order given."""
    if not forms:
        raise ValueError("no forms to render")
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for form in forms:
        name = layout.sheet_name(form)
        while name in used:
            name = f"{name[:28]} ({len(used)})"
        used.add(name)
        _form_sheet(workbook.create_sheet(name), form, header or layout.default_header(form))
    first = forms[0]
    workbook.properties.title = safe_cell(f"Biểu thống kê – {first.get('org', {}).get('name', '')}")
    workbook.properties.creator = safe_cell((header.name_line if header else "") or "xaydungdang")
    workbook.properties.language = "vi-VN"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
