"""Party age (tuổi đảng) and badge milestones: the one definition (rules.md §2 "Tuổi đảng", §6).

Party age is counted from `joined_on` (the date the admission decision was signed; a re-admitted
member keeps the first one) minus the gaps: a gap opens on a removal (xóa tên, cho ra khỏi Đảng,
khai trừ) and closes on the restoration (phục hồi đảng tịch) or the re-admission (a second
"Kết nạp" of the same member number). A gap still open at the day asked stops the count at the
removal; a death stops it on the day of death (a posthumous badge uses the age at death).

The gaps are subtracted in days: the counted start is `joined_on` moved later by the days of the
closed gaps, and the age is the completed years and months from that start (core.dates). Every
place that needs party age or a badge milestone (xdd badges, the badge page, the alerts, the
demo) calls this module.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from xaydungdang.core.dates import add_months, completed_months
from xaydungdang.core.rules import BADGE_DAYS, BADGE_YEARS
from xaydungdang.members.models import EventType

EXPELLED = "expelled"  # members.lifecycle.EXPELLED: a discipline of level expulsion, as a replay step
REMOVALS = frozenset((EventType.STRUCK_OFF.value, EventType.DISMISSED.value, EXPELLED))
RETURNS = frozenset((EventType.RESTORED.value, EventType.ADMITTED.value))
DIED = EventType.DIED.value
BADGE = EventType.BADGE_AWARDED.value

# Early award (rules.md §6): a seriously ill member up to 12 months early for 30–65 years, 24 months
# for 70–90; a posthumous award up to 12 months early.
EARLY_MONTHS_UP_TO_65 = 12
EARLY_MONTHS_FROM_70 = 24
POSTHUMOUS_MONTHS = 12


@dataclass(frozen=True)
class PartyAge:
    years: int
    months: int  # 0–11, beyond the completed years

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def as_contract(self) -> dict:
        return {"years": self.years, "months": self.months}

    def __str__(self) -> str:
        return f"{self.years} năm {self.months} tháng" if self.months else f"{self.years} năm"


@dataclass(frozen=True)
class Membership:
    """The dated facts party age is computed from."""

    joined_on: dt.date
    gaps: tuple[tuple[dt.date, dt.date | None], ...] = ()  # [removal, return); None: not returned
    died_on: dt.date | None = None

    def counted_start(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """(start, end): the party age on `day` is the completed months from start to end."""
        end = day if self.died_on is None or day < self.died_on else self.died_on
        shift = 0
        for removed, returned in self.gaps:
            if removed >= end:
                break
            if returned is None or returned > end:
                end = removed  # still out on that day: the count stopped at the removal
                break
            shift += (returned - removed).days
        return self.joined_on + dt.timedelta(days=shift), end

    def age(self, day: dt.date) -> PartyAge:
        start, end = self.counted_start(day)
        months = max(0, completed_months(start, end)) if end >= start else 0
        return PartyAge(months // 12, months % 12)

    def removed_on(self, day: dt.date) -> bool:
        """Out of the Party on `day` (removed and not yet back)."""
        return any(removed <= day and (returned is None or day < returned) for removed, returned in self.gaps)


def membership(joined_on: dt.date, steps: Iterable) -> Membership:
    """From a member's dated steps (objects or tuples with `.type`/`.on`, or (type, on)), in date order."""
    pairs = sorted(((s[0], s[1]) if isinstance(s, tuple) else (s.type, s.on) for s in steps), key=lambda p: p[1])
    gaps: list[tuple[dt.date, dt.date | None]] = []
    removed_at = died_on = None
    for kind, on in pairs:
        if kind in REMOVALS and removed_at is None:
            removed_at = on
        elif kind in RETURNS and removed_at is not None:
            gaps.append((removed_at, on))
            removed_at = None
        elif kind == DIED and died_on is None:
            died_on = on
    if removed_at is not None:
        gaps.append((removed_at, None))
    return Membership(joined_on, tuple(gaps), died_on)


def party_age(joined_on: dt.date, steps: Iterable, day: dt.date) -> PartyAge:
    return membership(joined_on, steps).age(day)


# --- badges ---------------------------------------------------------------------------------------
def badge_years(reason: str | None) -> int | None:
    """The milestone a BADGE_AWARDED event is for, from its `reason` as the interchange stores it
    ("30"; spaces and leading zeros tolerated); None when it does not name one (the lifecycle
    refuses any other non-empty text)."""
    text = (reason or "").strip()
    if not text.isdecimal() or not text.isascii():
        return None
    years = int(text)
    return years if years in BADGE_YEARS else None


def early_months(milestone: int, posthumous: bool = False) -> int:
    """How many months before the milestone an early (or posthumous) award may come."""
    if posthumous:
        return POSTHUMOUS_MONTHS
    return EARLY_MONTHS_UP_TO_65 if milestone <= 65 else EARLY_MONTHS_FROM_70


def reached_milestones(age: PartyAge, *, early: bool = False, posthumous: bool = False) -> list[int]:
    """The milestones reached with this party age (ahead by the early allowance when flagged)."""
    return [
        m
        for m in BADGE_YEARS
        if age.total_months + (early_months(m, posthumous) if early or posthumous else 0) >= m * 12
    ]


def awarded_milestone(reason: str | None, membership_: Membership, on: dt.date) -> int | None:
    """The milestone a BADGE_AWARDED event of `on` is for: the one its reason names or, when the
    reason is empty (the interchange allows it), the highest milestone the party age on that day
    reached, early awards included (a badge is never given more than 24 months early)."""
    named = badge_years(reason)
    if named is not None:
        return named
    reached = reached_milestones(membership_.age(on), early=True)
    return reached[-1] if reached else None


def pending_milestone(
    age: PartyAge, received: Iterable[int], *, early: bool = False, posthumous: bool = False
) -> int | None:
    """The highest milestone reached and not yet received (None: nothing due). A badge received
    for a milestone covers the lower ones (they are not proposed any more)."""
    reached = reached_milestones(age, early=early, posthumous=posthumous)
    if not reached:
        return None
    best = reached[-1]
    got = set(received)
    if best in got or (got and max(got) >= best):
        return None
    return best


def is_badge_day(day: dt.date) -> bool:
    return (day.month, day.day) in BADGE_DAYS


def next_badge_day(day: dt.date) -> dt.date:
    """The next presentation day (3/2, 19/5, 2/9, 7/11) on or after `day`."""
    for year in (day.year, day.year + 1):
        for month, dom in BADGE_DAYS:
            candidate = dt.date(year, month, dom)
            if candidate >= day:
                return candidate
    raise AssertionError("unreachable")


def milestone_day(membership_: Membership, milestone: int, after: dt.date) -> dt.date:
    """The day the party age reaches `milestone` years if no new gap opens after `after`."""
    start, _end = membership_.counted_start(after)
    return add_months(start, milestone * 12)


def bulk_memberships(member_rows) -> dict[int, Membership]:
    """{member id: Membership} for rows of (id, joined_on), reading their events and the steps
    other apps register (expulsions) in a few queries."""
    from xaydungdang.members import hooks
    from xaydungdang.members.models import MemberEvent

    joined = dict(member_rows)
    steps: dict[int, list] = {m: [] for m in joined}
    ids = list(joined)
    wanted = (*REMOVALS - {EXPELLED}, *RETURNS, DIED)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for member_id, kind, on in (
            MemberEvent.objects.active()
            .filter(member_id__in=chunk, type__in=wanted)
            .values_list("member_id", "type", "on")
        ):
            steps[member_id].append((kind, on))
    for member_id, step in hooks.extra_steps(None):
        if member_id in steps:
            steps[member_id].append((step.type, step.on))
    return {m: membership(joined[m], steps[m]) for m in joined}


def received_milestones(memberships: dict[int, Membership], before: dt.date | None = None) -> dict[int, set[int]]:
    """{member id: the milestones of the badges received (before the day `before`: a round's own
    awards, on its day, do not take the members off that round's list)}."""
    from xaydungdang.members.models import MemberEvent

    got: dict[int, set[int]] = {}
    ids = list(memberships)
    for start in range(0, len(ids), 900):
        rows = MemberEvent.objects.active().filter(member_id__in=ids[start : start + 900], type=BADGE)
        if before is not None:
            rows = rows.filter(on__lt=before)
        for member_id, reason, on in rows.values_list("member_id", "reason", "on"):
            milestone = awarded_milestone(reason, memberships[member_id], on)
            if milestone is not None:
                got.setdefault(member_id, set()).add(milestone)
    return got


def event_milestones(events: Iterable[tuple[int, str | None, dt.date]]) -> list[int | None]:
    """The milestone of each BADGE_AWARDED event given as (member id, reason, day), read as
    `awarded_milestone` reads it (the statistical forms' rows II.x and the drilldown's labels): the
    reason's milestone, or the one the party age reached on the day when the reason names none.
    The members' memberships are read only for those events."""
    from xaydungdang.members.models import Member

    events = list(events)
    unnamed = {member_id for member_id, reason, _on in events if badge_years(reason) is None}
    memberships: dict[int, Membership] = {}
    if unnamed:
        joined: list[tuple[int, dt.date]] = []
        ids = sorted(unnamed)
        for start in range(0, len(ids), 900):
            rows = Member.objects.filter(pk__in=ids[start : start + 900]).values_list("id", "joined_on")
            joined.extend((member_id, day) for member_id, day in rows if day is not None)
        memberships = bulk_memberships(joined)
    milestones: list[int | None] = []
    for member_id, reason, on in events:
        named = badge_years(reason)
        if named is None and member_id in memberships:
            named = awarded_milestone(reason, memberships[member_id], on)
        milestones.append(named)
    return milestones
