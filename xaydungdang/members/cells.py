"""The members of a cell on a day, for the organization actions (registered in members/apps.py)."""

import datetime as dt

from django.db.models import Q

from xaydungdang.members.models import Member, MemberSpan


def _member_ids(cell, day: dt.date):
    return (
        MemberSpan.objects.filter(cell=cell, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gt=day))
        .values_list("member_id", flat=True)
        .distinct()
    )


def members_in(cell, day: dt.date) -> int:
    """Members whose span in the cell is still open on `day` (a span ending that day has left)."""
    return (
        MemberSpan.objects.filter(cell=cell)
        .filter(Q(end__isnull=True) | Q(end__gt=day))
        .values("member_id")
        .distinct()
        .count()
    )


def transfer_members(source, target, on: dt.date, *, decision_no: str = "", note: str = "", acting_user=None) -> None:
    """Hợp nhất: everyone in `source` on `on` is transferred to `target` that day."""
    from xaydungdang.members import actions

    for member in Member.objects.filter(id__in=list(_member_ids(source, on))):
        actions.transfer(member, target, on, decision_no=decision_no, note=note, acting_user=acting_user)
