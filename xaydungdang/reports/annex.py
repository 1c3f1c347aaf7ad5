"""The annex: every indicator for the organization and each direct child, grouped by section,
and the table of main indicators against the previous period.

Rows are indicators (about a hundred) and columns organizations (a province has a dozen
direct children): a reader scans one unit down a column. Printed formats split the columns
into chunks that fit a landscape page, repeating the label column; XLSX keeps one sheet.
"""

from dataclasses import dataclass
from decimal import Decimal

from xaydungdang.core.formatting import integer, percent
from xaydungdang.indicators.keys import LABELS, PERCENT_KEYS, SECTIONS
from xaydungdang.reports.issuer import OrgName, committee_short
from xaydungdang.reports.narrative.context import covers_previous

OWN_SECTION = "Của riêng cấp ủy"
PRINT_COLUMNS = 8  # organizations per printed table (landscape A4 at 9 pt): the whole + 7 children

# The main indicators compared with the previous period (stocks at the start of the period).
MAIN_KEYS = [
    "members.total",
    "members.official",
    "members.probationary",
    "admissions.total",
    "admissions.target",
    "admissions.target_pct",
    "probation.recognized",
    "removals.total",
    "orgs.grassroots",
    "orgs.cells_below_3_official",
    "screening.listed",
    "ratings.grassroots.good_or_better_pct",
    "ratings.members.good_or_better_pct",
    "inspection.orgs",
    "inspection.members",
    "discipline.members.total",
    "dialogues.sessions",
    "dialogues.cases",
    "awards.members",
]


@dataclass(frozen=True)
class Column:
    code: str
    title: str
    indicators: dict


@dataclass(frozen=True)
class Annex:
    columns: list[Column]
    sections: list[tuple[str, list[tuple[str, str]]]]

    def value(self, column: int, key: str):
        return self.columns[column].indicators.get(key)


def column_title(name: str, kind: str, whole: bool = False) -> str:
    """A short header: "Huyện Mỹ Xuyên" for "Đảng bộ huyện Mỹ Xuyên"; "Toàn Đảng bộ" for the report's own."""
    if whole:
        return "Toàn Chi bộ" if committee_short(OrgName(name, kind)) == "Chi bộ" else "Toàn Đảng bộ"
    for prefix in ("Đảng bộ bộ phận ", "Đảng bộ "):
        if name.casefold().startswith(prefix.casefold()):
            rest = name[len(prefix) :]
            return rest[:1].upper() + rest[1:]
    return name


def build_annex(data: dict, include_own: bool = True) -> Annex:
    org = data["org"]
    columns = [Column(org["code"], column_title(org["name"], org.get("kind", ""), whole=True), data["indicators"])]
    for child in data.get("annex") or []:
        info = child["org"]
        columns.append(Column(info["code"], column_title(info["name"], info.get("kind", "")), child["indicators"]))
    sections = [(title, rows) for title, rows in SECTIONS if include_own or title != OWN_SECTION]
    return Annex(columns, sections)


def cell_text(key: str, value) -> str:
    if value is None:
        return "–"
    return percent(value) if key in PERCENT_KEYS else integer(value)


def column_groups(annex: Annex, per_table: int | None) -> list[list[int]]:
    """Column indexes per printed table; the report's own column opens every table."""
    count = len(annex.columns)
    if not per_table or count <= per_table:
        return [list(range(count))]
    step = max(per_table - 1, 1)
    return [[0] + list(range(first, min(first + step, count))) for first in range(1, count, step)]


def printed(annex: Annex, per_table: int | None = PRINT_COLUMNS, skip_zero_rows: bool = True):
    """Text tables for DOCX/PDF/HTML: yields (header, rows, groups) per group of columns.

    Rows that are zero or empty for every organization, and the committees' own figures
    (stated in the narrative), are left out of print; the XLSX keeps every key.
    """
    all_columns = range(len(annex.columns))
    for indexes in column_groups(annex, per_table):
        header = ["Chỉ tiêu"] + [annex.columns[i].title for i in indexes]
        rows, groups = [], {}
        for title, keys in annex.sections:
            if title == OWN_SECTION:
                continue
            section_rows = []
            for key, label in keys:
                if skip_zero_rows and not any(annex.value(i, key) for i in all_columns):
                    continue
                section_rows.append([label] + [cell_text(key, annex.value(i, key)) for i in indexes])
            if section_rows:
                groups[len(rows)] = title
                rows += section_rows
        yield header, rows, groups


def _difference(key: str, current, previous) -> str:
    if current is None or previous is None:
        return "–"
    if key in PERCENT_KEYS:
        diff = round(current - previous, 2)
        sign = "+" if diff > 0 else ("−" if diff < 0 else "")
        return f"{sign}{percent(abs(diff)).removesuffix('%')} điểm %" if diff else "0"
    diff = current - previous
    if not diff:
        return "0"
    sign = "+" if diff > 0 else "−"
    change = Decimal(abs(diff)) * 100 / Decimal(previous) if previous else None  # rounded once, by percent()
    return f"{sign}{integer(abs(diff))}" + (f" ({sign}{percent(change, 1)})" if change is not None else "")


def comparison_rows(data: dict) -> list[list[str]] | None:
    """[label, current, previous, change] for the main indicators; None without a previous period
    that the records fully cover (its counts would be partial)."""
    previous = (data.get("previous") or {}).get("indicators")
    if not covers_previous(previous) or not (data.get("records") or {}).get("previous_covered", True):
        return None
    current = data["indicators"]
    return [
        [
            LABELS[key],
            cell_text(key, current.get(key)),
            cell_text(key, previous.get(key)),
            _difference(key, current.get(key), previous.get(key)),
        ]
        for key in MAIN_KEYS
    ]


# --- The statistical forms of spec/forms.md as annex tables (a report whose period is a year) -----


@dataclass(frozen=True)
class FormTable:
    title: str  # "Biểu số 1-BTCTW. Tổng hợp đảng viên ..."
    header: list[str]
    rows: list[list[str]]


def form_tables(forms: list[dict]) -> list[FormTable]:
    """The forms computed by indicators.statforms, as printed tables (labels indented by level)."""
    from xaydungdang.reports.renderers import forms_layout as layout

    tables = []
    for form in forms:
        header = [layout.label_header(form), *layout.column_headers(form)]
        rows = []
        for row in form["rows"]:
            indent = "\u00a0" * 3 * layout.level(row["code"])
            cells = [f"{indent}{row['label']}"]
            for column in form["columns"]:
                cells.append(layout.display(row["values"].get(column), layout.is_decimal(row["code"], column)))
            rows.append(cells)
        title = f"{layout.form_number(form)}. {str(form['title'])[:1].upper()}{str(form['title'])[1:]}"
        tables.append(FormTable(title, header, rows))
    return tables


# The ratings of the subordinate units (one row per direct unit): who was rated at which level.
_RATING_GROUPS = (("grassroots", "TCCS đảng"), ("members", "Đảng viên"))
_RATING_SHORT = (("excellent", "HTXS"), ("good", "HTT"), ("complete", "HT"), ("incomplete", "KHT"))


def ratings_table(annex: Annex) -> FormTable | None:
    """The year's ratings of each direct unit (and the whole), or None when no unit has any."""
    header = ["Đơn vị"]
    keys = []
    for prefix, who in _RATING_GROUPS:
        for level, short in _RATING_SHORT:
            header.append(f"{who}: {short}")
            keys.append(f"ratings.{prefix}.{level}")
        header.append(f"{who}: tốt trở lên (%)")
        keys.append(f"ratings.{prefix}.good_or_better_pct")
    if len(annex.columns) < 2 or not any(annex.value(i, k) for i in range(1, len(annex.columns)) for k in keys):
        return None
    order = list(range(1, len(annex.columns))) + [0]  # the units, then the whole
    rows = [[annex.columns[i].title] + [cell_text(k, annex.value(i, k)) for k in keys] for i in order]
    return FormTable("Kết quả đánh giá, xếp loại chất lượng các đơn vị trực thuộc", header, rows)
