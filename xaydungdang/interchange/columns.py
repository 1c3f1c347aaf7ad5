"""Column types of the interchange format and the parsing of one cell.

A cell arrives either as text (CSV, or a typed-in spreadsheet cell) or as a Python value
(xlsx numbers and dates, or rows handed to `import_tables` by the demo generator). Each
parser returns the typed value, None for an empty cell, or raises CellError with a
Vietnamese message; the caller adds table, row and column.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from xaydungdang.core.dates import parse_date
from xaydungdang.core.spreadsheet import unguard
from xaydungdang.core.text import fold

TEXT, LONGTEXT, DATE, INT, BOOL, ENUM = "text", "longtext", "date", "int", "bool", "enum"

# Cells longer than this are refused by the readers: no field of the model needs more, and
# a multi-megabyte cell is either a mistake or an attack.
MAX_CELL_CHARS = 10_000

# Text a spreadsheet would run as a formula: the exporter prefixes it with an apostrophe
# (core.spreadsheet.guard); `clean_text` takes that apostrophe off again (unguard) so that
# import(export(db)) gives back the original text.

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; str() is the Vietnamese message."""


@dataclass(frozen=True)
class Choices:
    """An enumeration: canonical codes with Vietnamese labels and extra accepted spellings."""

    labels: dict  # code -> Vietnamese label
    aliases: dict = field(default_factory=dict)  # extra spelling -> code
    lookup: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        table = {}
        for code in self.labels:
            table.setdefault(fold(code), code)
            table.setdefault(fold(code).replace("_", " "), code)
        for code, label in self.labels.items():
            table.setdefault(fold(label), code)
        for spelling, code in self.aliases.items():
            table.setdefault(fold(spelling), code)
        object.__setattr__(self, "lookup", table)

    def match(self, value: str) -> str | None:
        # Canonical codes are already folded: most cells hit the first lookup.
        return self.lookup.get(value) or self.lookup.get(_folded(value))

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def describe(self) -> str:
        if len(self.labels) > 8:
            return ", ".join(self.labels)
        return ", ".join(f"{code} ({label})" for code, label in self.labels.items())


@lru_cache(maxsize=8192)
def _folded(value: str) -> str:
    """fold() of the few distinct spellings an enumeration column holds, computed once each."""
    return fold(value)


def choices_from(text_choices, aliases: dict | None = None, exclude=()) -> Choices:
    labels = {code: str(label) for code, label in text_choices.choices if code not in exclude}
    return Choices(labels, aliases or {})


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    type: str = TEXT
    required: bool = False
    aliases: tuple = ()
    choices: Choices | None = None
    max_length: int | None = None
    extension: bool = False  # an optional column added to version 1 of the format
    date_as_text: str | None = None  # strftime pattern when a spreadsheet turned text into a date

    def parse(self, raw):
        """The typed value of a cell (None when empty); raises CellError."""
        if raw is None:
            return None
        if isinstance(raw, str):
            if not raw.strip():
                return None
        return PARSERS[self.type](self, raw)


def clean_text(value: str, multiline: bool = False) -> str:
    """NFC, no control characters, no formula-guard apostrophe, trimmed; single-line text
    also has its runs of white space collapsed (what core.text.nfc does)."""
    if value.isprintable():  # the usual cell: no control character and no white space but " "
        text = value.strip()
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if "  " in text:
            text = _SPACES.sub(" ", text)
        if text[:1] == "'":
            text = unguard(text)
        return text
    text = unicodedata.normalize("NFC", value)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    text = text.strip()
    if text[:1] == "'":
        text = unguard(text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return _SPACES.sub(" ", text).strip()


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(column: Column, raw):
    if raw.__class__ is str:
        text = clean_text(raw, column.type == LONGTEXT)
        if not text:
            return None
        if column.max_length and len(text) > column.max_length:
            raise CellError(f"Quá dài ({len(text)} ký tự, tối đa {column.max_length}).")
        return text
    if isinstance(raw, bool):
        raw = "yes" if raw else "no"
    elif isinstance(raw, (int, float)):
        raw = _number_text(raw)
    elif isinstance(raw, dt.datetime):
        raw = raw.strftime(column.date_as_text) if column.date_as_text else raw.date().isoformat()
    elif isinstance(raw, dt.date):
        raw = raw.strftime(column.date_as_text) if column.date_as_text else raw.isoformat()
    text = clean_text(str(raw), multiline=column.type == LONGTEXT)
    if not text:
        return None
    if column.max_length and len(text) > column.max_length:
        raise CellError(f"Quá dài ({len(text)} ký tự, tối đa {column.max_length}).")
    return text


def _date(column: Column, raw):
    if raw.__class__ is str:
        text = raw.strip()
        if len(text) == 10 and text[4] == "-" and text[7] == "-":  # YYYY-MM-DD, the common case
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                raise CellError(f'Ngày "{text}" không hợp lệ.')
            if not 1800 <= value.year <= 2200:
                raise CellError(f'Ngày "{text}" không hợp lệ.')
            return value
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellError(f'Ngày "{_number_text(raw)}" không hợp lệ (dùng YYYY-MM-DD hoặc DD/MM/YYYY).')
    try:
        value = parse_date(raw if not isinstance(raw, str) else raw.strip())
    except (ValueError, TypeError, OverflowError):
        raise CellError(f'Ngày "{str(raw).strip()[:40]}" không hợp lệ.')
    if value is not None and not 1800 <= value.year <= 2200:
        raise CellError(f'Ngày "{str(raw).strip()[:40]}" không hợp lệ.')
    return value


def _int(column: Column, raw):
    if isinstance(raw, bool):
        raise CellError(f'Giá trị "{raw}" không phải là số nguyên.')
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise CellError(f'Giá trị "{raw}" không phải là số nguyên.')
    text = str(raw).strip().replace(" ", "")
    if text.endswith(".0"):
        text = text[:-2]
    if _THOUSANDS.match(text):  # 1.234 written the Vietnamese way
        text = text.replace(".", "")
    try:
        value = int(text)
    except ValueError:
        raise CellError(f'Giá trị "{str(raw).strip()[:40]}" không phải là số nguyên.')
    if abs(value) > 2_000_000_000:
        raise CellError(f'Giá trị "{text[:40]}" quá lớn.')
    return value


_YES = {"yes", "y", "co", "true", "1", "x", "dung"}
_NO = {"no", "n", "khong", "false", "0", "sai"}


def _bool(column: Column, raw):
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    key = _folded(str(raw).strip())
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(f'Giá trị "{str(raw).strip()[:40]}" không hợp lệ (yes/có hoặc no/không).')


def _enum(column: Column, raw):
    text = (_number_text(raw) if isinstance(raw, (int, float)) else str(raw)).strip()
    code = column.choices.match(text)
    if code is None:
        text = clean_text(text)
        raise CellError(f'Giá trị "{text[:60]}" không hợp lệ; dùng một trong: {column.choices.describe()}.')
    return code


PARSERS = {TEXT: _text, LONGTEXT: _text, DATE: _date, INT: _int, BOOL: _bool, ENUM: _enum}


def header_key(text) -> str:
    """How a header cell is compared: folded, with _ - . * : and runs of space unified."""
    if text is None:
        return ""
    key = fold(str(text))
    key = re.sub(r"[_\-.*:]+", " ", key)
    return _SPACES.sub(" ", key).strip()
