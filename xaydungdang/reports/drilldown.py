"""What the "Biểu thống kê" pages show beside the forms (spec/forms.md; issue 11, item 3):

* `behind_rows`: the records behind one figure (indicators.statforms.behind), restricted again by the
  user's scope, as rows for a table (members, organizations, or dated records with their member);
* `reconcile`: each row's figure of a unit beside the sum of its direct children's figures at the
  period's end, with the rows that are not additive marked and why (docs/forms.md, "Đối chiếu");
* `gaps`: the members (and grassroots organizations) whose data leave a figure unclassified.

Every figure comes from the one engine (statforms.Computation), never from a second computation.
"""

import datetime as dt
from dataclasses import dataclass, field

from xaydungdang.core import access
from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.text import vi_sort_key
from xaydungdang.indicators import formrows as fr
from xaydungdang.indicators import statforms
from xaydungdang.indicators.engine import reading, resolve_org
from xaydungdang.members import attributes as attrs
from xaydungdang.members import partyage
from xaydungdang.members.models import EventType, Member, MemberChange, MemberEvent, mask_national_id
from xaydungdang.organizations.models import GRASSROOTS_KINDS, Organization, OrgKind
from xaydungdang.organizations.tree import load_tree

# Above this many ids the rows are read through the scope and filtered here (SQLite limits a
# statement's parameters), as members.attributes does.
_IDS_IN_QUERY = 900
COMPARED_COLUMNS = {"1": ("current",), "2": ("current",), "3": ("current",), "7": ("current",)}
COMPARED_COLUMNS["4"] = ("total", "female")
COMPARED_COLUMNS["5"] = fr.COLUMNS["5"]
GAP_LIMIT = 200  # members named per gap on the page (the count is always whole)


# --------------------------------------------------------------------------- labels
def column_label(form: str, column: str) -> str:
    return dict(zip(fr.COLUMNS[form], fr.COLUMN_LABELS[form], strict=True))[column]


def row_label(form: str, code: str) -> str:
    return dict(fr.ROWS[form]).get(code, code)


def _choice_label(model_field: str, value) -> str:
    if model_field == "general_education":
        return attrs.value_label("general_education", value) if value else ""
    if model_field in ("occupation", "qualification", "political_theory", "academic_title"):
        return attrs.value_label(model_field, value) if value else ""
    if model_field == "gender":
        return dict(Member._meta.get_field("gender").choices).get(value, value or "")
    return "" if value in (None, "") else str(value)


# The member attribute a row is about, shown beside the member: (field, column header).
def attribute_for(form: str, code: str) -> tuple[str, str] | None:
    if form == "4":
        return ("religion", "Tôn giáo") if code.startswith("II") else ("ethnicity", "Dân tộc")
    if form not in ("2", "3"):
        return None
    flags = {
        "I.minority": ("ethnicity", "Dân tộc"),
        "I.religious": ("religion", "Tôn giáo"),
        "I.youth_union": ("youth_union_from", "Vào Đoàn từ"),
    }
    if code in flags:
        return flags[code]
    sections = {
        "2": {
            "II.1": ("occupation", "Nghề nghiệp"),
            "II.2": ("birth_date", "Tuổi"),
            "II.3": ("general_education", "Giáo dục phổ thông"),
            "II.4": ("qualification", "Chuyên môn"),
            "II.5": ("academic_title", "Học hàm"),
        },
        "3": {
            "II.1": ("occupation", "Nghề nghiệp"),
            "II.2": ("birth_date", "Tuổi"),
            "II.3": ("joined_on", "Ngày vào Đảng"),
            "II.4": ("general_education", "Giáo dục phổ thông"),
            "II.5": ("qualification", "Chuyên môn"),
            "II.6": ("academic_title", "Học hàm"),
            "II.7": ("political_theory", "Lý luận chính trị"),
        },
    }[form]
    for prefix, found in sections.items():
        if code == prefix or code.startswith(prefix + "."):
            return found
    return None


def _attribute_text(name: str, value, day: dt.date) -> str:
    if name == "birth_date" and value:
        return f"{statforms._age(value, day)} tuổi (sinh {fmt_date(value)})"
    if isinstance(value, dt.date):
        return fmt_date(value)
    return _choice_label(name, value)


def _attributes_on(days: dict[int, dt.date], name: str) -> dict[int, object]:
    """Each member's `name` at its own day (members.attributes' reading of member_changes)."""
    if not days:
        return {}
    values = {m: v[name] for m, v in attrs.attributes_at(list(days), [name], dt.date.min).items()}
    if name in attrs.CHANGE_FIELDS:
        changes = MemberChange.objects.active().filter(field=name, on__lte=max(days.values()))
        ids = list(days)
        for start in range(0, len(ids), _IDS_IN_QUERY):
            chunk = ids[start : start + _IDS_IN_QUERY]
            for member_id, value, on in (
                changes.filter(member_id__in=chunk).order_by("on", "id").values_list("member_id", "value", "on")
            ):
                if on <= days[member_id]:
                    values[member_id] = attrs.typed_value(name, value)
    return values


# --------------------------------------------------------------------------- behind a figure
@dataclass
class BehindRows:
    kind: str  # "members", "organizations", "events"
    rows: list[dict]
    counted: int  # the records the figure counts
    attribute: str = ""  # the header of the attribute column, when there is one
    hidden: int = 0  # counted records outside the user's scope (not listed)


def _pick(queryset, ids, *fields) -> list[dict]:
    """The rows of `queryset` (already restricted) whose pk is in `ids`."""
    wanted = set(ids)
    if not wanted:
        return []
    if len(wanted) <= _IDS_IN_QUERY:
        return list(queryset.filter(pk__in=wanted).values(*fields))
    return [row for row in queryset.values(*fields).iterator(chunk_size=5000) if row["id"] in wanted]


MEMBER_FIELDS = ("id", "full_name", "member_no", "sort_key", "national_id", "current_cell__name", "state")


def _member_row(row: dict) -> dict:
    return {
        "member_id": row["id"],
        "full_name": row["full_name"],
        "sort_key": row["sort_key"],
        "member_no": row["member_no"],
        "cell": row["current_cell__name"] or "",
        "national_id": mask_national_id(row["national_id"]),
        "attribute": "",
    }


def behind_rows(user, org_code: str, period: str, form: str, code: str, column: str) -> BehindRows:
    """The records counted in one figure that the user may see, as table rows."""
    found = statforms.behind(org_code, period, form, code, column)
    start, end = statforms.period_range(period)
    if column == "previous":
        start, end = statforms.previous_range(start, end)
    about = attribute_for(form, code)
    if found.kind == "members":
        rows = [_member_row(r) for r in _pick(Member.objects.restrict(user), found.ids, *MEMBER_FIELDS)]
        if about:
            values = _attributes_on({r["member_id"]: end for r in rows}, about[0])
            for row in rows:
                row["attribute"] = _attribute_text(about[0], values.get(row["member_id"]), end)
        result = BehindRows("members", rows, len(found.ids), about[1] if about else "")
    elif found.kind == "organizations":
        result = BehindRows("organizations", _org_rows(user, found.ids), len(found.ids))
    else:
        rows = _record_rows(user, found.ids)
        if about:
            days = {r["member_id"]: r["on"] for r in rows if r["member_id"]}
            values = _attributes_on(days, about[0])
            for row in rows:
                if row["member_id"]:
                    row["attribute"] = _attribute_text(about[0], values.get(row["member_id"]), row["on"])
        result = BehindRows("events", rows, len(found.ids), about[1] if about else "")
    result.hidden = max(0, result.counted - len(result.rows))
    return result


def _org_rows(user, ids) -> list[dict]:
    kinds = dict(OrgKind.choices)
    unit_types = dict(Organization._meta.get_field("unit_type").choices)
    rows = _pick(Organization.objects.restrict(user), ids, "id", "code", "name", "kind", "parent__name", "unit_type")
    return [
        {
            "code": r["code"],
            "name": r["name"],
            "sort_key": vi_sort_key(r["name"]).hex(),
            "kind": kinds.get(r["kind"], r["kind"]),
            "parent": r["parent__name"] or "",
            "unit_type": unit_types.get(r["unit_type"], "") if r["unit_type"] else "",
        }
        for r in rows
    ]


def _record_rows(user, records) -> list[dict]:
    """Rows for dated records (statforms.Record): member events, expulsions, temporary arrivals."""
    by_source: dict[str, list[int]] = {}
    for record in records:
        by_source.setdefault(record.source, []).append(record.id)
    types = dict(EventType.choices)
    rows = []
    members: dict[int, dict] = {}
    events = _pick(
        MemberEvent.objects.restrict(user),
        by_source.get("event", []),
        "id",
        "type",
        "on",
        "member_id",
        "org__name",
        "from_cell__name",
        "to_cell__name",
        "reason",
    )
    badges = [e for e in events if e["type"] == "badge_awarded"]
    # The milestone as members/partyage.py reads it (the forms' rows II.x count the same).
    milestones = dict(
        zip(
            (e["id"] for e in badges),
            partyage.event_milestones((e["member_id"], e["reason"], e["on"]) for e in badges),
        )
    )
    for e in events:
        place = e["org__name"] or e["to_cell__name"] or e["from_cell__name"] or ""
        if e["from_cell__name"] and e["to_cell__name"]:
            place = f"{e['from_cell__name']} → {e['to_cell__name']}"
        label = types.get(e["type"], e["type"])
        if milestones.get(e["id"]) is not None:
            label = f"{label} {milestones[e['id']]} năm"
        rows.append({"on": e["on"], "what": label, "member_id": e["member_id"], "place": place})
    if by_source.get("discipline"):
        from xaydungdang.inspections.models import Discipline

        for d in _pick(
            Discipline.objects.restrict(user),
            by_source["discipline"],
            "id",
            "decided_on",
            "subject_member_id",
            "decided_by__name",
        ):
            rows.append(
                {
                    "on": d["decided_on"],
                    "what": "Khai trừ (kỷ luật)",
                    "member_id": d["subject_member_id"],
                    "place": d["decided_by__name"] or "",
                }
            )
    if by_source.get("arrival"):
        from xaydungdang.organizations.models import TemporaryArrival

        for a in _pick(
            TemporaryArrival.objects.restrict(user),
            by_source["arrival"],
            *("id", "on", "full_name", "org__name", "home_org"),
        ):
            rows.append(
                {
                    "on": a["on"],
                    "what": "Tiếp nhận sinh hoạt đảng tạm thời" + (f" (từ {a['home_org']})" if a["home_org"] else ""),
                    "member_id": None,
                    "full_name": a["full_name"],
                    "place": a["org__name"] or "",
                }
            )
    wanted = {r["member_id"] for r in rows if r["member_id"]}
    for row in _pick(Member.objects.all(), wanted, *MEMBER_FIELDS):
        members[row["id"]] = _member_row(row)
    visible = {r["id"] for r in _pick(Member.objects.restrict(user), wanted, "id")}
    out = []
    for row in rows:
        person = members.get(row["member_id"]) if row["member_id"] in visible else None
        if row["member_id"] and person is None:
            continue  # a member outside the user's scope (the record's own scope let it through)
        out.append(
            {
                "on": row["on"],
                "what": row["what"],
                "place": row["place"],
                "member_id": row["member_id"] if person else None,
                "full_name": person["full_name"] if person else row.get("full_name", ""),
                "sort_key": person["sort_key"] if person else "",
                "member_no": person["member_no"] if person else "",
                "national_id": person["national_id"] if person else "",
                "attribute": "",
            }
        )
    out.sort(key=lambda r: (r["on"], r["sort_key"]))
    return out


# --------------------------------------------------------------------------- reconcile
@dataclass
class ReconcileCell:
    column: str
    label: str
    own: object
    total: object = None
    differs: bool = False
    reason: str = ""  # why not comparable ("" when compared)
    parts: list = field(default_factory=list)  # [(child name, child code, figure)]
    url: str = ""  # set by the page: the records behind the unit's figure
    part_urls: list = field(default_factory=list)  # set by the page: [(child name, figure, url)]

    @property
    def diff(self):
        return None if self.total is None else self.own - self.total


@dataclass
class ReconcileRow:
    code: str
    label: str
    level: int
    cells: list[ReconcileCell]

    @property
    def differs(self) -> bool:
        return any(c.differs for c in self.cells)


@dataclass
class ReconcileForm:
    form: str
    title: str
    symbol: str
    rows: list[ReconcileRow]

    @property
    def differing(self) -> int:
        return sum(1 for r in self.rows if r.differs)


TRANSFER_ROWS = {"B", "B2", "B2a", "B2b", "C", "C5", "C5a", "C5b"}
SELF_COUNTED = "Đơn vị này tự được tính trong số liệu của chính mình (nó không thuộc đơn vị trực thuộc nào)."


def not_comparable(form: str, code: str, column: str, kind: str) -> str:
    """Why a figure of an organization of `kind` is not the sum of its direct children's ("" when it is).
    See docs/forms.md, "Đối chiếu"."""
    if code.endswith("avg"):
        return "Tuổi bình quân không cộng được từ các đơn vị trực thuộc."
    if column == "pct":
        return "Tỷ lệ phần trăm không cộng được."
    if form == "1" and code in TRANSFER_ROWS and kind not in (OrgKind.PROVINCIAL, OrgKind.CENTRAL):
        return (
            "Chuyển sinh hoạt giữa hai đơn vị trực thuộc được tính tăng, giảm ở đơn vị trực thuộc nhưng không "
            "ở đơn vị này (đơn vị nhà của đảng viên không đổi), nên tăng, giảm do chuyển đến, chuyển đi "
            "không cộng được."
        )
    if form == "2" and code.startswith("III") and kind in GRASSROOTS_KINDS:
        return SELF_COUNTED
    if form == "5":
        own_column = {
            OrgKind.GRASSROOTS_COMMITTEE: ("grassroots", "committees"),
            OrgKind.GRASSROOTS_CELL: ("grassroots", "cells"),
            OrgKind.SUB_COMMITTEE: ("sub_committees",),
            OrgKind.CELL: ("subordinate_cells",),
        }.get(kind, ())
        if column in own_column:
            return SELF_COUNTED
    if form == "7" and code.startswith("I.1"):
        group = statforms.ORG_AWARD_GROUPS.get(kind, (None,))[0]
        if group and (code == group or code.startswith(group + ".")):
            return SELF_COUNTED
    return ""


def _figures(computation, form: str) -> dict[tuple[str, str], object]:
    rows = computation.compute(form)
    out = {}
    for code, _label in fr.ROWS[form]:
        for column in COMPARED_COLUMNS[form]:
            fig = rows[code][column] if form in ("4", "5") else rows[code]
            out[(code, column)] = fig.figure
    return out


@dataclass
class Reconciliation:
    children: list[tuple[str, str]]  # (code, name) in Vietnamese order
    forms: list[ReconcileForm]


def reconcile(user, org_code: str, period: str, forms) -> Reconciliation:
    """A unit's figures beside the sums of its direct children's (at the period's end, within the
    user's scope), row by row; the non-additive figures marked with the reason."""
    from xaydungdang.reports.renderers.forms_layout import level

    start, end = statforms.period_range(period)
    chosen = statforms._check_forms(forms)
    scope = access.scope_for(user)
    with reading():
        tree = load_tree()
        root = resolve_org(tree, org_code)
        kind = tree.orgs[root].kind
        snapshot = tree.snapshot(end)
        children = [o for o, parent in snapshot.parent.items() if parent == root and scope.covers(o)]
        children.sort(key=lambda o: vi_sort_key(tree.orgs[o].name))
        own = statforms.Computation(tree, root, start, end)
        theirs = [(o, statforms.Computation(tree, o, start, end)) for o in children]
        result = []
        for form in chosen:
            mine = _figures(own, form)
            parts = [(o, _figures(c, form)) for o, c in theirs]
            rows = []
            for code, label in fr.ROWS[form]:
                cells = []
                for column in COMPARED_COLUMNS[form]:
                    cell = ReconcileCell(column, column_label(form, column), mine[(code, column)])
                    cell.reason = not_comparable(form, code, column, kind)
                    cell.parts = [(tree.orgs[o].name, tree.orgs[o].code, figs[(code, column)]) for o, figs in parts]
                    if not cell.reason:
                        cell.total = sum(figure for _n, _c, figure in cell.parts)
                        cell.differs = bool(children) and cell.total != cell.own
                    cells.append(cell)
                rows.append(ReconcileRow(code, label, level(code), cells))
            result.append(ReconcileForm(form, fr.TITLES[form], fr.SYMBOLS[form], rows))
    return Reconciliation([(tree.orgs[o].code, tree.orgs[o].name) for o in children], result)


# --------------------------------------------------------------------------- gaps
@dataclass
class Gap:
    title: str  # what is missing
    effect: str  # which figure it leaves unclassified
    kind: str  # "members" or "organizations"
    count: int
    rows: list[dict]  # the first GAP_LIMIT, visible to the user


GAP_CHECKS = (
    (
        "occupation",
        "Chưa ghi nghề nghiệp",
        "Không được tính vào dòng nghề nghiệp nào (Biểu 3, mục II.1; Biểu 2, mục II.1 khi mới kết nạp).",
        lambda v: not v,
    ),
    (
        "general_education",
        "Trình độ giáo dục phổ thông trống hoặc không đọc được",
        "Không được tính vào mục trình độ giáo dục phổ thông (Biểu 3, mục II.4; Biểu 2, mục II.3).",
        lambda v: attrs.education_level(v) is None,
    ),
    (
        "qualification",
        "Chưa ghi trình độ chuyên môn (ghi “Chưa qua đào tạo” nếu không có)",
        "Không phân biệt được với người chưa qua đào tạo (Biểu 3, mục II.5).",
        lambda v: not v,
    ),
    (
        "political_theory",
        "Chưa ghi trình độ lý luận chính trị (ghi “Chưa qua đào tạo” nếu không có)",
        "Không phân biệt được với người chưa qua đào tạo (Biểu 3, mục II.7).",
        lambda v: not v,
    ),
)


def gaps(user, org_code: str, period: str) -> list[Gap]:
    """Members in the unit's list at the period's end whose data leave a figure unclassified, and
    its grassroots organizations without a unit type (counted under row 11 of Form 5)."""
    start, end = statforms.period_range(period)
    with reading():
        tree = load_tree()
        root = resolve_org(tree, org_code)
        listed = statforms.Computation(tree, root, start, end).listed(end)
        grassroots = [o for o in tree.snapshot(end).subtree(root) if tree.orgs[o].kind in GRASSROOTS_KINDS]
    values = attrs.attributes_at(list(listed), [name for name, *_rest in GAP_CHECKS], end) if listed else {}
    visible = {r["id"]: r for r in _pick(Member.objects.restrict(user), listed, *MEMBER_FIELDS)}
    found = []
    for name, title, effect, missing in GAP_CHECKS:
        ids = [m for m, v in values.items() if missing(v.get(name)) and m in visible]
        rows = sorted((_member_row(visible[m]) for m in ids), key=lambda r: r["sort_key"])
        found.append(Gap(title, effect, "members", len(ids), rows[:GAP_LIMIT]))
    without = [
        r
        for r in _pick(Organization.objects.restrict(user), grassroots, "id", "code", "name", "unit_type")
        if not r["unit_type"]
    ]
    without.sort(key=lambda r: vi_sort_key(r["name"]))
    found.append(
        Gap(
            "Tổ chức cơ sở đảng chưa có loại hình cơ sở",
            "Tổ chức và đảng viên của nó được tính vào dòng 11 “Loại hình cơ sở khác” (Biểu 5).",
            "organizations",
            len(without),
            [{"code": r["code"], "name": r["name"]} for r in without[:GAP_LIMIT]],
        )
    )
    return found
