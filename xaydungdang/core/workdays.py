"""Vietnamese working days: the one calendar every deadline counts on.

A day is a working day when it is Monday to Friday and not a public holiday of the `holidays`
library's VN calendar (Tết, 30/4, 1/5, 2/9 and the bridge days it knows), or a weekend day the
library knows as swapped into a working day (e.g. Saturday 26/4/2025 for Friday 2/5/2025) —
then corrected by the days an administrator records from the Government's yearly announcement
(core.models.DayOff: kind "off" = an extra day off, kind "working" = a working day).

The calendar of a year is cached in this process. A DayOff write clears it here at once (signal)
and bumps the data version `dayoff`; other processes notice that version within RECHECK_SECONDS.
"""

import datetime as dt
import threading
import time

RECHECK_SECONDS = 5.0
VERSION_KEY = "dayoff"
_DAY = dt.timedelta(days=1)

_lock = threading.Lock()
_years: dict[int, tuple[frozenset, frozenset]] = {}  # year -> (days off, weekend working days)
_overrides: dict | None = None  # {date: kind} from DayOff, all years (a small table)
_state = {"version": None, "checked": 0.0}
_added: dict[tuple[dt.date, int], dt.date] = {}


def clear_cache() -> None:
    """Forget the cached calendar (called on every DayOff change, and between tests)."""
    global _overrides
    with _lock:
        _years.clear()
        _added.clear()
        _overrides = None
        _state["version"] = None
        _state["checked"] = 0.0


def _check_version() -> None:
    now = time.monotonic()
    if _state["checked"] and now - _state["checked"] < RECHECK_SECONDS:
        return
    from xaydungdang.core import versions

    version = versions.get(VERSION_KEY)
    if _state["version"] is not None and version != _state["version"]:
        clear_cache()
    _state["version"] = version
    _state["checked"] = now


def _load_overrides() -> dict:
    global _overrides
    if _overrides is None:
        from xaydungdang.core.models import DayOff

        _overrides = dict(DayOff.objects.values_list("day", "kind"))
    return _overrides


def library_days(year: int) -> tuple[dict, frozenset]:
    """The `holidays` library's VN calendar of a year: ({day: name}, weekend days worked)."""
    import holidays

    calendar = holidays.country_holidays("VN", years=year)
    worked = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return {d: str(name) for d, name in calendar.items() if d.year == year}, worked


def _year(year: int) -> tuple[frozenset, frozenset]:
    _check_version()
    found = _years.get(year)
    if found is not None:
        return found
    named, worked = library_days(year)
    off, working = set(named), set(worked)
    for day, kind in _load_overrides().items():
        if day.year != year:
            continue
        if kind == "working":
            working.add(day)
            off.discard(day)
        else:
            off.add(day)
            working.discard(day)
    found = (frozenset(off), frozenset(working))
    with _lock:
        _years[year] = found
    return found


def is_working_day(day: dt.date) -> bool:
    off, working = _year(day.year)
    if day in working:
        return True
    return day.weekday() < 5 and day not in off


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day AFTER start (start itself not counted); n = 0 gives start."""
    _check_version()
    key = (start, n)
    found = _added.get(key)
    if found is not None:
        return found
    current, remaining = start, n
    while remaining > 0:
        current += _DAY
        if is_working_day(current):
            remaining -= 1
    while remaining < 0:  # backwards: the |n|-th working day before start
        current -= _DAY
        if is_working_day(current):
            remaining += 1
    with _lock:
        if len(_added) > 20000:
            _added.clear()
        _added[key] = current
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; 0 when end <= start."""
    count, current = 0, start
    while current < end:
        current += _DAY
        if is_working_day(current):
            count += 1
    return count


def day_changed(**kwargs) -> None:
    """post_save / post_delete of DayOff (connected in core/apps.py): clear here, tell the others."""
    from xaydungdang.core import versions

    versions.bump(VERSION_KEY)
    clear_cache()
