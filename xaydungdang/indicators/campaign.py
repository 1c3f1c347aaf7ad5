"""The data-quality campaign "đúng – đủ – sạch – sống" (issue 15 item 4): every member in the list
(state active) whose record must be fixed before syncing with the central database, one finding
per member and problem, grouped by unit (the grassroots organization the member's cell belongs to).

Kinds (KINDS, in the order of the tables and files):
* national ID: missing; malformed (12 digits; the province code, the century/sex digit and the
  two birth-year digits of the căn cước number checked against the member's birth date and sex,
  Thông tư 59/2021/TT-BCA Điều 7, formerly Thông tư 07/2016/TT-BCA Điều 7); duplicate (the unique
  constraint forbids it, but imported or hand-written data may hold one: checked anyway);
* party card number (Member.card_no, "Số thẻ đảng viên"): malformed (not 8 digits, members/rules.py
  CARD_NO, rules.md §7: the web and the API refuse such a number, the importer keeps a dataset's as
  written); the same number on two members (no database constraint: imported data may hold one). An
  empty number is not a finding (a member may wait for a card: the `card_issue` deadline);
* likely duplicates: the same folded name (core.text.fold) and birth date in two cells;
* members whose current cell is dissolved on the day;
* probation overdue: the recognition deadline of the registry (members/deadlines.py: the one
  definition, 30 working days after the twelve months) passed while still probationary;
* missing attributes the statistical forms read (ethnicity, general education, qualification,
  political theory, occupation: indicators/statforms.py, members/attributes.py), at the day's values.

Scope: a user sees the findings of the members `Member.objects.restrict(user)` gives, plus the
members of a dissolved cell whose former parent chain (on the eve of the dissolution) the user's
scope covers: those nobody else can find. Duplicates are searched among all members, but a
finding names only the other members the reader may see.
"""

import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import Trim

from xaydungdang.core import access
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.spreadsheet import safe_cell, safe_row
from xaydungdang.members.attributes import attributes_at, education_level
from xaydungdang.members.models import Member, mask_national_id
from xaydungdang.organizations.tree import load_tree

NO_ID, BAD_ID, DUPLICATE_ID = "no_national_id", "bad_national_id", "duplicate_national_id"
BAD_CARD, DUPLICATE_CARD = "bad_card_no", "duplicate_card_no"
LIKELY_DUPLICATE, DISSOLVED_CELL, PROBATION_OVERDUE = "likely_duplicate", "dissolved_cell", "probation_overdue"
ATTRIBUTES = {
    # field: (kind, the field to fix, the forms that read it)
    "ethnicity": ("missing_ethnicity", "Dân tộc", "Biểu 2, 3: mục dân tộc"),
    "general_education": ("missing_general_education", "Giáo dục phổ thông", "Biểu 2, 3: mục giáo dục phổ thông"),
    "qualification": ("missing_qualification", "Chuyên môn", "Biểu 2, 3: mục chuyên môn, nghiệp vụ"),
    "political_theory": ("missing_political_theory", "Lý luận chính trị", "Biểu 2, 3: mục lý luận chính trị"),
    "occupation": ("missing_occupation", "Nghề nghiệp", "Biểu 2, 3: mục nghề nghiệp"),
}
# kind: (Vietnamese label, the field to fix)
KINDS = {
    NO_ID: ("Chưa có số định danh cá nhân", "Số định danh cá nhân"),
    BAD_ID: ("Số định danh cá nhân sai quy cách", "Số định danh cá nhân"),
    DUPLICATE_ID: ("Số định danh cá nhân trùng với đảng viên khác", "Số định danh cá nhân"),
    BAD_CARD: ("Số thẻ đảng viên sai quy cách", "Số thẻ đảng viên"),
    DUPLICATE_CARD: ("Số thẻ đảng viên trùng với đảng viên khác", "Số thẻ đảng viên"),
    LIKELY_DUPLICATE: ("Có thể trùng người (cùng họ tên, ngày sinh ở chi bộ khác)", "Họ và tên, ngày sinh"),
    DISSOLVED_CELL: ("Đang sinh hoạt ở chi bộ đã giải thể", "Chi bộ sinh hoạt (chuyển sinh hoạt)"),
    PROBATION_OVERDUE: ("Quá hạn xét công nhận đảng viên chính thức", "Công nhận đảng viên chính thức"),
    **{kind: (f"Thiếu {field.lower()}", field) for kind, field, _forms in ATTRIBUTES.values()},
}
ID_KINDS = frozenset({BAD_ID, DUPLICATE_ID})  # findings whose file row shows the number itself

# Province codes of the căn cước number (Thông tư 07/2016/TT-BCA, Phụ lục; kept by Thông tư
# 59/2021/TT-BCA): the 63 provinces before 1/7/2025 — numbers issued keep their code after the
# mergers of Nghị quyết 202/2025/QH15.
PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 "
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 "
    "083 084 086 087 089 091 092 093 094 095 096".split()
)


def national_id_problem(value: str, birth: dt.date | None, gender: str | None) -> str | None:
    """What is wrong with a căn cước number, in Vietnamese, or None. Digits 1–3: the province of
    birth registration; digit 4: century and sex (0/1 male/female born 1900–1999, 2/3 2000–2099,
    4/5 2100–2199, …); digits 5–6: the last two digits of the birth year; 7–12: random."""
    text = value.strip()
    if len(text) != 12 or not text.isascii() or not text.isdigit():
        return "phải gồm đúng 12 chữ số"
    if text[:3] not in PROVINCE_CODES:
        return f"ba số đầu ({text[:3]}) không phải mã tỉnh, thành phố nơi đăng ký khai sinh"
    if birth is not None:
        expected = (birth.year // 100 - 19) * 2 + (1 if gender == "female" else 0)
        if 0 <= expected <= 9 and int(text[3]) != expected:
            sex = "nữ" if gender == "female" else "nam"
            return f"số thứ tư ({text[3]}) không khớp với giới tính {sex}, sinh năm {birth.year} (phải là {expected})"
        if text[4:6] != f"{birth.year % 100:02d}":
            return f"số thứ năm, sáu ({text[4:6]}) không khớp với năm sinh {birth.year}"
    return None


@dataclass(frozen=True)
class Finding:
    kind: str
    member_id: int
    member_no: str
    full_name: str
    cell_id: int | None
    unit_id: int | None
    detail: str  # Vietnamese, never the national ID itself (the row carries it, masked or not)
    national_id: str = ""

    @property
    def label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def field(self) -> str:
        return KINDS[self.kind][1]


@dataclass
class Unit:
    id: int | None
    code: str
    name: str


@dataclass
class Result:
    day: dt.date
    findings: list[Finding]
    units: dict  # unit_id -> Unit
    cells: dict  # cell_id -> (code, name)

    def counts(self) -> dict:
        """{unit_id: Counter(kind)}"""
        table: dict = defaultdict(Counter)
        for f in self.findings:
            table[f.unit_id][f.kind] += 1
        return table

    def totals(self) -> Counter:
        return Counter(f.kind for f in self.findings)

    def unit_rows(self) -> list[tuple[Unit, Counter]]:
        counts = self.counts()
        return sorted(((self.units[u], c) for u, c in counts.items()), key=lambda r: r[0].code)

    def of_unit(self, unit_id) -> list[Finding]:
        return [f for f in self.findings if f.unit_id == unit_id]


def _unit_of(tree, cell_id, day: dt.date) -> int | None:
    """The grassroots organization of a cell on a day (the cell itself when it is one); for a
    dissolved cell, as it was on the eve of its dissolution."""
    info = tree.orgs.get(cell_id)
    if info is None:
        return None
    if info.dissolved_on is not None and info.dissolved_on <= day:
        day = info.dissolved_on - dt.timedelta(days=1)
    snapshot = tree.snapshot(day)
    for org_id in [cell_id, *reversed(snapshot.ancestors(cell_id))]:
        if tree.orgs[org_id].is_grassroots:
            return org_id
    return cell_id


def _eve_chain(tree, cell_id) -> list[int]:
    info = tree.orgs[cell_id]
    snapshot = tree.snapshot(info.dissolved_on - dt.timedelta(days=1))
    return [cell_id, *snapshot.ancestors(cell_id)]


def run(*, user=None, org_id: int | None = None, day: dt.date | None = None) -> Result:
    """The campaign's findings for `user` (None: everything, the CLI) in the subtree of `org_id`."""
    day = day or today()
    tree = load_tree()
    active = Member.objects.filter(state="active")
    # Dissolved cells that still hold members in the list (a handful; not every cell ever dissolved).
    dissolved = set(
        active.filter(current_cell__dissolved_on__lte=day).values_list("current_cell_id", flat=True).distinct()
    )
    subtree = None
    if org_id is not None:
        subtree = set(tree.snapshot(day).subtree(org_id)) | {org_id}
        subtree |= {c for c in dissolved if set(_eve_chain(tree, c)) & subtree}
    visible = active if user is None else access.restrict(active, user, access.VIEW)
    if subtree is not None:
        visible = visible.filter(current_cell_id__in=subtree)
    fields = (
        "id",
        "member_no",
        "full_name",
        "birth_date",
        "gender",
        "national_id",
        "current_cell_id",
        "name_folded",
        "card_no",
    )
    rows = {r[0]: r for r in visible.values_list(*fields)}
    if user is not None and not access.scope_for(user).is_global and dissolved:
        # Members of a dissolved cell whose former chain the user's scope covers.
        scope = access.scope_for(user)
        reach = [c for c in dissolved if any(scope.covers(o) for o in _eve_chain(tree, c))]
        if subtree is not None:
            reach = [c for c in reach if c in subtree]
        for r in active.filter(current_cell_id__in=reach).values_list(*fields):
            rows.setdefault(r[0], r)
    units: dict = {}
    cells: dict = {}
    unit_cache: dict = {}

    def unit(cell_id):
        if cell_id not in unit_cache:
            unit_cache[cell_id] = _unit_of(tree, cell_id, day)
            u = unit_cache[cell_id]
            if u is not None and u not in units:
                units[u] = Unit(u, tree.orgs[u].code, tree.orgs[u].name)
            if cell_id is not None and cell_id in tree.orgs:
                cells[cell_id] = (tree.orgs[cell_id].code, tree.orgs[cell_id].name)
        return unit_cache[cell_id]

    found: list[Finding] = []

    def add(kind, row, detail, national_id=""):
        found.append(Finding(kind, row[0], row[1], row[2], row[6], unit(row[6]), detail, national_id or ""))

    # National IDs: missing, malformed, duplicate (among every member, whatever the state).
    # Compared without surrounding spaces: an imported " 0940…" and "0940…" are the same number.
    holders = defaultdict(list)
    if any((r[5] or "").strip() for r in rows.values()):
        everyone = Member.objects.exclude(national_id__isnull=True).exclude(national_id="")
        for mid, no, nid in everyone.values_list("id", "member_no", "national_id").iterator(chunk_size=20000):
            holders[nid.strip()].append((mid, no))
    repeated = {nid for nid, held in holders.items() if len(held) > 1}
    for row in rows.values():
        value = (row[5] or "").strip()
        if not value:
            add(NO_ID, row, "Chưa ghi số định danh cá nhân (căn cước).")
            continue
        problem = national_id_problem(value, row[3], row[4])
        if problem:
            add(BAD_ID, row, f"Số định danh cá nhân {problem}.", value)
        if value in repeated:
            others = [no for mid, no in holders[value] if mid != row[0] and mid in rows]
            hidden = len(holders[value]) - 1 - len(others)
            named = ", ".join(sorted(others))
            text = f"Trùng số định danh với {len(holders[value]) - 1} đảng viên khác"
            if named:
                text += f" (số lý lịch {named}"
                text += f"; và {hidden} đảng viên ngoài phạm vi)" if hidden else ")"
            add(DUPLICATE_ID, row, text + ".", value)

    _card_findings(rows, user, add)

    # Likely duplicates: the same folded name and birth date in two cells, among all active members.
    groups = (
        active.values("name_folded", "birth_date")
        .annotate(n=Count("id"), cells=Count("current_cell", distinct=True))
        .filter(cells__gt=1)
        .values_list("name_folded", "birth_date")
    )
    pairs = set(groups)
    if pairs:
        keyed = defaultdict(list)
        names = {p[0] for p in pairs}
        for mid, no, cell, folded, birth in active.filter(name_folded__in=names).values_list(
            "id", "member_no", "current_cell_id", "name_folded", "birth_date"
        ):
            if (folded, birth) in pairs:
                keyed[(folded, birth)].append((mid, no, cell))
        for row in rows.values():
            group = keyed.get((row[7], row[3]))
            if not group:
                continue
            others = [(mid, no, cell) for mid, no, cell in group if mid != row[0] and cell != row[6]]
            if not others:
                continue
            others.sort(key=lambda o: o[1])
            shown = [f"{no} ({tree.orgs[cell].name})" for mid, no, cell in others if mid in rows]
            text = f"Cùng họ tên, ngày sinh {fmt(row[3])} với {len(others)} đảng viên ở chi bộ khác"
            text += f": {', '.join(shown)}." if shown else " (ngoài phạm vi của anh/chị)."
            add(LIKELY_DUPLICATE, row, text)

    # Members in a dissolved cell.
    for row in rows.values():
        if row[6] in dissolved:
            info = tree.orgs[row[6]]
            fate = f"; đã hợp nhất vào {tree.orgs[info.successor_id].name}" if info.successor_id in tree.orgs else ""
            add(
                DISSOLVED_CELL,
                row,
                f"Chi bộ {info.name} đã giải thể từ {fmt(info.dissolved_on)}{fate}: chuyển sinh hoạt cho đảng viên.",
            )

    # Probation overdue: the registry's recognition deadline (members/deadlines.py).
    from xaydungdang.core.deadlines import DeadlineScope
    from xaydungdang.members.deadlines import probationers

    cell_ids = frozenset(r[6] for r in rows.values() if r[6] is not None)
    for p in probationers(DeadlineScope(on=day, org_ids=cell_ids)) if cell_ids else []:
        row = rows.get(p.member_id)
        if row is not None and p.case.overdue(day):
            add(
                PROBATION_OVERDUE,
                row,
                f"Hết 12 tháng dự bị ngày {fmt(p.case.end)}, hạn xét công nhận {fmt(p.case.review_due)} đã qua.",
            )

    # Attributes the statistical forms read, at the day's values.
    if rows:
        values = attributes_at(list(rows), list(ATTRIBUTES), day)
        levels: dict = {}  # education_level per distinct text: a few hundred texts for a province
        for member_id, v in values.items():
            for field, (kind, label, forms) in ATTRIBUTES.items():
                value = v.get(field)
                if field == "general_education":
                    if value not in levels:
                        levels[value] = education_level(value)
                    missing = levels[value] is None
                else:
                    missing = not value
                if missing:
                    what = "chưa ghi hoặc không đọc được" if field == "general_education" and value else "chưa ghi"
                    add(kind, rows[member_id], f"{label}: {what} ({forms}).")

    order = list(KINDS)
    found.sort(key=lambda f: (units[f.unit_id].code if f.unit_id in units else "", order.index(f.kind), f.member_no))
    return Result(day, found, units, cells)


def _card_findings(rows: dict, user, add) -> None:
    """Party card numbers: malformed (not 8 digits) and the same number on two members (among every
    member, whatever the state: a card number is never given again), compared without surrounding
    spaces (SQL TRIM: grouped in the database). The other holders are named (name, party record
    number, cell) when the reader may see them, else counted."""
    from xaydungdang.members.rules import CARD_NO

    holders = defaultdict(list)
    if any((r[8] or "").strip(" ") for r in rows.values()):
        # Grouped in the database (every member ever: a province's whole history), then only the
        # numbers held twice are read.
        numbered = Member.objects.exclude(card_no="").annotate(card=Trim("card_no"))
        twice = numbered.values("card").annotate(n=Count("id")).filter(n__gt=1).values_list("card", flat=True)
        for mid, no, name, cell, card in numbered.filter(card__in=list(twice)).values_list(
            "id", "member_no", "full_name", "current_cell__name", "card"
        ):
            holders[card].append((mid, no, name, cell))
    repeated = {card: held for card, held in holders.items() if card and len(held) > 1}
    seen: set | None = None
    if repeated and user is not None:
        ids = {mid for held in repeated.values() for mid, *_rest in held}
        seen = set(access.restrict(Member.objects.filter(id__in=ids), user, access.VIEW).values_list("id", flat=True))
    for row in rows.values():
        card = (row[8] or "").strip(" ")
        if not card:
            continue
        if not CARD_NO.match(card):
            add(BAD_CARD, row, f"Số thẻ đảng viên «{card}» không đúng quy cách: số thẻ gồm đúng 8 chữ số.")
        if card in repeated:
            others = [h for h in repeated[card] if h[0] != row[0]]
            named = sorted(
                (h for h in others if seen is None or h[0] in seen or h[0] in rows), key=lambda h: (h[1], h[0])
            )
            hidden = len(others) - len(named)
            text = f"Số thẻ đảng viên {card} trùng với {len(others)} đảng viên khác"
            if named:
                who = "; ".join(f"{name} (số lý lịch {no}{f', {cell}' if cell else ''})" for _, no, name, cell in named)
                text += f": {who}"
                text += f"; và {hidden} đảng viên ngoài phạm vi của anh/chị" if hidden else ""
            else:
                text += " (ngoài phạm vi của anh/chị)"
            add(DUPLICATE_CARD, row, text + ".")


# --- Files ------------------------------------------------------------------------------------

COLUMNS = ["Số lý lịch", "Họ và tên", "Chi bộ", "Vấn đề", "Thông tin cần sửa", "Chi tiết", "Số định danh hiện ghi"]
WIDTHS = [12, 26, 30, 40, 28, 70, 16]
_SHEET_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


def _sheet_title(text: str, taken: set) -> str:
    base = text.translate(_SHEET_FORBIDDEN)[:31] or "Đơn vị"
    title, n = base, 1
    while title.lower() in taken:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}~{n}"
    taken.add(title.lower())
    return title


def shown_id(finding: Finding, reveal) -> str:
    """The number as the reader may read it: whole when `reveal(cell_id)` (the reader may change
    the member), else masked like every export (members.models.mask_national_id)."""
    if finding.kind not in ID_KINDS or not finding.national_id:
        return ""
    return finding.national_id if reveal(finding.cell_id) else mask_national_id(finding.national_id)


def workbook(result: Result, unit_ids=None, reveal=lambda cell_id: False, heading: str = "") -> bytes:
    """A summary sheet (counts per unit and kind) and one sheet per unit listing its members to
    fix; `unit_ids` limits it to some units (one unit: "the XLSX of a unit"). Every cell through
    core.spreadsheet.safe_cell."""
    from openpyxl import Workbook

    wanted = None if unit_ids is None else set(unit_ids)
    rows = [(u, c) for u, c in result.unit_rows() if wanted is None or u.id in wanted]
    book = Workbook(write_only=True)
    taken: set = set()
    summary = book.create_sheet(_sheet_title("Tổng hợp", taken))
    summary.append([safe_cell("RÀ SOÁT DỮ LIỆU ĐẢNG VIÊN “ĐÚNG – ĐỦ – SẠCH – SỐNG”")])
    if heading:
        summary.append([safe_cell(heading)])
    summary.append([safe_cell(f"Tính tại ngày {fmt(result.day)}")])
    summary.append([])
    kinds = list(KINDS)
    summary.append(safe_row(["Mã đơn vị", "Đơn vị", *[KINDS[k][0] for k in kinds], "Cộng"]))
    totals: Counter = Counter()
    for unit, counts in rows:
        totals.update(counts)
        summary.append(safe_row([unit.code, unit.name, *[counts.get(k, 0) for k in kinds], sum(counts.values())]))
    summary.append(safe_row(["", "Tổng cộng", *[totals.get(k, 0) for k in kinds], sum(totals.values())]))
    for unit, _counts in rows:
        sheet = book.create_sheet(_sheet_title(unit.code, taken))
        for index, width in enumerate(WIDTHS):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        sheet.append([safe_cell(f"Đơn vị: {unit.name} ({unit.code})")])
        sheet.append([safe_cell(f"Danh sách đảng viên cần sửa dữ liệu, tính tại ngày {fmt(result.day)}")])
        sheet.append(safe_row(COLUMNS))
        for f in result.of_unit(unit.id):
            cell = result.cells.get(f.cell_id, ("", ""))[1]
            sheet.append(safe_row([f.member_no, f.full_name, cell, f.label, f.field, f.detail, shown_id(f, reveal)]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_json(result: Result, reveal=lambda cell_id: True) -> dict:
    kinds = list(KINDS)
    return {
        "day": result.day.isoformat(),
        "kinds": {k: {"label": KINDS[k][0], "field": KINDS[k][1]} for k in kinds},
        "units": [
            {"code": u.code, "name": u.name, "counts": {k: c[k] for k in kinds if c.get(k)}, "total": sum(c.values())}
            for u, c in result.unit_rows()
        ],
        "totals": {k: v for k, v in result.totals().items()},
        "findings": [
            {
                "kind": f.kind,
                "member_no": f.member_no,
                "full_name": f.full_name,
                "unit": result.units[f.unit_id].code if f.unit_id in result.units else None,
                "cell": result.cells.get(f.cell_id, (None,))[0],
                "problem": f.label,
                "field": f.field,
                "detail": f.detail,
                "national_id": shown_id(f, reveal),
            }
            for f in result.findings
        ],
    }


def text_lines(result: Result, reveal=lambda cell_id: True) -> list[str]:
    lines = []
    for unit, counts in result.unit_rows():
        parts = ", ".join(f"{KINDS[k][0].lower()}: {counts[k]}" for k in KINDS if counts.get(k))
        lines.append(f"{unit.code} ({unit.name}): {sum(counts.values())} vấn đề — {parts}")
    for f in result.findings:
        unit = result.units[f.unit_id].code if f.unit_id in result.units else "?"
        number = shown_id(f, reveal)
        number = f" [{number}]" if number else ""
        who = f"đảng viên {f.member_no} ({f.full_name})"
        lines.append(f"Cảnh báo: {unit}: {who}: {f.label}{number} — {f.detail} Sửa: {f.field}.")
    return lines
