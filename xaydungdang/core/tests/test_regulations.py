"""core.rules: the registry of dated regulations; a record is judged by the rules in force on its date."""

import datetime as dt

import pytest

from xaydungdang.core import rules
from xaydungdang.core.rules import REGULATIONS, Regulation, rating_regulation, regulation

D = dt.date


def test_in_force_bounds_start_inclusive_end_exclusive():
    reg = regulation("rating_124")
    assert not reg.in_force(D(2022, 12, 31))
    assert reg.in_force(D(2023, 1, 1))
    assert reg.in_force(D(2024, 12, 31))
    assert not reg.in_force(D(2025, 1, 1))


def test_open_ended_regulations():
    assert regulation("rating_366").in_force(D(2099, 1, 1))
    assert not regulation("rating_366").in_force(D(2024, 12, 31))
    assert regulation("admission_age").in_force(D(1930, 2, 3))  # no bounds: always
    district = regulation("org_kinds_district")  # district level ends on 1/7/2025
    assert district.in_force(D(2025, 6, 30))
    assert not district.in_force(D(2025, 7, 1))
    screening = regulation("screening")
    assert not screening.in_force(D(2019, 1, 20))
    assert screening.in_force(D(2019, 1, 21))


@pytest.mark.parametrize(
    "year, code",
    [
        (2018, "rating_132"),
        (2022, "rating_132"),
        (2023, "rating_124"),
        (2024, "rating_124"),
        (2025, "rating_366"),
        (2030, "rating_366"),
        (2010, "rating_132"),  # before any rating regulation: the oldest one, as implemented
    ],
)
def test_rating_regulation_by_year(year, code):
    assert rating_regulation(year).code == code


def test_the_rating_regulations_do_not_overlap_or_leave_gaps():
    codes = ("rating_132", "rating_124", "rating_366")
    for year in range(2018, 2031):
        in_force = [c for c in codes if REGULATIONS[c].in_force(D(year, 12, 31))]
        assert len(in_force) == 1, (year, in_force)


def test_every_regulation_cites_its_source_in_vietnamese():
    for code, reg in REGULATIONS.items():
        assert reg.code == code
        assert reg.title and reg.source
        assert reg.cite == reg.source
        if reg.effective_from and reg.effective_to:
            assert reg.effective_from < reg.effective_to, code


def test_unknown_regulation_is_an_error():
    with pytest.raises(KeyError):
        regulation("khong_co")


def test_registering_a_code_twice_keeps_the_first(monkeypatch):
    monkeypatch.setattr(rules, "REGULATIONS", dict(REGULATIONS))
    first = rules.REGULATIONS["probation_12_months"]
    rules._register(Regulation("probation_12_months", "Khác", "Khác"))
    assert rules.REGULATIONS["probation_12_months"] is first


def test_constants_match_the_charter():
    assert rules.MIN_ADMISSION_MONTHS == 18 * 12 and rules.MAX_ADMISSION_MONTHS == 60 * 12
    assert rules.PROBATION_MONTHS == 12
    assert rules.MIN_OFFICIAL_PER_CELL == 3
    assert rules.BADGE_YEARS[:3] == (30, 40, 45) and rules.BADGE_YEARS[-1] == 90
    assert all(b - a == 5 for a, b in zip(rules.BADGE_YEARS[1:], rules.BADGE_YEARS[2:]))
    bounds = [low for _, low in rules.RATING_SCORE_BANDS_366]
    assert bounds == sorted(bounds, reverse=True) and bounds[-1] == 0
