"""Admission targets. Actions take the acting user and check authority and rules inside the
transaction of the write (accounts/authority.py)."""

from xaydungdang.admissions.models import Target, parse_period
from xaydungdang.admissions.rules import check_target
from xaydungdang.core import recording
from xaydungdang.core.access import UNSET, require_for_record, require_for_values, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import current_actor
from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.members.context import DbContext


def set_target(values: dict, *, acting_user=UNSET) -> Target:
    user = resolve_user(acting_user)
    values = dict(values)
    values.setdefault("indicator", "admissions")
    try:
        values["period_start"], values["period_end"] = parse_period(values.get("period", ""))
    except ValueError:
        raise DomainError(Problem(f'Kỳ "{values.get("period")}" không hợp lệ (ví dụ 2023 hoặc 2020-2025).', "period"))

    def validate():
        require_for_values(user, Target, values)
        problems = check_target(values, DbContext())
        if problems:
            raise DomainError(problems)

    return recording.create(Target, values, action=AuditAction.TARGET_SET, org_id=values["org_id"], check=validate)


def void(target: Target, reason: str, expected_version: int | None = None, *, acting_user=UNSET) -> Target:
    user = resolve_user(acting_user)
    return recording.void(
        target,
        reason,
        expected_version=expected_version,
        org_id=target.org_id,
        check=lambda locked: require_for_record(user, locked),
    )


# ---------------------------------------------------------------------------------------------
# Candidates (quần chúng ưu tú) and the steps of their admission (issue 14 item 2). Each step is an
# action: scope, rules and the audit row in the transaction of the write; the ceremony admits the
# member through members.actions (its rules of eligibility are not repeated here).

CANDIDATE_FIELDS = (
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
STEP_FIELDS = (
    "on",
    "number",
    "application_on",
    "background_on",
    "introducer1_id",
    "introducer2_id",
    "union",
    "union_resolution_on",
    "residence_comments_on",
    "members_total",
    "members_present",
    "votes_for",
    "deciding_org_id",
    "delegated",
    "committee_resolution_on",
    "committee_resolution_no",
    "received_on",
    "note",
)


class AdmissionContext(DbContext):
    """DbContext plus what the admission rules ask: the parent of an organization on a day and
    the organization lookup of the members' lifecycle."""

    def __init__(self):
        from xaydungdang.members.projection import lookup_from_tree

        super().__init__()
        self.org_lookup = lookup_from_tree(self.tree)

    def parent_at(self, org_id, day):
        return self.tree.parent_at(org_id, day)


def active_steps(candidate) -> dict:
    """{kind: step} of the candidate's active steps, in the order of the procedure."""
    from xaydungdang.admissions.models import CandidateStep
    from xaydungdang.admissions.rules import ORDER

    steps = {s.kind: s for s in CandidateStep.objects.active().filter(candidate=candidate)}
    return {kind: steps[kind] for kind in ORDER if kind in steps}


def _check_candidate(values: dict, ctx) -> list[Problem]:
    from xaydungdang.core.formatting import date as fmt
    from xaydungdang.members.rules import check_personal

    personal = {k: values.get(k) for k in ("full_name", "gender", "birth_date", "ethnicity", "national_id")}
    personal |= {"member_no": "X", "joined_on": values.get("identified_on")}
    problems = [
        Problem(p.message.replace("ngày vào Đảng", "ngày đưa vào danh sách"), p.field)
        for p in check_personal(personal, ctx.today)
        if p.field not in ("member_no", "joined_on")
    ]
    identified = values.get("identified_on")
    if identified is None:
        problems.append(Problem("Cần nhập ngày đưa vào danh sách quần chúng ưu tú.", "identified_on"))
    elif identified > ctx.today:
        problems.append(Problem(f"Ngày đưa vào danh sách {fmt(identified)} ở sau ngày hôm nay.", "identified_on"))
    cell_id = values.get("cell_id")
    if cell_id is None:
        problems.append(Problem("Cần chọn chi bộ.", "cell"))
    elif ctx.org_kind(cell_id) not in ("cell", "grassroots_cell"):
        problems.append(Problem(f"{ctx.org_label(cell_id)} không phải chi bộ.", "cell"))
    elif identified is not None and not ctx.org_exists_on(cell_id, identified):
        problems.append(Problem(f"{ctx.org_label(cell_id)} không tồn tại ngày {fmt(identified)}.", "identified_on"))
    return problems


def do_identify(values: dict, *, acting_user=UNSET):
    """Đưa vào danh sách quần chúng ưu tú: the candidate record (the first step)."""
    from xaydungdang.admissions.models import Candidate
    from xaydungdang.core.text import nfc

    user = resolve_user(acting_user)
    values = {k: (nfc(v).strip() if isinstance(v, str) else v) for k, v in values.items()}
    values = {k: values.get(k) for k in (*CANDIDATE_FIELDS, "cell_id") if k in values}
    for key in ("religion", "national_id", "hometown", "residence", "general_education", "occupation", "note"):
        values[key] = values.get(key) or ""
    values["admission_exception"] = bool(values.get("admission_exception"))

    def validate():
        if values.get("cell_id") is not None:
            require_for_values(user, Candidate, values)
        problems = _check_candidate(values, AdmissionContext())
        if problems:
            raise DomainError(problems)

    return recording.create(
        Candidate, values, action=AuditAction.CANDIDATE_RECORD, org_id=values.get("cell_id"), check=validate
    )


def do_step(candidate, kind: str, values: dict, *, member_data: dict | None = None, acting_user=UNSET):
    """Record step `kind` of the candidate's admission. The ceremony (`member_data`: at least
    `member_no`) admits the member through members.actions.admit and links it to the step."""
    from xaydungdang.admissions.models import Candidate, CandidateStep
    from xaydungdang.admissions.rules import check_step
    from xaydungdang.core import audit
    from xaydungdang.core.access import RECORD, require_org
    from xaydungdang.core.transactions import action_transaction
    from xaydungdang.members import actions as member_actions

    user = resolve_user(acting_user)
    values = {k: values.get(k) for k in STEP_FIELDS if k in values}
    for key in ("number", "union", "committee_resolution_no", "note"):
        values[key] = (values.get(key) or "").strip()
    values["delegated"] = bool(values.get("delegated"))
    with action_transaction():
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if user is not None:
            require_org(user, locked.cell_id, RECORD)
        if locked.is_voided:
            raise DomainError("Quần chúng này đã bị hủy khỏi danh sách.")
        done = active_steps(locked)
        problems = check_step(locked, kind, values, done, AdmissionContext())
        if problems:
            raise DomainError(problems)
        member = None
        if kind == "ceremony":
            decision = done["decision"]
            data = {k: getattr(locked, k) for k in CANDIDATE_FIELDS if k not in ("identified_on", "note")}
            data["national_id"] = data["national_id"] or None
            data |= member_data or {}
            try:
                member = member_actions.admit(
                    data,
                    locked.cell,
                    values["on"],
                    decision_no=decision.number,
                    decided_on=decision.on,
                    note="Kết nạp từ danh sách quần chúng ưu tú",
                    acting_user=acting_user,
                )
            except DomainError as exc:
                fields = {"on": "on", "member_no": "member_no", "national_id": "member_no"}
                raise DomainError([Problem(p.message, fields.get(p.field, p.field or "on")) for p in exc.problems])
        step = CandidateStep.objects.create(
            candidate=locked,
            org_id=locked.cell_id,
            kind=kind,
            member=member,
            created_by_id=current_actor().user_id,
            **values,
        )
        audit.record(
            AuditAction.CANDIDATE_STEP,
            step,
            after=audit.snapshot(step, ["kind", *(k[:-3] if k.endswith("_id") else k for k in values)]),
            org_id=locked.cell_id,
            member_id=member.id if member else None,
            object_repr=f"{locked.full_name}: {step}",
        )
    return step


def do_void_step(candidate, reason: str, expected_version: int | None = None, *, acting_user=UNSET):
    """Void the candidate's last active step (steps are undone in reverse order). Voiding the
    ceremony voids the member's admission event (members.actions.void_event)."""
    from xaydungdang.core.transactions import action_transaction
    from xaydungdang.members import actions as member_actions
    from xaydungdang.members.models import EventType, MemberEvent

    user = resolve_user(acting_user)
    with action_transaction():
        done = active_steps(candidate)
        if not done:
            raise DomainError("Chưa có bước nào để hủy; hủy quần chúng khỏi danh sách ở mục riêng.", "void_reason")
        last = list(done.values())[-1]
        if last.kind == "ceremony" and last.member_id is not None:
            if not reason or not reason.strip():
                raise DomainError("Cần ghi lý do hủy.", "void_reason")
            for event in MemberEvent.objects.active().filter(member_id=last.member_id, type=EventType.ADMITTED):
                member_actions.void_event(event, reason, acting_user=acting_user)
        return recording.void(
            last,
            reason,
            expected_version=expected_version,
            action=AuditAction.CANDIDATE_STEP_VOID,
            org_id=candidate.cell_id,
            check=lambda locked: require_for_record(user, locked),
        )


def do_void_candidate(candidate, reason: str, expected_version: int | None = None, *, acting_user=UNSET):
    """Remove the candidate from the list (a mistaken entry): only when no step is active."""
    user = resolve_user(acting_user)

    def check(locked):
        require_for_record(user, locked)
        if active_steps(locked):
            raise DomainError("Còn các bước kết nạp đã ghi: hủy lần lượt từ bước cuối trước.", "void_reason")

    return recording.void(
        candidate,
        reason,
        expected_version=expected_version,
        action=AuditAction.CANDIDATE_VOID,
        org_id=candidate.cell_id,
        check=check,
    )
