"""reviews.rules: yearly ratings (with the 100-point bands of 366-QĐ/TW from 2025) and screening
under Chỉ thị 28-CT/TW."""

import datetime as dt

import pytest

from xaydungdang.members.testing import FakeContext, FakeMember, FakeOrg, span
from xaydungdang.reviews.rules import check_rating, check_screening

D = dt.date
CELL = 1
AN, BINH = 10, 11


@pytest.fixture
def ctx():
    return FakeContext(
        today=D(2025, 12, 31),
        orgs={CELL: FakeOrg("Chi bộ ấp Một", "C1", D(2015, 1, 1))},
        members={
            AN: FakeMember("Nguyễn Văn An", "M001", [span(CELL, D(2016, 1, 1))]),
            BINH: FakeMember("Trần Thị Bình", "M002", [span(CELL, D(2016, 1, 1), D(2020, 3, 1))]),
        },
    )


def fields(problems):
    return [(p.field, p.message) for p in problems]


def rating(**changes):
    return {"year": 2024, "level": "good", "subject_type": "member", "subject_member_id": AN} | changes


def test_rating_valid(ctx):
    assert check_rating(rating(), ctx) == []
    assert check_rating(rating(year=2020, subject_member_id=BINH), ctx) == []  # in the Party part of 2020
    assert check_rating(rating(subject_type="org", subject_member_id=None, subject_org_id=CELL), ctx) == []


@pytest.mark.parametrize("year", [None, 0, 1929, 2026])
def test_rating_year_out_of_range_stops_the_checks(ctx, year):
    assert fields(check_rating(rating(year=year, level="?"), ctx)) == [("year", f'Năm xếp loại "{year}" không hợp lệ.')]


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"level": "very_good"}, [("level", 'Mức xếp loại "very_good" không hợp lệ.')]),
        (
            {"year": 2021, "subject_member_id": BINH},
            [("subject", "Trần Thị Bình (M002) không sinh hoạt đảng trong kỳ 01/01/2021–31/12/2021.")],
        ),
        ({"score": 101}, [("score", "Điểm phải từ 0 đến 100.")]),
        ({"score": -1}, [("score", "Điểm phải từ 0 đến 100.")]),
    ],
)
def test_rating_invalid(ctx, changes, expected):
    assert fields(check_rating(rating(**changes), ctx)) == expected


@pytest.mark.parametrize(
    "score, level",
    [
        (90, "excellent"),
        (89, "good"),
        (70, "good"),
        (69.5, "complete"),
        (50, "complete"),
        (49, "incomplete"),
        (0, "incomplete"),
        (100, "excellent"),
    ],
)
def test_rating_2025_score_bands_allowed(ctx, score, level):
    assert check_rating(rating(year=2025, score=score, level=level), ctx) == []


@pytest.mark.parametrize(
    "score, level, allowed",
    [
        (89, "excellent", "Hoàn thành tốt nhiệm vụ"),
        (69, "good", "Hoàn thành nhiệm vụ"),
        (49.9, "complete", "Không hoàn thành nhiệm vụ"),
        # Issue 16: a lower level than the score's is refused too (a violation is recorded as such).
        (95, "complete", "Hoàn thành xuất sắc nhiệm vụ"),
    ],
)
def test_rating_2025_level_other_than_the_score_band(ctx, score, level, allowed):
    [problem] = check_rating(rating(year=2025, score=score, level=level), ctx)
    assert (problem.field, problem.rule) == ("level", "rating_366")
    said = {"excellent": "Hoàn thành xuất sắc nhiệm vụ", "good": "Hoàn thành tốt nhiệm vụ"}
    said = said.get(level, "Hoàn thành nhiệm vụ")
    assert problem.message.startswith(f"Mức “{said}” không khớp với điểm {score} (")
    assert problem.message.endswith(f"mức đúng là “{allowed}” theo Quy định 366-QĐ/TW.")


def test_rating_2025_a_violation_makes_it_incomplete(ctx):
    assert check_rating(rating(year=2025, score=95, level="incomplete", violation="Vi phạm"), ctx) == []


def test_score_bands_apply_only_from_2025(ctx):
    assert check_rating(rating(year=2024, score=10, level="excellent"), ctx) == []


def screening(**changes):
    return {"member_id": AN, "listed_on": D(2023, 3, 1), "outcome": "progressed", "outcome_on": D(2023, 9, 1)} | changes


def test_screening_valid(ctx):
    assert check_screening(screening(), ctx) == []
    assert check_screening(screening(outcome="", outcome_on=None), ctx) == []  # still under way
    assert check_screening(screening(listed_on=D(2019, 1, 21), outcome_on=None, outcome=""), ctx) == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"listed_on": None, "outcome_on": None, "outcome": ""}, [("listed_on", "Thiếu ngày đưa vào danh sách.")]),
        (
            {"listed_on": D(2019, 1, 20)},
            [("listed_on", "Ngày 20/01/2019 trước khi Chỉ thị 28-CT/TW có hiệu lực (21/01/2019).")],
        ),
        ({"outcome": "expelled"}, [("outcome", 'Kết quả "expelled" không hợp lệ.')]),
        ({"outcome": ""}, [("outcome", "Có ngày kết quả nhưng chưa có kết quả.")]),
        ({"outcome_on": D(2023, 2, 1)}, [("outcome_on", "Ngày có kết quả 01/02/2023 trước ngày 01/03/2023.")]),
        ({"outcome_on": D(2026, 1, 1)}, [("outcome_on", "Ngày 01/01/2026 ở sau ngày hôm nay.")]),
        ({"member_id": None}, [("member_no", "Thiếu đảng viên.")]),
        ({"member_id": BINH}, [("listed_on", "Trần Thị Bình (M002) không sinh hoạt đảng ngày 01/03/2023.")]),
    ],
)
def test_screening_invalid(ctx, changes, expected):
    assert fields(check_screening(screening(**changes), ctx)) == expected


def test_screening_before_the_directive_names_its_rule(ctx):
    [problem] = check_screening(screening(listed_on=D(2018, 12, 1)), ctx)
    assert problem.rule == "screening"
