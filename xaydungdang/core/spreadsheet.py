"""The one place where a value bound for a spreadsheet cell (XLSX or CSV) is made safe.

Every writer of XLSX or CSV in the project goes through `safe_cell` (or `safe_row`,
`csv_writer`): text that a spreadsheet would run as a formula gets a leading apostrophe
(CSV/formula injection: `=HYPERLINK(...)`, `=cmd|' /C calc'!A0`, `+1+1`, `@SUM(1)`), and the
control characters openpyxl refuses are removed. Numbers, dates, booleans and None pass
through untouched, so a negative count stays a number and a date stays a date.

Text counts as formula-like when, after any guard apostrophes already there, it starts with
a tab or carriage return, or its first character after leading white space is one of
= + - @ or their full-width / small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫). `guard` and `unguard` are
exact inverses on every text (`unguard(guard(t)) == t`), which is what the interchange
format relies on: its exporter guards text columns, its importer takes one apostrophe off
(docs/interchange.md). A guide to the checks: docs/security.md §7.
"""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# First characters (after leading white space) that start a formula in Excel, LibreOffice
# or Google Sheets; the full-width and small forms are folded to them by some spreadsheets.
FORMULA_CHARS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
# Characters that start a formula (or hide one) even before any other text.
FORMULA_LEADS = ("\t", "\r")
GUARD = "'"
# Control characters openpyxl refuses in a cell (XML 1.0 forbids them); tab, LF, CR stay.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PASS_THROUGH = (bool, int, float, Decimal, dt.date, dt.datetime, dt.time, dt.timedelta)


def formula_like(text: str) -> bool:
    """Text a spreadsheet would run as a formula once any leading apostrophes are taken off."""
    rest = text.lstrip(GUARD)
    if not rest:
        return False
    if rest.startswith(FORMULA_LEADS):
        return True
    rest = rest.lstrip()
    return bool(rest) and rest[0] in FORMULA_CHARS


def guard(text: str) -> str:
    """Formula-like text with the neutralizing apostrophe in front; other text unchanged."""
    return GUARD + text if formula_like(text) else text


def unguard(text: str) -> str:
    """Undo `guard`: one apostrophe removed when the rest would start a formula
    (`'=x` → `=x`, `''=x` → `'=x`, `'abc` unchanged)."""
    if text.startswith(GUARD) and formula_like(text):
        return text[1:]
    return text


def strip_illegal(text: str) -> str:
    """Text without the control characters an XLSX cell cannot hold."""
    return ILLEGAL_CHARACTERS.sub("", text) if ILLEGAL_CHARACTERS.search(text) else text


def safe_cell(value):
    """Any value made safe for one spreadsheet cell: None, numbers, dates and booleans as they
    are; anything else as text without illegal control characters, guarded if formula-like."""
    if value is None or isinstance(value, _PASS_THROUGH):
        return value
    text = value if isinstance(value, str) else str(value)
    return guard(strip_illegal(text))


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


class SafeCsvWriter:
    """`csv.writer` whose every field goes through `safe_cell`, and whose fields holding a line
    break of either kind are always quoted. (`csv.writer` quotes only the characters of its own
    `lineterminator`: with "\\n", a bare CR stayed unquoted, so a reader split the row there and
    "x\\r=1" became a new line starting with a live "=1".) Returns what `handle.write` returns,
    so the streaming pattern (a handle whose write returns its argument) still works."""

    def __init__(self, handle, **fmtparams):
        self._handle = handle
        self._terminator = fmtparams.pop("lineterminator", "\r\n")
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n", **fmtparams)

    def writerow(self, row):
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(safe_row(row))
        return self._handle.write(self._buffer.getvalue()[:-2] + self._terminator)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(handle, **fmtparams) -> SafeCsvWriter:
    return SafeCsvWriter(handle, **fmtparams)


def print_on_a4(sheet, *, landscape: bool = True, title_rows: str = "") -> None:
    """A list sheet printed as a paper list: A4 (landscape for wide lists), all columns fitted to
    the page width, the margins of 36-HD/VPTW, the header rows `title_rows` ("4:4") repeated on
    every page, Times New Roman in every written cell (the default Calibri is not on the
    offices' machines and LibreOffice substitutes a font without some Vietnamese glyphs), and rows
    of wrapped text made tall enough. Call it once the sheet is written and its widths set."""
    from copy import copy

    from openpyxl.worksheet.page import PageMargins

    inch = 1 / 2.54
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(
        left=(2.0 if landscape else 3.0) * inch, right=1.5 * inch, top=2.0 * inch, bottom=1.5 * inch
    )
    if title_rows:
        sheet.print_title_rows = title_rows
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if cell.value is None:
                continue
            font = copy(cell.font)
            font.name = "Times New Roman"
            cell.font = font
            if cell.alignment.wrap_text:
                # Neither openpyxl nor LibreOffice's import sizes a row to its wrapped text: an estimate
                # (a column of width w holds about w characters) so that no line is hidden.
                width = sheet.column_dimensions[cell.column_letter].width or 10
                lines = max(lines, -(-len(str(cell.value)) // max(int(width), 1)))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * lines
