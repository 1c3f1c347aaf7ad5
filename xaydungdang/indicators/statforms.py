"""The official statistical forms (Biểu 1, 2, 3, 4, 5 and 7-BTCTW; spec/forms.md), from the records.

Every figure is the size of a set of records (members, organizations or events) chosen by the
indicator engine's rules: "in R's list at T" is the engine's `members.total` (member spans active
at the end of T in a cell of R's subtree in the tree of T), flows are dated records whose owner
cell (the cell entered, for a removal the cell left) is in R's subtree in the tree of their day,
and the member attributes are members.attributes' definitions. So each figure can name the
records behind it (`behind`), and Form 1 D, A and B1 equal the report's `members.total` at the
period's end, at the day before it starts, and `admissions.total` (tests prove it).

API: compute_forms(org_code, period, forms=None) -> list of contract JSON objects;
period_range(period) -> (start, end); previous_range(start, end); behind(org, period, form, row, column).
"""

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache, partial
from typing import NamedTuple

from django.db import connection

from xaydungdang.activities.models import Award
from xaydungdang.core.dates import date_ord
from xaydungdang.core.dbrouter import read_connection
from xaydungdang.core.errors import DomainError
from xaydungdang.core.formatting import integer
from xaydungdang.indicators import formrows as fr
from xaydungdang.indicators.engine import _fetch, beside, q, reading, resolve_org, table
from xaydungdang.inspections.models import Discipline
from xaydungdang.members import attributes as attrs
from xaydungdang.members import partyage
from xaydungdang.members.models import Member, MemberEvent, MemberSpan
from xaydungdang.organizations.models import GRASSROOTS_KINDS, Organization, OrgKind
from xaydungdang.organizations.tree import Tree, load_tree

DAY = dt.timedelta(days=1)
_PERIOD = re.compile(r"^(\d{4})(?:-(Q1|H1|9M))?$", re.IGNORECASE)
_PERIOD_END = {None: (12, 31), "Q1": (3, 31), "H1": (6, 30), "9M": (9, 30)}
_IDS_IN_QUERY = 900
_IDS_IN_QUERY_PG = 30000  # PostgreSQL takes up to 65.535 parameters in a statement
# The event types the forms read (the others, e.g. recognitions, are not fetched).
FORM_EVENT_TYPES = (
    "admitted", "restored", "died", "struck_off", "dismissed", "transferred", "transferred_in", "transferred_out",
    "badge_awarded", "card_issued", "card_reissued", "card_replaced", "temporary_out",
)  # fmt: skip
TRANSFER_TYPES = ("transferred", "transferred_in", "transferred_out")
REMOVAL_ROWS = {"died": "C1", "struck_off": "C3", "dismissed": "C4"}
CARD_ROWS = {"card_issued": "III.1", "card_reissued": "III.2", "card_replaced": "III.3"}
AWARD_ROWS = {"flag": "flag", "certificate_of_merit": "merit", "commendation": "commendation"}
ORG_AWARD_GROUPS = {
    OrgKind.UPPER: ("I.1.a", ("flag", "merit")),
    OrgKind.GRASSROOTS_COMMITTEE: ("I.1.b", ("flag", "merit", "commendation")),
    OrgKind.GRASSROOTS_CELL: ("I.1.b", ("flag", "merit", "commendation")),
    OrgKind.SUB_COMMITTEE: ("I.1.c", ("merit", "commendation")),
    OrgKind.CELL: ("I.1.d", ("merit", "commendation")),
}
# Member fields the forms read (those that do not exist yet in an older schema are skipped).
MEMBER_FIELDS = (
    "gender",
    "ethnicity",
    "religion",
    "birth_date",
    "joined_on",
    "occupation",
    "general_education",
    "qualification",
    "political_theory",
    "academic_title",
    "youth_union_from",
    "youth_union_until",
    "business_owner",
    "foreign_marriage",
    "family_planning_violation",
)
PARTY_AGE_CUTS = (dt.date(1945, 8, 19), dt.date(1954, 7, 21), dt.date(1975, 5, 1))


# --------------------------------------------------------------------------- periods
def period_range(period: str) -> tuple[dt.date, dt.date]:
    """`YYYY`, `YYYY-Q1`, `YYYY-H1`, `YYYY-9M`: from 1 January to the end of the year, March, June
    or September (the forms are cumulative)."""
    match = _PERIOD.match((period or "").strip())
    if not match or not 1900 <= int(match.group(1)) <= 9999:
        raise DomainError(
            f'Kỳ báo cáo "{period}" không hợp lệ: dùng YYYY, YYYY-Q1, YYYY-H1 hoặc YYYY-9M (ví dụ 2024-H1).', "period"
        )
    year = int(match.group(1))
    month, day = _PERIOD_END[(match.group(2) or "").upper() or None]
    return dt.date(year, 1, 1), dt.date(year, month, day)


def previous_range(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Cùng kỳ năm trước: the same days one year earlier."""
    return start.replace(year=start.year - 1), end.replace(year=end.year - 1)


def period_label(period: str) -> str:
    """How the title names the period: "năm 2024", "quý I năm 2024", "6 tháng đầu năm 2024"..."""
    start, end = period_range(period)
    return {
        12: f"năm {start.year}",
        3: f"quý I năm {start.year}",
        6: f"6 tháng đầu năm {start.year}",
        9: f"9 tháng đầu năm {start.year}",
    }[end.month]


# --------------------------------------------------------------------------- figures
def round2(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def pct(part, whole) -> float | None:
    """part × 100 / whole rounded half up to two decimals; None when whole is 0 (or missing)."""
    if whole is None or part is None or not Decimal(str(whole)):
        return None
    return float(round2(Decimal(str(part)) * 100 / Decimal(str(whole))))


@dataclass
class Fig:
    """One figure and the records behind it: `ids` (member, organization ids, or Record tuples);
    the figure is len(ids) unless `value` is set (averages)."""

    kind: str
    ids: list = field(default_factory=list)
    value: float | None = None

    @property
    def figure(self):
        return len(self.ids) if self.value is None else self.value


class Record(NamedTuple):
    """A dated record behind a flow figure: `source` is "event" (MemberEvent), "discipline"
    (an expulsion), "award" or "arrival" (TemporaryArrival); `member_id` None for the last two
    when they concern no member of the records. (A tuple: a national form makes a million.)"""

    source: str
    id: int
    member_id: int | None


@dataclass
class Behind:
    """What `behind()` returns: `kind` in {"members", "organizations", "events"} and the ids."""

    kind: str
    ids: list

    @property
    def member_ids(self) -> list[int]:
        if self.kind == "members":
            return list(self.ids)
        if self.kind == "events":
            return sorted({r.member_id for r in self.ids if r.member_id is not None})
        return []


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def _chunks(ids, size=None):
    size = size or (_IDS_IN_QUERY_PG if connection.vendor == "postgresql" else _IDS_IN_QUERY)
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


# --------------------------------------------------------------------------- the computation
class Computation:
    """All figures of the requested forms for one organization and one period."""

    def __init__(
        self,
        tree: Tree,
        root: int,
        start: dt.date,
        end: dt.date,
        values: "MemberValues | None" = None,
        stock: "StockScan | None" = None,
        cells: "CellCounts | None" = None,
    ):
        """With `stock` and `cells` (compute_forms) the stock figures are counted by grouped scans
        and carry no ids; without them (behind) every figure lists its records."""
        self.tree, self.root, self.start, self.end = tree, root, start, end
        self.stock, self.cells = stock, cells
        # Counted (compute_forms): a flow figure only needs its size, so the event rows themselves
        # stand for their records; behind() gets Records.
        self.event = (lambda e: e) if stock is not None else (lambda e: Record("event", e[0], e[1]))
        self.kind = tree.orgs[root].kind
        self.by_home = self.kind in (OrgKind.PROVINCIAL, OrgKind.CENTRAL)
        self._lists: dict[dt.date, dict] = {}
        self._events: list | None = None
        self._inside: dict[int, frozenset] = {}  # id(epoch's tree) -> R's subtree in it
        self._epochs: dict[dt.date, object] = {}  # day -> the tree of its epoch (asked for every record)
        self._nearest_found: dict[tuple, int | None] = {}
        self._by_type: dict[str, list] | None = None
        self._admissions: list | None = None
        self._stock_people = None
        self.values = values or MemberValues()

    # ----- trees
    def epoch(self, day: dt.date):
        """The tree of a record's day: the engine's rule for dated records (the tree of the epoch,
        between two days on which organizations move, that contains the day)."""
        snapshot = self._epochs.get(day)
        if snapshot is None:
            snapshot = self._epochs[day] = self.tree.epoch_of(day)
        return snapshot

    def inside(self, cell, day: dt.date) -> bool:
        if not cell:
            return False
        snapshot = self._epochs.get(day) or self.epoch(day)
        members = self._inside.get(id(snapshot))
        if members is None:  # R's subtree in that tree, once per epoch
            members = self._inside[id(snapshot)] = frozenset(snapshot.subtree(self.root))
        return cell in members

    def _nearest(self, cell, day: dt.date, kinds, stop_at_root=True):
        """The nearest ancestor of `cell` (itself included) of one of `kinds`, below R when asked."""
        snapshot = self.epoch(day)
        key = (id(snapshot), cell, kinds, stop_at_root)
        if key in self._nearest_found:
            return self._nearest_found[key]
        orgs = self.tree.orgs
        found = None
        for org_id in snapshot.ancestors_cached(cell):
            if stop_at_root and org_id == self.root:
                break
            if orgs[org_id].kind in kinds:
                found = org_id
                break
        self._nearest_found[key] = found
        return found

    def home(self, cell, day: dt.date):
        """The member's "home unit" in R when in `cell` (spec/forms.md "Ground rules"); None outside R."""
        if not self.inside(cell, day):
            return None
        if not self.by_home:
            return self.root
        return self._nearest(cell, day, (OrgKind.UPPER,)) or self._nearest(cell, day, GRASSROOTS_KINDS) or self.root

    def province(self, cell, day: dt.date):
        return self._nearest(cell, day, (OrgKind.PROVINCIAL,), stop_at_root=False)

    def grassroots(self, cell, day: dt.date):
        return self._nearest(cell, day, GRASSROOTS_KINDS, stop_at_root=False) if cell else None

    # ----- members in R's list at a day (spec/indicators.md members.total)
    def listed(self, day: dt.date) -> dict[int, tuple]:
        """{member_id: (cell, official, exempt)} of R's list at the end of `day`."""
        if day in self._lists:
            return self._lists[day]
        snapshot = self.tree.snapshot(day)
        cells = {c for c in snapshot.subtree(self.root) if self.tree.orgs[c].is_cell}
        start, end = q("start"), q("end")
        sql = (
            f"SELECT member_id, cell_id, official, exempt FROM {table(MemberSpan)} "
            f"WHERE {start} <= %s AND ({end} IS NULL OR {end} > %s)"
        )
        params: list = [day, day]
        if cells and len(cells) <= _IDS_IN_QUERY:
            sql += f" AND cell_id IN ({', '.join(['%s'] * len(cells))})"
            params += sorted(cells)
        found = {}
        if cells:
            for member_id, cell, official, exempt in _fetch(sql, params):
                if cell in cells:
                    found[member_id] = (cell, bool(official), bool(exempt))
        self._lists[day] = found
        return found

    # ----- dated records of the period
    def events(self) -> list[tuple]:
        """(id, member_id, type, on, org_id, from_cell, to_cell, reason, counterpart) in the period."""
        if self._events is None:
            counterpart = "e.counterpart" if _has_field(MemberEvent, "counterpart") else "''"
            self._events = _fetch(
                f"""SELECT e.id, e.member_id, e.type, e.{q("on")}, e.org_id, e.from_cell_id, e.to_cell_id,
                           e.reason, {counterpart}
                    FROM {table(MemberEvent)} e
                    WHERE e.voided_at IS NULL AND e.{q("on")} >= %s AND e.{q("on")} <= %s
                      AND e.type IN ({", ".join(["%s"] * len(FORM_EVENT_TYPES))})
                    ORDER BY e.{q("on")}, e.id""",
                [self.start, self.end, *FORM_EVENT_TYPES],
            )
        return self._events

    def of_type(self, *types):
        if self._by_type is None:
            self._by_type = defaultdict(list)
            for e in self.events():
                self._by_type[e[2]].append(e)
        if len(types) == 1:
            return self._by_type[types[0]]
        return [e for e in self.events() if e[2] in types]

    def admissions(self) -> list[tuple]:
        """Form 1 B1 / Form 2 I: `admitted` events whose cell is in R that day."""
        if self._admissions is None:
            self._admissions = [e for e in self.of_type("admitted") if self.inside(e[6], e[3])]
        return self._admissions

    # ----- Form 1
    def form1(self) -> dict:
        rows: dict[str, Fig] = {}
        if self.cells is not None:
            rows["A"] = Fig("members", value=self.cells.total(self.root, self.start - DAY))
            rows["D"] = Fig("members", value=self.cells.total(self.root, self.end))
        else:
            rows["A"] = Fig("members", sorted(self.listed(self.start - DAY)))
            rows["D"] = Fig("members", sorted(self.listed(self.end)))
        rows["B1"] = Fig("events", [self.event(e) for e in self.admissions()])
        rows["B3"] = Fig("events", [self.event(e) for e in self.of_type("restored") if self.inside(e[6], e[3])])
        for etype, code in REMOVAL_ROWS.items():
            rows[code] = Fig("events", [self.event(e) for e in self.of_type(etype) if self.inside(e[5], e[3])])
        struck = [e for e in self.of_type("struck_off") if self.inside(e[5], e[3])]
        probationary = self._probationary_when_left([(e[1], e[3]) for e in struck])
        rows["C3x"] = Fig("events", [self.event(e) for e in struck if (e[1], e[3]) in probationary])
        rows["C2"] = Fig("events", self._expulsions())
        for code in ("B2a", "B2b", "C5a", "C5b"):
            rows[code] = Fig("events", [])
        for e in self.of_type(*TRANSFER_TYPES):
            day, send, recv = e[3], e[5], e[6]
            home_send, home_recv = self.home(send, day), self.home(recv, day)
            if home_send == home_recv:
                continue
            if home_recv is not None:
                rows["B2" + self._class(recv, send, e[8], day)].ids.append(self.event(e))
            if home_send is not None:
                rows["C5" + self._class(send, recv, e[8], day)].ids.append(self.event(e))
        rows["B2"] = Fig("events", rows["B2a"].ids + rows["B2b"].ids)
        rows["B"] = Fig("events", rows["B1"].ids + rows["B2"].ids + rows["B3"].ids)
        rows["C5"] = Fig("events", rows["C5a"].ids + rows["C5b"].ids)
        rows["C"] = Fig("events", [r for code in ("C1", "C2", "C3", "C4", "C5") for r in rows[code].ids])
        return rows

    def _class(self, own_cell, other_cell, counterpart: str, day: dt.date) -> str:
        """ "a" (tỉnh khác) or "b" (huyện khác trong tỉnh) of a transfer seen from `own_cell`."""
        if other_cell is None or other_cell not in self.epoch(day):
            return "b" if counterpart == "same_province" else "a"
        return "b" if self.province(own_cell, day) == self.province(other_cell, day) else "a"

    def _probationary_when_left(self, pairs) -> set:
        """(member, day) pairs whose span ending that day was probationary."""
        wanted = set(pairs)
        found = set()
        limit, params = _cell_filter({m for m, _d in wanted}, "member_id")
        for member_id, end, official in _fetch(
            f"SELECT member_id, {q('end')}, official FROM {table(MemberSpan)} "
            f"WHERE {q('end')} >= %s AND {q('end')} <= %s{limit}",
            [self.start, self.end, *params],
        ):
            if (member_id, _as_date(end)) in wanted and not official:
                found.add((member_id, _as_date(end)))
        return found

    def _expulsions(self) -> list[Record]:
        rows = Discipline.objects.active().filter(
            subject_type="member", level="expulsion", decided_on__gte=self.start, decided_on__lte=self.end
        )
        return [
            Record("discipline", d_id, m_id)
            for d_id, m_id, cell, day in rows.values_list("id", "subject_member_id", "cell_id", "decided_on").order_by(
                "decided_on", "id"
            )
            if self.inside(cell, day)
        ]

    # ----- attributes
    def fields(self) -> list[str]:
        return [f for f in MEMBER_FIELDS if _has_field(Member, f)]

    def attributes_on(self, days: dict[int, dt.date]) -> dict[int, dict]:
        """Each member's attributes at its own day (members.attributes' reading of member_changes)."""
        return self.values.at(days, self.fields())

    # ----- shared breakdowns (Forms 2 and 3)
    @staticmethod
    def _breakdown(rows: dict, prefix_occ: str, prefix_age: str, people, occupation_other_retired: bool):
        """Occupation and age rows from (id, attributes, day) triples."""
        for suffix, _code, _label in fr.OCCUPATIONS:
            rows[f"{prefix_occ}.{suffix}"] = Fig("members", [])
        for band, *_rest in fr.AGE_BANDS:
            rows[f"{prefix_age}.{band}"] = Fig("members", [])
        ages = []
        for member_id, a, day in people:
            occupation = a.get("occupation") or ""
            if occupation == "retired" and occupation_other_retired:
                occupation = "other"
            suffix = fr.OCCUPATION_ROW.get(occupation)
            if suffix:
                rows[f"{prefix_occ}.{suffix}"].ids.append(member_id)
                if suffix.startswith("07"):
                    rows[f"{prefix_occ}.07"].ids.append(member_id)
            age = _age(a["birth_date"], day)
            ages.append(age)
            for band, low, high, _label in fr.AGE_BANDS:
                if (low is None or age >= low) and (high is None or age <= high):
                    rows[f"{prefix_age}.{band}"].ids.append(member_id)
                    break
        average = float(round2(Decimal(sum(ages)) / len(ages))) if ages else 0.0
        rows[f"{prefix_age}.avg"] = Fig("members", [m for m, _a, _d in people], average)

    @staticmethod
    def _levels(rows: dict, people, prefixes: dict):
        """Education, qualification, academic title (and political theory) rows."""
        for prefix, (items, _read) in prefixes.items():
            for code, _label in items:
                rows[f"{prefix}.{code}"] = Fig("members", [])
        for member_id, a, _day in people:
            for prefix, (_items, read) in prefixes.items():
                code = read(a)
                if code and f"{prefix}.{code}" in rows:
                    rows[f"{prefix}.{code}"].ids.append(member_id)

    @staticmethod
    def _flags(rows: dict, people, flags: dict):
        for code in flags:
            rows[code] = Fig("members", [])
        for member_id, a, day in people:
            for code, test in flags.items():
                if test(a, day):
                    rows[code].ids.append(member_id)

    # ----- Form 2
    def form2(self) -> dict:
        admitted = self.admissions()
        if self.stock is not None:  # compute_forms: counted in SQL (figures without ids)
            rows = self._form2_counted(admitted)
        else:
            rows = self._form2_listed(admitted)
        # Part III: grassroots organizations of R at the period's end, and those that admitted someone.
        snapshot = self.tree.snapshot(self.end)
        orgs = self.tree.orgs
        grassroots = [o for o in snapshot.subtree(self.root) if orgs[o].kind in GRASSROOTS_KINDS]
        admitting = set()
        for e in self.of_type("admitted"):
            for ancestor in self.epoch(e[3]).ancestors_cached(e[6]) if e[6] else ():
                admitting.add(ancestor)
        for code, kind in (("III.1", OrgKind.GRASSROOTS_COMMITTEE), ("III.2", OrgKind.GRASSROOTS_CELL)):
            chosen = sorted(o for o in grassroots if orgs[o].kind == kind)
            rows[code] = Fig("organizations", chosen)
            rows[f"{code}.admitted"] = Fig("organizations", [o for o in chosen if o in admitting])
        return rows

    def _form2_listed(self, admitted) -> dict:
        """Form 2 parts I and II member by member (behind): every figure lists its events."""
        rows: dict[str, Fig] = {"I": Fig("events", [self.event(e) for e in admitted])}
        by_member = {e[1]: e[3] for e in admitted}
        # The rows of the members admitted in the period: one query joined to the events, not a list of ids.
        self.values.load_query(
            Member.objects.filter(
                pk__in=MemberEvent.objects.filter(
                    type="admitted", voided_at__isnull=True, on__gte=self.start, on__lte=self.end
                ).values("member_id")
            ).exclude(pk__in=list(self.values.rows) if len(self.values.rows) <= _IDS_IN_QUERY else []),
            self.fields(),
        )
        values = self.attributes_on(by_member)
        people = [(e[1], values[e[1]], e[3]) for e in admitted if e[1] in values]
        event_of = {e[1]: self.event(e) for e in admitted}
        earlier = self._first_entries(by_member)
        self._flags(
            rows,
            people,
            {
                "I.female": lambda a, d: a["gender"] == "female",
                "I.minority": lambda a, d: a["ethnic_minority"],
                "I.religious": lambda a, d: attrs.is_religious(a["religion"]),
                "I.youth_union": lambda a, d: _youth(a, d),
                "I.business_owner": lambda a, d: bool(a.get("business_owner")),
                "I.family_planning": lambda a, d: bool(a.get("family_planning_violation")),
                "I.foreign_marriage": lambda a, d: bool(a.get("foreign_marriage")),
            },
        )
        rows["I.readmitted"] = Fig("members", [m for m, d in by_member.items() if earlier.get(m, d) < d])
        # Rows over admissions count the events (a member is admitted at most once in a period).
        for code, fig in list(rows.items()):
            if code != "I" and fig.kind == "members":
                rows[code] = Fig("events", [event_of[m] for m in fig.ids])
        self._breakdown(rows, "II.1", "II.2", people, occupation_other_retired=True)
        self._levels(rows, people, _level_prefixes("II.3", "II.4", "II.5", None))
        for code, fig in list(rows.items()):
            if code.startswith("II.") and fig.kind == "members" and fig.value is None:
                rows[code] = Fig("events", [event_of[m] for m in fig.ids])
        rows["II.1"] = Fig("events", [r for s, _c, _l in fr.OCCUPATIONS if len(s) == 2 for r in rows[f"II.1.{s}"].ids])
        rows["II.2.avg"] = Fig("events", [event_of[m] for m in rows["II.2.avg"].ids], rows["II.2.avg"].value)
        return rows

    def _form2_counted(self, admitted) -> dict:
        """Form 2 parts I and II counted: the admitted members' rows grouped in SQL by the values
        the rows read (at the admission day: age, Đoàn membership, re-admission); the members with a
        dated change on or before their admission day, and those admitted twice in the period, are
        read one by one (MemberValues) and classified by the same function (_admission_codes)."""
        from xaydungdang.members.models import MemberChange

        last = {e[1]: e for e in admitted}  # a member admitted twice counts once, at the later day
        twice = {m for m, n in Counter(e[1] for e in admitted).items() if n > 1}
        fields = [f for f in MEMBER_FIELDS if f in attrs.CHANGE_FIELDS and _has_field(Member, f)]
        ids = {e[0] for m, e in last.items() if m not in twice}
        ev, on = table(MemberEvent), q("on")
        changed_sql = (
            f"SELECT 1 FROM {table(MemberChange)} c WHERE c.member_id = e.member_id AND c.voided_at IS NULL "
            f"AND c.{on} <= e.{on} AND c.field IN ({', '.join(['%s'] * len(fields))})"
        )
        if ids and len(ids) == len(self.of_type("admitted")):  # every admission of the period, once: a range
            where = f" AND e.type = 'admitted' AND e.voided_at IS NULL AND e.{on} >= %s AND e.{on} <= %s"
            where_params = [self.start, self.end]
        else:
            where, where_params = _cell_filter(ids, "e.id")
        changed = {row[0] for row in _fetch(
            f"SELECT DISTINCT e.member_id FROM {ev} e WHERE EXISTS ({changed_sql}){where}", [*fields, *where_params]
        )} if ids else set()  # fmt: skip
        counts: Counter = Counter()
        ages = [0, 0]

        def add(name, v, number):
            if name == "age" and v["age"] is not None:
                ages[0] += v["age"] * number
                ages[1] += number
            for code in _admission_codes(name, v):
                counts[code] += number

        if ids:
            # The admitted member's row as the span entered that day carries it (members/projection.py
            # SPAN_COPIED): one span of a member starts on a day at most.
            day = _date_ord_sql(f"e.{on}")
            columns = [
                _span_column("gender"), _span_column("ethnic_minority"), "s.religion", "s.business_owner",
                "s.family_planning_violation", "s.foreign_marriage", "s.occupation", "s.general_education",
                "s.qualification", "s.academic_title",
                f"CASE WHEN s.youth_union_from IS NOT NULL AND s.youth_union_from <= e.{on} AND "
                f"(s.youth_union_until IS NULL OR s.youth_union_until > e.{on}) THEN 1 ELSE 0 END AS youth",
                f"CASE WHEN EXISTS (SELECT 1 FROM {ev} f WHERE f.member_id = e.member_id AND f.voided_at IS NULL "
                f"AND f.type IN ('opening', 'admitted') AND f.{on} < e.{on}) THEN 1 ELSE 0 END AS readmitted",
                f"{_floor_years(f'{day} - s.birth_ord')} AS age",
            ]  # fmt: skip
            spans = table(MemberSpan)
            span_range = f" AND s.{q('start')} >= %s AND s.{q('start')} <= %s"
            inner = (
                f"SELECT {', '.join(columns)} FROM {ev} e JOIN {spans} s ON s.member_id = e.member_id "
                f"AND s.{q('start')} = e.{on} WHERE NOT EXISTS ({changed_sql}){where}{span_range}"
            )
            params = [*fields, *where_params, self.start, self.end]
            counted = 0
            for name, v, (number,) in _grouped(inner, params, ADMISSION_SETS):
                add(name, v, number)
                counted += number if name == "age" else 0
            unchanged = len(ids) - len({e[1] for e in admitted if e[0] in ids} & changed)
            if counted != unchanged:  # an admission whose span does not start that day: read its row
                changed |= {row[0] for row in _fetch(
                    f"SELECT e.member_id FROM {ev} e WHERE NOT EXISTS ({changed_sql}){where} AND NOT EXISTS "
                    f"(SELECT 1 FROM {spans} s WHERE s.member_id = e.member_id AND s.{q('start')} = e.{on})",
                    [*fields, *where_params],
                )}  # fmt: skip
        slow = {m: last[m][3] for m in last if m in twice or m in changed}
        if slow:
            values = self.attributes_on(slow)
            earlier = self._first_entries(slow)
            for member_id, day in slow.items():
                a = values.get(member_id)
                if a is None:
                    continue
                v = dict(a, youth=_youth(a, day), readmitted=earlier.get(member_id, day) < day)
                v["age"] = _age(a["birth_date"], day)
                for name in ADMISSION_SETS:
                    add(name, v, 1)
        rows = {code: Fig("events", value=counts.get(f"2:{code}", 0)) for code, _label in fr.ROWS["2"]}
        rows["I"] = Fig("events", [self.event(e) for e in admitted])
        rows["II.2.avg"] = Fig("events", value=float(round2(Decimal(ages[0]) / ages[1])) if ages[1] else 0.0)
        return rows

    def _first_entries(self, by_member: dict) -> dict[int, dt.date]:
        """Each member's first `opening` or `admitted` event (a later admission is a re-admission)."""
        found = {}
        limit, params = _cell_filter(set(by_member), "member_id")
        for member_id, first in _fetch(
            f"SELECT member_id, MIN({q('on')}) FROM {table(MemberEvent)} WHERE voided_at IS NULL "
            f"AND type IN ('opening', 'admitted'){limit} GROUP BY member_id",
            params,
        ):
            found[member_id] = _as_date(first)
        return found

    # ----- Form 3
    def stock_people(self):
        if self._stock_people is None:
            listed = self.listed(self.end)
            values = self.attributes_on(dict.fromkeys(listed, self.end))
            self._stock_people = listed, [(m, values[m], self.end) for m in sorted(listed) if m in values]
        return self._stock_people

    def _counted(self, form: str) -> dict:
        """Form 3 or 4 from the grouped scan (compute_forms): figures without ids."""
        counts = self.stock.counts(self.end)
        if form == "4":
            return {
                code: {
                    "total": Fig("members", value=counts[f"4:{code}"]),
                    "female": Fig("members", value=counts[f"4f:{code}"]),
                }
                for code, _label in fr.ROWS["4"]
            }
        rows = {code: Fig("members", value=counts[f"3:{code}"]) for code, _label in fr.ROWS["3"]}
        rows["II.2.avg"] = Fig("members", value=self.stock.average_age(self.end))
        return rows

    def form3(self) -> dict:
        if self.stock is not None:
            return self._counted("3")
        listed, people = self.stock_people()
        rows: dict[str, Fig] = {"I": Fig("members", sorted(listed))}
        self._flags(
            rows,
            people,
            {
                "I.female": lambda a, d: a["gender"] == "female",
                "I.minority": lambda a, d: a["ethnic_minority"],
                "I.religious": lambda a, d: attrs.is_religious(a["religion"]),
                "I.youth_union": lambda a, d: _youth(a, d),
                "I.business_owner": lambda a, d: bool(a.get("business_owner")),
                "I.foreign_marriage": lambda a, d: bool(a.get("foreign_marriage")),
            },
        )
        rows["I.probationary"] = Fig("members", [m for m, _a, _d in people if not listed[m][1]])
        retired = [p for p in people if p[1].get("occupation") == "retired"]
        # `retired` has no occupation row: retired members are counted in II.1.b only.
        self._breakdown(rows, "II.1.a", "II.2", people, occupation_other_retired=False)
        rows["II.1.a"] = Fig(
            "members", [m for s, _c, _l in fr.OCCUPATIONS if len(s) == 2 for m in rows[f"II.1.a.{s}"].ids]
        )
        rows["II.1.b"] = Fig("members", [m for m, _a, _d in retired])
        rows["II.1.b.exempt"] = Fig("members", [m for m, _a, _d in retired if listed[m][2]])
        for code, _label in fr.PARTY_AGE:
            rows[f"II.3.{code}"] = Fig("members", [])
        for member_id, a, _day in people:
            joined = a["joined_on"]
            index = sum(1 for cut in PARTY_AGE_CUTS if joined >= cut)
            rows[f"II.3.{fr.PARTY_AGE[index][0]}"].ids.append(member_id)
        self._levels(rows, people, _level_prefixes("II.4", "II.5", "II.6", "II.7"))
        return rows

    # ----- Form 4
    def form4(self) -> dict:
        if self.stock is not None:
            return self._counted("4")
        _listed, people = self.stock_people()
        rows: dict[str, dict[str, Fig]] = {}
        codes = [code for code, _label in fr.ROWS["4"]]
        for code in codes:
            rows[code] = {"total": Fig("members", []), "female": Fig("members", [])}

        def put(code, member_id, female):
            rows[code]["total"].ids.append(member_id)
            if female:
                rows[code]["female"].ids.append(member_id)

        for member_id, a, _day in people:
            female = a["gender"] == "female"
            put("I", member_id, female)
            put(f"I.{_ethnicity_row(a['ethnicity']):02d}", member_id, female)
            religion = _religion_row(a["religion"]) if attrs.is_religious(a["religion"]) else None
            if religion:
                put("II", member_id, female)
                put(f"II.{religion}", member_id, female)
        return rows

    # ----- Form 5
    def form5(self) -> dict:
        snapshot = self.tree.snapshot(self.end)
        orgs = self.tree.orgs
        subtree = snapshot.subtree(self.root)
        unit_types = dict(
            Organization.objects.filter(kind__in=GRASSROOTS_KINDS).values_list("id", "unit_type")
            if _has_field(Organization, "unit_type")
            else []
        )
        columns = fr.COLUMNS["5"]
        codes = [code for code, _label in fr.ROWS["5"]]
        rows = {code: {c: Fig("members" if c == "members" else "organizations", []) for c in columns} for code in codes}

        def row_of(org_id):
            grassroots = self._nearest(org_id, self.end, GRASSROOTS_KINDS, stop_at_root=False)
            if grassroots is None:
                return None
            return fr.UNIT_TYPE_ROW.get(unit_types.get(grassroots) or "", "11")

        def put(leaf, column, item):
            for code in (leaf, *fr.UNIT_ROW_GROUPS.get(leaf, ())):
                rows[code][column].ids.append(item)
            rows["total"][column].ids.append(item)  # once, whatever the groups

        column_of = {
            OrgKind.GRASSROOTS_COMMITTEE: "committees",
            OrgKind.GRASSROOTS_CELL: "cells",
            OrgKind.SUB_COMMITTEE: "sub_committees",
            OrgKind.CELL: "subordinate_cells",
        }
        row_cache = {}
        for org_id in subtree:
            column = column_of.get(orgs[org_id].kind)
            if column is None:
                continue
            leaf = row_cache.setdefault(org_id, row_of(org_id))
            if leaf is None:
                continue
            put(leaf, column, org_id)
            if column in ("committees", "cells"):
                put(leaf, "grassroots", org_id)
        if self.cells is not None:  # counted: the members of each cell of R at the end
            counts = self.cells.per_cell(self.end)
            for cell in subtree:
                if orgs[cell].is_cell and counts.get(cell):
                    leaf = row_cache.get(cell) or row_cache.setdefault(cell, row_of(cell))
                    if leaf is not None:
                        for code in (leaf, *fr.UNIT_ROW_GROUPS.get(leaf, ()), "total"):
                            fig = rows[code]["members"]
                            fig.value = (fig.value or 0) + counts[cell]
            for code in rows:
                rows[code]["members"].value = rows[code]["members"].value or 0
            return rows
        for member_id, (cell, _official, _exempt) in sorted(self.listed(self.end).items()):
            leaf = row_cache.get(cell) or row_cache.setdefault(cell, row_of(cell))
            if leaf is not None:
                put(leaf, "members", member_id)
        return rows

    # ----- Form 7
    def form7(self) -> dict:
        codes = [code for code, _label in fr.ROWS["7"]]
        rows: dict[str, Fig] = {code: Fig("events", []) for code in codes}
        orgs = self.tree.orgs
        award_subjects = defaultdict(set)  # row -> subject ids
        awards = Award.objects.active().filter(granted_on__gte=self.start, granted_on__lte=self.end)
        member_awards = []
        for subject_type, org_id, member_id, kind, day in awards.values_list(
            "subject_type", "subject_org_id", "subject_member_id", "award", "granted_on"
        ):
            if subject_type == "org":
                if org_id is None or not self.inside(org_id, day) or orgs[org_id].kind not in ORG_AWARD_GROUPS:
                    continue
                group, kinds = ORG_AWARD_GROUPS[orgs[org_id].kind]
                award_subjects[group].add(org_id)
                if AWARD_ROWS.get(kind) in kinds:
                    award_subjects[f"{group}.{AWARD_ROWS[kind]}"].add(org_id)
            elif member_id is not None:
                member_awards.append((member_id, kind, day))
        cells = self._cells_on([(m, d) for m, _k, d in member_awards])
        for member_id, kind, day in member_awards:
            if not self.inside(cells.get((member_id, day)), day):
                continue
            award_subjects["I.2"].add(member_id)
            if AWARD_ROWS.get(kind) in ("merit", "commendation"):
                award_subjects[f"I.2.{AWARD_ROWS[kind]}"].add(member_id)
        for code in codes:
            if code.startswith("I."):
                rows[code] = Fig("members" if code.startswith("I.2") else "organizations", sorted(award_subjects[code]))
        badges = [e for e in self.of_type("badge_awarded") if self.inside(e[6] or e[5], e[3])]
        # The milestone as members/partyage.py reads it (an empty reason: the one the party age reached).
        for e, milestone in zip(badges, partyage.event_milestones((e[1], e[7], e[3]) for e in badges)):
            code = f"II.{milestone}"
            if milestone is not None and code in rows:
                rows[code].ids.append(self.event(e))
        for etype, code in CARD_ROWS.items():
            rows[code].ids = [self.event(e) for e in self.of_type(etype) if self.inside(e[6] or e[5], e[3])]
        for e in self.of_type("temporary_out"):
            if self.inside(e[5] or e[6], e[3]):
                rows["IV.1.out"].ids.append(self.event(e))
            if self.inside(e[4], e[3]):
                rows["IV.1.in"].ids.append(self.event(e))
        try:
            from xaydungdang.organizations.models import TemporaryArrival
        except ImportError:  # an older schema
            TemporaryArrival = None
        if TemporaryArrival is not None:
            arrivals = TemporaryArrival.objects.active().filter(on__gte=self.start, on__lte=self.end)
            for arrival_id, org_id, day in arrivals.values_list("id", "org_id", "on").order_by("on", "id"):
                if self.inside(org_id, day):
                    rows["IV.1.in"].ids.append(Record("arrival", arrival_id, None))
        for e in self.of_type(*TRANSFER_TYPES):
            day, send, recv = e[3], e[5], e[6]
            sending, receiving = self.grassroots(send, day), self.grassroots(recv, day)
            if sending is not None and sending == receiving:
                continue
            if self.inside(send, day):
                rows["IV.2.out"].ids.append(self.event(e))
            if self.inside(recv, day):
                rows["IV.2.in"].ids.append(self.event(e))
        return rows

    def _cells_on(self, pairs) -> dict[tuple, int]:
        """The cell of each (member, day) from the spans (a member's cell at a date)."""
        wanted = set(pairs)
        found = {}
        limit, params = _cell_filter({m for m, _d in wanted}, "member_id")
        spans = _fetch(
            f"SELECT member_id, cell_id, {q('start')}, {q('end')} FROM {table(MemberSpan)} WHERE 1 = 1{limit}", params
        )
        days_of = defaultdict(list)
        for m, day in wanted:
            days_of[m].append(day)
        for member_id, cell, start, end in spans:
            start, end = _as_date(start), _as_date(end)
            for day in days_of[member_id]:
                if start <= day and (end is None or end > day):
                    found[(member_id, day)] = cell
        return found

    def compute(self, form: str):
        return getattr(self, f"form{form}")()


_ethnicity_row = lru_cache(maxsize=4096)(fr.ethnicity_row)
_religion_row = lru_cache(maxsize=4096)(fr.religion_row)
_education_level = lru_cache(maxsize=4096)(attrs.education_level)


class MemberValues:
    """Members' attributes at given days for one computation of the forms (both periods).

    The reading is members.attributes.attributes_at's (the members row, changed by every active
    member_changes row of the field with `on` <= the day, in date order); rows and changes are
    read once for all the members and days the forms ask about, not once per day.
    """

    def __init__(self):
        self.rows: dict[int, dict] = {}
        self.changes: dict[int, list] = {}
        self.fields: list[str] = []

    def _load(self, ids, fields: list[str]) -> None:
        missing = [m for m in ids if m not in self.rows]
        self.fields = fields
        for chunk in _chunks(sorted(missing)):
            self.load_query(Member.objects.filter(pk__in=chunk), fields)

    def load_query(self, members, fields: list[str]) -> None:
        """The rows and dated changes of the members of a queryset (one query each)."""
        from xaydungdang.members.models import MemberChange

        self.fields = fields
        # attributes_at at the earliest day applies no change: the members rows as stored.
        self.rows.update(attrs.attributes_at(members, fields + ["ethnic_minority"], dt.date.min))
        changes = MemberChange.objects.active().filter(
            field__in=[f for f in fields if f in attrs.CHANGE_FIELDS], member_id__in=members.values("pk")
        )
        found: dict[int, list] = {}
        for member_id, name, value, on in changes.order_by("on", "id").values_list("member_id", "field", "value", "on"):
            found.setdefault(member_id, []).append((on, name, attrs.typed_value(name, value)))
        self.changes.update(found)  # a member read again gets its changes once

    def at(self, days: dict[int, dt.date], fields: list[str]) -> dict[int, dict]:
        self._load(list(days), fields)
        result = {}
        for member_id, day in days.items():
            row = self.rows.get(member_id)
            if row is None:
                continue
            changes = self.changes.get(member_id)
            if changes:
                row = dict(row)
                for on, name, value in changes:
                    if on <= day:
                        row[name] = value
            result[member_id] = row
        return result


def _youth(a: dict, day: dt.date) -> bool:
    """members.attributes.is_youth_union_member on attributes_at's values (an empty date reads "")."""
    start, until = a.get("youth_union_from") or None, a.get("youth_union_until") or None
    return start is not None and start <= day and (until is None or until > day)


def _level_prefixes(education: str, qualification: str, title: str, theory: str | None) -> dict:
    prefixes = {
        education: (fr.EDUCATION, lambda a: _education_level(a.get("general_education") or "")),
        qualification: (
            fr.QUALIFICATIONS,
            lambda a: fr.QUALIFICATION_ALIASES.get(a.get("qualification") or "", a.get("qualification")),
        ),
        title: (fr.TITLES_ACADEMIC, lambda a: a.get("academic_title")),
    }
    if theory:
        prefixes[theory] = (fr.THEORY, lambda a: fr.THEORY_ROW.get(a.get("political_theory") or ""))
    return prefixes


# --------------------------------------------------------------------------- counting at scale
# compute_forms counts; behind() names records. The stock forms (1 A/D, 3, 4, 5 members) are
# counted by grouped scans like the report engine's (spans at the days, joined to the members
# rows, grouped by the attributes the rows read; the members with dated changes corrected one by
# one), so no member row is materialised in Python. The row each group counts in is decided by
# the same functions as for one member (_stock_codes), and a test compares both paths.


def _as_date(value) -> dt.date | None:
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    return dt.date.fromisoformat(str(value)[:10])


def _cell_filter(cells: set[int] | None, column: str) -> tuple[str, list]:
    """` AND column in cells` (any ids; None: no limit) — an array on PostgreSQL, json_each on
    SQLite, so the statement has one parameter however many ids."""
    if cells is None:
        return "", []
    if not cells:
        return " AND 1 = 0", []
    if connection.vendor == "postgresql":
        return f" AND {column} = ANY(%s)", [sorted(cells)]
    return f" AND {column} IN (SELECT value FROM json_each(%s))", [json.dumps(sorted(cells))]


def _date_ord_sql(column: str) -> str:
    """YYYYMMDD of a date column as an integer (completed years = (ord(day) - ord(birth)) // 10000)."""
    if connection.vendor == "postgresql":
        return (
            f"(EXTRACT(YEAR FROM {column}) * 10000 + EXTRACT(MONTH FROM {column}) * 100 "
            f"+ EXTRACT(DAY FROM {column}))::int"
        )
    return f"CAST(strftime('%%Y%%m%%d', {column}) AS INTEGER)"


def _floor_years(diff: str) -> str:
    """diff // 10000 in SQL (floor, as Python's _age for a birth after the day)."""
    return f"(CASE WHEN {diff} >= 0 THEN ({diff}) / 10000 ELSE -((9999 - ({diff})) / 10000) END)"


def _party_band(joined: dt.date) -> int:
    return sum(1 for cut in PARTY_AGE_CUTS if joined >= cut)


def _grouped(inner: str, params: list, sets: dict, where: str = "", sums=()) -> list[tuple[str, dict, tuple]]:
    """(set name, {column: value}, (count, *sums)) of the rows of `inner` (a SELECT whose columns
    are named as in `sets` and `sums`) grouped by each set's columns: GROUPING SETS on PostgreSQL;
    on SQLite, which has none, the rows once (a materialised CTE) and one GROUP BY per set. Each
    set's first column must be in no other set."""
    every = list(dict.fromkeys(c for cols in sets.values() for c in cols))
    names = list(sets)
    where = f" WHERE {where}" if where else ""
    totals = ", ".join(["COUNT(*)", *(f"SUM({c})" for c in sums)])
    if connection.vendor == "postgresql":
        # GROUPING(c) is 0 in the sets grouping by c.
        marks = ", ".join(f"GROUPING({sets[name][0]})" for name in names)
        sql = (
            f"SELECT {marks}, {', '.join(every)}, {totals} FROM ({inner}) x{where} "
            f"GROUP BY GROUPING SETS ({', '.join('(' + ', '.join(sets[name]) + ')' for name in names)})"
        )
        out = [
            (next(n for n, mark in zip(names, row[: len(names)], strict=True) if not mark), row[len(names) :])
            for row in _fetch(sql, params)
        ]
    else:
        parts = []
        for name in names:
            picked = ", ".join(c if c in sets[name] else "NULL" for c in every)
            parts.append(f"SELECT '{name}', {picked}, {totals} FROM x GROUP BY {', '.join(sets[name])}")
        sql = f"WITH x AS MATERIALIZED (SELECT * FROM ({inner}) y{where}) " + " UNION ALL ".join(parts)
        out = [(row[0], row[1:]) for row in _fetch(sql, params)]
    index = {c: i for i, c in enumerate(every)}
    n = len(every)
    return [(name, {c: row[index[c]] for c in sets[name]}, tuple(int(x or 0) for x in row[n:])) for name, row in out]


# Form 2's grouping sets (the admitted members' values at their admission day).
ADMISSION_SETS = {
    "flags": ("gender", "ethnic_minority", "religion", "youth", "business_owner", "family_planning_violation",
              "foreign_marriage", "readmitted"),
    "occupation": ("occupation",),
    "age": ("age",),
    "levels": ("general_education", "qualification", "academic_title"),
}  # fmt: skip
_FORM2_CODES = frozenset(code for code, _label in fr.ROWS["2"])


def _admission_codes(group: str, v: dict) -> list[str]:
    """The Form 2 rows ("2:code") one admitted member counts in, from the values of one set
    (the definitions of Computation._form2_listed)."""
    out: list[str] = []
    if group == "flags":
        for code, test in (
            ("I.female", v["gender"] == "female"),
            ("I.minority", v["ethnic_minority"]),
            ("I.religious", attrs.is_religious(v["religion"])),
            ("I.youth_union", v["youth"]),
            ("I.business_owner", v.get("business_owner")),
            ("I.family_planning", v.get("family_planning_violation")),
            ("I.foreign_marriage", v.get("foreign_marriage")),
            ("I.readmitted", v["readmitted"]),
        ):
            if test:
                out.append(f"2:{code}")
    elif group == "occupation":
        occupation = v["occupation"] or ""
        suffix = fr.OCCUPATION_ROW.get("other" if occupation == "retired" else occupation)
        if suffix:
            out += [f"2:II.1.{suffix}", "2:II.1"]
            if suffix.startswith("07"):
                out.append("2:II.1.07")
    elif group == "age":
        age = v["age"]
        for band, low, high, _label in fr.AGE_BANDS:
            if age is not None and (low is None or age >= low) and (high is None or age <= high):
                out.append(f"2:II.2.{band}")
                break
    else:
        for prefix, (_items, read) in _level_prefixes("II.3", "II.4", "II.5", None).items():
            code = read(v)
            if code and f"{prefix}.{code}" in _FORM2_CODES:
                out.append(f"2:{prefix}.{code}")
    return out


# The grouping sets of the stock scan: the member values each one reads.
STOCK_SETS = {
    "people": ("gender", "ethnicity", "ethnic_minority", "religion"),
    "work": ("occupation", "official", "exempt", "business_owner", "foreign_marriage", "youth"),
    "age": ("age", "party"),
    "levels": ("general_education", "qualification", "academic_title", "political_theory"),
}


def _stock_codes(group: str, v: dict) -> list[str]:
    """The Form 3 ("3:code") and Form 4 ("4:code", female "4f:code") rows one member counts in,
    from the values of one grouping set (the definitions of Computation.form3 and form4)."""
    out: list[str] = []
    if group == "people":
        female = v["gender"] == "female"
        out.append("3:I")
        if female:
            out.append("3:I.female")
        if v["ethnic_minority"]:
            out.append("3:I.minority")
        religious = attrs.is_religious(v["religion"])
        if religious:
            out.append("3:I.religious")
        form4 = ["I", f"I.{_ethnicity_row(v['ethnicity']):02d}"]
        religion = _religion_row(v["religion"]) if religious else None
        if religion:
            form4 += ["II", f"II.{religion}"]
        out += [f"4:{code}" for code in form4]
        if female:
            out += [f"4f:{code}" for code in form4]
    elif group == "work":
        if v["youth"]:
            out.append("3:I.youth_union")
        if v["business_owner"]:
            out.append("3:I.business_owner")
        if v["foreign_marriage"]:
            out.append("3:I.foreign_marriage")
        if not v["official"]:
            out.append("3:I.probationary")
        occupation = v["occupation"] or ""
        suffix = fr.OCCUPATION_ROW.get(occupation)
        if suffix:
            out += [f"3:II.1.a.{suffix}", "3:II.1.a"]
            if suffix.startswith("07") and suffix != "07":
                out.append("3:II.1.a.07")
        if occupation == "retired":
            out.append("3:II.1.b")
            if v["exempt"]:
                out.append("3:II.1.b.exempt")
    elif group == "age":  # the age band, the party-age band, or both
        age = v.get("age")
        for band, low, high, _label in fr.AGE_BANDS if age is not None else ():
            if (low is None or age >= low) and (high is None or age <= high):
                out.append(f"3:II.2.{band}")
                break
        if v.get("party") is not None:
            out.append(f"3:II.3.{fr.PARTY_AGE[v['party']][0]}")
    else:
        for prefix, (_items, read) in _level_prefixes("II.4", "II.5", "II.6", "II.7").items():
            code = read(v)
            if code:
                out.append(f"3:{prefix}.{code}")
    return out


def _span_column(name: str) -> str:
    """The spans' expression of a members column (the spans store gender and minority as flags)."""
    if name == "gender":
        return "CASE WHEN s.female THEN 'female' ELSE 'male' END AS gender"
    if name == "ethnic_minority":
        return "s.minority AS ethnic_minority"
    return f"s.{name}"


class StockScan:
    """Form 3 and Form 4 counts of R's list at given days from ONE grouped scan of the member
    spans active at those days, which carry the member values (GROUPING SETS on PostgreSQL, one
    UNION ALL per set on SQLite), then the members with dated changes corrected."""

    def __init__(self, tree: Tree, root: int, days):
        self.tree, self.root = tree, root
        self.days = sorted(set(days))
        self._counts: dict[dt.date, Counter] | None = None
        self._ages: dict[dt.date, list] = {}
        self._pending: tuple | None = None
        self.here = True  # compute_forms decides whether the scan runs beside (engine.beside)

    def cells(self, day: dt.date) -> set[int]:
        orgs = self.tree.orgs
        return {c for c in self.tree.snapshot(day).subtree(self.root) if orgs[c].is_cell}

    def counts(self, day: dt.date) -> Counter:
        if self._counts is None:
            self._scan()
        return self._counts[day]

    def average_age(self, day: dt.date) -> float:
        self.counts(day)
        total, n = self._ages[day]
        return float(round2(Decimal(total) / n)) if n else 0.0

    def _active(self, days_cells) -> tuple[list[str], list, set | None]:
        """Per day a 0/1 expression "span active that day in R", and the cells to scan (None: all)."""
        all_cells = {c for c, info in self.tree.orgs.items() if info.is_cell}
        union = set().union(*(cells for _d, cells in days_cells))
        same = all(cells == days_cells[0][1] for _d, cells in days_cells)
        start, end = q("start"), q("end")
        conds, params = [], []
        for day, cells in days_cells:
            limit, limit_params = ("", []) if same else _cell_filter(cells, "s.cell_id")
            conds.append(f"(s.{start} <= %s AND (s.{end} IS NULL OR s.{end} > %s){limit})")
            params += [day, day, *limit_params]
        return conds, params, (None if union >= all_cells else union)

    def prefetch(self) -> tuple:
        """Start the scan's statements (engine.beside: on connections of their own where the
        database allows, while the caller computes the other forms). The grouping sets are plain
        columns with few distinct values (the planner sizes hash tables from their statistics);
        the days are sums (a member in the list that day, and a Đoàn member that day); ages at each
        day and the party-age band are sets of their own (each an expression of one column, which
        PostgreSQL estimates by that column's distinct values)."""
        if self._pending is None:
            self._pending = self._start()
        return self._pending

    def _start(self) -> tuple:
        days_cells = [(day, self.cells(day)) for day in self.days]
        conds, act_params, scanned = self._active(days_cells)
        acts = [f"CASE WHEN {cond} THEN 1 ELSE 0 END" for cond in conds]
        n = len(self.days)
        columns = [f"{expr} AS a{k}" for k, expr in enumerate(acts)]
        params: list = list(act_params)
        for k, day in enumerate(self.days):
            columns.append(
                f"CASE WHEN s.youth_union_from IS NOT NULL AND s.youth_union_from <= %s AND "
                f"(s.youth_union_until IS NULL OR s.youth_union_until > %s) THEN 1 ELSE 0 END AS y{k}"
            )
            params += [day, day]
            columns.append(f"{_floor_years(f'{date_ord(day)} - s.birth_ord')} AS g{k}")
        party = " ".join(
            f"WHEN s.joined_on >= %s THEN {index}" for index, _cut in reversed(list(enumerate(PARTY_AGE_CUTS, 1)))
        )
        columns.append(f"CASE {party} ELSE 0 END AS party")
        params += list(reversed(PARTY_AGE_CUTS))
        sets = {
            "people": ("gender", "ethnicity", "ethnic_minority", "religion"),
            "work": ("occupation", "official", "exempt", "business_owner", "foreign_marriage"),
            "levels": ("general_education", "qualification", "academic_title", "political_theory"),
            "age": tuple(f"g{k}" for k in range(n)),  # expressions of one column: estimated as its groups
            "party": ("party",),
        }
        columns += [_span_column(c) for name in ("people", "work", "levels") for c in sets[name]]
        where, where_params = _cell_filter(scanned, "s.cell_id")
        inner = (  # the spans carry the member values (members/projection.py SPAN_COPIED): no join
            f"SELECT {', '.join(columns)} FROM {table(MemberSpan)} s "
            f"WHERE ({' OR '.join(conds)}){where}"  # plain conditions: the planner estimates the rows
        )
        params += [*act_params, *where_params]
        sums = [f"a{k}" for k in range(n)] + [f"a{k} * y{k}" for k in range(n)]
        return (
            beside(partial(_grouped, inner, params, sets, sums=sums), self.here),
            beside(partial(self._correction_rows, acts, act_params, scanned), self.here),
        )

    def _scan(self) -> None:
        n = len(self.days)
        grouped, corrections = self.prefetch()
        counts = {day: Counter() for day in self.days}
        ages = {day: [0, 0] for day in self.days}
        for name, v, (_rows, *totals) in grouped.result():
            for k, day in enumerate(self.days):
                number = totals[k]
                if not number:
                    continue
                if name == "age":
                    age = v[f"g{k}"]
                    ages[day][0] += age * number
                    ages[day][1] += number
                    codes = _stock_codes("age", {"age": age})
                elif name == "party":
                    codes = _stock_codes("age", {"party": v["party"]})
                else:
                    if name == "people":  # Đoàn members: counted once, from one set's groups
                        counts[day]["3:I.youth_union"] += totals[n + k]
                    codes = _stock_codes(name, dict(v, youth=False))
                for code in codes:
                    counts[day][code] += number
        self._correct(counts, *corrections.result())
        self._counts, self._ages = counts, ages

    def _correction_rows(self, acts, act_params, scanned) -> tuple:
        """The spans (active at a day) of the members with a dated change on or before the last
        day, with the values their rows store, and those changes."""
        from xaydungdang.members.models import MemberChange

        fields = [f for f in MEMBER_FIELDS if f in attrs.CHANGE_FIELDS and _has_field(Member, f)]
        start, end = q("start"), q("end")
        changed = (
            f"SELECT member_id FROM {table(MemberChange)} WHERE voided_at IS NULL AND {q('on')} <= %s "
            f"AND field IN ({', '.join(['%s'] * len(fields))})"
        )
        where, where_params = _cell_filter(scanned, "s.cell_id")
        touched = {name: [f for f in STOCK_SETS[name] if f in fields or f in ("gender", "ethnicity", "ethnic_minority")]
                   for name in ("people", "work", "levels")}  # fmt: skip
        read = list(dict.fromkeys(f for names in touched.values() for f in names))
        spans = _fetch(
            f"SELECT s.member_id, s.official, s.exempt, {', '.join(acts)}, {', '.join(_span_column(f) for f in read)} "
            f"FROM {table(MemberSpan)} s "
            f"WHERE s.{start} <= %s AND (s.{end} IS NULL OR s.{end} > %s){where} AND s.member_id IN ({changed})",
            [*act_params, self.days[-1], self.days[0], *where_params, self.days[-1], *fields],
        )
        if not spans:
            return fields, touched, read, [], {}
        changes = defaultdict(list)  # member -> [(on, field, value)] in date order
        for member_id, name, value, on in _fetch(
            f"SELECT member_id, field, value, {q('on')} FROM {table(MemberChange)} WHERE voided_at IS NULL "
            f"AND {q('on')} <= %s AND field IN ({', '.join(['%s'] * len(fields))}) ORDER BY {q('on')}, id",
            [self.days[-1], *fields],
        ):
            changes[member_id].append((_as_date(on), name, attrs.typed_value(name, value)))
        return fields, touched, read, spans, changes

    def _correct(self, counts, fields, touched, read, spans, changes) -> None:
        """Members with a dated change on or before a day: their row as stored was counted; count
        them at their values of that day instead (members.attributes' reading)."""
        if not spans:
            return
        # Only the sets reading a changed field differ; the members are summed per distinct
        # (day, set, values as stored, values that day) before the rows they count in are looked up.
        n = len(self.days)
        position = {f: n + i for i, f in enumerate(read)}
        sets_of = {f: [name for name, names in touched.items() if f in names] for f in fields}
        flags = attrs.BOOLEAN_FIELDS | {"ethnic_minority"}

        def stored(row, f):
            value = row[position[f]]
            return bool(value) if f in flags else value or ""

        delta: Counter = Counter()
        for member_id, official, exempt, *rest in spans:
            dated = changes[member_id]
            for k, day in enumerate(self.days):
                if not rest[k]:
                    continue
                now = {}  # the fields a change of that day or before sets, at their last value
                for on, name, value in dated:
                    if on > day:
                        break
                    now[name] = value
                for name in {name for f in now for name in sets_of[f]}:
                    names = touched[name]
                    before = tuple(stored(rest, f) for f in names)
                    after = tuple(now[f] if f in now else before[i] for i, f in enumerate(names))
                    if before != after:
                        delta[(day, name, before, after, (bool(official), bool(exempt)) if name == "work" else ())] += 1
        for (day, name, before, after, extra), number in delta.items():
            for row, sign in ((before, -number), (after, number)):
                v = dict(zip(touched[name], row, strict=True))
                if name == "work":  # youth and probation do not change: they cancel out
                    v.update(official=extra[0], exempt=extra[1], youth=False)
                for code in _stock_codes(name, v):
                    counts[day][code] += sign


class CellCounts:
    """Members in the list at given days per cell: one grouped scan of the spans (Form 1 A and
    D, Form 5's members column), summed over R's cells in the tree of each day."""

    def __init__(self, tree: Tree, days):
        self.tree = tree
        self.days = sorted(set(days))
        self._by_cell: dict[dt.date, dict[int, int]] | None = None
        self._pending = None
        self.here = True  # compute_forms decides whether the scan runs beside (engine.beside)

    def prefetch(self):
        """Start the scan (engine.beside: on a connection of its own where the database allows)."""
        if self._pending is None:
            start, end = q("start"), q("end")
            columns, params = [], []
            for day_k in self.days:
                columns.append(f"SUM(CASE WHEN {start} <= %s AND ({end} IS NULL OR {end} > %s) THEN 1 ELSE 0 END)")
                params += [day_k, day_k]
            self._pending = beside(
                partial(
                    _fetch,
                    f"SELECT cell_id, {', '.join(columns)} FROM {table(MemberSpan)} "
                    f"WHERE {start} <= %s AND ({end} IS NULL OR {end} > %s) GROUP BY cell_id",
                    [*params, self.days[-1], self.days[0]],
                ),
                self.here,
            )
        return self._pending

    def per_cell(self, day: dt.date) -> dict[int, int]:
        if self._by_cell is None:
            rows = self.prefetch().result()
            self._by_cell = {d: {row[0]: int(row[k + 1] or 0) for row in rows} for k, d in enumerate(self.days)}
        return self._by_cell[day]

    def total(self, root: int, day: dt.date) -> int:
        orgs = self.tree.orgs
        counts = self.per_cell(day)
        return sum(counts.get(c, 0) for c in self.tree.snapshot(day).subtree(root) if orgs[c].is_cell)


# --------------------------------------------------------------------------- the contract JSON
def _check_forms(forms) -> list[str]:
    if not forms:
        return list(fr.FORMS)
    chosen = []
    for form in forms:
        name = str(form).strip()
        if name not in fr.FORMS:
            raise DomainError(f'Không có biểu số "{name}": chọn trong {", ".join(fr.FORMS)}.', "form")
        if name not in chosen:
            chosen.append(name)
    return sorted(chosen, key=fr.FORMS.index)


def _span(start: dt.date, end: dt.date) -> dict:
    return {"from": start.isoformat(), "to": end.isoformat()}


def _form_json(form: str, org: dict, start, end, current: dict, previous: dict | None, label: str) -> dict:
    p_start, p_end = previous_range(start, end)
    out = {
        "form": form,
        "title": fr.TITLES[form],
        "symbol": fr.SYMBOLS[form],
        "period_label": label,
        "org": org,
        "period": _span(start, end),
        "previous": _span(p_start, p_end) if previous is not None else None,
        "columns": list(fr.COLUMNS[form]),
        "rows": [],
    }
    for code, row_label in fr.ROWS[form]:
        if form == "4":
            total = current[code]["total"].figure
            section = current[code.split(".")[0]]["total"].figure
            values = {"total": total, "female": current[code]["female"].figure, "pct": pct(total, section)}
        elif form == "5":
            values = {column: current[code][column].figure for column in fr.COLUMNS[form]}
        else:
            now, before = current[code].figure, previous[code].figure
            values = {"current": now, "previous": before, "pct": pct(now, before)}
        out["rows"].append({"code": code, "label": row_label, "values": values})
    return out


COMPUTE_ORDER = ("2", "7", "1", "5", "3", "4")
BESIDE_CELLS = 500  # from this many cells the scans run on connections of their own (engine.beside)


def compute_forms(org_code, period: str, forms=None) -> list[dict]:
    """The contract JSON objects of the requested forms (all by default), in form order."""
    start, end = period_range(period)
    chosen = _check_forms(forms)
    with reading():
        if connection.vendor == "postgresql":
            with read_connection().cursor() as cursor:  # compiling the large scans costs more than it saves
                cursor.execute("SET LOCAL jit = off")
        tree = load_tree()
        root = resolve_org(tree, org_code)
        info = tree.orgs[root]
        org = {"code": info.code, "name": info.name}
        values = MemberValues()
        p_start, p_end = previous_range(start, end)
        stock = StockScan(tree, root, [end, p_end] if "3" in chosen else [end])
        cells = CellCounts(tree, [end, start - DAY, p_end, p_start - DAY])
        # The long scans start first, beside this thread where the database allows (engine.beside)
        # and the organization is large enough to pay for the connections.
        small = sum(1 for c in tree.snapshot(end).subtree(root) if tree.orgs[c].is_cell) < BESIDE_CELLS
        stock.here = cells.here = small
        if {"3", "4"} & set(chosen):
            stock.prefetch()
        if {"1", "5"} & set(chosen):
            cells.prefetch()
        current = Computation(tree, root, start, end, values, stock, cells)
        previous = Computation(tree, root, p_start, p_end, values, stock, cells)
        # The forms reading the scans started above last, so those run beside the others as long
        # as they can: the cell counts (Forms 1 and 5) after Forms 2 and 7, the stock scan last.
        done = {}
        for form in sorted(chosen, key=lambda f: COMPUTE_ORDER.index(f)):
            now = current.compute(form)
            before = previous.compute(form) if "previous" in fr.COLUMNS[form] else None
            done[form] = _form_json(form, org, start, end, now, before, period_label(period))
            if form == "1":
                note = reorganization(done[form])
                if note is not None:
                    done[form]["reorganization"] = note  # a new key (spec/forms.md keys unchanged)
    return [done[form] for form in chosen]


def _residual(values: dict, column: str) -> int:
    return values["D"][column] - (values["A"][column] + values["B"][column] - values["C"][column])


def reorganization(form1: dict) -> dict | None:
    """Form 1 of a unit whose subtree changed in the period (founded, merged, dissolved, units moved
    in or out): its rows count members, not the organizations that came or went with theirs, so
    D = A + B − C + the members received (+) or handed over (−) with their organizations. The
    difference is stated beside the form, never hidden in a row. None when the tree did not change
    R's list (the identity holds as it stands)."""
    values = {row["code"]: row["values"] for row in form1["rows"]}
    current = _residual(values, "current")
    previous = _residual(values, "previous")
    if not current and not previous:
        return None

    def phrase(number: int) -> str:
        return f"{'+' if number > 0 else '−'}{integer(abs(number))}" if number else "0"

    text = (
        "Tăng (+), giảm (−) do sắp xếp tổ chức đảng (tổ chức đảng cùng đảng viên chuyển đến hoặc chuyển đi "
        f"khi thành lập, hợp nhất, giải thể, điều chỉnh trực thuộc): kỳ này {phrase(current)}, cùng kỳ năm trước "
        f"{phrase(previous)}; vì vậy D = A + B − C + số này."
    )
    return {"current": current, "previous": previous, "text": text}


def behind(org_code, period: str, form: str, row_code: str, column: str) -> Behind:
    """The records counted in one figure: member, organization or event (Record) ids."""
    start, end = period_range(period)
    (form,) = _check_forms([form])
    codes = {code for code, _label in fr.ROWS[form]}
    if row_code not in codes:
        raise DomainError(f'Biểu số {form} không có dòng "{row_code}".', "row")
    if column not in fr.COLUMNS[form]:
        raise DomainError(f'Biểu số {form} không có cột "{column}".', "column")
    with reading():
        tree = load_tree()
        root = resolve_org(tree, org_code)
        if column == "previous":
            start, end = previous_range(start, end)
        rows = Computation(tree, root, start, end).compute(form)
    figure = rows[row_code]
    if form in ("4", "5"):
        figure = figure["total" if column == "pct" else column]
    return Behind(figure.kind, list(figure.ids))


__all__ = ["Behind", "Record", "behind", "compute_forms", "period_range", "previous_range"]
