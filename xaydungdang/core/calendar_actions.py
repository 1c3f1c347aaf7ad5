"""Writes of the working-day calendar: the days an administrator records from the Government's
yearly announcement (core.models.DayOff), each with an audit row. Only administrators (global
scope) may write; core/workdays.py re-reads the calendar on every change."""

import datetime as dt

from xaydungdang.core import access, audit
from xaydungdang.core.access import UNSET, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError, PermissionDenied, Problem
from xaydungdang.core.models import DayOff
from xaydungdang.core.transactions import action_transaction

# The years the calendar may be corrected for (the `holidays` library knows these and more).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _require_admin(user) -> None:
    if user is not None and not access.scope_for(user, access.ADMIN).is_global:
        raise PermissionDenied("Chỉ quản trị hệ thống được sửa lịch ngày nghỉ, ngày làm bù.", rule="scope")


def _check(day, kind: str, note: str) -> list[Problem]:
    problems = []
    if not isinstance(day, dt.date):
        problems.append(Problem("Cần ghi ngày (ngày/tháng/năm).", "day"))
    elif not FIRST_YEAR <= day.year <= LAST_YEAR:
        problems.append(Problem(f"Năm {day.year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}.", "day"))
    if kind not in (DayOff.OFF, DayOff.WORKING):
        problems.append(Problem("Chọn loại: ngày nghỉ hoặc ngày làm việc bù.", "kind"))
    if len(note) > 255:
        problems.append(Problem("Ghi chú dài quá 255 ký tự.", "note"))
    return problems


def _snapshot(row: DayOff) -> dict:
    return {"day": row.day, "kind": row.kind, "note": row.note}


@action_transaction()
def do_save_day_off(day: dt.date, kind: str, note: str = "", *, acting_user=UNSET) -> DayOff:
    """Add a day, or correct the kind/note of the day already recorded (one row per day)."""
    user = resolve_user(acting_user)
    _require_admin(user)
    note = (note or "").strip()
    problems = _check(day, kind, note)
    if problems:
        raise DomainError(problems)
    row = DayOff.objects.select_for_update().filter(day=day).first()
    before = _snapshot(row) if row else None
    if row is None:
        row = DayOff.objects.create(day=day, kind=kind, note=note)
    else:
        row.kind, row.note = kind, note
        row.save()
    audit.record(AuditAction.DAYOFF_SAVE, row, before=before, after=_snapshot(row))
    return row


@action_transaction()
def do_remove_day_off(day: dt.date, *, acting_user=UNSET) -> None:
    user = resolve_user(acting_user)
    _require_admin(user)
    row = DayOff.objects.select_for_update().filter(day=day).first()
    if row is None:
        raise DomainError([Problem(f"Ngày {day:%d/%m/%Y} không có trong lịch đã ghi.", "day")])
    before, text = _snapshot(row), str(row)
    row_id = row.pk
    row.delete()
    audit.record(
        AuditAction.DAYOFF_REMOVE, None, model="core.dayoff", object_id=row_id, object_repr=text, before=before
    )
