"""Ratings and screening."""

import datetime as dt

from xaydungdang.core import recording
from xaydungdang.core.errors import DomainError
from xaydungdang.members.context import DbContext
from xaydungdang.reviews.models import Rating, Screening
from xaydungdang.reviews.rules import check_rating, check_screening


def record_rating(values: dict) -> Rating:
    ctx = DbContext()
    problems = check_rating(values, ctx)
    if problems:
        raise DomainError(problems)
    member_id = values.get("subject_member_id")
    if member_id:
        values = values | {"cell_id": ctx.member_result(member_id).cell_at(dt.date(values["year"], 12, 31))}
    return recording.create(Rating, values, action="rating.record",
                            org_id=values.get("cell_id") or values.get("subject_org_id"), member_id=member_id)


def record_screening(values: dict) -> Screening:
    ctx = DbContext()
    problems = check_screening(values, ctx)
    if problems:
        raise DomainError(problems)
    cell_id = ctx.member_result(values["member_id"]).cell_at(values["listed_on"])
    return recording.create(Screening, values | {"cell_id": cell_id}, action="screening.record", org_id=cell_id,
                            member_id=values["member_id"])


def void(instance, reason: str, expected_version: int | None = None):
    member_id = getattr(instance, "member_id", None) or getattr(instance, "subject_member_id", None)
    return recording.void(instance, reason, expected_version=expected_version,
                          org_id=instance.cell_id or getattr(instance, "subject_org_id", None), member_id=member_id)
