"""Replaying a member's history: the one place that knows what follows what.

Given a member's facts and events in order, `replay` yields the derived intervals (cell,
status, exempt, away), the cells each event leaves and enters, and every rule the history
breaks. Actions, the importer and the projection all call it, so a history that can be
written is exactly a history that can be derived.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xaydungdang.core.dates import completed_months
from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.rules import MAX_ADMISSION_MONTHS, MIN_ADMISSION_MONTHS, probation_end, regulation
from xaydungdang.members.models import EventType, RemovalReason
from xaydungdang.members.partyage import badge_years

EXPELLED = "expelled"  # a discipline of level expulsion, replayed as a removal

LABELS = dict(EventType.choices) | {EXPELLED: "Khai trừ (kỷ luật)"}
REMOVAL_REASONS = set(RemovalReason.values)


@dataclass
class Facts:
    label: str  # "Nguyễn Văn A (ST000123)" for messages
    birth_date: dt.date
    joined_on: dt.date
    official_on: dt.date | None
    admission_exception: bool = False


@dataclass
class Step:
    key: object  # the caller's handle on the event (row, id, ...)
    type: str
    on: dt.date
    org_id: int | None = None
    reason: str = ""
    decided_on: dt.date | None = None


@dataclass
class Span:
    cell_id: int
    start: dt.date
    end: dt.date | None
    official: bool
    exempt: bool
    away: bool


@dataclass
class Result:
    spans: list[Span] = field(default_factory=list)
    cells: dict = field(default_factory=dict)  # key -> (from_cell, to_cell)
    state: str = "none"
    status: str = ""
    current_cell: int | None = None
    problems: list[tuple[object, Problem]] = field(default_factory=list)
    # Sinh hoạt tạm thời nơi khác now (after the last step): the member stays in their cell for
    # every count; the spans do not change.
    temporary: bool = False
    readmitted: bool = False

    def cell_at(self, day: dt.date) -> int | None:
        """The cell the member is in on `day`, or the one they left last on or before it."""
        found = None
        for span in self.spans:
            if span.start <= day:
                found = span.cell_id
            else:
                break
        return found

    def present_on(self, day: dt.date) -> bool:
        return any(s.start <= day and (s.end is None or day < s.end) for s in self.spans)

    def present_during(self, start: dt.date, end: dt.date) -> bool:
        return any(s.start <= end and (s.end is None or s.end > start) for s in self.spans)


class OrgLookup:
    """What the replay needs to know about organizations (from the tree or an import)."""

    def __init__(
        self,
        is_cell: Callable[[Any], bool],
        exists_on: Callable[[Any, dt.date], bool],
        dissolved_on: Callable[[Any], dt.date | None],
        label: Callable[[Any], str],
    ):
        self.is_cell = is_cell
        self.exists_on = exists_on
        self.dissolved_on = dissolved_on
        self.label = label


def replay(facts: Facts, steps: list[Step], orgs: OrgLookup, today: dt.date) -> Result:
    """Judge a member's whole history, in order, and derive its spans, cells and state."""
    result = Result()
    machine = _machine(facts, orgs, today, result)
    next(machine)
    send = machine.send
    for step in steps:
        send(step)
    send(None)
    return result


class Stepper:
    """The same state machine driven one step at a time (the demo generator proposes each event
    and keeps the member's flags from here): `apply(step)` returns that step's problems (none when
    the rules accept it) and updates `present`, `official`, `away` and `exempt` (and `temporary`:
    sinh hoạt tạm thời nơi khác). Checks that need the whole history (a member left in a cell
    dissolved later) are made by replay()."""

    def __init__(self, facts: Facts, orgs: OrgLookup, today: dt.date):
        self.result = Result()
        self._machine = _machine(facts, orgs, today, self.result)
        self.present, self.official, self.away, self.exempt = next(self._machine)

    def apply(self, step: Step) -> list[Problem]:
        problems = self.result.problems
        before = len(problems)
        self.present, self.official, self.away, self.exempt = self._machine.send(step)
        return [problem for key, problem in problems[before:] if key == step.key]

    @property
    def temporary(self) -> bool:
        return self.result.temporary


def _machine(facts: Facts, orgs: OrgLookup, today: dt.date, result: Result):
    """The state machine: receives steps by send(), yields (present, official, away, exempt) after
    each; send(None) ends the history and completes `result`."""
    problems = result.problems

    def fail(step: Step, message: str, column: str = "type", rule: str = "member_lifecycle"):
        problems.append((step.key, Problem(message, column, rule)))

    present = False
    ended = None  # "removed"/"died" once out (a removal may be undone: restored, re-admitted)
    left = False  # transferred out of the dataset
    ever_entered = False
    admitted_once = False
    readmitted = False  # kết nạp lại (once only)
    probation_from = facts.joined_on  # the admission the probation runs from (a re-admission's date)
    official_from = facts.official_on  # ignored after a re-admission unless on or after it
    cell = None
    official = False
    exempt = away = temporary = False
    was_official = False  # the status held just before leaving (a transfer out, a removal)
    span_start = None

    def close(day):
        nonlocal span_start
        if present and span_start is not None and span_start < day:
            result.spans.append(Span(cell, span_start, day, official, exempt, away))
        span_start = day

    while True:
        result.temporary, result.readmitted = temporary, readmitted
        step = yield present, official, away, exempt
        if step is None:
            break
        label = LABELS.get(step.type, step.type)
        if step.on > today:
            fail(step, f"Ngày {fmt(step.on)} ở sau ngày hôm nay.", "on", "future_dates")
        if step.decided_on and step.decided_on > today:
            fail(step, f"Ngày quyết định {fmt(step.decided_on)} ở sau ngày hôm nay.", "decided_on", "future_dates")
        if step.type == EventType.RESTORED and ended != "removed":
            reg = regulation("restoration")
            fail(
                step,
                f"Chỉ phục hồi đảng tịch cho người đã bị xóa tên, khai trừ hoặc cho ra khỏi Đảng; {facts.label} "
                f"{'đã từ trần' if ended == 'died' else 'không ở tình trạng đó'} ngày {fmt(step.on)} — {reg.cite}.",
                "type",
                "restoration",
            )
            continue
        if ended and not (ended == "removed" and step.type in (EventType.ADMITTED, EventType.RESTORED)):
            word = "từ trần" if ended == "died" else "ra khỏi Đảng"
            fail(step, f'{facts.label} đã {word}; không thể ghi "{label}" ngày {fmt(step.on)}.')
            continue
        if step.on < facts.joined_on:
            fail(
                step,
                f'"{label}" ngày {fmt(step.on)} trước ngày vào Đảng {fmt(facts.joined_on)} của {facts.label}.',
                "as_of" if step.type == EventType.OPENING else "on",
            )
            continue
        from_cell: int | None = cell if present else None

        if step.type in (EventType.OPENING, EventType.ADMITTED, EventType.TRANSFERRED_IN, EventType.RESTORED):
            if present:
                fail(step, f'{facts.label} đang sinh hoạt tại {orgs.label(cell)}; không thể ghi "{label}".')
                continue
            if step.type == EventType.OPENING and ever_entered:
                fail(step, "Số dư đầu kỳ phải là biến động đầu tiên của đảng viên.", "as_of")
                continue
            readmission = step.type == EventType.ADMITTED and ended == "removed"
            if readmission and readmitted:
                fail(
                    step,
                    f"{facts.label} đã được kết nạp lại một lần; chỉ được kết nạp lại một lần — "
                    f"{regulation('readmission_once').cite}.",
                    "type",
                    "readmission_once",
                )
                continue
            if step.type == EventType.ADMITTED and not readmission:
                if ever_entered or admitted_once:
                    fail(
                        step,
                        f"{facts.label} đã vào Đảng trước đó; chỉ kết nạp lại người đã bị xóa tên, khai trừ hoặc "
                        f"cho ra khỏi Đảng — {regulation('readmission_once').cite}.",
                    )
                    continue
                if step.on != facts.joined_on:
                    fail(
                        step,
                        f"Ngày kết nạp {fmt(step.on)} khác ngày vào Đảng {fmt(facts.joined_on)} ghi trong lý lịch.",
                        "on",
                    )
                    continue
            if step.type == EventType.ADMITTED:
                _check_admission_age(facts, step, fail)
            if not _check_cell(step, orgs, fail, label):
                continue
            close(step.on)
            present, left, ever_entered = True, False, True
            admitted_once = admitted_once or step.type == EventType.ADMITTED
            cell = step.org_id
            if readmission:
                # Kết nạp lại: a new probation from this date; joined_on keeps the first admission.
                readmitted, ended, was_official = True, None, False
                probation_from = step.on
                if official_from is not None and official_from < step.on:
                    official_from = None
            if step.type == EventType.ADMITTED:
                official = False
            elif step.type == EventType.RESTORED:
                ended = None
                official = was_official  # the status held just before the removal
            elif step.type == EventType.OPENING:
                official = official_from is not None and official_from <= step.on
            else:
                official = was_official or (official_from is not None and official_from <= step.on)
            exempt = away = temporary = False
            span_start = step.on
            result.cells[step.key] = (None, cell)
            continue

        if not present:
            if left:
                fail(step, f'{facts.label} đã chuyển đi ngày trước {fmt(step.on)}; chỉ có thể ghi "Chuyển đến".')
            else:
                fail(
                    step,
                    f'"{label}" ngày {fmt(step.on)} trước khi {facts.label} vào Đảng '
                    "(kết nạp, chuyển đến hoặc số dư đầu kỳ).",
                )
            continue
        # A member may leave a cell on the day it is dissolved (a merge transfers members on that day).
        leaving = step.type in (
            EventType.TRANSFERRED,
            EventType.TRANSFERRED_OUT,
            EventType.STRUCK_OFF,
            EventType.DISMISSED,
            EventType.DIED,
            EXPELLED,
        )
        if not orgs.exists_on(cell, step.on) and not (leaving and orgs.exists_on(cell, step.on - dt.timedelta(days=1))):
            fail(step, f"Chi bộ {orgs.label(cell)} không tồn tại ngày {fmt(step.on)}.", "on")
            continue

        if step.type == EventType.TRANSFERRED:
            if step.org_id == cell:
                fail(step, f"Chi bộ chuyển đến trùng chi bộ đang sinh hoạt ({orgs.label(cell)}).", "org_code")
                continue
            if not _check_cell(step, orgs, fail, label):
                continue
            close(step.on)
            cell = step.org_id
            span_start = step.on
            result.cells[step.key] = (from_cell, cell)
        elif step.type == EventType.RECOGNIZED_OFFICIAL:
            if official:
                fail(step, f"{facts.label} đã là đảng viên chính thức.")
                continue
            due = probation_end(probation_from)
            if step.on < due:
                fail(
                    step,
                    f"Công nhận chính thức ngày {fmt(step.on)} khi chưa đủ 12 tháng dự bị (kết nạp "
                    f"{fmt(probation_from)}, sớm nhất {fmt(due)}) — {regulation('probation_12_months').cite}.",
                    "on",
                    "probation_12_months",
                )
                continue
            # A recognition dated after the end of the twelve months is accepted here: datasets written
            # by other programs date it on the decision (interchange.md allows it and earlier versions
            # imported it). Recording one by hand is refused by members.actions.record_event.
            close(step.on)
            official = was_official = True
            span_start = step.on
            result.cells[step.key] = (cell, cell)
        elif step.type in (EventType.AWAY_STARTED, EventType.AWAY_ENDED):
            starting = step.type == EventType.AWAY_STARTED
            if away == starting:
                fail(step, f'{facts.label} {"đang" if away else "không"} đi làm ăn xa; không thể ghi "{label}".')
                continue
            close(step.on)
            away = starting
            span_start = step.on
            result.cells[step.key] = (cell, cell)
        elif step.type in (EventType.EXEMPTED, EventType.EXEMPTION_ENDED):
            starting = step.type == EventType.EXEMPTED
            if exempt == starting:
                fail(
                    step,
                    f"{facts.label} {'đang' if exempt else 'không'} được miễn công tác và sinh hoạt; "
                    f'không thể ghi "{label}".',
                )
                continue
            close(step.on)
            exempt = starting
            span_start = step.on
            result.cells[step.key] = (cell, cell)
        elif step.type == EventType.TEMPORARY_OUT:
            cite = regulation("temporary_activity").cite
            if temporary:
                fail(
                    step,
                    f'{facts.label} đang sinh hoạt tạm thời nơi khác; cần ghi "Trở về sau sinh hoạt tạm thời" '
                    f"trước — {cite}.",
                    "type",
                    "temporary_activity",
                )
                continue
            if step.org_id is not None:
                if step.org_id == cell:
                    fail(step, f"Nơi sinh hoạt tạm thời trùng chi bộ đang sinh hoạt ({orgs.label(cell)}).", "org_code")
                    continue
                if not _check_cell(step, orgs, fail, label):
                    continue
            # Not a move: the member stays in their cell for every count (not in the host's đảng số).
            temporary = True
            result.cells[step.key] = (cell, cell)
        elif step.type == EventType.TEMPORARY_RETURNED:
            if not temporary:
                fail(
                    step,
                    f'{facts.label} không sinh hoạt tạm thời nơi khác; chỉ ghi "{label}" sau "Chuyển sinh hoạt '
                    f'đảng tạm thời" — {regulation("temporary_activity").cite}.',
                    "type",
                    "temporary_activity",
                )
                continue
            temporary = False
            result.cells[step.key] = (cell, cell)
        elif step.type in (
            EventType.STRUCK_OFF,
            EventType.DISMISSED,
            EventType.DIED,
            EXPELLED,
            EventType.TRANSFERRED_OUT,
        ):
            if (
                step.type in (EventType.STRUCK_OFF, EventType.DISMISSED)
                and step.reason
                and step.reason not in REMOVAL_REASONS
            ):
                fail(step, f'Lý do "{step.reason}" không hợp lệ.', "reason")
                continue
            close(step.on)
            was_official = official
            present = temporary = False
            span_start = None
            if step.type == EventType.TRANSFERRED_OUT:
                left = True
            else:
                ended = "died" if step.type == EventType.DIED else "removed"
            result.cells[step.key] = (cell, None)
        elif step.type == EventType.BADGE_AWARDED:
            if step.reason:
                if badge_years(step.reason) is None:
                    fail(
                        step,
                        f'Số năm tuổi đảng của Huy hiệu "{step.reason}" không hợp lệ (30, 40, 45, 50, …, 90).',
                        "reason",
                        "badge_years",
                    )
                    continue
            result.cells[step.key] = (cell, cell)
        elif step.type in (EventType.CARD_ISSUED, EventType.CARD_REISSUED, EventType.CARD_REPLACED):
            result.cells[step.key] = (cell, cell)
        else:
            fail(step, f'Loại biến động "{step.type}" không hợp lệ.')

    if present and span_start is not None:
        dissolved = orgs.dissolved_on(cell)
        if dissolved is not None:
            problems.append(
                (
                    None,
                    Problem(
                        f"Chi bộ {orgs.label(cell)} giải thể ngày {fmt(dissolved)} khi {facts.label} "
                        "vẫn sinh hoạt ở đó; cần chuyển sinh hoạt đảng trước khi giải thể.",
                        "org_code",
                        "member_in_cell",
                    ),
                )
            )
        assert cell is not None  # a member present is in a cell
        result.spans.append(Span(cell, span_start, None, official, exempt, away))
    for span in result.spans:
        dissolved = orgs.dissolved_on(span.cell_id)
        if dissolved is not None and span.end is not None and span.end > dissolved:
            problems.append(
                (
                    None,
                    Problem(
                        f"Chi bộ {orgs.label(span.cell_id)} giải thể ngày {fmt(dissolved)} khi {facts.label} "
                        "vẫn sinh hoạt ở đó.",
                        "org_code",
                        "member_in_cell",
                    ),
                )
            )

    if present:
        result.state = "active"
    elif ended:
        result.state = ended
    elif left:
        result.state = "transferred_out"
    result.current_cell = cell
    result.status = ("official" if official else "probationary") if ever_entered else ""
    result.temporary, result.readmitted = temporary, readmitted
    yield present, official, away, exempt


def _check_cell(step: Step, orgs: OrgLookup, fail, label: str) -> bool:
    if step.org_id is None:
        fail(step, f'"{label}" cần chi bộ.', "org_code")
        return False
    if not orgs.is_cell(step.org_id):
        fail(
            step,
            f"{orgs.label(step.org_id)} không phải chi bộ; đảng viên chỉ sinh hoạt ở chi bộ cơ sở hoặc "
            "chi bộ trực thuộc.",
            "org_code",
            "member_in_cell",
        )
        return False
    if not orgs.exists_on(step.org_id, step.on):
        fail(step, f"Chi bộ {orgs.label(step.org_id)} không tồn tại ngày {fmt(step.on)}.", "org_code", "member_in_cell")
        return False
    return True


def _check_admission_age(facts: Facts, step: Step, fail) -> None:
    months = completed_months(facts.birth_date, step.on)
    years, rest = divmod(months, 12)
    age = f"{years} tuổi {rest} tháng" if rest else f"{years} tuổi"
    cite = regulation("admission_age").cite
    if months < MIN_ADMISSION_MONTHS:
        fail(
            step,
            f"Khi kết nạp ngày {fmt(step.on)}, {facts.label} mới {age}, chưa đủ 18 tuổi — {cite}.",
            "on",
            "admission_age",
        )
    elif months > MAX_ADMISSION_MONTHS and not facts.admission_exception:
        fail(
            step,
            f"Khi kết nạp ngày {fmt(step.on)}, {facts.label} đã {age}, quá 60 tuổi; cần văn bản đồng ý "
            f"của cấp có thẩm quyền (mục «Kết nạp ngoài độ tuổi») — {cite}.",
            "on",
            "admission_age",
        )


PROBE = "probe"  # the key of the step allowed_next tries
# What a probe leaves to the form: the cell the user will pick, the reason, the decision date.
_LEFT_TO_THE_FORM = {"org_code", "reason", "decided_on"}
# A recognition probed on today is dated by the form at the end of probation (members/deadlines.py).
_LEFT_TO_THE_FORM_RULES = {"probation_recognition"}


def allowed_next(
    facts: Facts, steps: list[Step], orgs: OrgLookup, day: dt.date, candidates, with_cell=()
) -> dict[str, list[Problem]]:
    """What may follow the history now: for each candidate event type, the problems the rules
    above find in a step of that type on `day` after `steps` (an empty list: it may be recorded).

    Not a second copy of the rules: each candidate is replayed through the same machine. The step
    names a stand-in cell when its type takes one (`with_cell`), so only the member's state and
    the dates decide; the cell, the reason and the decision date are the form's to check."""
    stand_in = object()

    def label(org_id):
        return "chi bộ được chọn" if org_id is stand_in else orgs.label(org_id)

    probing = OrgLookup(
        is_cell=lambda org_id: org_id is stand_in or orgs.is_cell(org_id),
        exists_on=lambda org_id, when: org_id is stand_in or orgs.exists_on(org_id, when),
        dissolved_on=lambda org_id: None if org_id is stand_in else orgs.dissolved_on(org_id),
        label=label,
    )
    found = {}
    for event_type in candidates:
        step = Step(PROBE, event_type, day, stand_in if event_type in with_cell else None)  # type: ignore[arg-type]
        result = replay(facts, [*steps, step], probing, day)
        found[event_type] = [
            p
            for key, p in result.problems
            if key == PROBE and p.field not in _LEFT_TO_THE_FORM and p.rule not in _LEFT_TO_THE_FORM_RULES
        ]
    return found
