"""admissions: the admission target's rules and its period notation."""

import datetime as dt

import pytest

from xaydungdang.admissions.models import parse_period
from xaydungdang.admissions.rules import check_target
from xaydungdang.members.testing import FakeContext, FakeOrg

D = dt.date
CELL, OLD = 1, 2


@pytest.fixture
def ctx():
    return FakeContext(
        today=D(2024, 6, 1),
        orgs={
            CELL: FakeOrg("Chi bộ ấp Một", "C1", D(2015, 1, 1)),
            OLD: FakeOrg("Đảng bộ xã Cũ", "G0", D(2000, 1, 1), dissolved_on=D(2020, 1, 1)),
        },
    )


def target(period="2023", **changes):
    start, end = parse_period(period)
    return {
        "org_id": CELL,
        "indicator": "admissions",
        "value": 5,
        "period": period,
        "period_start": start,
        "period_end": end,
    } | changes


def fields(problems):
    return [(p.field, p.message) for p in problems]


def test_valid_targets(ctx):
    assert check_target(target(), ctx) == []
    assert check_target(target("2020-2025"), ctx) == []
    assert check_target(target(value=0), ctx) == []
    assert check_target(target("2019", org_id=OLD), ctx) == []  # existed during 2019


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"value": -1}, [("value", "Số lượng không được âm.")]),
        ({"indicator": "transfers"}, [("indicator", 'Chỉ tiêu "transfers" không được hỗ trợ (chỉ có admissions).')]),
        ({"org_id": None}, [("org_code", "Thiếu tổ chức.")]),
    ],
)
def test_invalid_targets(ctx, changes, expected):
    assert fields(check_target(target(**changes), ctx)) == expected


def test_the_organization_must_exist_during_the_period(ctx):
    # Dissolved on 1/1/2020: it did not exist at any time in 2020–2025.
    assert fields(check_target(target("2020-2025", org_id=OLD), ctx)) == [
        ("period", "Đảng bộ xã Cũ (G0) không tồn tại trong kỳ 2020-2025.")
    ]
    assert check_target(target("2015-2020", org_id=OLD), ctx) == []  # overlapping is enough


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023", (D(2023, 1, 1), D(2023, 12, 31))),
        ("2020-2025", (D(2020, 1, 1), D(2025, 12, 31))),
        ("2020–2025", (D(2020, 1, 1), D(2025, 12, 31))),  # en dash, as typed in Word
        (" 2020 - 2025 ", (D(2020, 1, 1), D(2025, 12, 31))),
        ("2023.0", (D(2023, 1, 1), D(2023, 12, 31))),  # a year read from a spreadsheet number
        (2023, (D(2023, 1, 1), D(2023, 12, 31))),
        ("2023-2023", (D(2023, 1, 1), D(2023, 12, 31))),
    ],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["", "23", "2025-2020", "2023-24", "2020-2022-2025", "năm 2023", "2023/2024"])
def test_parse_period_rejects(text):
    with pytest.raises(ValueError):
        parse_period(text)
