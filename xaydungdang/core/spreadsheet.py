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
