"""The single, dated definitions of core/rules.py: probation end and overdue recognition
(12 months + 30 working days, Vietnamese holidays excluded) and cells below three official members."""

import datetime as dt

import pytest

from xaydungdang.core.rules import (
    MIN_OFFICIAL_PER_CELL,
    RECOGNITION_WORKING_DAYS,
    cell_below_minimum,
    latest_joined_overdue,
    latest_joined_with_probation_ended,
    probation_end,
    probation_ended,
    probation_overdue,
    recognition_deadline,
    regulation,
)

D = dt.date
# Working days read the DayOff table (core/workdays.py).
pytestmark = pytest.mark.django_db


def test_probation_ends_twelve_calendar_months_after_joining():
    assert probation_end(D(2023, 3, 15)) == D(2024, 3, 15)
    assert probation_end(D(2024, 2, 29)) == D(2025, 2, 28)  # no 29/2 in 2025
    assert probation_ended(D(2023, 3, 15), D(2024, 3, 15)) and not probation_ended(D(2023, 3, 15), D(2024, 3, 14))


@pytest.mark.parametrize(
    "joined, deadline",
    [
        # Ends Wed 10/01/2024; Tết 2024 (8–14/02) adds five working days: 21/02 becomes 28/02.
        (D(2023, 1, 10), D(2024, 2, 28)),
        # Ends Fri 10/01/2025; Tết 2025 (27/01–01/02, 01/02 a Saturday): 21/02 becomes 28/02.
        (D(2024, 1, 10), D(2025, 2, 28)),
        # Ends Sat 10/08/2024; National Day 2–3/09/2024: 20/09 becomes 24/09.
        (D(2023, 8, 10), D(2024, 9, 24)),
        # Ends 20/12/2024, across New Year's Day and Tết 2025.
        (D(2023, 12, 20), D(2025, 2, 10)),
    ],
)
def test_recognition_deadline_counts_working_days_across_holidays(joined, deadline):
    assert RECOGNITION_WORKING_DAYS == 30
    assert recognition_deadline(probation_end(joined)) == deadline
    assert not probation_overdue(joined, deadline)  # the deadline itself is still in time
    assert probation_overdue(joined, deadline + dt.timedelta(days=1))


def test_latest_joining_days_are_the_exact_inverse_of_the_rules():
    joined_days = [D(2022, 11, 1) + dt.timedelta(days=i) for i in range(500)]
    for day in (D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1), D(2025, 2, 28), D(2024, 9, 24), D(2024, 12, 31)):
        limit = latest_joined_with_probation_ended(day)
        assert all((j <= limit) == probation_ended(j, day) for j in joined_days)
        overdue = latest_joined_overdue(day)
        assert all((j <= overdue) == probation_overdue(j, day) for j in joined_days)


def test_cells_below_three_official_members():
    assert MIN_OFFICIAL_PER_CELL == 3
    assert cell_below_minimum(0) and cell_below_minimum(2)
    assert not cell_below_minimum(3) and not cell_below_minimum(4)


def test_the_rules_are_registered_with_their_source_and_date():
    for code in ("probation_12_months", "probation_recognition", "cell_min_official"):
        assert regulation(code).source
    assert regulation("probation_recognition").in_force(D(2024, 1, 1))
    assert regulation("cell_min_official").in_force(D(2024, 1, 1))
