"""Party age and badge milestones (members/partyage.py), the one definition: gaps between a removal
and a restoration or re-admission are subtracted, an open gap or a death stops the count."""

import datetime as dt

import pytest

from xaydungdang.members import lifecycle, partyage
from xaydungdang.members.partyage import PartyAge, membership

D = dt.date


def test_no_gap_counts_completed_years_and_months():
    m = membership(D(1996, 8, 15), [])
    assert m.age(D(2026, 9, 2)) == PartyAge(30, 0)
    assert m.age(D(2026, 8, 14)) == PartyAge(29, 11)
    assert m.age(D(1990, 1, 1)) == PartyAge(0, 0)


def test_a_closed_gap_is_subtracted_in_days():
    # struck off 1/6/1995, restored 1/6/1998 (1096 days): counted from 1/6/1988
    m = membership(D(1985, 6, 1), [("struck_off", D(1995, 6, 1)), ("restored", D(1998, 6, 1))])
    assert m.counted_start(D(2026, 9, 2))[0] == D(1988, 6, 1)
    assert m.age(D(2026, 9, 2)) == PartyAge(38, 3)
    # during the gap the count stands still at the removal
    assert m.age(D(1997, 1, 1)) == m.age(D(1995, 6, 1)) == PartyAge(10, 0)
    assert m.removed_on(D(1997, 1, 1)) and not m.removed_on(D(1998, 6, 1))


def test_readmission_expulsion_and_death():
    readmitted = membership(
        D(1980, 3, 1), [("admitted", D(1980, 3, 1)), ("dismissed", D(1990, 3, 1)), ("admitted", D(1995, 3, 1))]
    )
    assert readmitted.gaps == ((D(1990, 3, 1), D(1995, 3, 1)),)
    assert readmitted.age(D(2026, 9, 2)) == PartyAge(41, 6)
    expelled = membership(D(1978, 5, 10), [(lifecycle.EXPELLED, D(1990, 5, 10))])
    assert expelled.age(D(2026, 9, 2)) == PartyAge(12, 0)  # never restored
    died = membership(D(1975, 1, 1), [("died", D(2026, 3, 1))])
    assert died.age(D(2026, 9, 2)) == PartyAge(51, 2)
    assert partyage.EXPELLED == lifecycle.EXPELLED


def test_badge_years_from_the_reason():
    assert partyage.badge_years("30") == 30
    assert partyage.badge_years(" 045 ") == 45
    assert partyage.badge_years("35") is None
    assert partyage.badge_years("30 năm") is None
    assert partyage.badge_years("３０") is None  # full-width digits are not a milestone
    assert partyage.badge_years("") is None
    m = membership(D(1986, 1, 1), [])
    assert partyage.awarded_milestone("", m, D(2016, 2, 3)) == 30  # inferred from party age that day
    assert partyage.awarded_milestone("40", m, D(2016, 2, 3)) == 40


@pytest.mark.parametrize(
    "months, received, early, posthumous, expected",
    [
        (30 * 12, (), False, False, 30),
        (30 * 12 - 1, (), False, False, None),
        (44 * 12, (30,), False, False, 40),
        (44 * 12, (40,), False, False, None),
        (44 * 12, (45,), False, False, None),  # a higher badge covers the lower ones
        (29 * 12, (), True, False, 30),  # 12 months early up to 65 years
        (29 * 12 - 1, (), True, False, None),
        (64 * 12, (60,), True, False, 65),
        (68 * 12, (65,), True, False, 70),  # 24 months early from 70 years
        (68 * 12 - 1, (65,), True, False, None),
        (68 * 12, (65,), False, True, None),  # posthumous: 12 months only
        (69 * 12, (65,), False, True, 70),
    ],
)
def test_pending_milestone(months, received, early, posthumous, expected):
    age = PartyAge(months // 12, months % 12)
    assert partyage.pending_milestone(age, received, early=early, posthumous=posthumous) == expected


def test_badge_days():
    assert partyage.is_badge_day(D(2026, 9, 2)) and partyage.is_badge_day(D(2027, 2, 3))
    assert not partyage.is_badge_day(D(2026, 9, 3))
    assert partyage.next_badge_day(D(2026, 11, 8)) == D(2027, 2, 3)


def test_a_badge_recorded_by_the_actions_keeps_the_milestone_as_digits(tree):
    from xaydungdang.conftest import person
    from xaydungdang.members import actions

    member = actions.enter_member(
        person("PA1", joined_on=D(1980, 1, 1), official_on=D(1981, 1, 1), birth_date=D(1955, 1, 1)),
        entry="opening",
        cell=tree["C1"],
        on=D(2016, 1, 1),
    )
    assert actions.record_event(member, "badge_awarded", D(2020, 2, 3), reason=" 040 ").reason == "40"
