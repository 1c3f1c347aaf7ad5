"""Writes of the badges app: flagging an early or posthumous case, voiding a flag, and the audit of
a proposal list's export. Each checks the scope inside the transaction of its write, with an audit row."""

import datetime as dt

from xaydungdang.badges.models import BadgeFlag, FlagKind
from xaydungdang.core import access, audit, recording
from xaydungdang.core.access import UNSET, require_member, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.core.transactions import action_transaction
from xaydungdang.members.models import EventType, Member, MemberEvent, MemberState


def _flag_problems(member: Member, kind: str, noted_on: dt.date | None) -> list[Problem]:
    if kind not in FlagKind.values:
        return [Problem(f'Trường hợp "{kind}" không hợp lệ (trao sớm do ốm nặng hoặc truy tặng).', "kind")]
    if noted_on is None:
        return [Problem("Cần ghi ngày ghi nhận.", "noted_on")]
    if noted_on > today():
        return [Problem("Ngày ghi nhận không được ở tương lai.", "noted_on")]
    if noted_on < member.joined_on:
        return [Problem(f"Ngày ghi nhận trước ngày vào Đảng ({member.joined_on:%d/%m/%Y}).", "noted_on")]
    died = MemberEvent.objects.active().filter(member=member, type=EventType.DIED).values_list("on", flat=True).first()
    if kind == FlagKind.POSTHUMOUS:
        if died is None:
            message = f"{member.full_name} chưa được ghi từ trần; chỉ truy tặng cho đảng viên đã từ trần."
            return [Problem(message, "kind")]
        if noted_on < died:
            return [Problem(f"Ngày ghi nhận truy tặng trước ngày từ trần ({died:%d/%m/%Y}).", "noted_on")]
    elif died is not None or member.state != MemberState.ACTIVE:
        return [
            Problem(
                f"{member.full_name} không còn sinh hoạt đảng; trao sớm do ốm nặng chỉ cho đảng viên đang sinh hoạt.",
                "kind",
            )
        ]
    if BadgeFlag.objects.active().filter(member=member, kind=kind).exists():
        return [Problem(f"{member.full_name} đã được ghi trường hợp này; hủy bản ghi cũ nếu cần ghi lại.", "kind")]
    return []


def flag(member: Member, kind: str, noted_on: dt.date, note: str = "", *, acting_user=UNSET) -> BadgeFlag:
    """Flag a member for an early (serious illness) or posthumous badge from `noted_on`."""
    user = resolve_user(acting_user)
    with action_transaction():
        member = Member.objects.select_for_update().get(pk=member.pk)
        require_member(user, member, access.RECORD)
        problems = _flag_problems(member, kind, noted_on)
        if problems:
            raise DomainError(problems)
        return recording.create(
            BadgeFlag,
            {"member_id": member.id, "kind": kind, "noted_on": noted_on, "note": (note or "").strip()},
            action=AuditAction.BADGE_FLAG_RECORD,
            org_id=member.current_cell_id,
            member_id=member.id,
        )


def void_flag(instance: BadgeFlag, reason: str, expected_version: int | None = None, *, acting_user=UNSET):
    user = resolve_user(acting_user)
    return recording.void(
        instance,
        reason,
        expected_version=expected_version,
        org_id=instance.member.current_cell_id,
        member_id=instance.member_id,
        check=lambda locked: require_member(user, locked.member, access.RECORD),
    )


def record_export(org, day: dt.date, fmt: str, count: int) -> None:
    """The audit row of a proposal list downloaded (page) or written (`xdd badges`)."""
    audit.record(
        AuditAction.BADGE_EXPORT,
        None,
        model="badges.proposal",
        org_id=org.id,
        after={"round": day, "format": fmt.upper(), "rows": count},
        object_repr=f"đợt {day:%d/%m/%Y}",
    )
