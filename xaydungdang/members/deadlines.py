"""Probation and recognition deadlines (rules.md §2), registered in core/deadlines.py.

* `recognition_review`: the cell reviews a probationary member within 30 working days after the
  twelve months of probation end (core.rules.probation_end / recognition_deadline: the one
  definition). Open on a day while the member is probationary on it — in the records, not yet
  recognized by a decision dated on or before it (a recognition is effective from the end of the
  twelve months, `on`, but decided on `decided_on`), not struck off, dismissed, dead or gone.
* `probation_ending` ("sắp hết hạn dự bị"): the twelve months end within 60 days; reminders at
  60, 30 and 7 days before the end.

The new members' course must be done before recognition: a member without
`new_member_course_on` on or before the day is flagged in the deadline's basis.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from xaydungdang.core import deadlines
from xaydungdang.core.deadlines import Deadline, DeadlineScope
from xaydungdang.core.rules import probation_end, recognition_deadline
from xaydungdang.members.models import EventType, MemberEvent, MemberSpan

RECOGNITION = "recognition_review"
PROBATION_ENDING = "probation_ending"
REMINDER_DAYS = (60, 30, 7)


@dataclass(frozen=True)
class ProbationCase:
    """The dated probation of one member: when it ends, the review deadline, lateness on a day."""

    start: dt.date  # the admission (a re-admission's date) the twelve months run from
    end: dt.date
    review_due: dt.date

    def overdue(self, on: dt.date) -> bool:
        return on > self.review_due

    def days_to_end(self, on: dt.date) -> int:
        return (self.end - on).days

    def reminder(self, on: dt.date) -> int | None:
        """The reminder reached on `on` (60, 30 or 7 days before the end), None outside them."""
        left = self.days_to_end(on)
        if left < 0 or left > REMINDER_DAYS[0]:
            return None
        return min(r for r in REMINDER_DAYS if left <= r)


def probation_case(start: dt.date) -> ProbationCase:
    """The one computation the registry, the alerts and the pages read."""
    end = probation_end(start)
    return ProbationCase(start, end, recognition_deadline(end))


@dataclass(frozen=True)
class Probationer:
    member_id: int
    member_no: str
    full_name: str
    cell_id: int
    cell_code: str
    case: ProbationCase
    course_on: dt.date | None

    def course_done(self, on: dt.date) -> bool:
        return self.course_on is not None and self.course_on <= on


def probationers(scope: DeadlineScope) -> list[Probationer]:
    """Members probationary on `scope.on` in the scope, from the dated spans and events (computed once
    per scope: both kinds read it)."""
    found = scope._cache.get(RECOGNITION)
    if found is None:
        found = scope._cache[RECOGNITION] = _probationers(scope)
    return found


def _probationers(scope: DeadlineScope) -> list[Probationer]:
    on = scope.on
    # Official in the spans from the end of the twelve months, but decided after the day: still open.
    # (A small set, looked up first: a correlated EXISTS per span is a scan per row on SQLite.)
    decided_later = list(
        MemberEvent.objects.active()
        .filter(type=EventType.RECOGNIZED_OFFICIAL, on__lte=on, decided_on__gt=on)
        .values_list("member_id", flat=True)
    )
    spans = (
        MemberSpan.objects.filter(start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gt=on))
        .filter(Q(official=False) | Q(member_id__in=decided_later))
    )
    if scope.org_ids is not None:
        spans = spans.filter(cell_id__in=scope.org_ids)
    rows = list(
        spans.values_list(
            "member_id",
            "member__member_no",
            "member__full_name",
            "cell_id",
            "cell__code",
            "member__joined_on",
            "member__new_member_course_on",
        )
    )
    rows = [r for r in rows if scope.covers(r[3])]
    if not rows:
        return []
    # The probation runs from the last admission on or before the day (a re-admission starts anew).
    admitted: dict[int, dt.date] = {}
    for member_id, day in (
        MemberEvent.objects.active()
        .filter(member_id__in=[r[0] for r in rows], type=EventType.ADMITTED, on__lte=on)
        .order_by("on")
        .values_list("member_id", "on")
    ):
        admitted[member_id] = day
    found = [
        Probationer(mid, no, name, cell, code, probation_case(admitted.get(mid, joined)), course)
        for mid, no, name, cell, code, joined, course in rows
    ]
    found.sort(key=lambda p: (p.case.end, p.member_no))
    return found


def _url(member_id: int) -> str:
    # reverse() once: thousands of rows would spend a second resolving the same pattern.
    pattern = _URL.get("member")
    if pattern is None:
        pattern = _URL["member"] = reverse("web:member_detail", args=[987654321]).replace("987654321", "{}")
    return pattern.format(member_id)


_URL: dict[str, str] = {}


def _course_note(p: Probationer, on: dt.date) -> str:
    if p.course_done(on):
        return f"đã học lớp đảng viên mới {p.course_on:%d/%m/%Y}"
    return "CHƯA CÓ lớp bồi dưỡng đảng viên mới"


def recognition_deadlines(scope: DeadlineScope):
    for p in probationers(scope):
        case = p.case
        basis = (
            f"30 ngày làm việc sau khi hết 12 tháng dự bị ngày {case.end:%d/%m/%Y} "
            f"(kết nạp {case.start:%d/%m/%Y}); {_course_note(p, scope.on)}"
        )
        yield Deadline(
            kind=RECOGNITION,
            due_on=case.review_due,
            basis=basis,
            member_id=p.member_id,
            member_no=p.member_no,
            org_id=p.cell_id,
            org_code=p.cell_code,
            subject=f"{p.full_name} ({p.member_no})",
            url=_url(p.member_id),
        )


def probation_ending_deadlines(scope: DeadlineScope):
    for p in probationers(scope):
        reminder = p.case.reminder(scope.on)
        if reminder is None:
            continue
        basis = (
            f"Hết 12 tháng dự bị ngày {p.case.end:%d/%m/%Y} (kết nạp {p.case.start:%d/%m/%Y}), "
            f"nhắc trước {reminder} ngày; {_course_note(p, scope.on)}"
        )
        yield Deadline(
            kind=PROBATION_ENDING,
            due_on=p.case.end,
            basis=basis,
            member_id=p.member_id,
            member_no=p.member_no,
            org_id=p.cell_id,
            org_code=p.cell_code,
            subject=f"{p.full_name} ({p.member_no})",
            url=_url(p.member_id),
        )


def register() -> None:
    deadlines.register(RECOGNITION, "Xét công nhận đảng viên chính thức", recognition_deadlines)
    deadlines.register(PROBATION_ENDING, "Sắp hết hạn dự bị", probation_ending_deadlines)


def probation_end_of(member) -> dt.date:
    """The end of the twelve months of a member's current probation (the last admission, or the
    joining day): the effective day of the recognition (the form's default)."""
    last = (
        MemberEvent.objects.active()
        .filter(member_id=member.id, type=EventType.ADMITTED)
        .order_by("-on")
        .values_list("on", flat=True)
        .first()
    )
    return probation_case(last or member.joined_on).end
