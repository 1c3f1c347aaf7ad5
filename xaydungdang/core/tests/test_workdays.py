"""core/workdays.py: the one working-day calendar (the `holidays` VN calendar corrected by the
administrators' DayOff rows), and its cache."""

import datetime as dt

import pytest

from xaydungdang.core import workdays
from xaydungdang.core.models import DayOff
from xaydungdang.core.workdays import add_working_days, is_working_day, working_days_between

D = dt.date
pytestmark = pytest.mark.django_db

# Tết Ất Tỵ 2025: Monday 27/1 to Saturday 1/2 (mùng 1 = 29/1). Tết Bính Ngọ 2026: 16/2 to 20/2 (mùng 1 = 17/2).
TET_2025 = [D(2025, 1, d) for d in range(27, 32)] + [D(2025, 2, 1)]
TET_2026 = [D(2026, 2, d) for d in range(16, 21)]
# 30/4 and 1/5 (2025: Friday 2/5 off, swapped with Saturday 26/4); 2/9 and the day the Government adds.
SPRING_AND_NATIONAL = [
    D(2025, 4, 30),
    D(2025, 5, 1),
    D(2025, 5, 2),
    D(2026, 4, 30),
    D(2026, 5, 1),
    D(2025, 9, 1),
    D(2025, 9, 2),
    D(2026, 8, 31),
    D(2026, 9, 1),
    D(2026, 9, 2),
]


@pytest.mark.parametrize("day", TET_2025 + TET_2026 + SPRING_AND_NATIONAL)
def test_holidays_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [D(2025, 1, 24), D(2025, 2, 3), D(2026, 2, 13), D(2026, 2, 23), D(2025, 9, 3)])
def test_days_around_the_holidays_are_working_days(day):
    assert is_working_day(day)


def test_the_saturday_swapped_by_the_library_is_a_working_day():
    # 26/4/2025 (Saturday) was worked for Friday 2/5/2025; 22/8/2026 (Saturday) for Monday 31/8/2026.
    assert is_working_day(D(2025, 4, 26))
    assert is_working_day(D(2026, 8, 22))
    assert not is_working_day(D(2025, 4, 27))  # Sunday


def test_add_working_days_counts_after_the_start():
    assert add_working_days(D(2025, 3, 3), 1) == D(2025, 3, 4)  # Monday -> Tuesday
    assert add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 10)  # Friday -> Monday
    assert add_working_days(D(2025, 3, 3), 0) == D(2025, 3, 3)
    # Across Tết 2026: 13/2 (Friday) + 1 = 23/2 (the whole week 16–20/2 is off).
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    # 30 working days from 15/1/2026: 16/1..13/2 = 21 days, then 9 from 23/2 -> 5/3/2026.
    assert add_working_days(D(2026, 1, 15), 30) == D(2026, 3, 5)
    # Across 2/9/2025: 29/8 (Friday) + 1 = 3/9 (1/9 and 2/9 off).
    assert add_working_days(D(2025, 8, 29), 1) == D(2025, 9, 3)


def test_working_days_between_is_half_open():
    assert working_days_between(D(2025, 3, 3), D(2025, 3, 3)) == 0
    assert working_days_between(D(2025, 3, 3), D(2025, 3, 10)) == 5  # Tue..Fri + Mon
    assert working_days_between(D(2026, 1, 15), add_working_days(D(2026, 1, 15), 30)) == 30
    assert working_days_between(D(2025, 4, 25), D(2025, 5, 5)) == 4  # Sat 26/4, Mon 28/4, Tue 29/4, Mon 5/5
    assert working_days_between(D(2025, 3, 10), D(2025, 3, 3)) == 0


def test_day_off_rows_correct_the_calendar_and_clear_the_cache():
    extra, saturday = D(2025, 3, 12), D(2025, 3, 15)
    assert is_working_day(extra) and not is_working_day(saturday)
    before = add_working_days(D(2025, 3, 10), 5)
    assert before == D(2025, 3, 17)
    DayOff.objects.create(day=extra, kind=DayOff.OFF, note="Nghỉ bù theo thông báo")
    DayOff.objects.create(day=saturday, kind=DayOff.WORKING, note="Làm bù")
    assert not is_working_day(extra)
    assert is_working_day(saturday)
    # One day lost (12/3), one gained (15/3): the same fifth working day, then a real shift below.
    assert add_working_days(D(2025, 3, 10), 5) == D(2025, 3, 17)
    assert add_working_days(D(2025, 3, 10), 2) == D(2025, 3, 13)
    DayOff.objects.filter(day=saturday).delete()
    assert not is_working_day(saturday)
    assert add_working_days(D(2025, 3, 10), 5) == D(2025, 3, 18)


def test_a_working_row_overrides_a_library_holiday():
    DayOff.objects.create(day=D(2026, 11, 24), kind=DayOff.WORKING, note="Không nghỉ Ngày Văn hóa")
    assert is_working_day(D(2026, 11, 24))


def test_another_process_notices_a_change_through_the_version(monkeypatch):
    day = D(2025, 3, 12)
    assert is_working_day(day)
    # A write in another process: the row and the version change, this process's cache does not.
    DayOff.objects.bulk_create([DayOff(day=day, kind=DayOff.OFF)])  # no signal
    from xaydungdang.core import versions

    versions.bump(workdays.VERSION_KEY)
    assert is_working_day(day)  # still cached within RECHECK_SECONDS
    monkeypatch.setattr(workdays, "RECHECK_SECONDS", 0.0)
    assert not is_working_day(day)
