"""core.formatting: Vietnamese numbers (48.879), percentages (100,05%), dates (31/12/2023)."""

import datetime as dt

import pytest

from xaydungdang.core import formatting as f


@pytest.mark.parametrize(
    "value, expected",
    [
        (48879, "48.879"),
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (10_000_000, "10.000.000"),
        (-48879, "-48.879"),
        (1234.5, "1.234,5"),
        (1234.567, "1.234,57"),
        (12.0, "12"),
    ],
)
def test_number(value, expected):
    assert f.number(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (48879, "48.879"),
        (48879.9, "48.879"),  # truncated by int(), not rounded
        (-1234, "-1.234"),
        ("1200", "1.200"),
    ],
)
def test_integer(value, expected):
    assert f.integer(value) == expected


def test_missing_numbers_are_a_dash():
    assert f.number(None) == f.integer(None) == f.percent(None) == "–"


@pytest.mark.parametrize(
    "value, digits, expected",
    [
        (100.05, 2, "100,05%"),
        (100, 2, "100%"),  # ",00" is dropped
        (0, 2, "0%"),
        (12.5, 2, "12,50%"),  # other trailing zeros are kept
        (33.333, 2, "33,33%"),
        (1234.5, 2, "1.234,50%"),
        (0.125, 2, "0,13%"),  # half up (Babel's default would round half to even: 0,12%)
        (2.675, 2, "2,68%"),  # from the decimal text, not the binary float (round() gives 2.67)
        (99.995, 2, "100%"),
        (-3.456, 2, "-3,46%"),
        (-0.125, 2, "-0,13%"),  # half away from zero
        (12.25, 1, "12,3%"),
        (12.35, 1, "12,4%"),
        (4.5, 0, "5%"),
        (5, 0, "5%"),
    ],
)
def test_percent(value, digits, expected):
    assert f.percent(value, digits) == expected


@pytest.mark.parametrize(
    "part, whole, expected",
    [
        (1, 3, 33.33),
        (2, 3, 66.67),
        (1, 8, 12.5),
        (1, 800, 0.13),  # 0.125 rounds half up
        (0, 5, 0.0),
        (-1, 8, -12.5),
        (4001, 4000, 100.03),  # 100.025 -> 100.03
    ],
)
def test_pct(part, whole, expected):
    assert f.pct(part, whole) == expected


def test_pct_of_nothing_is_none():
    assert f.pct(5, 0) is None
    assert f.pct(0, 0) is None
    assert f.pct(5, None) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.date(2023, 12, 31), "31/12/2023"),
        (dt.date(2024, 1, 5), "05/01/2024"),  # day and month zero-padded
        (None, ""),
    ],
)
def test_date(value, expected):
    assert f.date(value) == expected


def test_long_date_pads_only_january_and_february():
    assert f.long_date(dt.date(2024, 1, 5)) == "ngày 5 tháng 01 năm 2024"
    assert f.long_date(dt.date(2024, 2, 9)) == "ngày 9 tháng 02 năm 2024"
    assert f.long_date(dt.date(2024, 3, 5)) == "ngày 5 tháng 3 năm 2024"
    assert f.long_date(dt.date(2023, 12, 31)) == "ngày 31 tháng 12 năm 2023"


def test_datetime_is_shown_in_vietnam_time():
    # 17:30 UTC on 31/12/2023 is 00:30 on 1/1/2024 in Asia/Ho_Chi_Minh (UTC+7).
    assert f.datetime(dt.datetime(2023, 12, 31, 17, 30, tzinfo=dt.UTC)) == "00:30 01/01/2024"
    assert f.datetime(dt.datetime(2024, 3, 5, 8, 7)) == "08:07 05/03/2024"  # naive: as given
    assert f.datetime(None) == ""


@pytest.mark.parametrize(
    "current, previous, expected",
    [
        (110, 100, "tăng 10% so với năm 2022"),
        (90, 100, "giảm 10% so với năm 2022"),
        (1043, 1000, "tăng 4,3% so với năm 2022"),
        (100, 100, "bằng so với năm 2022"),
        (5, 0, "tăng 5 so với năm 2022"),  # no percentage of zero: the count itself
        (0, 0, "không thay đổi so với năm 2022"),
        (None, 5, ""),
        (5, None, ""),
    ],
)
def test_change_phrase(current, previous, expected):
    assert f.change_phrase(current, previous, "năm 2022") == expected


def test_change_phrase_without_a_reference_year():
    assert f.change_phrase(110, 100) == "tăng 10%"
