"""Inspection cases and discipline. An expulsion removes the member on its date.

Actions take the acting user and check authority (accounts/authority.py) and the domain rules
inside the transaction that writes the record and its audit row. Voiding an expulsion brings the
member back: it is refused where the member's later history depends on it, and the audit entry
states the member's situation before and after."""

from xaydungdang.core import recording
from xaydungdang.core.access import UNSET, require_for_record, require_for_values, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.core.transactions import action_transaction
from xaydungdang.inspections.models import Discipline, DisciplineLevel, Inspection
from xaydungdang.inspections.rules import check_discipline, check_inspection
from xaydungdang.members import projection
from xaydungdang.members.context import DbContext
from xaydungdang.members.lifecycle import EXPELLED, Step
from xaydungdang.members.models import Member
from xaydungdang.members.situation import situation


def record_inspection(values: dict, *, acting_user=UNSET) -> Inspection:
    user = resolve_user(acting_user)
    with action_transaction():
        require_for_values(user, Inspection, values)
        problems = check_inspection(values, DbContext())
        if problems:
            raise DomainError(problems)
        return recording.create(
            Inspection,
            values,
            action=AuditAction.INSPECTION_RECORD,
            org_id=values["org_id"],
            member_id=values.get("subject_member_id"),
        )


@action_transaction()
def record_discipline(values: dict, *, acting_user=UNSET) -> Discipline:
    user = resolve_user(acting_user)
    require_for_values(user, Discipline, values)
    ctx = DbContext()
    problems = check_discipline(values, ctx)
    if problems:
        raise DomainError(problems)
    member_id = values.get("subject_member_id")
    if member_id:
        member = Member.objects.select_for_update().get(pk=member_id)
        if values["level"] == DisciplineLevel.EXPULSION:
            result = projection.replay_member(member, extra=[Step("new", EXPELLED, values["decided_on"])])
            projection.check(result)
        values = values | {"cell_id": ctx.member_result(member_id).cell_at(values["decided_on"])}
    discipline = recording.create(
        Discipline,
        values,
        action=AuditAction.DISCIPLINE_RECORD,
        org_id=values.get("cell_id") or values.get("subject_org_id"),
        member_id=member_id,
    )
    if member_id:
        projection.rebuild(member)
    return discipline


def changes_member(record) -> bool:
    """Does voiding this record change a member's membership (an expulsion)?"""
    return (
        isinstance(record, Discipline) and bool(record.subject_member_id) and record.level == DisciplineLevel.EXPULSION
    )


def preview_void(record) -> tuple[str, str, list[str]]:
    """For the confirmation page: the member's situation now, after the void, and what would
    refuse it. Writes nothing."""
    member = Member.objects.select_related("current_cell").get(pk=record.subject_member_id)
    result = projection.replay_member(member, skip_discipline_ids={record.id})
    problems = [p.message for _k, p in result.problems]
    return situation(member.state, member.current_cell_id), situation(result.state, result.current_cell), problems


@action_transaction()
def void(instance, reason: str, expected_version: int | None = None, *, acting_user=UNSET):
    user = resolve_user(acting_user)

    def after_void(locked):
        if not (isinstance(locked, Discipline) and locked.subject_member_id):
            return None
        member = Member.objects.select_for_update().get(pk=locked.subject_member_id)
        before = situation(member.state, member.current_cell_id)
        result = projection.replay_member(member)
        if result.problems:
            raise DomainError(
                [
                    Problem(
                        "Không thể hủy vì lịch sử sau đó của đảng viên phụ thuộc vào quyết định này: " + p.message,
                        "void_reason",
                    )
                    for _k, p in result.problems
                ]
            )
        projection.write(member, result)
        after = situation(result.state, result.current_cell)
        if before == after:
            return None
        return {"member_situation": before}, {"member_situation": after}

    owner = getattr(instance, "org_id", None) or getattr(instance, "decided_by_id", None)
    return recording.void(
        instance,
        reason,
        expected_version=expected_version,
        org_id=owner,
        member_id=getattr(instance, "subject_member_id", None),
        after_void=after_void,
        check=lambda locked: require_for_record(user, locked),
    )
