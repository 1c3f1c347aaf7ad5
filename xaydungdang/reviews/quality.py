"""What a rating round adds up to: the cap on "xuất sắc" per grassroots organization (a warning,
never a refusal) and the annual quality counts of organizations and members by unit type, with the
reasons for "không hoàn thành" (the XLSX forms and `xdd ratings`)."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from xaydungdang.organizations.models import Organization, UnitType
from xaydungdang.organizations.tree import load_tree
from xaydungdang.reviews import rulesets
from xaydungdang.reviews.models import NotRatedReason, Rating, RatingLevel


@dataclass(frozen=True)
class CapWarning:
    org_id: int
    org_code: str
    org_name: str
    period: str
    excellent: int
    good: int
    limit: int
    cite: str

    @property
    def message(self) -> str:
        return (
            f"{self.org_name}: {self.excellent} đảng viên xếp loại “Hoàn thành xuất sắc nhiệm vụ” "
            f"{rulesets.parse_period(self.period).label}, vượt tỷ lệ — tối đa {self.limit} "
            f"(20% của {self.good} đảng viên “Hoàn thành tốt nhiệm vụ”); {self.cite}."
        )


def _grassroots_of(snapshot, tree, org_id):
    for ancestor in snapshot.ancestors(org_id):
        if tree.orgs[ancestor].is_grassroots:
            return ancestor
    return None


def cap_warnings(year: int | None = None, within: set | None = None) -> list[CapWarning]:
    """Grassroots organizations whose members' yearly ratings exceed the cap of "xuất sắc", for the
    years whose rule set applies it (rulesets.cap_applies). `within`: only these grassroots ids."""
    qs = Rating.objects.active().filter(subject_type="member", period="", level__in=["excellent", "good"])
    if year is not None:
        qs = qs.filter(year=year)
    counts: dict[tuple, Counter] = defaultdict(Counter)
    rows = list(qs.values_list("year", "cell_id", "level"))
    if not rows:
        return []
    tree = load_tree()
    for y, cell_id, level in rows:
        period = rulesets.parse_period(str(y))
        rs = rulesets.ruleset_for(period)
        if not rulesets.cap_applies(rs, period) or cell_id is None:
            continue
        grassroots = _grassroots_of(tree.snapshot(period.end), tree, cell_id)
        if grassroots is None or (within is not None and grassroots not in within):
            continue
        counts[(y, grassroots)][level] += 1
    out = []
    for (y, org_id), c in sorted(counts.items()):
        rs = rulesets.ruleset_for(rulesets.parse_period(str(y)))
        limit = rulesets.cap_limit(rs, c["good"])
        if c["excellent"] > limit:
            info = tree.orgs[org_id]
            out.append(CapWarning(org_id, info.code, info.name, str(y), c["excellent"], c["good"], limit, rs.cap_cite))
    return out


def grassroots_ids_under(org_id: int, day: dt.date) -> set:
    """The grassroots organizations in an organization's subtree or above it (a cell's own)."""
    tree = load_tree()
    snap = tree.snapshot(day)
    ids = {o for o in snap.subtree(org_id) if tree.orgs[o].is_grassroots}
    above = _grassroots_of(snap, tree, org_id)
    if above is not None:
        ids.add(above)
    return ids


# ---------------------------------------------------------------- the annual quality forms
LEVELS = [value for value, _label in RatingLevel.choices]
UNIT_TYPES = [("", "Chưa phân loại")] + list(UnitType.choices)


@dataclass
class QualityTable:
    title: str
    # unit type -> level -> count; "not_rated" counted apart
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    incomplete_reasons: Counter = field(default_factory=Counter)
    not_rated: Counter = field(default_factory=Counter)

    def rows(self):
        for value, label in UNIT_TYPES:
            c = self.counts.get(value)
            if c:
                yield value, label, [c[level] for level in LEVELS], sum(c[level] for level in LEVELS)

    def total(self):
        return [sum(c[level] for c in self.counts.values()) for level in LEVELS]


def quality_forms(org: Organization, period_text: str) -> dict:
    """Counts of the organization's subtree for a period: grassroots organizations (and the others
    rated) and members, by level and by the unit type of their grassroots organization."""
    period = rulesets.parse_period(period_text)
    stored = "" if period.kind == rulesets.YEAR else period.text
    tree = load_tree()
    snap = tree.snapshot(period.end)
    subtree = set(snap.subtree(org.id)) or {org.id}
    unit_types = dict(Organization.objects.filter(id__in=subtree).values_list("id", "unit_type"))
    orgs = QualityTable("Chất lượng tổ chức cơ sở đảng")
    members = QualityTable("Chất lượng đảng viên")
    qs = Rating.objects.active().filter(year=period.year, period=stored)
    for kind, member_cell, subject_org, level, not_rated, violation in qs.values_list(
        "subject_type", "cell_id", "subject_org_id", "level", "not_rated", "violation"
    ):
        where = subject_org if kind == "org" else member_cell
        if where not in subtree:
            continue
        grassroots = _grassroots_of(snap, tree, where) or where
        unit = unit_types.get(grassroots) or ""
        table = orgs if kind == "org" else members
        if not_rated:
            table.not_rated[not_rated] += 1
            continue
        table.counts[unit][level] += 1
        if level == "incomplete":
            table.incomplete_reasons[violation or "Điểm dưới 50 / không nêu vi phạm cụ thể"] += 1
    return {"org": org, "period": period, "tables": [orgs, members]}


def quality_json(data: dict) -> dict:
    out = {"org": data["org"].code, "period": data["period"].text, "tables": {}}
    for key, table in zip(("organizations", "members"), data["tables"], strict=True):
        out["tables"][key] = {
            "by_unit_type": {
                value or "unclassified": dict(zip(LEVELS, counts, strict=True))
                for value, _l, counts, _t in table.rows()
            },
            "total": dict(zip(LEVELS, table.total(), strict=True)),
            "incomplete_reasons": dict(table.incomplete_reasons),
            "not_rated": dict(table.not_rated),
        }
    return out


NOT_RATED_LABELS = dict(NotRatedReason.choices)
