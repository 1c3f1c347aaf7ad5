"""Writing tables as a folder of CSV files or one .xlsx workbook.

Text that a spreadsheet would run as a formula (core.spreadsheet: starting with = + - @ or
their full-width forms, also after leading white space, or with a tab or carriage return)
gets a leading apostrophe, in CSV and xlsx alike; the importer removes it again (unguard).
Only text is guarded: numbers are written as numbers and dates as dates (xlsx) or ISO text
(CSV), so a negative count or 2023-01-05 is never mangled.
"""

import datetime as dt
import os
from pathlib import Path

from xaydungdang.core.spreadsheet import csv_writer, safe_cell
from xaydungdang.interchange.columns import BOOL, DATE, INT
from xaydungdang.interchange.tables import TABLES


def _csv_value(kind: str, value):
    if value is None:
        return ""
    if kind == DATE:
        return value.isoformat()
    if kind == BOOL:
        return "yes" if value else "no"
    if kind == INT:
        return int(value)  # a number: csv_writer leaves it unguarded ("-5" stays -5)
    return str(value)  # text: csv_writer guards formula-like text (safe_cell)


def write_csv_folder(folder: Path, tables: dict[str, list[tuple]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = TABLES[name].columns
        kinds = [c.type for c in columns]
        target = folder / f"{name}.csv"
        partial = folder / f".{name}.csv.part"
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            writer = csv_writer(handle, lineterminator="\n")
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

        def cell(kind, value, sheet=sheet):
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
            return safe_cell(str(value))

        for row in rows:
            sheet.append([cell(k, v) for k, v in zip(kinds, row)])
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    workbook.save(partial)
    os.replace(partial, path)
