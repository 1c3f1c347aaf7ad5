"""Ratings and screening. Actions take the acting user and check authority and rules inside the
transaction of the write (accounts/authority.py)."""

from django.db import IntegrityError

from xaydungdang.core import recording
from xaydungdang.core.access import UNSET, require_for_record, require_for_values, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError
from xaydungdang.core.transactions import action_transaction
from xaydungdang.members.context import DbContext
from xaydungdang.reviews import rulesets
from xaydungdang.reviews.models import Rating, Screening
from xaydungdang.reviews.rules import check_rating, check_rating_once, check_screening, prepare_rating, rating_key


def record_rating(values: dict, *, acting_user=UNSET) -> Rating:
    user = resolve_user(acting_user)
    with action_transaction():
        require_for_values(user, Rating, values)
        ctx = DbContext()
        values = prepare_rating(values)
        problems = check_rating(values, ctx) or check_rating_once(values, ctx, _rated_already(values))
        if problems:
            raise DomainError(problems)
        member_id = values.get("subject_member_id")
        if member_id:
            end = rulesets.period_of(values.get("period") or "", values["year"]).end
            values = values | {"cell_id": ctx.member_result(member_id).cell_at(end)}
            require_for_values(user, Rating, values)
        try:
            return recording.create(
                Rating,
                values,
                action=AuditAction.RATING_RECORD,
                org_id=values.get("cell_id") or values.get("subject_org_id"),
                member_id=member_id,
            )
        except IntegrityError:
            # Recorded by someone else since the check: the constraint refuses it; say why.
            raise DomainError(check_rating_once(values, ctx, "vừa được ghi") or "Không ghi được xếp loại.") from None


class RoundRefused(DomainError):
    """A round of ratings refused as a whole: `by_row` maps the index of each refused row to its
    problems (the rows without problems were not written either)."""

    def __init__(self, by_row: dict[int, list]):
        self.by_row = by_row
        n = len(by_row)
        super().__init__(f"Chưa ghi dòng nào: {n} dòng có lỗi, xem dưới từng dòng rồi ghi lại.")


def record_ratings(rows: list[dict], *, acting_user=UNSET) -> list[Rating]:
    """A whole round of ratings (a cell's members for a year) at once, all or nothing: each row
    goes through `record_rating` (the same scope, rules and audit row as one record) inside one
    transaction; if any row is refused, none is written and RoundRefused says which rows."""
    user = resolve_user(acting_user)
    made: list[Rating] = []
    with action_transaction():
        refused: dict[int, list] = {}
        for index, values in enumerate(rows):
            try:
                made.append(record_rating(values, acting_user=user))
            except DomainError as exc:  # its savepoint is rolled back; the others go on being checked
                refused[index] = exc.problems
        if refused:
            raise RoundRefused(refused)
    return made


def _rated_already(values: dict) -> str | None:
    """Where the subject's active rating for the year is, if it has one."""
    key = rating_key(values)
    if key is None:
        return None
    kind, subject, year, period = key
    found = Rating.objects.active().filter(**{f"subject_{kind}_id": subject, "year": year, "period": period}).first()
    if found is None:
        return None
    return f'đã ghi, mức "{found.get_level_display()}"' if found.level else "đã ghi không xếp loại"


def record_screening(values: dict, *, acting_user=UNSET) -> Screening:
    user = resolve_user(acting_user)
    with action_transaction():
        require_for_values(user, Screening, values)
        ctx = DbContext()
        problems = check_screening(values, ctx)
        if problems:
            raise DomainError(problems)
        cell_id = ctx.member_result(values["member_id"]).cell_at(values["listed_on"])
        values = values | {"cell_id": cell_id}
        require_for_values(user, Screening, values)
        return recording.create(
            Screening, values, action=AuditAction.SCREENING_RECORD, org_id=cell_id, member_id=values["member_id"]
        )


def void(instance, reason: str, expected_version: int | None = None, *, acting_user=UNSET):
    user = resolve_user(acting_user)
    member_id = getattr(instance, "member_id", None) or getattr(instance, "subject_member_id", None)
    return recording.void(
        instance,
        reason,
        expected_version=expected_version,
        org_id=instance.cell_id or getattr(instance, "subject_org_id", None),
        member_id=member_id,
        check=lambda locked: require_for_record(user, locked),
    )
