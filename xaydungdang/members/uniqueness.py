"""Member numbers and national IDs are unique — and saying so must not tell anyone who else is
in the system (issue 9, M4).

A clash with a member the acting user may see (accounts.scope, "view", asked through core.access)
names that member's number; a clash with anyone else gets one neutral message that says nothing
about the other member. Every refusal caused by a clash is audited (`member.clash`) outside the transaction of
the refused write (core.audit.record_detached), and clashes with members the user cannot see
are limited per user: beyond LIMIT in WINDOW nothing is checked any more and the write is
refused with TOO_MANY. The system and the command line (no user) see everything: they are
neither limited nor audited (a refused `xdd import` writes nothing at all). Used by
members.actions (web forms, API) and by the importer (interchange.membercheck).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from xaydungdang.core import access, audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import current_actor, pending_after
from xaydungdang.core.errors import Problem
from xaydungdang.core.models import AuditEntry

LIMIT = 20
WINDOW = dt.timedelta(hours=1)
ACTION = AuditAction.MEMBER_CLASH
FIELDS = ("member_no", "national_id")
LABELS = {"member_no": "Số lý lịch", "national_id": "Số định danh", "card_no": "Số thẻ đảng viên"}
NEUTRAL = (
    "{label} này không dùng được vì trùng với dữ liệu đã có trong hệ thống; đề nghị liên hệ Ban Xây dựng "
    "Đảng cấp trên để đối chiếu."
)
TOO_MANY = (
    "Anh/chị đã nhập quá nhiều số lý lịch hoặc số định danh trùng với dữ liệu đã có trong hệ thống; để bảo "
    "vệ dữ liệu, hệ thống tạm ngừng kiểm tra. Đề nghị thử lại sau một giờ."
)


@dataclass(frozen=True)
class Clash:
    field: str  # "member_no" or "national_id"
    value: str
    other_no: str  # the member number of the member who holds the value
    visible: bool  # may the acting user see that member?
    other_id: int | None = None


def acting_user():
    """The user behind the current action, or None for the system and the command line."""
    actor = current_actor()
    return actor.user if actor.user_id is not None else None


def message(clash: Clash) -> str:
    if not clash.visible:
        return NEUTRAL.format(label=LABELS[clash.field])
    if clash.field == "member_no":
        return f"Số lý lịch {clash.value} đã có trong hệ thống."
    if clash.field == "card_no":
        return f"Số thẻ đảng viên {clash.value} đã cấp cho đảng viên {clash.other_no}."
    return f"Số định danh {clash.value} đã thuộc về đảng viên {clash.other_no} trong hệ thống."


def probes_used(user) -> int:
    """Clashes with members the user cannot see, in the last WINDOW (written or still pending)."""
    since = timezone.now() - WINDOW
    afters = AuditEntry.objects.filter(user_id=user.pk, action=ACTION, at__gte=since).values_list("after", flat=True)
    used = sum(int(a.get("probes") or 0) for a in afters if isinstance(a, dict))
    for callback in pending_after():
        meta = getattr(callback, "meta", None) or {}
        if getattr(callback, "audit_action", None) == ACTION and meta.get("user_id") == user.pk:
            used += int(meta.get("probes") or 0)
    return used


def remaining(user) -> int | None:
    """How many more hidden clashes the user may meet this hour; None: unlimited."""
    return None if user is None else max(0, LIMIT - probes_used(user))


def visible_numbers(numbers, user) -> set[str] | None:
    """The member numbers (of existing members) the user may see; None: all of them."""
    from xaydungdang.members.models import Member

    if user is None or access.scope_for(user, access.VIEW).is_global:
        return None
    numbers = sorted(set(numbers))
    seen = set()
    for start in range(0, len(numbers), 900):
        chunk = numbers[start : start + 900]
        seen.update(
            access.restrict(Member.objects.filter(member_no__in=chunk), user).values_list("member_no", flat=True)
        )
    return seen


def _home_org(user) -> int | None:
    """The organization of the user's first role: lets the staff of that subtree see the entry."""
    return user.role_grants.order_by("id").values_list("org_id", flat=True).first()


def record_refusal(user, clashes: list[Clash], *, blocked: bool = False, fields=(), where: str = "") -> None:
    """One `member.clash` audit entry for one refused write of a user (a form, an API call, an
    import): kept even though the write is rolled back, and counted by the limit."""
    if user is None:
        return
    hidden = [c for c in clashes if not c.visible]
    labels = sorted({LABELS[c.field] for c in clashes} | {LABELS[f] for f in fields})
    after = {"fields": ", ".join(labels).lower(), "clashes": len(clashes), "probes": len(hidden)}
    if blocked:
        after["blocked"] = True
    if len(clashes) == 1:
        after[clashes[0].field] = clashes[0].value  # national IDs are masked when the trail is read
    others = {c.other_id for c in clashes if c.other_id is not None}
    kwargs = dict(
        model="members.member",
        object_repr=where,
        after=after,
        org_id=_home_org(user),
        member_id=others.pop() if len(others) == 1 else None,
        note="Từ chối ghi vì trùng số lý lịch hoặc số định danh với dữ liệu đã có"
        + (" (đã vượt giới hạn số lần thử)." if blocked else "."),
    )
    audit.record_detached(ACTION, meta={"user_id": user.pk, "probes": after["probes"]}, **kwargs)


def check(data: dict, member_id=None) -> list[Problem]:
    """Problems for a member's number and national ID already held by another member (the
    member being edited excluded); see the module docstring for what each user is told."""
    from xaydungdang.members.models import Member

    wanted = {f: str(data[f]) for f in FIELDS if data.get(f)}
    if wanted and member_id:
        own = Member.objects.filter(id=member_id).values(*FIELDS).first() or {}
        wanted = {f: v for f, v in wanted.items() if own.get(f) != v}  # unchanged values probe nothing
    if not wanted:
        return []
    user = acting_user()
    if user is not None and remaining(user) == 0:
        record_refusal(user, [], blocked=True, fields=wanted, where="Kiểm tra trùng dữ liệu")
        return [Problem(TOO_MANY, next(iter(wanted)))]
    others = Member.objects.exclude(id=member_id) if member_id else Member.objects.all()
    found = []
    for field, value in wanted.items():
        other = others.filter(**{field: value}).values_list("id", "member_no").first()
        if other is not None:
            found.append((field, value, other))
    if not found:
        return []
    visible = visible_numbers([no for _f, _v, (_id, no) in found], user)
    clashes = [
        Clash(field, value, no, visible is None or no in visible, other_id) for field, value, (other_id, no) in found
    ]
    record_refusal(user, clashes, where="Kiểm tra trùng dữ liệu")
    return [Problem(message(c), c.field) for c in clashes]


def check_card(value: str, member_id=None, field: str = "reason") -> list[Problem]:
    """A card number already given to another member (as their card now, or by any card event of
    their history: a lost or exchanged card's number is not given again), told as check() tells a
    clash (the other member named only when the user may see them; refusals audited and limited).
    Used by members.actions for the card events and a new or changed card number of the personal data
    (web forms, API); `field` is the form field the problem is shown under."""
    from xaydungdang.members.models import CARD_TYPES, Member, MemberEvent

    value = (value or "").strip()
    if not value:
        return []
    user = acting_user()
    if user is not None and remaining(user) == 0:
        record_refusal(user, [], blocked=True, fields=("card_no",), where="Kiểm tra trùng số thẻ")
        return [Problem(TOO_MANY, field)]
    holders = Member.objects.filter(card_no=value)
    events = MemberEvent.objects.active().filter(type__in=CARD_TYPES, reason=value)
    if member_id:
        holders, events = holders.exclude(id=member_id), events.exclude(member_id=member_id)
    other = holders.values_list("id", "member_no").first()
    if other is None:
        other = events.values_list("member_id", "member__member_no").first()
    if other is None:
        return []
    other_id, other_no = other
    visible = visible_numbers([other_no], user)
    clash = Clash("card_no", value, other_no, visible is None or other_no in visible, other_id)
    record_refusal(user, [clash], where="Kiểm tra trùng số thẻ")
    return [Problem(message(clash), field)]
