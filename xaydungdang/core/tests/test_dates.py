"""core.dates: parsing, month arithmetic, completed months/years, previous periods and
Vietnamese working days (the `holidays` library's VN calendar: Tết, 30/4, 1/5, 2/9, bridge days)."""

import datetime as dt

import pytest

from xaydungdang.core.dates import (
    add_months,
    add_working_days,
    completed_months,
    completed_years,
    date_ord,
    is_working_day,
    parse_date,
    previous_period,
)

D = dt.date
# Working days read the DayOff table (core/workdays.py).
pytestmark = pytest.mark.django_db


# --- working days ---------------------------------------------------------------------------------------------

# Tết Giáp Thìn: mùng 1 is Saturday 10/2/2024; the calendar closes Thursday 8/2 to Wednesday 14/2.
TET_2024_OFF = [D(2024, 2, d) for d in range(8, 15)]
# Tết Ất Tỵ: mùng 1 is Wednesday 29/1/2025; closed Monday 27/1 to Saturday 1/2.
TET_2025_OFF = [D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31), D(2025, 2, 1)]


@pytest.mark.parametrize("day", TET_2024_OFF + TET_2025_OFF)
def test_tet_days_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [D(2024, 2, 7), D(2024, 2, 15), D(2025, 1, 24), D(2025, 2, 3)])
def test_days_around_tet_are_working_days(day):
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        D(2024, 1, 1),
        D(2024, 4, 18),  # New Year, Giỗ Tổ Hùng Vương (10/3 âm lịch)
        D(2024, 4, 29),  # bridge day (Monday, swapped for Saturday 4/5/2024)
        D(2024, 4, 30),
        D(2024, 5, 1),
        D(2024, 9, 2),
        D(2024, 9, 3),
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 5, 2),  # bridge day (Friday, swapped for Saturday 26/4/2025)
        D(2025, 9, 1),
        D(2025, 9, 2),
    ],
)
def test_public_holidays_and_bridge_days(day):
    assert day.weekday() < 5  # a weekday: it is the holiday, not the weekend, that closes it
    assert not is_working_day(day)


def test_weekends_are_not_working_days_and_ordinary_weekdays_are():
    assert not is_working_day(D(2024, 3, 9))  # Saturday
    assert not is_working_day(D(2024, 3, 10))  # Sunday
    assert all(is_working_day(D(2024, 3, d)) for d in range(11, 16))  # Monday to Friday


@pytest.mark.parametrize(
    "start, count, expected",
    [
        (D(2024, 2, 7), 1, D(2024, 2, 15)),  # Wednesday before Tết 2024 -> the Thursday after
        (D(2025, 1, 24), 1, D(2025, 2, 3)),  # Friday before Tết 2025 -> Monday 3/2
        (D(2024, 4, 26), 1, D(2024, 5, 2)),  # over 29/4 (bridge), 30/4 and 1/5
        (D(2025, 4, 29), 1, D(2025, 5, 5)),  # over 30/4, 1/5, 2/5 (bridge) and the weekend
        (D(2024, 8, 30), 1, D(2024, 9, 4)),  # over 2/9 and 3/9/2024
        (D(2025, 8, 29), 1, D(2025, 9, 3)),  # over 1/9 and 2/9/2025
        (D(2024, 3, 8), 5, D(2024, 3, 15)),  # an ordinary week
        (D(2024, 3, 8), 0, D(2024, 3, 8)),  # zero days: the same day, even a non-working one
        (D(2024, 2, 10), 0, D(2024, 2, 10)),
    ],
)
def test_add_working_days(start, count, expected):
    assert add_working_days(start, count) == expected


def test_thirty_working_days_across_tet_2024():
    # The 30 working days after a probation ends (domain rule "probation overdue"): counted from
    # 31/1/2024 they end on 20/3/2024; weekends alone would give 13/3 — the five Tết weekdays push it a week.
    assert add_working_days(D(2024, 1, 31), 30) == D(2024, 3, 20)


def test_thirty_working_days_across_tet_2025():
    # From 17/1/2025: 5 working days before Tết (20–24/1), none 27/1–1/2, then 25 from 3/2 -> 7/3/2025.
    assert add_working_days(D(2025, 1, 17), 30) == D(2025, 3, 7)


# --- month arithmetic -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 5, 31), 1, D(2024, 6, 30)),
        (D(2023, 12, 31), 1, D(2024, 1, 31)),  # across the year end
        (D(2024, 1, 15), -1, D(2023, 12, 15)),
        (D(2024, 1, 15), -13, D(2022, 12, 15)),
        (D(2024, 1, 15), 0, D(2024, 1, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (D(2024, 1, 31), D(2024, 2, 28), 0),
        (D(2024, 1, 31), D(2024, 2, 29), 1),  # the last day of a shorter month completes the month
        (D(2023, 3, 15), D(2024, 3, 14), 11),
        (D(2023, 3, 15), D(2024, 3, 15), 12),
        (D(2023, 3, 15), D(2023, 3, 15), 0),
    ],
)
def test_completed_months(start, end, expected):
    assert completed_months(start, end) == expected


@pytest.mark.parametrize(
    "birth, on, expected",
    [
        (D(2006, 2, 28), D(2024, 2, 27), 17),
        (D(2006, 2, 28), D(2024, 2, 28), 18),  # the birthday itself completes the year
        (D(2004, 2, 29), D(2022, 2, 27), 17),
        (D(2004, 2, 29), D(2022, 2, 28), 18),  # born 29/2: the year completes on 28/2 of a common year
        (D(1964, 7, 1), D(2024, 6, 30), 59),
        (D(1964, 7, 1), D(2024, 7, 1), 60),
    ],
)
def test_completed_years(birth, on, expected):
    assert completed_years(birth, on) == expected


def test_date_ord_difference_is_age_in_completed_years():
    assert (date_ord(D(2024, 2, 28)) - date_ord(D(2006, 2, 28))) // 10000 == 18
    assert (date_ord(D(2024, 2, 27)) - date_ord(D(2006, 2, 28))) // 10000 == 17


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ((D(2023, 1, 1)), D(2023, 12, 31), (D(2022, 1, 1), D(2022, 12, 31))),  # a year -> the year before
        (D(2024, 3, 1), D(2024, 3, 31), (D(2024, 2, 1), D(2024, 2, 29))),  # a month -> the month before
        (D(2024, 1, 1), D(2024, 6, 30), (D(2023, 7, 1), D(2023, 12, 31))),  # a half-year
        (D(2020, 10, 1), D(2025, 9, 30), (D(2015, 10, 1), D(2020, 9, 30))),  # a five-year term
        (D(2024, 3, 10), D(2024, 3, 19), (D(2024, 2, 29), D(2024, 3, 9))),  # other spans: same number of days
        (D(2024, 3, 5), D(2024, 3, 5), (D(2024, 3, 4), D(2024, 3, 4))),
    ],
)
def test_previous_period(start, end, expected):
    assert previous_period(start, end) == expected


# --- parsing --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-01-05", D(2023, 1, 5)),
        ("2023-1-5", D(2023, 1, 5)),
        ("  2023-01-05  ", D(2023, 1, 5)),
        ("05/01/2023", D(2023, 1, 5)),  # DD/MM/YYYY, never MM/DD
        ("5/1/2023", D(2023, 1, 5)),
        ("31/12/2023", D(2023, 12, 31)),
        ("29/02/2024", D(2024, 2, 29)),
        ("2023-01-05 00:00:00", D(2023, 1, 5)),  # spreadsheet exports with a time part
        ("2023-01-05T08:30:00", D(2023, 1, 5)),
    ],
)
def test_parse_date_accepts(text, expected):
    assert parse_date(text) == expected


def test_parse_date_objects_and_empty():
    assert parse_date(dt.datetime(2023, 1, 5, 23, 59)) == D(2023, 1, 5)
    assert parse_date(D(2023, 1, 5)) == D(2023, 1, 5)
    assert parse_date(None) is None
    assert parse_date("") is None
    assert parse_date("   ") is None


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2023",
        "29/02/2023",
        "2023-02-30",
        "2023-13-01",
        "00/01/2023",
        "32/01/2023",  # no such day
        "05-01-2023",
        "05.01.2023",
        "2023/01/05",
        "1/1/23",
        "20230105",
        "2023-01-05x",
        "abc",
        "ngày 5 tháng 1",
    ],
)
def test_parse_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)
