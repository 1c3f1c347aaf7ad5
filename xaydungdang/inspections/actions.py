"""Inspection cases and discipline. An expulsion removes the member on its date."""

from django.db import transaction

from xaydungdang.core import recording
from xaydungdang.core.errors import DomainError
from xaydungdang.inspections.models import Discipline, DisciplineLevel, Inspection
from xaydungdang.inspections.rules import check_discipline, check_inspection
from xaydungdang.members import projection
from xaydungdang.members.context import DbContext
from xaydungdang.members.lifecycle import EXPELLED, Step
from xaydungdang.members.models import Member


def record_inspection(values: dict) -> Inspection:
    problems = check_inspection(values, DbContext())
    if problems:
        raise DomainError(problems)
    return recording.create(Inspection, values, action="inspection.record", org_id=values["org_id"],
                            member_id=values.get("subject_member_id"))


@transaction.atomic
def record_discipline(values: dict) -> Discipline:
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
    discipline = recording.create(Discipline, values, action="discipline.record",
                                  org_id=values.get("cell_id") or values.get("subject_org_id"), member_id=member_id)
    if member_id:
        projection.rebuild(member)
    return discipline


@transaction.atomic
def void(instance, reason: str, expected_version: int | None = None):
    def rebuild_member(locked):
        if getattr(locked, "subject_member_id", None) and isinstance(locked, Discipline):
            projection.rebuild(Member.objects.get(pk=locked.subject_member_id))

    owner = getattr(instance, "org_id", None) or getattr(instance, "decided_by_id", None)
    return recording.void(instance, reason, expected_version=expected_version, org_id=owner,
                          member_id=getattr(instance, "subject_member_id", None), after_void=rebuild_member)
