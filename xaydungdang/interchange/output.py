"""Writing tables as a folder of CSV files or one .xlsx workbook.

Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
return) gets a leading apostrophe, in CSV and xlsx alike; the importer removes it again.
Only text columns are guarded: numbers are written as numbers and dates as dates (xlsx)
or ISO text (CSV), so a negative count or 2023-01-05 is never mangled.
"""

import csv
import datetime as dt
import os
import re
from pathlib import Path

from xaydungdang.interchange.columns import BOOL, DATE, INT, LONGTEXT, TEXT, formula_like
from xaydungdang.interchange.tables import TABLES

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralize(text: str) -> str:
    """A text cell made safe to open in a spreadsheet (the importer's `unguard` undoes it)."""
    if formula_like(text):
        return "'" + text
    return text


def _csv_value(kind: str, value):
    if value is None:
        return ""
    if kind == DATE:
        return value.isoformat()
    if kind == BOOL:
        return "yes" if value else "no"
    if kind == INT:
        return str(int(value))
    if kind in (TEXT, LONGTEXT):
        return neutralize(str(value))
    return str(value)


def write_csv_folder(folder: Path, tables: dict[str, list[tuple]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = TABLES[name].columns
        kinds = [c.type for c in columns]
        target = folder / f"{name}.csv"
        partial = folder / f".{name}.csv.part"
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([c.name for c in columns])
            for row in rows:
                writer.writerow([_csv_value(k, v) for k, v in zip(kinds, row)])
        os.replace(partial, target)


def write_xlsx(path: Path, tables: dict[str, list[tuple]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for name, rows in tables.items():
        sheet = workbook.create_sheet(name)
        columns = TABLES[name].columns
        kinds = [c.type for c in columns]
        sheet.append([c.name for c in columns])

        def cell(kind, value):
            if value is None:
                return None
            if kind == DATE:
                date_cell = WriteOnlyCell(sheet, value=value if isinstance(value, dt.date) else value)
                date_cell.number_format = "yyyy-mm-dd"
                return date_cell
            if kind == BOOL:
                return "yes" if value else "no"
            if kind == INT:
                return int(value)
            text = str(value)
            if _ILLEGAL_XML.search(text):
                text = _ILLEGAL_XML.sub("", text)
            return neutralize(text) if kind in (TEXT, LONGTEXT) else text

        for row in rows:
            sheet.append([cell(k, v) for k, v in zip(kinds, row)])
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    workbook.save(partial)
    os.replace(partial, path)
