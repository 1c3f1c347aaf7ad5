"""The optional interchange table `candidates` (docs/interchange.md): one row per candidate with
the dates of its steps, written and read here so that the interchange app only declares it.

A step is recorded when its date column is filled; the steps follow their order (a date without
the dates of the steps before it is refused). The importer writes the rows as they are (a dataset
records what happened); the rules that name a column are the actions' own where they apply to a
finished history: introducers official in the cell on the dossier's day, the age at the cell's
resolution, the order and the days of the steps."""

import datetime as dt
from types import SimpleNamespace

from xaydungdang.admissions import rules
from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt

PERSONAL = (
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "national_id",
    "hometown",
    "residence",
    "general_education",
    "occupation",
    "admission_exception",
    "identified_on",
    "note",
)
# Each step: its date column, then (column, step field) pairs. `_no` columns of members and `_code`
# columns of organizations hold the number and the code; the writer resolves them to ids.
STEPS = {
    "awareness": ("awareness_on", [("awareness_no", "number")]),
    "dossier": (
        "dossier_on",
        [
            ("application_on", "application_on"),
            ("background_on", "background_on"),
            ("introducer1_no", "introducer1"),
            ("introducer2_no", "introducer2"),
            ("union", "union"),
            ("union_resolution_on", "union_resolution_on"),
            ("residence_comments_on", "residence_comments_on"),
        ],
    ),
    "verification": ("verified_on", []),
    "cell_resolution": (
        "resolution_on",
        [
            ("resolution_no", "number"),
            ("members_total", "members_total"),
            ("members_present", "members_present"),
            ("votes_for", "votes_for"),
        ],
    ),
    "decision": (
        "decision_on",
        [
            ("decision_no", "number"),
            ("deciding_org_code", "deciding_org"),
            ("delegated", "delegated"),
            ("committee_resolution_no", "committee_resolution_no"),
            ("committee_resolution_on", "committee_resolution_on"),
            ("decision_received_on", "received_on"),
        ],
    ),
    "ceremony": ("ceremony_on", [("member_no", "member")]),
}
COLUMNS = ["org_code", *PERSONAL]
for _kind, (_date, _pairs) in STEPS.items():
    COLUMNS += [_date, *(c for c, _f in _pairs)]
MEMBER_COLUMNS = ("introducer1_no", "introducer2_no", "member_no")
ORG_COLUMNS = ("org_code", "deciding_org_code")


def export_rows(candidates) -> list[tuple]:
    """The active candidates (a queryset), one row each in COLUMNS order; voided steps left out."""
    from xaydungdang.admissions.models import CandidateStep

    candidates = list(candidates.select_related("cell").order_by("cell__code", "identified_on", "id"))
    steps: dict[int, dict] = {}
    for step in (
        CandidateStep.objects.active()
        .filter(candidate__in=[c.pk for c in candidates])
        .select_related("introducer1", "introducer2", "deciding_org", "member")
    ):
        steps.setdefault(step.candidate_id, {})[step.kind] = step
    rows = []
    for c in candidates:
        row = [c.cell.code, *(getattr(c, name) for name in PERSONAL)]
        done = steps.get(c.pk, {})
        for kind, (_date_column, pairs) in STEPS.items():
            step = done.get(kind)
            row.append(step.on if step else None)
            for column, field in pairs:
                if step is None:
                    row.append(None)
                elif column.endswith("_no") and field in ("introducer1", "introducer2", "member"):
                    related = getattr(step, field)
                    row.append(related.member_no if related else None)
                elif field == "deciding_org":
                    row.append(step.deciding_org.code if step.deciding_org else None)
                else:
                    row.append(getattr(step, field))
        rows.append(tuple(row))
    return rows


def check_row(values: dict, ctx) -> list[Problem]:
    """A `candidates` row (values parsed by the interchange columns; `cell_id` = the cell's code in
    the importer's context). `ctx` is the importer's Work."""
    from xaydungdang.members.rules import check_personal

    problems = []
    personal = {k: values.get(k) for k in ("full_name", "gender", "birth_date", "ethnicity", "national_id")}
    personal |= {"member_no": "X", "joined_on": values.get("identified_on")}
    problems += [
        Problem(p.message.replace("Ngày vào Đảng", "Ngày đưa vào danh sách"), p.field)
        for p in check_personal(personal, ctx.today)
        if p.field not in ("member_no", "joined_on")
    ]
    cell, identified = values.get("cell_id"), values.get("identified_on")
    if ctx.org_kind(cell) not in ("cell", "grassroots_cell"):
        problems.append(Problem(f"{ctx.org_label(cell)} không phải chi bộ.", "org_code"))
    elif identified is not None and not ctx.org_exists_on(cell, identified):
        problems.append(Problem(f"{ctx.org_label(cell)} không tồn tại ngày {fmt(identified)}.", "identified_on"))
    previous: tuple[str, dt.date] | None = None
    missing_before = None
    for kind, (date_column, _pairs) in STEPS.items():
        day = values.get(date_column)
        if day is None:
            missing_before = missing_before or date_column
            continue
        if missing_before:
            problems.append(
                Problem(
                    f"Có ngày của bước «{rules.STEP_LABELS[kind]}» nhưng thiếu {missing_before} (bước trước).",
                    date_column,
                )
            )
        if day > ctx.today:
            problems.append(Problem(f"Ngày {fmt(day)} ở sau ngày hôm nay.", date_column))
        if kind != "awareness":
            if identified is not None and day < identified:
                problems.append(
                    Problem(f"Ngày {fmt(day)} trước ngày đưa vào danh sách {fmt(identified)}.", date_column)
                )
            if previous is not None and day < previous[1]:
                problems.append(Problem(f"Ngày {fmt(day)} trước ngày của bước trước ({previous[0]}).", date_column))
        previous = (date_column, day)
    if problems:
        return problems
    candidate = SimpleNamespace(
        full_name=values["full_name"],
        birth_date=values["birth_date"],
        admission_exception=bool(values.get("admission_exception")),
        cell_id=cell,
        identified_on=identified,
    )
    if values.get("dossier_on"):
        step = {
            "application_on": values.get("application_on"),
            "background_on": values.get("background_on"),
            "introducer1_id": values.get("introducer1_no"),
            "introducer2_id": values.get("introducer2_no"),
            "union": values.get("union"),
            "union_resolution_on": values.get("union_resolution_on"),
            "residence_comments_on": values.get("residence_comments_on"),
        }
        columns = {"introducer1": "introducer1_no", "introducer2": "introducer2_no"}
        problems += [
            Problem(p.message, columns.get(p.field, p.field))
            for p in rules._dossier_problems(candidate, step, values["dossier_on"], ctx)
        ]
    if values.get("resolution_on"):
        problems += [
            Problem(p.message, "resolution_on")
            for p in rules.age_problems(candidate, values["resolution_on"], ctx.lookup)
        ]
    if values.get("decision_on"):
        if not values.get("decision_no"):
            problems.append(Problem("Cần số quyết định kết nạp.", "decision_no"))
        if not values.get("deciding_org_code"):
            problems.append(Problem("Cần mã cấp ủy quyết định kết nạp.", "deciding_org_code"))
        received = values.get("decision_received_on")
        if received is not None and received < values["decision_on"]:
            problems.append(
                Problem(f"Ngày nhận quyết định {fmt(received)} trước ngày quyết định.", "decision_received_on")
            )
    ceremony = values.get("ceremony_on")
    if ceremony and not values.get("member_no"):
        problems.append(Problem("Đã có ngày lễ kết nạp: cần số lý lịch của đảng viên được kết nạp.", "member_no"))
    elif values.get("member_no") and not ceremony:
        problems.append(Problem("Số lý lịch đảng viên chỉ ghi khi đã có ngày lễ kết nạp.", "member_no"))
    elif ceremony:
        result = ctx.member_result(values["member_no"])
        admitted = result is not None and any(
            s.start == ceremony and s.cell_id == cell and not s.official for s in result.spans
        )
        if not admitted:
            problems.append(
                Problem(
                    f"Đảng viên {values['member_no']} không được kết nạp vào chi bộ ngày {fmt(ceremony)} "
                    "(biến động «Kết nạp» trong member_events).",
                    "member_no",
                )
            )
    return problems


def build(values: dict, org_id, member_id) -> tuple[dict, list[dict]]:
    """(Candidate fields, [CandidateStep fields]) of a sound row; `org_id(code)` and
    `member_id(number)` give the database ids."""
    candidate = {name: values.get(name) for name in PERSONAL}
    for name in ("religion", "national_id", "hometown", "residence", "general_education", "occupation", "note"):
        candidate[name] = candidate[name] or ""
    candidate["admission_exception"] = bool(candidate["admission_exception"])
    candidate["ethnicity"] = candidate["ethnicity"] or ""
    cell = org_id(values["org_code"])
    candidate["cell_id"] = cell
    steps = []
    for kind, (date_column, pairs) in STEPS.items():
        day = values.get(date_column)
        if day is None:
            break
        step = {"kind": kind, "on": day, "org_id": cell}
        for column, field in pairs:
            value = values.get(column)
            if field in ("introducer1", "introducer2", "member"):
                step[f"{field}_id"] = member_id(value) if value else None
            elif field == "deciding_org":
                step["deciding_org_id"] = org_id(value) if value else None
            elif field == "delegated":
                step[field] = bool(value)
            elif field in ("number", "union", "committee_resolution_no"):
                step[field] = value or ""
            else:
                step[field] = value
        steps.append(step)
    return candidate, steps
