"""Operations on members. The web forms, the API, the CLI and the importer's rules all go
through these functions: each validates, writes the records and the audit entry in one
transaction, and rebuilds the member's derived intervals."""

import datetime as dt

from django.utils import timezone

from xaydungdang.core import audit
from xaydungdang.core.access import CHANGE, RECORD, UNSET, require_for_record, require_member, require_org, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import current_actor
from xaydungdang.core.dates import today
from xaydungdang.core.errors import ConcurrentEditError, DomainError, Problem
from xaydungdang.core.text import nfc
from xaydungdang.core.transactions import action_transaction
from xaydungdang.members import projection
from xaydungdang.members.attributes import BOOLEAN_FIELDS, CHANGE_FIELDS, change_value, value_error
from xaydungdang.members.lifecycle import Step
from xaydungdang.members.models import (
    CARD_TYPES,
    COUNTERPART_TYPES,
    FORM_ATTRIBUTES,
    PERSONAL_DATA,
    PLACE_TYPES,
    TRANSFER_LETTER_TYPES,
    Counterpart,
    EventType,
    Member,
    MemberChange,
    MemberEvent,
    MemberState,
    Status,
)
from xaydungdang.members.partyage import badge_years
from xaydungdang.members.rules import check_personal, clean_text_fields
from xaydungdang.members.situation import situation
from xaydungdang.organizations.models import Organization

PERSONAL_FIELDS = [
    *PERSONAL_DATA,
    "joined_on",
    "official_on",
    "card_no",
    "admission_exception",
    *FORM_ATTRIBUTES,
    "new_member_course_on",
]
# Dates of the personal data; those that may be empty.
PERSONAL_DATES = (
    "birth_date",
    "joined_on",
    "official_on",
    "youth_union_from",
    "youth_union_until",
    "new_member_course_on",
)
OPTIONAL_DATES = ("official_on", "youth_union_from", "youth_union_until", "new_member_course_on")


def _actor_user_id():
    return current_actor().user_id


def _check_unique(data: dict, member_id=None) -> list[Problem]:
    """Member number and national ID not held by another member, without revealing members the
    acting user cannot see; refusals audited and rate-limited (members/uniqueness.py)."""
    from xaydungdang.members import uniqueness

    problems = uniqueness.check(data, member_id)
    card = (data.get("card_no") or "").strip()
    current = Member.objects.filter(id=member_id).values_list("card_no", flat=True).first() if member_id else None
    if card and card != current:  # a new or changed card number (one imported as it was stays editable)
        from xaydungdang.members.rules import card_no_problems

        problems += card_no_problems(card, "card_no") or uniqueness.check_card(card, member_id, field="card_no")
    return problems


def _validated_personal(data: dict, member_id=None) -> dict:
    data = clean_text_fields({k: v for k, v in data.items() if k in PERSONAL_FIELDS})
    problems = check_personal(data, today()) + _check_unique(data, member_id)
    if problems:
        raise DomainError(problems)
    return data


@action_transaction()
def enter_member(
    data: dict,
    *,
    entry: str,
    cell: Organization,
    on: dt.date,
    decision_no: str = "",
    decided_on: dt.date | None = None,
    note: str = "",
    reason: str = "",
    acting_user=UNSET,
) -> Member:
    """A new member: admitted (kết nạp), transferred in (chuyển đến) or an opening balance."""
    user = resolve_user(acting_user)
    if user is not None:
        require_org(user, cell.id, RECORD)
    if entry not in (EventType.ADMITTED, EventType.TRANSFERRED_IN, EventType.OPENING):
        raise DomainError("Cách vào danh sách không hợp lệ.", "entry")
    data = dict(data)
    if entry == EventType.ADMITTED:
        data["joined_on"] = on
        data.setdefault("official_on", None)
    data = _validated_personal(data)
    member = Member(**{k: v for k, v in data.items() if v is not None or k == "national_id"})
    member.religion = member.religion or ""
    member.save()
    event = MemberEvent(
        member=member,
        type=entry,
        on=on,
        org=cell,
        decision_no=decision_no,
        decided_on=decided_on,
        note=note,
        reason=reason,
        created_by_id=_actor_user_id(),
    )
    event.save()
    projection.rebuild(member)
    audit.record(
        AuditAction.of(f"member.{entry}"),
        member,
        after=audit.snapshot(member, PERSONAL_FIELDS)
        | {"on": on, "cell": cell.code, "decision_no": decision_no, "decided_on": decided_on, "note": note},
        org_id=cell.id,
        member_id=member.id,
    )
    return member


def admit(data: dict, cell: Organization, on: dt.date, **kwargs) -> Member:
    return enter_member(data, entry=EventType.ADMITTED, cell=cell, on=on, **kwargs)


def _lock(member: Member) -> Member:
    return Member.objects.select_for_update().get(pk=member.pk)


def _check_recognition_day(member: Member, on: dt.date) -> None:
    """A recognition recorded by hand (web, API, procedures) takes effect at the end of the twelve
    months even when decided later (rules.md §2 "Recognition"; regulation probation_recognition):
    a later day belongs in `decided_on`. Imports keep the day their file gives (lifecycle.py)."""
    from xaydungdang.core.formatting import date as vn_date
    from xaydungdang.members.deadlines import probation_end_of

    if member.state != MemberState.ACTIVE or member.status != Status.PROBATIONARY:
        return  # the lifecycle says what is wrong (already official, not in a cell)
    end = probation_end_of(member)
    if on > end:
        raise DomainError(
            f"Ngày công nhận chính thức (ngày hiệu lực) phải là ngày hết 12 tháng dự bị {vn_date(end)}, "
            f"kể cả khi quyết định ký sau; ngày {vn_date(on)} ghi vào ô ngày quyết định.",
            "on",
        )


@action_transaction()
def record_event(
    member: Member,
    type: str,
    on: dt.date,
    *,
    org: Organization | None = None,
    reason: str = "",
    decision_no: str = "",
    decided_on: dt.date | None = None,
    note: str = "",
    counterpart: str = "",
    other_org: Organization | None = None,
    other_place: str = "",
    letter_no: str = "",
    letter_on: dt.date | None = None,
    acting_user=UNSET,
) -> MemberEvent:
    """Append one event to a member's history after replaying it against the rules.

    The acting user needs the right to record for the member's cell and for the cell the event
    moves the member to (not for the host cell of a temporary activity: the sending cell decides)."""
    user = resolve_user(acting_user)
    if type not in EventType.values or type == EventType.OPENING:
        raise DomainError(f'Loại biến động "{type}" không hợp lệ.', "type")
    member = _lock(member)
    if type == EventType.ADMITTED and member.state != MemberState.REMOVED:
        raise DomainError(
            "Kết nạp tạo đảng viên mới; chỉ ghi kết nạp lại cho người đã bị xóa tên, khai trừ hoặc cho ra khỏi "
            "Đảng. Dùng chức năng kết nạp.",
            "type",
        )
    if counterpart and (counterpart not in Counterpart.values or type not in COUNTERPART_TYPES):
        raise DomainError(
            f'Nơi chuyển đến/đi "{counterpart}" không hợp lệ; chỉ ghi cho "Chuyển đến" hoặc "Chuyển đi" '
            "(tỉnh khác, huyện khác trong tỉnh).",
            "counterpart",
        )
    other_place, letter_no = nfc(other_place or "").strip(), nfc(letter_no or "").strip()
    _check_transfer_details(type, other_org, other_place, letter_no, letter_on)
    if user is not None:
        require_member(user, member, RECORD)
        if org is not None and type != EventType.TEMPORARY_OUT:
            require_org(user, org.id, RECORD)
    if type == EventType.BADGE_AWARDED and badge_years(reason) is not None:
        reason = str(badge_years(reason))  # the milestone as the interchange writes it ("30", not " 030")
    if type in CARD_TYPES:
        from xaydungdang.members import uniqueness
        from xaydungdang.members.rules import card_no_problems

        reason = (reason or "").strip()
        problems = card_no_problems(reason) or uniqueness.check_card(reason, member.id)
        if problems:
            raise DomainError(problems)
    if type == EventType.RECOGNIZED_OFFICIAL:
        _check_recognition_day(member, on)
    step = Step(key="new", type=type, on=on, org_id=org.id if org else None, reason=reason, decided_on=decided_on)
    result = projection.replay_member(member, extra=[step])
    projection.check(result)
    event = MemberEvent.objects.create(
        member=member,
        type=type,
        on=on,
        org=org,
        reason=reason,
        decision_no=decision_no,
        decided_on=decided_on,
        note=note,
        counterpart=counterpart,
        other_org=other_org,
        other_place=other_place,
        letter_no=letter_no,
        letter_on=letter_on,
        created_by_id=_actor_user_id(),
    )
    if type == EventType.RECOGNIZED_OFFICIAL and member.official_on is None:
        Member.objects.filter(pk=member.pk).update(official_on=on)
        member.official_on = on
    if type in (EventType.CARD_ISSUED, EventType.CARD_REISSUED, EventType.CARD_REPLACED) and reason:
        Member.objects.filter(pk=member.pk).update(card_no=reason[:32])
        member.card_no = reason[:32]
    result = projection.rebuild(member)
    cells = result.cells.get(("event", event.id), (None, None))
    audit.record(
        AuditAction.event(type),
        event,
        after={
            "type": type,
            "on": on,
            "org": org.code if org else None,
            "reason": reason,
            "decision_no": decision_no,
            "decided_on": decided_on,
            "note": note,
        }
        | ({"counterpart": counterpart} if counterpart else {})
        | ({"other_org": other_org.code} if other_org else {})
        | {k: v for k, v in (("other_place", other_place), ("letter_no", letter_no), ("letter_on", letter_on)) if v},
        org_id=cells[1] or cells[0],
        member_id=member.id,
        object_repr=f"{member.full_name}: {event}",
    )
    return event


def _check_transfer_details(type, other_org, other_place: str, letter_no: str, letter_on) -> None:
    """The other side of a transfer and its letter: only on the events that carry them, one side
    (in the system or outside), the letter not dated in the future."""
    problems = []
    if (other_org is not None or other_place) and type not in PLACE_TYPES:
        field = "other_org" if other_org is not None else "other_place"
        message = 'Nơi đến, nơi đi chỉ ghi cho "Chuyển đi", "Chuyển đến" hoặc sinh hoạt tạm thời.'
        problems.append(Problem(message, field))
    elif other_org is not None and other_place:
        problems.append(
            Problem("Chọn tổ chức đảng trong hệ thống hoặc ghi nơi ngoài hệ thống, không ghi cả hai.", "other_place")
        )
    elif other_org is not None and type == EventType.TEMPORARY_OUT:
        problems.append(Problem("Nơi sinh hoạt tạm thời trong hệ thống ghi ở ô chi bộ.", "other_org"))
    if len(other_place) > 255:
        problems.append(Problem("Nơi đến, nơi đi dài quá 255 ký tự.", "other_place"))
    if len(letter_no) > 64:
        problems.append(Problem("Số giấy giới thiệu dài quá 64 ký tự.", "letter_no"))
    if (letter_no or letter_on) and type not in TRANSFER_LETTER_TYPES:
        problems.append(Problem("Giấy giới thiệu chỉ ghi cho các biến động chuyển sinh hoạt.", "letter_no"))
    if letter_on is not None and letter_on > today():
        problems.append(Problem(f"Ngày giấy giới thiệu {letter_on:%d/%m/%Y} ở sau ngày hôm nay.", "letter_on"))
    if problems:
        raise DomainError(problems)


def recognize(member, on, **kw):
    return record_event(member, EventType.RECOGNIZED_OFFICIAL, on, **kw)


def transfer(member, to_cell, on, **kw):
    return record_event(member, EventType.TRANSFERRED, on, org=to_cell, **kw)


def transfer_out(member, on, **kw):
    return record_event(member, EventType.TRANSFERRED_OUT, on, **kw)


def transfer_back_in(member, to_cell, on, **kw):
    """A member who left the dataset returns (chuyển đến lại)."""
    return record_event(member, EventType.TRANSFERRED_IN, on, org=to_cell, **kw)


def strike_off(member, on, reason, **kw):
    return record_event(member, EventType.STRUCK_OFF, on, reason=reason, **kw)


def dismiss(member, on, reason, **kw):
    return record_event(member, EventType.DISMISSED, on, reason=reason, **kw)


def record_death(member, on, **kw):
    return record_event(member, EventType.DIED, on, **kw)


@action_transaction()
def void_event(
    event: MemberEvent, reason: str, expected_version: int | None = None, *, acting_user=UNSET
) -> MemberEvent:
    """Correct a mistaken event: it stays in the log, marked void with the reason.

    Only someone who may record it may void it (accounts/authority.py); a void that changes the
    member's situation (a removal, a transfer...) records the situation before and after."""
    user = resolve_user(acting_user)
    if not reason or not reason.strip():
        raise DomainError("Cần ghi lý do hủy.", "void_reason")
    member = _lock(event.member)
    event = MemberEvent.objects.select_for_update().get(pk=event.pk)
    require_for_record(user, event)
    if event.is_voided:
        raise DomainError("Biến động này đã được hủy trước đó.")
    if expected_version is not None and event.version != expected_version:
        raise ConcurrentEditError("biến động")
    result = projection.replay_member(member, skip_event_ids={event.id})
    if result.problems:
        raise DomainError(
            [
                Problem("Không thể hủy vì các biến động sau đó sẽ không còn hợp lệ: " + p.message, "void_reason")
                for _k, p in result.problems
            ]
        )
    event.voided_at = timezone.now()
    event.voided_by_id = _actor_user_id()
    event.void_reason = reason.strip()
    event.version += 1
    event.save(update_fields=["voided_at", "voided_by", "void_reason", "version"])
    before_situation = situation(member.state, member.current_cell_id)
    projection.write(member, result)
    after_situation = situation(result.state, result.current_cell)
    before: dict[str, object] = {"voided": False}
    after: dict[str, object] = {"voided": True, "reason": event.void_reason}
    if before_situation != after_situation:
        before["member_situation"], after["member_situation"] = before_situation, after_situation
    audit.record(
        AuditAction.EVENT_VOID,
        event,
        before=before,
        after=after,
        org_id=event.to_cell_id or event.from_cell_id,
        member_id=member.id,
        object_repr=f"{member.full_name}: {event}",
    )
    return event


@action_transaction()
def update_member(member: Member, data: dict, expected_version: int, *, acting_user=UNSET) -> Member:
    """Change personal data; refused if someone saved the member since `expected_version`."""
    user = resolve_user(acting_user)
    locked = _lock(member)
    if user is not None:
        require_member(user, locked, CHANGE)
    if locked.version != expected_version:
        raise ConcurrentEditError("hồ sơ đảng viên")
    before = audit.snapshot(locked, PERSONAL_FIELDS)
    merged = before | {k: v for k, v in data.items() if k in PERSONAL_FIELDS}
    for key in PERSONAL_DATES:
        if isinstance(merged.get(key), str):
            merged[key] = dt.date.fromisoformat(merged[key])
    cleaned = _validated_personal(merged, member_id=locked.id)
    for key, value in cleaned.items():
        setattr(
            locked, key, value if value is not None or key in ("national_id", *OPTIONAL_DATES) else getattr(locked, key)
        )
    locked.religion = locked.religion or ""
    locked.version += 1
    result = projection.replay_member(locked)
    projection.check(result)
    locked.save()
    projection.write(locked, result)
    after = audit.snapshot(locked, PERSONAL_FIELDS)
    old, new = audit.diff(before, after)
    audit.record(
        AuditAction.MEMBER_UPDATE, locked, before=old, after=new, org_id=locked.current_cell_id, member_id=locked.id
    )
    return locked


@action_transaction()
def record_change(member: Member, field: str, value, on: dt.date, *, acting_user=UNSET) -> MemberChange:
    """Thay đổi thông tin đảng viên: from `on`, the member's `field` (one of
    attributes.CHANGE_FIELDS) holds `value`. The members row keeps the values in force when the
    member entered the records; the value at a date is attributes.attribute_at."""
    user = resolve_user(acting_user)
    locked = _lock(member)
    if user is not None:
        require_member(user, locked, CHANGE)
    text = change_value(field, value) if field in BOOLEAN_FIELDS else nfc(str(value or "")).strip()
    problems = []
    error = value_error(field, text)
    if error:
        problems.append(Problem(error, "field" if field not in CHANGE_FIELDS else "value"))
    if on is None:
        problems.append(Problem("Thiếu ngày thay đổi.", "on"))
    elif on > today():
        problems.append(Problem(f"Ngày thay đổi {on:%d/%m/%Y} ở sau ngày hôm nay.", "on"))
    elif on < locked.joined_on:
        problems.append(Problem(f"Ngày thay đổi {on:%d/%m/%Y} trước ngày vào Đảng {locked.joined_on:%d/%m/%Y}.", "on"))
    if problems:
        raise DomainError(problems)
    change = MemberChange.objects.create(member=locked, field=field, value=text, on=on, created_by_id=_actor_user_id())
    audit.record(
        AuditAction.MEMBER_CHANGE_RECORD,
        change,
        after={"field": field, "value": text, "on": on.isoformat()},
        org_id=locked.current_cell_id,
        member_id=locked.id,
        object_repr=f"{locked.full_name}: {change}",
    )
    return change


@action_transaction()
def void_change(
    change: MemberChange, reason: str, expected_version: int | None = None, *, acting_user=UNSET
) -> MemberChange:
    """Correct a mistaken change of information: it stays, marked void with the reason."""
    user = resolve_user(acting_user)
    if not reason or not reason.strip():
        raise DomainError("Cần ghi lý do hủy.", "void_reason")
    member = _lock(change.member)
    if user is not None:
        require_member(user, member, CHANGE)
    change = MemberChange.objects.select_for_update().get(pk=change.pk)
    if change.is_voided:
        raise DomainError("Thay đổi này đã được hủy trước đó.")
    if expected_version is not None and change.version != expected_version:
        raise ConcurrentEditError("thay đổi thông tin")
    change.voided_at = timezone.now()
    change.voided_by_id = _actor_user_id()
    change.void_reason = reason.strip()
    change.version += 1
    change.save(update_fields=["voided_at", "voided_by", "void_reason", "version"])
    audit.record(
        AuditAction.MEMBER_CHANGE_VOID,
        change,
        before={"voided": False},
        after={"voided": True, "reason": change.void_reason},
        org_id=member.current_cell_id,
        member_id=member.id,
        object_repr=f"{member.full_name}: {change}",
    )
    return change
