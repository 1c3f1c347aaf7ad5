"""Checks of members and their histories.

Personal data goes through members.rules.check_personal; each member's history (opening
balance, events, expulsions) through members.lifecycle.replay — the same functions the
actions use, so a dataset imports exactly when the same history could be typed in.
"""

import re

from django.db import connection

from xaydungdang.interchange.columns import CellError
from xaydungdang.interchange.dataset import Row
from xaydungdang.interchange.tables import REMOVAL_REASONS, TABLES
from xaydungdang.interchange.textcache import minority as is_minority
from xaydungdang.interchange.work import MemberEntry, Work, opening_step
from xaydungdang.members import projection, uniqueness
from xaydungdang.members.attributes import BOOLEAN_FIELDS, change_value, education_level, is_religious
from xaydungdang.members.lifecycle import EXPELLED, Facts, Step, replay
from xaydungdang.members.models import PLACE_TYPES, TRANSFER_LETTER_TYPES, ChangeField, EventType, Member
from xaydungdang.members.rules import check_personal

CHUNK = 5000
_ID_NOISE = re.compile(r"[\s.\-]")

# Plain strings: reading EventType.X goes through an enum descriptor, slow in a loop of 100.000s.
OPENING, ADMITTED, TRANSFERRED_IN = EventType.OPENING.value, EventType.ADMITTED.value, EventType.TRANSFERRED_IN.value
ENTRY_TYPES = frozenset((OPENING, ADMITTED, TRANSFERRED_IN))
REMOVALS_WITH_REASON = frozenset((EventType.STRUCK_OFF.value, EventType.DISMISSED.value))
BADGE, CARD = EventType.BADGE_AWARDED.value, EventType.CARD_ISSUED.value
# A card issued, reissued (lost) or exchanged (damaged): the last one's number is the member's card_no.
CARDS = frozenset((CARD, EventType.CARD_REISSUED.value, EventType.CARD_REPLACED.value))
COUNTERPART_EVENTS = frozenset((EventType.TRANSFERRED_IN.value, EventType.TRANSFERRED_OUT.value))
RECOGNIZED = EventType.RECOGNIZED_OFFICIAL.value

# Yes/no columns of the members table, False when empty.
MEMBER_FLAGS = ("admission_exception", "business_owner", "foreign_marriage", "family_planning_violation")
# Changes whose value may be empty: no academic title (any more), no religion.
MAY_BE_EMPTY = frozenset((ChangeField.ACADEMIC_TITLE.value, ChangeField.RELIGION.value))

# Where a replay problem goes on each kind of row.
OPENING_COLUMNS = {"type": "org_code", "on": "as_of"}
EXPULSION_COLUMNS = {"type": "level", "on": "decided_on", "org_code": "subject", "reason": "level"}


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def check_members(work: Work) -> None:
    rows = work.rows.get("members", [])
    today = work.today
    by_national_id: dict[str, Row] = {}
    for row in rows:
        v = row.v
        no = v.get("member_no")
        if v.get("national_id"):
            v["national_id"] = _ID_NOISE.sub("", v["national_id"])
        for flag in MEMBER_FLAGS:
            if v.get(flag) is None:
                v[flag] = False
        work.problems(row, check_personal(v, today))
        if no is None:
            continue
        if no in work.members:
            work.error(row, "member_no", f"Số lý lịch {no} trùng với dòng {work.members[no].row.n}.")
            continue
        nid = v.get("national_id")
        if nid:
            if nid in by_national_id:
                work.error(
                    row, "national_id", f"Số định danh {nid} trùng với đảng viên ở dòng {by_national_id[nid].n}."
                )
            else:
                by_national_id[nid] = row
        if v.get("as_of") and not v.get("org_code"):
            work.error(row, "as_of", "Có ngày tính số dư («Tính từ ngày») nhưng không có mã chi bộ.")
        org = v.get("org_code")
        if org is not None and not work.org_known(org):
            work.error(row, "org_code", f'Không có tổ chức mã "{org}" trong bộ dữ liệu hay hệ thống.')
        facts = None
        if v.get("birth_date") and v.get("joined_on") and v.get("full_name"):
            facts = Facts(
                f"{v['full_name']} ({no})",
                v["birth_date"],
                v["joined_on"],
                v.get("official_on"),
                bool(v.get("admission_exception")),
            )
        entry = MemberEntry(
            no,
            facts,
            row=row,
            values=v,
            broken=not row.ok or facts is None,
            female=v.get("gender") == "female",
            minority=is_minority(v.get("ethnicity") or ""),
            religious=is_religious(v.get("religion")),
        )
        if org is not None and facts is not None:
            entry.steps.append(opening_step(row, org, v.get("as_of") or v["joined_on"]))
        work.members[no] = entry
    _check_database_collisions(work, rows)


def _existing(column: str, values: list[str]):
    """(value, member_no) of database members whose `column` is one of `values` (plain SQL:
    building 50.000-item IN clauses through the ORM costs seconds)."""
    table = connection.ops.quote_name(Member._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in _chunks(values, 900):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT {column}, member_no FROM {table} WHERE {column} IN ({marks})", chunk)
            yield from cursor.fetchall()


def _check_database_collisions(work: Work, rows: list[Row]) -> None:
    """Rows whose member number or national ID a database member holds. What the importing user
    is told about that member, the audit entry and the limit: members/uniqueness.py."""
    if not rows or not Member.objects.exists():
        return
    user = uniqueness.acting_user()
    budget = uniqueness.remaining(user)
    if budget == 0:  # over the limit: nothing is checked, the import is refused
        work.issues.add("members", None, None, uniqueness.TOO_MANY)
        uniqueness.record_refusal(user, [], blocked=True, fields=uniqueness.FIELDS, where="Nhập dữ liệu")
        return
    found = []  # (row, Clash)
    numbers = [r.v["member_no"] for r in rows if r.v.get("member_no")]
    for no, _same in _existing("member_no", numbers):
        entry = work.members.get(no)
        if entry is not None and entry.row is not None:
            found.append((entry.row, "member_no", no, no))
            entry.broken = True
    ids = {r.v["national_id"]: r for r in rows if r.v.get("national_id")}
    for nid, no in _existing("national_id", list(ids)):
        found.append((ids[nid], "national_id", nid, no))
    if not found:
        return
    visible = uniqueness.visible_numbers([other for *_rest, other in found], user)
    clashes = [
        (row, uniqueness.Clash(field, value, other, visible is None or other in visible))
        for row, field, value, other in found
    ]
    hidden = sum(1 for _row, c in clashes if not c.visible)
    too_many = budget is not None and hidden > budget
    for row, clash in clashes:
        if clash.visible or not too_many:
            work.error(row, clash.field, uniqueness.message(clash))
        else:
            row.ok = False
    if too_many:
        work.issues.add("members", None, None, uniqueness.TOO_MANY)
    uniqueness.record_refusal(user, [c for _row, c in clashes], blocked=too_many, where="Nhập dữ liệu")


def load_database_members(work: Work, numbers: set[str]) -> None:
    """Members named by the dataset but defined only in the database: their facts and history."""
    wanted = [n for n in numbers if n and n not in work.members]
    tree = work.tree
    for chunk in _chunks(sorted(wanted)):
        for member in Member.objects.filter(member_no__in=chunk):
            steps = []
            for step in projection.steps_of(member.id):
                org = tree.orgs.get(step.org_id)
                steps.append(
                    Step(
                        ("db",) + tuple(step.key),
                        step.type,
                        step.on,
                        org.code if org else None,
                        step.reason,
                        step.decided_on,
                    )
                )
            cell = tree.orgs.get(member.current_cell_id)
            work.members[member.member_no] = MemberEntry(
                member.member_no,
                projection.facts_of(member),
                db_id=member.id,
                steps=steps,
                female=member.gender == "female",
                minority=is_minority(member.ethnicity),
                religious=is_religious(member.religion),
                current_cell=cell.code if cell else None,
            )


def _normalize_reason(row: Row) -> None:
    v = row.v
    reason = v.get("reason")
    if not reason:
        return
    if v.get("type") in REMOVALS_WITH_REASON:
        code = REMOVAL_REASONS.match(reason)
        if code:
            v["reason"] = code
    elif v.get("type") == BADGE:
        v["reason"] = reason.removesuffix(" năm").strip()


def check_events(work: Work) -> None:
    rows = work.rows.get("member_events", [])
    for row in rows:
        v = row.v
        no = v.get("member_no")
        entry = work.members.get(no) if no else None
        if no is not None and entry is None:
            work.error(row, "member_no", f'Không có đảng viên số lý lịch "{no}" trong bộ dữ liệu hay hệ thống.')
        org = v.get("org_code")
        if org is not None and not work.org_known(org):
            work.error(row, "org_code", f'Không có tổ chức mã "{org}" trong bộ dữ liệu hay hệ thống.')
        if v.get("counterpart") and v.get("type") not in COUNTERPART_EVENTS:
            work.error(
                row,
                "counterpart",
                'Nơi chuyển đến, chuyển đi chỉ ghi cho biến động "Chuyển đến" hoặc "Chuyển đi".',
            )
        _check_transfer_details(work, row)
        _normalize_reason(row)
        if entry is None:
            continue
        if not row.ok:
            entry.broken = True
            continue
        entry.steps.append(
            Step((row.table, row.n), v["type"], v["on"], org, v.get("reason") or "", v.get("decided_on"))
        )


def _check_transfer_details(work: Work, row: Row) -> None:
    """The other side of a transfer and its letter: on the events that carry them
    (members.models.PLACE_TYPES, TRANSFER_LETTER_TYPES), one side only, a known organization."""
    v = row.v
    other_org, place, event_type = v.get("other_org_code"), v.get("other_place"), v.get("type")
    if other_org is not None and not work.org_known(other_org):
        work.error(row, "other_org_code", f'Không có tổ chức mã "{other_org}" trong bộ dữ liệu hay hệ thống.')
    if (other_org or place) and event_type not in PLACE_TYPES:
        work.error(
            row,
            "other_org_code" if other_org else "other_place",
            'Nơi đến, nơi đi chỉ ghi cho "Chuyển đi" (transferred_out), "Chuyển đến" (transferred_in) hoặc '
            '"Chuyển sinh hoạt đảng tạm thời" (temporary_out).',
        )
    elif other_org and place:
        work.error(row, "other_place", "Ghi mã tổ chức trong hệ thống hoặc nơi ngoài hệ thống, không ghi cả hai.")
    elif other_org and event_type == EventType.TEMPORARY_OUT:
        work.error(row, "other_org_code", "Nơi sinh hoạt tạm thời trong hệ thống ghi ở cột «Mã chi bộ».")
    if (v.get("letter_no") or v.get("letter_on")) and event_type not in TRANSFER_LETTER_TYPES:
        message = "Giấy giới thiệu chỉ ghi cho các biến động chuyển sinh hoạt đảng (chính thức, đến, đi, tạm thời)."
        work.error(row, "letter_no", message)
    if v.get("letter_on") and v["letter_on"] > work.today:
        work.error(row, "letter_on", f"Ngày giấy giới thiệu {v['letter_on']:%d/%m/%Y} ở sau ngày hôm nay.")


def add_expulsion(work: Work, row: Row, member_no: str) -> None:
    entry = work.members.get(member_no)
    if entry is not None:
        entry.steps.append(Step((row.table, row.n), EXPELLED, row.v["decided_on"]))


def _entered(entry: MemberEntry) -> bool:
    return any(s.type in ENTRY_TYPES for s in entry.steps)


def replay_members(work: Work, progress=None) -> None:
    failed = []
    total = len(work.members)
    lookup, today, sort = work.lookup, work.today, projection.sort_steps
    for index, entry in enumerate(work.members.values()):
        if progress and index % 5000 == 0:
            progress(index, total)
        if entry.db_id is None:
            if entry.broken:
                continue
            if not _entered(entry):
                work.error(
                    entry.row,
                    "org_code",
                    "Đảng viên không có mã chi bộ (số dư đầu kỳ) và cũng không có biến "
                    "động «Kết nạp» hay «Chuyển đến».",
                )
                entry.broken = True
                continue
        elif not any(s.key[0] != "db" for s in entry.steps):
            entry.result = None  # an untouched database member: replayed lazily if a rule asks
            continue
        if work.broken_orgs and any(work.org_broken(s.org_id) for s in entry.steps):
            entry.broken = True
            continue
        result = replay(entry.facts, sort(entry.steps), lookup, today)
        entry.result = result
        if result.problems:
            entry.broken = True
            failed.append(entry)
    if failed:
        rows_by_key = {
            (table, row.n): row
            for table in ("members", "member_events", "disciplines")
            for row in work.rows.get(table, [])
        }
        for entry in failed:
            _report(work, entry, entry.result, rows_by_key)
    if progress:
        progress(total, total)


def _report(work: Work, entry: MemberEntry, result, rows_by_key) -> None:
    fallback = entry.row or next((rows_by_key[s.key] for s in entry.steps if s.key in rows_by_key), None)
    for key, problem in result.problems:
        row = rows_by_key.get(key) if key is not None else None
        if row is None:
            if fallback is None:
                continue
            row = fallback
        columns = None
        if row.table == "members":
            columns = OPENING_COLUMNS
        elif row.table == "disciplines":
            columns = EXPULSION_COLUMNS
        work.problems(row, [problem], columns)


def derived_member_fields(entry: MemberEntry) -> dict:
    """What the actions would have written besides the row: official_on from a recognition,
    card_no from the last card issued (see members/actions.record_event)."""
    recognized = card = None
    for step in entry.steps:
        kind = step.type
        if kind == RECOGNIZED:
            if recognized is None or step.on < recognized:
                recognized = step.on
        elif kind in CARDS and step.reason and (card is None or step.on >= card.on):
            card = step  # the latest; on the same day the later row, as the replay orders them
    values = {}
    if recognized is not None and entry.values.get("official_on") is None:
        values["official_on"] = recognized
    if card is not None and not entry.values.get("card_no"):
        values["card_no"] = card.reason[:32]
    return values


def database_member_updates(entry: MemberEntry) -> dict:
    """For a database member given new events: what record_event would have changed."""
    new = projection.sort_steps([s for s in entry.steps if s.key[0] != "db"])
    values = {}
    recognized = [s.on for s in new if s.type == RECOGNIZED]
    if entry.facts.official_on is None and recognized:
        values["official_on"] = recognized[0]
    cards = [s.reason for s in new if s.type in CARDS and s.reason]
    if cards:
        values["card_no"] = cards[-1][:32]
    return values


def _change_value(field: str, raw: str | None) -> str:
    """The stored text of a member_changes value, read as the members column of that field
    reads it (the same codes, Vietnamese labels and version-1 spellings); raises CellError."""
    if raw is None:
        if field in MAY_BE_EMPTY:
            return ""
        raise CellError(f"Thiếu giá trị mới của {ChangeField(field).label.lower()}.")
    column = TABLES["members"].column(field)
    if field == ChangeField.GENERAL_EDUCATION:
        if education_level(raw) is None:
            raise CellError(f'Trình độ giáo dục phổ thông "{raw}" không đọc được (ví dụ 12/12, 9/10, Trung học cơ sở).')
        return raw
    parsed = column.parse(raw)
    if field in BOOLEAN_FIELDS:
        return change_value(field, parsed)
    return "" if parsed is None else parsed


def check_changes(work: Work) -> None:
    """member_changes: a known member, a value of the field's categories, a date from the
    joining on and not after today."""
    today = work.today
    for row in work.rows.get("member_changes", []):
        v = row.v
        no, field, on = v.get("member_no"), v.get("field"), v.get("on")
        entry = work.members.get(no) if no else None
        if no is not None and entry is None:
            work.error(row, "member_no", f'Không có đảng viên số lý lịch "{no}" trong bộ dữ liệu hay hệ thống.')
        if field is not None:
            try:
                v["value"] = _change_value(field, v.get("value"))
            except CellError as exc:
                work.error(row, "value", str(exc))
        if on is not None:
            if on > today:
                work.error(row, "on", f"Ngày thay đổi {on:%d/%m/%Y} ở sau ngày hôm nay.")
            elif entry is not None and entry.facts is not None and on < entry.facts.joined_on:
                work.error(
                    row,
                    "on",
                    f"Ngày thay đổi {on:%d/%m/%Y} trước ngày vào Đảng {entry.facts.joined_on:%d/%m/%Y} "
                    f"của {entry.facts.label}.",
                )
