"""Dates: parsing, completed months/years, month arithmetic, Vietnamese working days."""

import datetime as dt
import re

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_VN = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def parse_date(value) -> dt.date | None:
    """YYYY-MM-DD or DD/MM/YYYY (also datetime objects from spreadsheets); '' -> None.

    Raises ValueError on anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    match = _VN.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    # Spreadsheet exports sometimes carry a time part: "2023-01-05 00:00:00".
    if len(text) > 10 and _ISO.match(text[:10]) and text[10] in " T":
        return parse_date(text[:10])
    raise ValueError(text)


def date_shaped(text: str) -> bool:
    """Written like a date (DD/MM/YYYY or YYYY-MM-DD), whether or not that day exists."""
    return bool(_ISO.match(text) or _VN.match(text))


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar month arithmetic; 31/1 + 1 month = 28 or 29/2."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = _days_in_month(year, month)
    return dt.date(year, month, min(day.day, last))


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def completed_months(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (age in completed months on `end`)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return months


def completed_years(start: dt.date, end: dt.date) -> int:
    return completed_months(start, end) // 12


def date_ord(day: dt.date) -> int:
    """YYYYMMDD as an integer: (T - birth) // 10000 is the age in completed years."""
    return day.year * 10000 + day.month * 100 + day.day


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length ending the day before `start`.

    Whole calendar years or months shift by whole years/months (2023 -> 2022), other
    spans by their length in days.
    """
    next_day = end + dt.timedelta(days=1)
    months = (next_day.year - start.year) * 12 + (next_day.month - start.month)
    if start.day == 1 and next_day.day == 1 and months > 0:
        return add_months(start, -months), start - dt.timedelta(days=1)
    length = (end - start).days + 1
    return start - dt.timedelta(days=length), start - dt.timedelta(days=1)


def is_working_day(day: dt.date) -> bool:
    """Vietnamese working day (core/workdays.py: the `holidays` VN calendar and the DayOff rows)."""
    from xaydungdang.core import workdays

    return workdays.is_working_day(day)


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The date `count` working days after `day` (core/workdays.py, the one calendar)."""
    from xaydungdang.core import workdays

    return workdays.add_working_days(day, count)
