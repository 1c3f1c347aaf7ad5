"""Writes of dues records. Actions take the acting user and check scope and rules inside the
transaction of the write, with an audit row each (core/recording.py)."""

import datetime as dt

from django.db import IntegrityError

from xaydungdang.core import recording
from xaydungdang.core.access import UNSET, require_for_record, require_for_values, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.core.transactions import action_transaction
from xaydungdang.dues.models import DuesBase, DuesPayment
from xaydungdang.dues.rules import check_base, check_payment

BASE_FIELDS = ("member_id", "category", "base", "valid_from", "reduction_pct", "exempt", "exempt_reason")
PAYMENT_FIELDS = ("member_id", "month", "amount", "paid_on", "channel", "receipt_no", "transaction_id")


def _cell_of(member_id: int, month: dt.date):
    from xaydungdang.core.dates import add_months
    from xaydungdang.members.context import DbContext

    last = min(add_months(month, 1) - dt.timedelta(days=1), today())
    try:
        return DbContext().member_result(member_id).cell_at(max(last, month))
    except Exception:  # a member without a replayable history: the current cell
        from xaydungdang.members.models import Member

        return Member.objects.filter(id=member_id).values_list("current_cell_id", flat=True).first()


def record_base(values: dict, *, acting_user=UNSET) -> DuesBase:
    user = resolve_user(acting_user)
    values = {k: values[k] for k in BASE_FIELDS if k in values}
    values.setdefault("reduction_pct", 0)
    values.setdefault("exempt", False)
    values.setdefault("exempt_reason", "")
    with action_transaction():
        require_for_values(user, DuesBase, values)
        problems = check_base(values)
        if problems:
            raise DomainError(problems)
        try:
            return recording.create(
                DuesBase, values, action=AuditAction.DUES_BASE_RECORD, member_id=values["member_id"]
            )
        except IntegrityError:
            raise DomainError(
                f"Đảng viên đã có mức đóng áp dụng từ ngày {values['valid_from']:%d/%m/%Y}.", "valid_from"
            ) from None


def record_payment(values: dict, *, acting_user=UNSET) -> DuesPayment:
    user = resolve_user(acting_user)
    values = {k: values[k] for k in PAYMENT_FIELDS if k in values}
    values.setdefault("channel", "cash")
    values.setdefault("receipt_no", "")
    values.setdefault("transaction_id", "")
    with action_transaction():
        require_for_values(user, DuesPayment, values)
        problems = check_payment(values, today())
        if problems:
            raise DomainError(problems)
        values["cell_id"] = _cell_of(values["member_id"], values["month"])
        try:
            return recording.create(
                DuesPayment,
                values,
                action=AuditAction.DUES_PAYMENT_RECORD,
                org_id=values["cell_id"],
                member_id=values["member_id"],
            )
        except IntegrityError:
            raise DomainError(f"Giao dịch {values['transaction_id']} đã được ghi.", "transaction_id") from None


class BatchRefused(DomainError):
    """A batch refused as a whole: `by_row` maps each refused row's index to its problems."""

    def __init__(self, by_row: dict[int, list]):
        self.by_row = by_row
        super().__init__(f"Chưa ghi dòng nào: {len(by_row)} dòng có lỗi, xem từng dòng rồi ghi lại.")


def _batch(rows: list[dict], one, user) -> list:
    made, refused = [], {}
    with action_transaction():
        for index, values in enumerate(rows):
            try:
                with action_transaction():
                    made.append(one(values, acting_user=user))
            except DomainError as exc:
                refused[index] = exc.problems
        if refused:
            raise BatchRefused(refused)
    return made


def record_payments(rows: list[dict], *, acting_user=UNSET) -> list[DuesPayment]:
    """Many payments at once (a cell's month, a portal statement): all or nothing."""
    return _batch(rows, record_payment, resolve_user(acting_user))


def record_bases(rows: list[dict], *, acting_user=UNSET) -> list[DuesBase]:
    return _batch(rows, record_base, resolve_user(acting_user))


def void(instance, reason: str, expected_version: int | None = None, *, acting_user=UNSET):
    user = resolve_user(acting_user)
    return recording.void(
        instance,
        reason,
        expected_version=expected_version,
        org_id=getattr(instance, "cell_id", None),
        member_id=instance.member_id,
        check=lambda locked: require_for_record(user, locked),
    )


__all__ = ["Problem", "record_base", "record_payment", "record_payments", "record_bases", "void", "BatchRefused"]
