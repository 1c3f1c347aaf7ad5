"""Data health (`xdd check`): what is wrong in the stored data, and what needs attention.

Errors break consistency (a history the rules reject, derived intervals that differ from a
fresh replay, a tree rule broken); warnings are real-world situations staff should follow up
(cells below three official members, probation overdue, missing national ID numbers).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from xaydungdang.core.dates import today
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.rules import MIN_OFFICIAL_PER_CELL, cell_below_minimum, probation_end, probation_overdue
from xaydungdang.members.attributes import attributes_at, education_level
from xaydungdang.members.counts import official_by_cell
from xaydungdang.members.lifecycle import EXPELLED, Facts, Step, replay
from xaydungdang.members.models import SPAN_COPIED, SPAN_COPY_COLUMNS, Member, MemberEvent, MemberSpan, span_copies
from xaydungdang.members.projection import lookup_from_tree, sort_steps
from xaydungdang.organizations.models import Organization, OrgMove
from xaydungdang.organizations.rules import MoveRecord, OrgRecord, check_tree
from xaydungdang.organizations.tree import load_tree


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning"
    where: str
    message: str

    def __str__(self) -> str:
        word = "LỖI" if self.severity == "error" else "Cảnh báo"
        return f"{word}: {self.where}: {self.message}"


def run(org_code: str | None = None) -> list[Finding]:
    tree = load_tree()
    day = today()
    scope = None
    if org_code:
        root = tree.by_code.get(org_code)
        if root is None:
            from xaydungdang.core.errors import DomainError

            raise DomainError(f'Không có tổ chức mã "{org_code}".', "org")
        scope = set(tree.snapshot(day).subtree(root)) or {root}
    findings = _tree_findings(scope, tree)
    findings += _member_findings(tree, scope, day)
    findings += _cell_findings(tree, scope, day)
    findings += _attribute_findings(scope, day, org_code)
    findings += _rating_cap_findings(scope)
    return findings


def _rating_cap_findings(scope) -> list[Finding]:
    """The cap on "xuất sắc" per grassroots organization (reviews/quality.py): a warning, not an error."""
    from xaydungdang.reviews.quality import cap_warnings

    within = None if scope is None else set(scope)
    return [Finding("warning", f"tổ chức {w.org_code}", w.message) for w in cap_warnings(within=within)]


def _tree_findings(scope, tree) -> list[Finding]:
    codes = dict(Organization.objects.values_list("id", "code"))
    orgs = {
        o["code"]: OrgRecord(
            o["code"], o["name"], o["kind"], codes.get(o["parent_id"]), o["established_on"], o["dissolved_on"]
        )
        for o in Organization.objects.values("code", "name", "kind", "parent_id", "established_on", "dissolved_on")
    }
    moves = defaultdict(list)
    for org_id, parent_id, moved_on in OrgMove.objects.active().values_list("org_id", "new_parent_id", "moved_on"):
        moves[codes[org_id]].append(MoveRecord(codes[org_id], codes[parent_id], moved_on))
    result = []
    for record, problem in check_tree(orgs, moves, today()).problems:
        if scope is None or tree.by_code.get(record.code) in scope:
            result.append(Finding("error", f"tổ chức {record.code}", problem.message))
    return result


# The member columns the spans copy (besides the birth and admission dates read anyway).
COPY_SOURCES = ("gender", "ethnicity", "religion", *SPAN_COPIED)


def _member_findings(tree, scope, day: dt.date) -> list[Finding]:
    from xaydungdang.inspections.models import Discipline

    lookup = lookup_from_tree(tree)
    members = Member.objects.all()
    if scope is not None:
        members = members.filter(current_cell_id__in=scope)
    member_rows = list(
        members.values_list(
            "id",
            "member_no",
            "full_name",
            "birth_date",
            "joined_on",
            "official_on",
            "admission_exception",
            "national_id",
            "state",
            "status",
            "current_cell_id",
            *COPY_SOURCES,
        )
    )
    ids = {row[0] for row in member_rows}
    steps = defaultdict(list)
    events = MemberEvent.objects.active().order_by("on", "id")
    spans = MemberSpan.objects.order_by("member_id", "start")
    if scope is not None:
        events, spans = events.filter(member_id__in=ids), spans.filter(member_id__in=ids)
    for e in events.values_list("id", "member_id", "type", "on", "org_id", "reason", "decided_on").iterator(
        chunk_size=20000
    ):
        steps[e[1]].append(Step(("event", e[0]), e[2], e[3], e[4], e[5], e[6]))
    for d_id, m_id, on in (
        Discipline.objects.active()
        .filter(level="expulsion", subject_member__isnull=False)
        .values_list("id", "subject_member_id", "decided_on")
    ):
        if m_id in ids:
            steps[m_id].append(Step(("discipline", d_id), EXPELLED, on))
    stored = defaultdict(list)
    copied_stored = defaultdict(set)  # member -> the distinct copies of its row its spans carry
    for m_id, cell, start, end, official, exempt, away, *copied in spans.values_list(
        "member_id", "cell_id", "start", "end", "official", "exempt", "away", *SPAN_COPY_COLUMNS
    ).iterator(chunk_size=20000):
        stored[m_id].append((cell, start, end, official, exempt, away))
        copied_stored[m_id].add(tuple(copied))
    findings = []
    width = len(COPY_SOURCES)
    for member_row in member_rows:
        m_id, no, name, birth, joined, official_on, exc, national_id, state, status, cell = member_row[:-width]
        sources = dict(zip(COPY_SOURCES, member_row[-width:], strict=True), birth_date=birth, joined_on=joined)
        copied = tuple(span_copies(sources.get).values())
        where = f"đảng viên {no} ({name})"
        result = replay(Facts(f"{name} ({no})", birth, joined, official_on, exc), sort_steps(steps[m_id]), lookup, day)
        for _key, problem in result.problems:
            findings.append(Finding("error", where, problem.message))
        derived = [(s.cell_id, s.start, s.end, s.official, s.exempt, s.away) for s in result.spans]
        if (
            derived != stored[m_id]
            or (result.state, result.status, result.current_cell) != (state, status, cell)
            or copied_stored[m_id] - {copied}
        ):
            findings.append(
                Finding(
                    "error",
                    where,
                    "dữ liệu dẫn xuất (quá trình sinh hoạt) khác với biến động đã ghi; chạy `xdd rebuild` để dựng lại.",
                )
            )
        if state == "active" and not national_id:
            findings.append(Finding("warning", where, "chưa có số định danh cá nhân."))
        if state == "active" and status == "probationary" and probation_overdue(joined, day):
            findings.append(
                Finding(
                    "warning",
                    where,
                    f"quá hạn xét công nhận chính thức (đủ 12 tháng dự bị từ {fmt(probation_end(joined))}).",
                )
            )
    return findings


def _cell_findings(tree, scope, day: dt.date) -> list[Finding]:
    snapshot = tree.snapshot(day)
    official = official_by_cell(day)
    findings = []
    for org_id in snapshot.parent:
        info = tree.orgs[org_id]
        if info.is_cell and (scope is None or org_id in scope) and cell_below_minimum(official.get(org_id, 0)):
            findings.append(
                Finding(
                    "warning",
                    f"tổ chức {info.code} ({info.name})",
                    f"chỉ có {official.get(org_id, 0)} đảng viên chính thức (cần ít nhất {MIN_OFFICIAL_PER_CELL}).",
                )
            )
    return findings


# The attributes the statistical forms count by (spec/forms.md), and what a gap means there.
FORM_ATTRIBUTES = {
    "occupation": "nghề nghiệp (Biểu 2, 3: mục nghề nghiệp)",
    "general_education": "trình độ giáo dục phổ thông đọc được (Biểu 2, 3: mục giáo dục phổ thông)",
    "qualification": "trình độ chuyên môn (Biểu 2, 3: mục chuyên môn, nghiệp vụ)",
}
EXAMPLES = 5


def _attribute_findings(scope, day: dt.date, org_code: str | None) -> list[Finding]:
    """Members in the list without an attribute the forms need, at today's values (the members
    row changed by the dated changes): one warning per attribute, with the count and examples."""
    members = Member.objects.filter(state="active")
    if scope is not None:
        members = members.filter(current_cell_id__in=scope)
    values = attributes_at(members, list(FORM_ATTRIBUTES), day)
    numbers = dict(members.values_list("id", "member_no"))
    findings = []
    for field, label in FORM_ATTRIBUTES.items():
        if field == "general_education":
            missing = [m for m, v in values.items() if education_level(v[field]) is None]
        else:
            missing = [m for m, v in values.items() if not v[field]]
        if missing:
            examples = ", ".join(sorted(numbers[m] for m in missing)[:EXAMPLES])
            more = ", …" if len(missing) > EXAMPLES else ""
            findings.append(
                Finding(
                    "warning",
                    f"dữ liệu cho biểu thống kê ({org_code or 'toàn hệ thống'})",
                    f"{len(missing)} đảng viên chưa có {label}: {examples}{more}.",
                )
            )
    return findings
