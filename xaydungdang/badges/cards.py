"""Thẻ đảng viên: the card_issue deadline, the national exchange of 2025, the bulk record.

Cards are member events (members.models.CARD_TYPES, `reason` = the card number, 8 digits, unique
across members: members.actions.record_event checks both).

**Deadline `card_issue`** (our basis, documented in docs/procedures.md): a member recognized as an
official member within the recorded history gets the card within 30 working days (core.workdays)
of the recognition decision (`decided_on`, else the recognition's date). It is open on a day when
the decision is known by that day, the member is in a cell's list on it, and no card event is dated
on or before it. Members who entered official (opening balance, transfer in) carry their card from
elsewhere: no deadline (a missing number there is a data gap, not a procedure step).

**Exchange of 2025** (Chỉ thị 51-CT/TW, 8/8/2025): every official member's card exchanged before
2/9/2025. A member counts as exchanged with any card event dated on or after 8/8/2025.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from xaydungdang.core.access import UNSET, resolve_user
from xaydungdang.core.errors import DomainError
from xaydungdang.core.transactions import action_transaction
from xaydungdang.members.models import CARD_TYPES, EventType, Member, MemberEvent, MemberSpan, MemberState, Status

DEADLINE_KIND = "card_issue"
DEADLINE_LABEL = "Phát thẻ đảng viên"
CARD_WORKING_DAYS = 30
EXCHANGE_START = dt.date(2025, 8, 8)  # Chỉ thị 51-CT/TW
EXCHANGE_DEADLINE = dt.date(2025, 9, 2)
EXCHANGE_NOTE = "Đổi thẻ đảng viên theo Chỉ thị 51-CT/TW"


def card_due(decided: dt.date) -> dt.date:
    from xaydungdang.core.workdays import add_working_days

    return add_working_days(decided, CARD_WORKING_DAYS)


def card_issue_deadlines(scope):
    """Provider of the deadline registry (core.deadlines): open card_issue deadlines on scope.on."""
    from django.urls import reverse

    from xaydungdang.core.deadlines import Deadline

    on = scope.on
    cards_by = MemberEvent.objects.active().filter(member_id=OuterRef("member_id"), type__in=CARD_TYPES, on__lte=on)
    any_card = MemberEvent.objects.active().filter(member_id=OuterRef("member_id"), type__in=CARD_TYPES)
    present = MemberSpan.objects.filter(member_id=OuterRef("member_id"), start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gt=on)
    )
    rows = (
        MemberEvent.objects.active()
        .filter(type=EventType.RECOGNIZED_OFFICIAL, on__lte=on)
        .filter(Q(decided_on__isnull=True) | Q(decided_on__lte=on))
        .filter(member__in=scope.restrict(Member.objects.all()))
        .annotate(carded=Exists(cards_by), ever=Exists(any_card), present=Exists(present))
        .filter(carded=False, present=True)
        .exclude(Q(ever=False) & ~Q(member__card_no=""))  # a card number on the members row, undated
        .order_by("member_id", "-on")
        .values_list(
            "member_id",
            "member__member_no",
            "member__full_name",
            "on",
            "decided_on",
            "member__current_cell_id",
            "member__current_cell__code",
        )
    )
    seen = set()
    for member_id, no, name, recognized, decided, cell_id, cell_code in rows:
        if member_id in seen:
            continue
        seen.add(member_id)
        start = max(recognized, decided or recognized)
        yield Deadline(
            kind=DEADLINE_KIND,
            due_on=card_due(start),
            basis=f"{CARD_WORKING_DAYS} ngày làm việc sau quyết định công nhận đảng viên chính thức "
            f"(ngày {start:%d/%m/%Y})",
            member_id=member_id,
            member_no=no,
            org_id=cell_id,
            org_code=cell_code,
            subject=f"{name} ({no})",
            url=reverse("web:member_event", args=[member_id, "the-dang-vien"]),
        )


def not_exchanged(members, org_id: int | None = None):
    """Official members in the list now (a member queryset already limited to the user's scope)
    without a card event dated on or after the start of the 2025 exchange."""
    from xaydungdang.core import access

    if org_id is not None:
        members = access.within(members, org_id)
    exchanged = MemberEvent.objects.active().filter(
        member_id=OuterRef("pk"), type__in=CARD_TYPES, on__gte=EXCHANGE_START
    )
    return (
        members.filter(state=MemberState.ACTIVE, status=Status.OFFICIAL)
        .annotate(exchanged=Exists(exchanged))
        .filter(exchanged=False)
        .select_related("current_cell")
        .order_by("current_cell__sort_key", "sort_key", "member_no")
    )


def exchange_cards(rows: list[tuple[Member, str]], on: dt.date, *, decision_no: str = "", acting_user=UNSET):
    """Record the 2025 exchange (CARD_REPLACED, the new number) for many members at once: all or
    nothing; each event checked and audited by members.actions.record_event. Returns the events."""
    from xaydungdang.members import actions

    user = resolve_user(acting_user)
    if not rows:
        raise DomainError("Chưa chọn đảng viên nào để ghi đổi thẻ.")
    refused, made = [], []
    with action_transaction():
        for member, number in rows:
            try:
                with action_transaction():
                    made.append(
                        actions.record_event(
                            member,
                            EventType.CARD_REPLACED,
                            on,
                            reason=number,
                            decision_no=decision_no,
                            note=EXCHANGE_NOTE,
                            acting_user=user,
                        )
                    )
            except DomainError as exc:
                refused.append(f"{member.full_name} ({member.member_no}): {exc.message}")
        if refused:
            raise DomainError("Chưa ghi đổi thẻ cho ai: " + "; ".join(refused))
    return made
