"""The transfer deadlines in the one registry (core/deadlines.py), registered by apps.py:

* `transfer_letter`: an official transfer's letter within 60 working days of the move or decision
  (Transfer.moved_on); open on a day when the letter is not issued by that day;
* `transfer_presentation`: the letter presented at the new place within 30 working days of the
  letter; open until the receiving cell records the presentation (for a place outside the system:
  until the confirmation slip comes back, recorded by the sending side). A transfer reported as
  never arrived stays open (overdue): the sending side must follow it up;
* `temporary_return`: a temporary transfer's end (Transfer.until); open from the day the member
  starts activity elsewhere until the return is recorded, overdue after the end.

Only transfers recorded as a procedure (Transfer) have deadlines: an event imported without one
carries no date of decision to count from. Voided transfers have none.
"""

from django.db.models import Q
from django.urls import reverse

from xaydungdang.core.dates import add_working_days
from xaydungdang.core.deadlines import Deadline
from xaydungdang.core.formatting import date as fmt
from xaydungdang.transfers.models import TEMPORARY_KINDS, Kind, Transfer
from xaydungdang.transfers.rules import LETTER_WORKING_DAYS, PRESENTATION_WORKING_DAYS, REGULATIONS

CITE = REGULATIONS["transfer_deadlines"].cite


def letter_due(transfer: Transfer):
    return add_working_days(transfer.moved_on, LETTER_WORKING_DAYS)


def presentation_due(transfer: Transfer):
    return add_working_days(transfer.letter_on, PRESENTATION_WORKING_DAYS)


def _url(transfer: Transfer) -> str:
    return reverse("web:transfer_detail", args=[transfer.pk])


def _rows(scope, queryset):
    return scope.restrict(queryset.active()).select_related("member", "from_cell", "to_cell")


def _deadline(kind, transfer, due_on, basis, org) -> Deadline:
    return Deadline(
        kind=kind,
        due_on=due_on,
        basis=basis,
        member_id=transfer.member_id,
        member_no=transfer.member.member_no,
        org_id=org.id,
        org_code=org.code,
        subject=f"{transfer.member.full_name} ({transfer.member.member_no})",
        url=_url(transfer),
        owners=(transfer.from_cell_id, transfer.to_cell_id),  # both sides see it (Transfer.scope_q)
    )


def letter_deadlines(scope):
    on = scope.on
    rows = _rows(
        scope,
        Transfer.objects.filter(kind=Kind.OFFICIAL, moved_on__lte=on).filter(
            Q(letter_on__isnull=True) | Q(letter_on__gt=on)
        ),
    )
    for transfer in rows:
        basis = (
            f"{LETTER_WORKING_DAYS} ngày làm việc sau ngày chuyển {fmt(transfer.moved_on)} "
            f"({transfer.get_reason_display().lower()}) — {CITE}"
        )
        yield _deadline("transfer_letter", transfer, letter_due(transfer), basis, transfer.from_cell)


def presentation_deadlines(scope):
    on = scope.on
    rows = _rows(
        scope,
        Transfer.objects.filter(kind=Kind.OFFICIAL, letter_on__lte=on).filter(
            Q(presented_on__isnull=True) | Q(presented_on__gt=on)
        ),
    )
    for transfer in rows:
        where = transfer.to_cell.name if transfer.to_cell_id else f"{transfer.to_place} (phiếu báo gửi về)"
        basis = (
            f"{PRESENTATION_WORKING_DAYS} ngày làm việc sau giấy giới thiệu số {transfer.letter_no} ngày "
            f"{fmt(transfer.letter_on)}, nộp tại {where}"
        )
        if transfer.not_arrived_on and transfer.not_arrived_on <= on:
            basis += f"; bên nhận báo không nhận được ngày {fmt(transfer.not_arrived_on)}"
        yield _deadline(
            "transfer_presentation",
            transfer,
            presentation_due(transfer),
            basis + f" — {CITE}",
            transfer.to_cell or transfer.from_cell,
        )


def return_deadlines(scope):
    """Temporary transfers under way on the day: started (the member event's date) on or before it,
    not returned by it."""
    on = scope.on
    rows = _rows(
        scope,
        Transfer.objects.filter(kind__in=TEMPORARY_KINDS, until__isnull=False, event__on__lte=on).filter(
            Q(returned_on__isnull=True) | Q(returned_on__gt=on)
        ),
    ).select_related("event")
    for transfer in rows:
        where = transfer.to_cell.name if transfer.to_cell_id else transfer.to_place
        basis = (
            f"Sinh hoạt tạm thời tại {where} từ {fmt(transfer.event.on)} đến {fmt(transfer.until)}; "
            f"quá hạn thì chi bộ ghi trở về hoặc chuyển sinh hoạt chính thức — {REGULATIONS['temporary_transfer'].cite}"
        )
        yield _deadline("temporary_return", transfer, transfer.until, basis, transfer.from_cell)


PROVIDERS = (
    ("transfer_letter", "Cấp giấy giới thiệu chuyển sinh hoạt đảng", letter_deadlines),
    ("transfer_presentation", "Nộp giấy giới thiệu sinh hoạt đảng tại nơi đến", presentation_deadlines),
    ("temporary_return", "Trở về sau sinh hoạt đảng tạm thời", return_deadlines),
)
