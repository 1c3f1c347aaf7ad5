"""From when the records run, and which comparisons they can support.

The data start is the date of the earliest recorded member event (in practice the opening
balance, "số dư đầu kỳ", from which everything after is entered day by day). Before it the
database knows nothing: a member head count there is zero, not the real figure. So:

- a stock figure (members, organizations) is compared with the period's start only if the day
  before the period is on or after the data start; otherwise with the data start itself
  ("tăng 1.234 đảng viên so với ngày 01/01/2019, thời điểm bắt đầu có số liệu");
- flows (admissions, inspections, ...) of a period that begins before the data start are stated
  as running from the data start;
- the previous period is compared only if the records cover it entirely.

Reports and the dashboard both read `records(...)` through indicators.engine.report_data.
"""

import datetime as dt

from django.db.models import Min

from xaydungdang.core.dates import previous_period
from xaydungdang.members.models import MemberEvent

DAY = dt.timedelta(days=1)


def data_start() -> dt.date | None:
    """The dataset's data start: the earliest date of a member event that is not voided
    (the opening balance date, or the first admission/transfer when there is no opening)."""
    return MemberEvent.objects.filter(voided_at__isnull=True).aggregate(first=Min("on"))["first"]


def covers(day_before: dt.date, first: dt.date | None) -> bool:
    """Is a head count at the end of `day_before` real (on or after the data start)?"""
    return first is None or day_before >= first


def records(start: dt.date, end: dt.date, first: dt.date | None, members_at_first=None) -> dict:
    """What a report may compare, as plain data (JSON-safe) for report_data()["records"]:

    - `data_start`: ISO date or None (no member event at all);
    - `start_covered`: the head count on the day before `start` is real;
    - `previous_covered`: the previous period of the same length lies inside the records;
    - `flows_from`: ISO date from which the period's flows are actually recorded (the later of
      `start` and the data start);
    - `members_at_data_start`: members of the unit at the end of the data start day, when the
      start is not covered and the data start lies inside the period (else None).
    """
    prev_start, _prev_end = previous_period(start, end)
    start_covered = covers(start - DAY, first)
    flows_from = start if first is None or first <= start else first
    return {
        "data_start": first.isoformat() if first else None,
        "start_covered": start_covered,
        "previous_covered": covers(prev_start - DAY, first),
        "flows_from": min(flows_from, end).isoformat(),
        "members_at_data_start": None if start_covered or first is None or first > end else members_at_first,
    }
