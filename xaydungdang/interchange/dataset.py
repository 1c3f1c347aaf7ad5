"""From raw tables to typed rows: headers matched to canonical columns, every cell parsed.

The result keeps the spreadsheet row number of each row so every later message can say
where the problem is.
"""

from dataclasses import dataclass

from xaydungdang.interchange.columns import PARSERS, CellError
from xaydungdang.interchange.readers import RawTable
from xaydungdang.interchange.report import Issues
from xaydungdang.interchange.tables import TABLE_ORDER, TABLES, resolve_table


@dataclass(slots=True)
class Row:
    table: str
    n: int  # row number as a spreadsheet shows it (header = 1)
    v: dict  # canonical column -> typed value, None when empty
    ok: bool = True  # False when a required value is missing or unreadable


def _has_content(cells) -> bool:
    """Some cell holds more than white space (CSV rows are all text: one C-level join)."""
    try:
        return bool("".join(cells).strip())
    except TypeError:  # spreadsheet values: numbers, dates, None
        return any(c is not None and (c.__class__ is not str or c.strip()) for c in cells)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def parse_table(raw: RawTable, issues: Issues, warnings: Issues) -> list[Row]:
    table = TABLES[raw.name]
    mapping = []
    seen: dict[str, str] = {}
    blank = []
    for index, header in enumerate(raw.headers):
        text = "" if header is None else str(header).strip()
        if not text:
            blank.append(index)
            continue
        name = table.resolve(text)
        if name is None:
            warnings.add(table.name, 1, None, f"Cột «{text[:80]}» không thuộc bảng «{table.label}»; bỏ qua.")
            continue
        if name in seen:
            issues.add(table.name, 1, name, f"Cột «{text[:80]}» trùng với cột «{seen[name]}» (cùng một cột dữ liệu).")
            continue
        seen[name] = text
        issues.names.headers[(table.name, name)] = text
        column = table.column(name)
        mapping.append((index, name, column, column.required, PARSERS[column.type]))
    missing_required = [c for c in table.columns if c.required and c.name not in seen]
    for column in missing_required:
        issues.add(table.name, 1, column.name, f"Thiếu cột bắt buộc «{column.label}».")
    absent = [c.name for c in table.columns if c.name not in seen]
    width = len(raw.headers)
    rows: list[Row] = []
    warned_blank = False
    padding = (None,) * width
    for number, cells in raw.rows:
        if not _has_content(cells):
            continue  # an empty line or a spreadsheet row with nothing in it
        if len(cells) != width:
            if len(cells) > width and _has_content(cells[width:]):
                issues.add(table.name, number, None, f"Dòng có {len(cells)} ô, nhiều hơn {width} cột của dòng tiêu đề.")
                rows.append(Row(table.name, number, {}, False))
                continue
            cells = (tuple(cells) + padding)[:width]
        if blank and not warned_blank and _has_content([cells[i] for i in blank]):
            warnings.add(table.name, 1, None, "Có cột không có tiêu đề nhưng có dữ liệu; bỏ qua cột đó.")
            warned_blank = True
        values = dict.fromkeys(absent)
        ok = not missing_required
        for index, name, column, required, parse in mapping:
            raw_value = cells[index]
            try:
                if raw_value is None or raw_value == "" or (raw_value.__class__ is str and raw_value.isspace()):
                    value = None
                else:
                    value = parse(column, raw_value)
            except CellError as exc:
                issues.add(table.name, number, name, str(exc))
                values[name] = None
                if required:
                    ok = False
                continue
            if value is None and required:
                issues.add(table.name, number, name, f"Thiếu {_lower_first(column.label)}.")
                ok = False
            values[name] = value
        rows.append(Row(table.name, number, values, ok))
    return rows


def raw_from_dicts(name: str, rows: list[dict]) -> RawTable:
    """Rows handed over as dicts (the demo generator, tests) take the same path as a file."""
    headers: list = []
    known = set()
    for row in rows:
        for key in row:
            if key not in known:
                known.add(key)
                headers.append(key)
    return RawTable(name, name, headers, [(i + 2, tuple(row.get(h) for h in headers)) for i, row in enumerate(rows)])


def parse_all(raw_tables: dict[str, RawTable], issues: Issues, warnings: Issues) -> dict[str, list[Row]]:
    return {name: parse_table(raw_tables[name], issues, warnings) for name in TABLE_ORDER if name in raw_tables}


def tables_from_dicts(tables: dict, issues: Issues, warnings: Issues) -> dict[str, RawTable]:
    raw = {}
    for key, rows in tables.items():
        name = key if key in TABLES else resolve_table(str(key))
        if name is None:
            warnings.add(str(key), None, None, f"Bảng «{key}» không phải tên một bảng dữ liệu; bỏ qua.")
            continue
        if name in raw:
            issues.add(name, None, None, f"Bảng {name} được đưa vào hai lần.")
            continue
        rows = list(rows or [])
        # An empty list is an empty table, not one missing its columns.
        raw[name] = raw_from_dicts(name, rows) if rows else RawTable(name, name, TABLES[name].names, [])
    return raw
