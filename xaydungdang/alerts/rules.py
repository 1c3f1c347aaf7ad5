"""Alert rules over members and cells, limited to what a user may see.

Each rule takes a member queryset already limited by `accounts.scope.restrict` (and, for a
dashboard, to one organization's subtree) or a set of cell ids, plus the day to judge at.
`collect()` does that limiting for a user and returns every list at once.

"Absent from activities" flags are the members away (đi làm ăn xa) without a return and the
members on the screening list (Chỉ thị 28) without an outcome. Unpaid dues come from the dues
ledger (dues/ledger.py): members with three or more consecutive months paid less than due up to
the last whole month (xóa tên after three months unpaid without reason, 01-QĐ/TW).
"""

import datetime as dt
from dataclasses import dataclass, field

from xaydungdang.core.dates import add_months, today
from xaydungdang.core.rules import (
    BADGE_YEARS,
    MIN_OFFICIAL_PER_CELL,
    cell_below_minimum,
    latest_joined_with_probation_ended,
)
from xaydungdang.members import partyage
from xaydungdang.members.counts import official_by_cell
from xaydungdang.members.deadlines import probation_case
from xaydungdang.members.models import EventType, Member, MemberEvent, MemberState, Status

# Probation ending within this many days ahead is shown as "sắp đến hạn".
PROBATION_LOOKAHEAD_DAYS = 30
AWAY_MONTHS = 12


@dataclass(slots=True)
class Alert:
    member_id: int | None
    label: str
    detail: str
    due: dt.date | None = None
    late: bool = False
    org_id: int | None = None
    extra: dict = field(default_factory=dict)


def _active(members):
    return members.filter(state=MemberState.ACTIVE)


def _probation_alerts(members, day: dt.date, joined_after: dt.date | None, joined_until: dt.date) -> list[Alert]:
    rows = _active(members).filter(status=Status.PROBATIONARY, joined_on__lte=joined_until)
    if joined_after is not None:
        rows = rows.filter(joined_on__gt=joined_after)
    rows = rows.order_by("joined_on", "sort_key").values_list(
        "id", "full_name", "member_no", "joined_on", "current_cell_id"
    )
    alerts = []
    for member_id, name, no, joined, cell in rows:
        # The registry's computation (members/deadlines.py, recognition_review): one definition.
        case = probation_case(joined)
        due, deadline, late = case.end, case.review_due, case.overdue(day)
        if due > day:
            detail = f"Hết thời gian dự bị ngày {due:%d/%m/%Y}"
        elif late:
            detail = f"Quá hạn xét công nhận chính thức (hạn cuối {deadline:%d/%m/%Y})"
        else:
            detail = f"Đến hạn xét công nhận chính thức, hạn cuối {deadline:%d/%m/%Y}"
        alerts.append(Alert(member_id, f"{name} ({no})", detail, due, late, cell))
    return alerts


def probation_due(members, day: dt.date) -> list[Alert]:
    """Probationary members whose twelve months have ended on or before `day` (due, or `late`
    once 30 working days have passed without a decision). The same rule as the indicator
    `probation.due` at `day` (core.rules.latest_joined_with_probation_ended), so the alert list
    and the dashboard figure count the same members."""
    return _probation_alerts(members, day, None, latest_joined_with_probation_ended(day))


def probation_upcoming(members, day: dt.date) -> list[Alert]:
    """Probationary members whose twelve months end after `day` and within the look-ahead."""
    horizon = day + dt.timedelta(days=PROBATION_LOOKAHEAD_DAYS)
    return _probation_alerts(
        members, day, latest_joined_with_probation_ended(day), latest_joined_with_probation_ended(horizon)
    )


def small_cells(cell_ids, day: dt.date, names: dict[int, str]) -> list[Alert]:
    """Cells (either kind) with fewer than three official members at `day`."""
    cell_ids = list(cell_ids)
    official = official_by_cell(day, cell_ids)
    alerts = []
    for cell_id in cell_ids:
        n = official.get(cell_id, 0)
        if cell_below_minimum(n):
            alerts.append(
                Alert(
                    None,
                    names.get(cell_id, str(cell_id)),
                    f"Có {n} đảng viên chính thức (cần ít nhất {MIN_OFFICIAL_PER_CELL})",
                    org_id=cell_id,
                    extra={"official": n},
                )
            )
    alerts.sort(key=lambda a: (a.extra["official"], a.label))
    return alerts


def _away_since(members, day: dt.date) -> dict[int, dt.date]:
    """Members currently away: the date their ongoing absence started."""
    ids = _active(members).values("id")
    started: dict[int, dt.date] = {}
    rows = (
        MemberEvent.objects.active()
        .filter(member_id__in=ids, on__lte=day, type__in=[EventType.AWAY_STARTED, EventType.AWAY_ENDED])
        .order_by("member_id", "on", "id")
        .values_list("member_id", "type", "on")
    )
    for member_id, kind, on in rows:
        if kind == EventType.AWAY_STARTED:
            started.setdefault(member_id, on)
        else:
            started.pop(member_id, None)
    return started


def _labels(member_ids) -> dict[int, tuple]:
    return {
        m[0]: m[1:]
        for m in Member.objects.filter(id__in=list(member_ids)).values_list(
            "id", "full_name", "member_no", "current_cell_id"
        )
    }


def absent_flags(members, day: dt.date) -> list[Alert]:
    """Members away without a return, and members on the screening list without an outcome."""
    from xaydungdang.reviews.models import Screening

    away = _away_since(members, day)
    screened = dict(
        Screening.objects.active()
        .filter(member__in=_active(members).values("id"), outcome="")
        .values_list("member_id", "listed_on")
    )
    labels = _labels(set(away) | set(screened))
    alerts = []
    for member_id in sorted(labels, key=lambda m: labels[m][0]):
        name, no, cell = labels[member_id]
        reasons = []
        if member_id in away:
            reasons.append(f"đi làm ăn xa từ {away[member_id]:%d/%m/%Y}, chưa trở về")
        if member_id in screened:
            reasons.append(f"trong danh sách rà soát, sàng lọc từ {screened[member_id]:%d/%m/%Y}")
        alerts.append(Alert(member_id, f"{name} ({no})", "; ".join(reasons).capitalize(), org_id=cell))
    return alerts


def away_overdue(members, day: dt.date) -> list[Alert]:
    """Members away for more than twelve months without a return."""
    limit = add_months(day, -AWAY_MONTHS)
    away = {m: on for m, on in _away_since(members, day).items() if on < limit}
    labels = _labels(away)
    return [
        Alert(
            m,
            f"{labels[m][0]} ({labels[m][1]})",
            f"Đi làm ăn xa từ {on:%d/%m/%Y} (quá {AWAY_MONTHS} tháng), chưa trở về",
            on,
            True,
            labels[m][2],
        )
        for m, on in sorted(away.items(), key=lambda item: item[1])
    ]


def unpaid_dues(members, day: dt.date) -> list[Alert]:
    """Active members with at least three consecutive months of dues unpaid (paid less than due)
    up to the last whole month before `day` (dues/ledger.py; members without a dues base are not judged)."""
    from xaydungdang.dues import ledger
    from xaydungdang.dues.models import DuesBase

    month = add_months(ledger.month_of(day), -1)
    ids = set(
        DuesBase.objects.active().filter(member__in=_active(members).values("id")).values_list("member_id", flat=True)
    )
    arrears = {m: n for m, n in ledger.arrears_of(ids, month).items() if n >= ledger.ALERT_MONTHS}
    labels = _labels(arrears)
    alerts = [
        Alert(
            m,
            f"{labels[m][0]} ({labels[m][1]})",
            f"Chưa đóng đủ đảng phí {n} tháng liên tiếp (đến tháng {month:%m/%Y})",
            month,
            True,
            labels[m][2],
            {"months": n},
        )
        for m, n in arrears.items()
    ]
    alerts.sort(key=lambda a: (-a.extra["months"], a.label))
    return alerts


def screening_pending(members) -> list[Alert]:
    from xaydungdang.reviews.models import Screening

    rows = (
        Screening.objects.active()
        .filter(member__in=members.values("id"), outcome="")
        .order_by("listed_on")
        .values_list("member_id", "member__full_name", "member__member_no", "listed_on", "member__current_cell_id")
    )
    return [
        Alert(m, f"{name} ({no})", f"Đưa vào danh sách ngày {listed:%d/%m/%Y}, chưa có kết quả", listed, False, cell)
        for m, name, no, listed, cell in rows
    ]


def next_badge_day(day: dt.date) -> dt.date:
    """The next presentation day (3/2, 19/5, 2/9, 7/11) on or after `day`."""
    return partyage.next_badge_day(day)


def badges_due(members, day: dt.date) -> tuple[dt.date, list[Alert]]:
    """Members whose party age (members.partyage: from joined_on minus the gaps between a removal
    and a restoration or re-admission) reaches a badge milestone by the next presentation day and
    who have no badge of that milestone (or a higher one) yet."""
    award_day = next_badge_day(day)
    first = min(BADGE_YEARS)
    cutoff = dt.date(award_day.year - first, award_day.month, award_day.day)
    rows = list(
        _active(members)
        .filter(joined_on__lte=cutoff)  # gaps only make party age shorter
        .values_list("id", "full_name", "member_no", "joined_on", "current_cell_id")
    )
    memberships = partyage.bulk_memberships([(r[0], r[3]) for r in rows])
    awarded = partyage.received_milestones(memberships)
    alerts = []
    for member_id, name, no, joined, cell in rows:
        age = memberships[member_id].age(award_day)
        milestone = partyage.pending_milestone(age, awarded.get(member_id, ()))
        if milestone is None:
            continue
        alerts.append(
            Alert(
                member_id,
                f"{name} ({no})",
                f"Huy hiệu {milestone} năm tuổi đảng (vào Đảng {joined:%d/%m/%Y}, tuổi đảng {age})",
                award_day,
                False,
                cell,
                {"years": milestone},
            )
        )
    alerts.sort(key=lambda a: (-a.extra["years"], a.label))
    return award_day, alerts


@dataclass
class AlertSet:
    day: dt.date
    probation: list
    small_cells: list
    absent: list
    badges: list
    badge_day: dt.date
    away_overdue: list
    screening: list
    probation_soon: list = field(default_factory=list)
    unpaid_dues: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.probation,
                self.probation_soon,
                self.small_cells,
                self.absent,
                self.badges,
                self.away_overdue,
                self.screening,
                self.unpaid_dues,
            )
        )

    def counts(self) -> dict:
        """How many of each, for dashboards."""
        return {
            "probation": len(self.probation),
            "probation_soon": len(self.probation_soon),
            "small_cells": len(self.small_cells),
            "absent": len(self.absent),
            "badges": len(self.badges),
            "away_overdue": len(self.away_overdue),
            "screening": len(self.screening),
            "unpaid_dues": len(self.unpaid_dues),
            "badge_day": self.badge_day,
            "total": self.total,
        }


def collect(user, root_org_id: int | None = None, day: dt.date | None = None) -> AlertSet:
    """Every alert the user may see, within `root_org_id`'s subtree when given."""
    from xaydungdang.core import access
    from xaydungdang.organizations.models import CELL_KINDS, Organization
    from xaydungdang.organizations.tree import load_tree

    day = day or today()
    tree = load_tree()
    snapshot = tree.snapshot(day)
    members = Member.objects.restrict(user)
    cell_rows = Organization.objects.filter(kind__in=CELL_KINDS).restrict(user)
    if root_org_id is not None:
        members = access.within(members, root_org_id)
        cell_rows = access.within(cell_rows, root_org_id)
    cells = [o for o in cell_rows.values_list("id", flat=True) if o in snapshot and tree.orgs[o].is_cell]
    names = {o: f"{tree.orgs[o].name} ({tree.orgs[o].code})" for o in cells}
    badge_day, badges = badges_due(members, day)
    return AlertSet(
        day,
        probation_due(members, day),
        small_cells(cells, day, names),
        absent_flags(members, day),
        badges,
        badge_day,
        away_overdue(members, day),
        screening_pending(_active(members)),
        probation_upcoming(members, day),
        unpaid_dues(members, day),
    )
