"""The steps of a transfer. Each side acts only on its own step, checked inside the transaction
of the write with an audit row:

* the sending cell starts it (RECORD on the member's cell) and, for a place outside the system,
  records that the confirmation slip came back; it records a temporary transfer's return and may
  void a transfer not carried out;
* the body the rules of the letter's date name (rules.issuing_body) issues the letter (RECORD on
  that committee);
* the receiving cell accepts it (RECORD on the receiving cell) or reports that it never arrived.

The member's event is recorded through members.actions.record_event, which replays the member's
history against the rules (a transfer never duplicates them). The receiving cell does not see the
member before acceptance, so the event is recorded as the system once this action has checked the
receiving side's right: the Transfer, issued by the competent committee, is the authority.
"""

import datetime as dt

from xaydungdang.core import audit
from xaydungdang.core.access import RECORD, UNSET, require_for_record, require_member, require_org, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import current_actor
from xaydungdang.core.dates import today
from xaydungdang.core.errors import ConcurrentEditError, DomainError, Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.text import nfc
from xaydungdang.core.transactions import action_transaction
from xaydungdang.members import actions as member_actions
from xaydungdang.members.models import EventType, Member, MemberState
from xaydungdang.organizations.tree import load_tree
from xaydungdang.transfers import rules
from xaydungdang.transfers.models import Kind, Reason, State, Transfer

OPEN_STATES = (State.STARTED, State.ISSUED, State.NOT_ARRIVED)


def _snapshot(transfer: Transfer, fields) -> dict:
    return {name: getattr(transfer, name) for name in fields if getattr(transfer, name) not in (None, "")}


def _lock(transfer: Transfer) -> Transfer:
    # No select_related: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join (to_cell).
    return Transfer.objects.select_for_update().get(pk=transfer.pk)


def _check_version(transfer: Transfer, expected_version) -> None:
    if transfer.is_voided:
        raise DomainError("Chuyển sinh hoạt này đã được hủy.")
    if expected_version is not None and transfer.version != expected_version:
        raise ConcurrentEditError("chuyển sinh hoạt đảng")


def _past(day: dt.date | None, label: str, field: str) -> list[Problem]:
    if day is None:
        return [Problem(f"Cần nhập {label}.", field)]
    if day > today():
        return [Problem(f"{label[:1].upper()}{label[1:]} {fmt(day)} ở sau ngày hôm nay.", field)]
    return []


def _save(transfer: Transfer, action: AuditAction, fields, *, org_id) -> Transfer:
    transfer.version += 1
    transfer.save()
    audit.record(
        action,
        transfer,
        after=_snapshot(transfer, [*fields, "state"]),
        org_id=org_id,
        member_id=transfer.member_id,
        object_repr=str(transfer)[:255],
    )
    return transfer


@action_transaction()
def start_transfer(member: Member, values: dict, *, acting_user=UNSET) -> Transfer:
    """The sending cell starts a transfer of one of its members (`values`: kind, reason, moved_on,
    decision_no, until, to_cell_id, to_place, counterpart, note)."""
    user = resolve_user(acting_user)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if user is not None:
        require_member(user, member, RECORD)
    if member.state != MemberState.ACTIVE or member.current_cell_id is None:
        raise DomainError(f"{member.full_name} không đang sinh hoạt ở chi bộ nào; không thể chuyển sinh hoạt.")
    values = dict(values)
    values["to_place"] = nfc(values.get("to_place") or "").strip()
    values["decision_no"] = nfc(values.get("decision_no") or "").strip()[:64]
    values["note"] = nfc(values.get("note") or "").strip()
    problems = rules.check_start(values, member=member, tree=load_tree())
    if values.get("counterpart") and values.get("to_cell_id") is not None:
        problems.append(
            Problem("Nơi chuyển đến thuộc tỉnh khác/huyện khác chỉ ghi cho nơi ngoài hệ thống.", "counterpart")
        )
    if Transfer.objects.active().filter(member=member, state__in=(State.STARTED, State.ISSUED)).exists():
        problems.append(
            Problem(
                f"{member.full_name} đang có một việc chuyển sinh hoạt chưa xong; hoàn thành hoặc hủy việc đó trước."
            )
        )
    if problems:
        raise DomainError(problems)
    transfer = Transfer.objects.create(
        member=member,
        kind=values["kind"],
        reason=values["reason"],
        moved_on=values["moved_on"],
        decision_no=values["decision_no"],
        until=values.get("until"),
        from_cell_id=member.current_cell_id,
        to_cell_id=values.get("to_cell_id"),
        to_place=values["to_place"],
        counterpart=values.get("counterpart") or "",
        note=values["note"],
        state=State.STARTED,
        created_by_id=current_actor().user_id,
    )
    audit.record(
        AuditAction.TRANSFER_START,
        transfer,
        after=_snapshot(
            transfer, ["kind", "reason", "moved_on", "decision_no", "until", "to_cell_id", "to_place", "counterpart"]
        ),
        org_id=transfer.from_cell_id,
        member_id=member.id,
        object_repr=str(transfer)[:255],
    )
    return transfer


def issuer_for(transfer: Transfer, on: dt.date) -> rules.Issuer | None:
    return rules.issuing_body(load_tree(), transfer.from_cell_id, transfer.to_cell_id, on)


@action_transaction()
def issue_letter(
    transfer: Transfer, letter_no: str, letter_on: dt.date, expected_version=None, *, acting_user=UNSET
) -> Transfer:
    """The competent body issues the letter. For a place outside the system the member leaves the
    list on the letter's date (chuyển đi, or sinh hoạt tạm thời nơi khác)."""
    user = resolve_user(acting_user)
    transfer = _lock(transfer)
    _check_version(transfer, expected_version)
    if transfer.state != State.STARTED:
        raise DomainError(f"Giấy giới thiệu đã cấp (tình trạng: {transfer.get_state_display().lower()}).")
    letter_no = nfc(letter_no or "").strip()
    problems = _past(letter_on, "ngày giấy giới thiệu", "letter_on")
    if not letter_no:
        problems.append(Problem("Cần nhập số giấy giới thiệu.", "letter_no"))
    elif len(letter_no) > 64:
        problems.append(Problem("Số giấy giới thiệu dài quá 64 ký tự.", "letter_no"))
    if not problems and letter_on < transfer.moved_on:
        problems.append(
            Problem(f"Ngày giấy giới thiệu {fmt(letter_on)} trước ngày chuyển {fmt(transfer.moved_on)}.", "letter_on")
        )
    if problems:
        raise DomainError(problems)
    issuer = issuer_for(transfer, letter_on)
    if issuer is None:
        raise DomainError(
            "Không xác định được cơ quan cấp giấy: chi bộ chuyển đi không thuộc tổ chức cơ sở đảng nào có cấp ủy "
            "cấp trên trong hệ thống.",
            "letter_on",
        )
    if user is not None:
        require_org(user, issuer.org_id, RECORD)
    transfer.letter_no, transfer.letter_on = letter_no, letter_on
    transfer.issuer_id, transfer.issued_by = issuer.org_id, issuer.name[:255]
    transfer.state = State.ISSUED
    if transfer.to_cell_id is None:
        event_type = EventType.TRANSFERRED_OUT if transfer.kind == Kind.OFFICIAL else EventType.TEMPORARY_OUT
        transfer.event = member_actions.record_event(
            transfer.member,
            event_type,
            letter_on,
            decision_no=transfer.decision_no,
            counterpart=transfer.counterpart if event_type == EventType.TRANSFERRED_OUT else "",
            other_place=transfer.to_place,
            letter_no=letter_no,
            letter_on=letter_on,
            note=transfer.note,
            acting_user=None,
        )
    return _save(transfer, AuditAction.TRANSFER_ISSUE, ["letter_no", "letter_on", "issued_by"], org_id=issuer.org_id)


def _require_receiver(user, transfer: Transfer) -> None:
    if transfer.to_cell_id is None:
        raise DomainError("Nơi chuyển đến ở ngoài hệ thống: bên chuyển đi ghi ngày nhận lại phiếu báo.")
    if user is not None:
        require_org(user, transfer.to_cell_id, RECORD)


@action_transaction()
def accept(
    transfer: Transfer,
    presented_on: dt.date,
    accepted_on: dt.date | None = None,
    expected_version=None,
    *,
    acting_user=UNSET,
) -> Transfer:
    """The receiving cell accepts: the letter presented on `presented_on`, the member in the new
    cell (or in temporary activity there) from `accepted_on` (default: the day presented)."""
    user = resolve_user(acting_user)
    transfer = _lock(transfer)
    _check_version(transfer, expected_version)
    _require_receiver(user, transfer)
    if transfer.state not in (State.ISSUED, State.NOT_ARRIVED):
        raise DomainError(f"Không thể tiếp nhận: {transfer.get_state_display().lower()}.")
    accepted_on = accepted_on or presented_on
    problems = _past(presented_on, "ngày nộp giấy giới thiệu", "presented_on") + _past(
        accepted_on, "ngày tiếp nhận", "accepted_on"
    )
    if not problems and presented_on < transfer.letter_on:
        problems.append(
            Problem(
                f"Ngày nộp {fmt(presented_on)} trước ngày giấy giới thiệu {fmt(transfer.letter_on)}.", "presented_on"
            )
        )
    if not problems and accepted_on < presented_on:
        problems.append(
            Problem(f"Ngày tiếp nhận {fmt(accepted_on)} trước ngày nộp {fmt(presented_on)}.", "accepted_on")
        )
    if problems:
        raise DomainError(problems)
    event_type = EventType.TRANSFERRED if transfer.kind == Kind.OFFICIAL else EventType.TEMPORARY_OUT
    try:
        transfer.event = member_actions.record_event(
            transfer.member,
            event_type,
            accepted_on,
            org=transfer.to_cell,
            decision_no=transfer.decision_no,
            letter_no=transfer.letter_no,
            letter_on=transfer.letter_on,
            note=transfer.note,
            acting_user=None,
        )
    except DomainError as exc:
        raise DomainError([Problem(p.message, "accepted_on", p.rule) for p in exc.problems]) from None
    transfer.presented_on, transfer.accepted_on = presented_on, accepted_on
    transfer.state = State.ACCEPTED
    return _save(transfer, AuditAction.TRANSFER_ACCEPT, ["presented_on", "accepted_on"], org_id=transfer.to_cell_id)


@action_transaction()
def report_not_arrived(
    transfer: Transfer, on: dt.date, note: str = "", expected_version=None, *, acting_user=UNSET
) -> Transfer:
    """The receiving cell reports that the member never came with the letter ("không nhận được"):
    the transfer stays open and shows as a problem to the sending side."""
    user = resolve_user(acting_user)
    transfer = _lock(transfer)
    _check_version(transfer, expected_version)
    _require_receiver(user, transfer)
    if transfer.state != State.ISSUED:
        raise DomainError(f"Không thể báo không nhận được: {transfer.get_state_display().lower()}.")
    problems = _past(on, "ngày báo", "on")
    if not problems and on < transfer.letter_on:
        problems.append(Problem(f"Ngày báo {fmt(on)} trước ngày giấy giới thiệu {fmt(transfer.letter_on)}.", "on"))
    if problems:
        raise DomainError(problems)
    note = nfc(note or "").strip()
    transfer.not_arrived_on = on
    if note:
        transfer.note = (transfer.note + "\n" if transfer.note else "") + f"Bên nhận ({fmt(on)}): {note}"
    transfer.state = State.NOT_ARRIVED
    return _save(transfer, AuditAction.TRANSFER_NOT_ARRIVED, ["not_arrived_on", "note"], org_id=transfer.to_cell_id)


@action_transaction()
def confirm_arrival(transfer: Transfer, presented_on: dt.date, expected_version=None, *, acting_user=UNSET):
    """A place outside the system: the sending side records the day the confirmation slip (phiếu
    báo đã nhận sinh hoạt đảng) came back; that closes the presentation deadline."""
    user = resolve_user(acting_user)
    transfer = _lock(transfer)
    _check_version(transfer, expected_version)
    if transfer.to_cell_id is not None:
        raise DomainError("Chuyển đến một chi bộ trong hệ thống: chi bộ nhận ghi tiếp nhận.")
    if user is not None:
        require_org(user, transfer.from_cell_id, RECORD)
    if transfer.state != State.ISSUED:
        raise DomainError(f"Không thể ghi phiếu báo: {transfer.get_state_display().lower()}.")
    problems = _past(presented_on, "ngày nhận lại phiếu báo", "presented_on")
    if not problems and presented_on < transfer.letter_on:
        problems.append(
            Problem(
                f"Ngày nhận lại phiếu báo {fmt(presented_on)} trước ngày giấy giới thiệu {fmt(transfer.letter_on)}.",
                "presented_on",
            )
        )
    if problems:
        raise DomainError(problems)
    transfer.presented_on = presented_on
    transfer.state = State.ACCEPTED
    return _save(transfer, AuditAction.TRANSFER_CONFIRM, ["presented_on"], org_id=transfer.from_cell_id)


@action_transaction()
def record_return(transfer: Transfer, on: dt.date, expected_version=None, *, acting_user=UNSET) -> Transfer:
    """A temporary transfer ends: the member is back in the home cell (recorded by the home side)."""
    user = resolve_user(acting_user)
    transfer = _lock(transfer)
    _check_version(transfer, expected_version)
    if not transfer.temporary:
        raise DomainError("Chỉ ghi trở về cho chuyển sinh hoạt tạm thời.")
    if user is not None:
        require_org(user, transfer.from_cell_id, RECORD)
    if transfer.event_id is None or transfer.state == State.RETURNED:
        raise DomainError("Đảng viên chưa bắt đầu sinh hoạt tạm thời nơi khác, hoặc đã ghi trở về.")
    problems = _past(on, "ngày trở về", "on")
    if not problems and on < transfer.event.on:
        problems.append(Problem(f"Ngày trở về {fmt(on)} trước ngày bắt đầu {fmt(transfer.event.on)}.", "on"))
    if problems:
        raise DomainError(problems)
    try:
        transfer.return_event = member_actions.record_event(
            transfer.member, EventType.TEMPORARY_RETURNED, on, acting_user=None
        )
    except DomainError as exc:
        raise DomainError([Problem(p.message, "on", p.rule) for p in exc.problems]) from None
    transfer.returned_on = on
    transfer.state = State.RETURNED
    return _save(transfer, AuditAction.TRANSFER_RETURN, ["returned_on"], org_id=transfer.from_cell_id)


@action_transaction()
def describe_event(event, values: dict, *, acting_user=UNSET) -> Transfer:
    """Optional metadata for a transfer event recorded without the procedure (an import, the demo,
    the dossier): a Transfer carrying that event, so its steps and deadlines can be followed.
    `values`: kind (temporary kinds for a TEMPORARY_OUT event), reason, moved_on (on or before the
    event), until, presented_on; the cells, the place and the letter come from the event."""
    from xaydungdang.members.models import MemberEvent

    user = resolve_user(acting_user)
    event = MemberEvent.objects.select_related("member").get(pk=event.pk)
    types = {EventType.TRANSFERRED, EventType.TRANSFERRED_OUT, EventType.TEMPORARY_OUT}
    if event.is_voided or event.type not in types or event.from_cell_id is None:
        raise DomainError("Chỉ lập hồ sơ chuyển cho biến động chuyển sinh hoạt còn hiệu lực.", "event")
    if user is not None:
        require_org(user, event.from_cell_id, RECORD)
    if Transfer.objects.active().filter(event=event).exists():
        raise DomainError("Biến động này đã có hồ sơ chuyển sinh hoạt.", "event")
    kind = values.get("kind") or Kind.OFFICIAL
    temporary_event = event.type == EventType.TEMPORARY_OUT
    problems = []
    if (kind != Kind.OFFICIAL) != temporary_event:
        problems.append(Problem("Hình thức không khớp với loại biến động (chính thức hay tạm thời).", "kind"))
    moved_on = values.get("moved_on") or event.decided_on or event.on
    if moved_on > event.on:
        problems.append(Problem(f"Ngày chuyển {fmt(moved_on)} sau ngày biến động {fmt(event.on)}.", "moved_on"))
    if kind in Kind.values:
        problems += rules.check_duration(kind, moved_on, values.get("until"))
    if values.get("reason", "other") not in Reason.values:
        problems.append(Problem("Cần chọn lý do chuyển.", "reason"))
    if event.letter_on and event.letter_on < moved_on:
        problems.append(
            Problem(f"Ngày chuyển {fmt(moved_on)} sau ngày giấy giới thiệu {fmt(event.letter_on)}.", "moved_on")
        )
    if values.get("presented_on") and event.letter_on and values["presented_on"] < event.letter_on:
        problems.append(Problem("Ngày nộp giấy trước ngày giấy giới thiệu.", "presented_on"))
    if problems:
        raise DomainError(problems)
    if event.type == EventType.TRANSFERRED:
        to_cell_id = event.to_cell_id
    else:
        to_cell_id = event.org_id if temporary_event else None
    outside = to_cell_id is None
    presented_on = values.get("presented_on") or (None if outside else event.on)
    if presented_on and event.letter_on and presented_on < event.letter_on and not values.get("presented_on"):
        presented_on = event.letter_on
    state = State.ACCEPTED if presented_on or (temporary_event and not outside) else State.ISSUED
    transfer = Transfer.objects.create(
        member=event.member,
        kind=kind,
        reason=values.get("reason", "other"),
        moved_on=moved_on,
        decision_no=event.decision_no,
        until=values.get("until"),
        from_cell_id=event.from_cell_id,
        to_cell_id=to_cell_id,
        to_place=event.other_place if outside else "",
        counterpart=event.counterpart,
        letter_no=event.letter_no,
        letter_on=event.letter_on,
        issued_by="",
        presented_on=presented_on,
        accepted_on=None if outside else event.on,
        state=state,
        event=event,
        note=event.note,
        created_by_id=current_actor().user_id,
    )
    audit.record(
        AuditAction.TRANSFER_START,
        transfer,
        after=_snapshot(transfer, ["kind", "reason", "moved_on", "event_id", "state"]),
        org_id=transfer.from_cell_id,
        member_id=transfer.member_id,
        object_repr=str(transfer)[:255],
    )
    return transfer


@action_transaction()
def void(transfer: Transfer, reason: str, expected_version=None, *, acting_user=UNSET) -> Transfer:
    """The sending side cancels a transfer not carried out (no member event recorded for it)."""
    from django.utils import timezone

    user = resolve_user(acting_user)
    if not reason or not reason.strip():
        raise DomainError("Cần ghi lý do hủy.", "void_reason")
    transfer = _lock(transfer)
    if user is not None:
        require_for_record(user, transfer)
    _check_version(transfer, expected_version)
    if transfer.event_id is not None and not transfer.event.is_voided:
        raise DomainError(
            "Đã ghi biến động của đảng viên theo việc chuyển này; hủy biến động đó trong hồ sơ đảng viên trước.",
            "void_reason",
        )
    transfer.voided_at = timezone.now()
    transfer.voided_by_id = current_actor().user_id
    transfer.void_reason = reason.strip()
    transfer.version += 1
    transfer.save(update_fields=["voided_at", "voided_by", "void_reason", "version"])
    audit.record(
        AuditAction.TRANSFER_VOID,
        transfer,
        before={"voided": False},
        after={"voided": True, "reason": transfer.void_reason},
        org_id=transfer.from_cell_id,
        member_id=transfer.member_id,
        object_repr=str(transfer)[:255],
    )
    return transfer
