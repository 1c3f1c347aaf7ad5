"""Rating periods and dated rule sets (issue 16 item 1): the boundary of 366-QĐ/TW on both sides,
scores and levels agree, "xuất sắc" needs its conditions, the not-rated with a reason, the cap on
"xuất sắc" reported where it applies and not where it does not, and ratings.* unchanged."""

import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.core.errors import DomainError
from xaydungdang.indicators.health import run as health_run
from xaydungdang.members import actions
from xaydungdang.reviews import actions as reviews
from xaydungdang.reviews import quality, rulesets
from xaydungdang.reviews.models import Rating

D = dt.date
pytestmark = pytest.mark.django_db


def test_periods_parse_and_end():
    assert rulesets.parse_period("2025").end == D(2025, 12, 31)
    q = rulesets.parse_period("2025-q3")
    assert (q.kind, q.text, q.start, q.end) == ("quarter", "2025-Q3", D(2025, 7, 1), D(2025, 9, 30))
    t = rulesets.parse_period("2020-2025")
    assert (t.kind, t.year, t.label) == ("term", 2025, "nhiệm kỳ 2020–2025")
    a = rulesets.parse_period("2025-10-15")
    assert (a.kind, a.end) == ("ad_hoc", D(2025, 10, 15))
    for bad in ("25", "2025-Q5", "2025-2019", "2025-02-30", "abc"):
        with pytest.raises(rulesets.PeriodError, match="Kỳ đánh giá"):
            rulesets.parse_period(bad)


def test_rule_set_boundary_both_sides():
    code = lambda text: rulesets.ruleset_for(rulesets.parse_period(text)).code  # noqa: E731
    assert code("2025-08-29") == "rating_124" and code("2025-08-30") == "rating_366"
    assert code("2025-Q2") == "rating_124" and code("2025-Q3") == "rating_366"
    assert code("2024") == "rating_124" and code("2025") == "rating_366"
    assert code("2022") == "rating_132" and code("2023") == "rating_124"


def test_level_for_score_bands_and_conditions():
    f = rulesets.level_for_score
    assert [f(s) for s in (100, 90, 89, 70, 69, 50, 49, 0)] == [
        "excellent",
        "excellent",
        "good",
        "good",
        "complete",
        "complete",
        "incomplete",
        "incomplete",
    ]
    assert f(95, tasks_on_time=False) == "good" and f(95, exceeding_targets=False) == "good"
    assert f(95, disciplined=True) == "good" and f(95, tasks_on_time=True, exceeding_targets=True) == "excellent"
    assert f(80, violation=True) == "incomplete"


@pytest.fixture
def member(tree):
    return actions.enter_member(
        person("P1", "Lê Văn Kỳ", official_on=D(2017, 1, 1)), entry="opening", cell=tree["C1"], on=D(2017, 1, 1)
    )


def _rate(member, **values):
    return reviews.record_rating({"subject_type": "member", "subject_member_id": member.id} | values)


def test_stored_with_period_and_rule_set_on_both_sides(member):
    before = _rate(member, year=2025, period="2025-08-29", level="good")
    after = _rate(member, period="2025-08-30", score=75)
    assert (before.period, before.year, before.ruleset, before.score) == ("2025-08-29", 2025, "rating_124", None)
    # From 366 the level is derived from the score when none is stated.
    assert (after.period, after.ruleset, after.level) == ("2025-08-30", "rating_366", "good")
    yearly = _rate(member, year=2025, period="2025", score=92, tasks_on_time=True, exceeding_targets=True)
    assert (yearly.period, yearly.ruleset, yearly.level) == ("", "rating_366", "excellent")
    old = _rate(member, year=2024, level="excellent")
    assert (old.period, old.ruleset) == ("", "rating_124")
    # One rating per subject and period: a quarter of 2025 is another period than the year.
    _rate(member, period="2025-Q4", score=60)
    with pytest.raises(DomainError) as refused:
        _rate(member, period="2025-Q4", score=61)
    assert "quý 4 năm 2025" in refused.value.problems[0].message and refused.value.problems[0].field == "period"


def test_a_level_that_does_not_match_the_score_is_refused_under_the_field(member):
    with pytest.raises(DomainError) as refused:
        _rate(member, year=2025, score=75, level="excellent")
    p = refused.value.problems[0]
    assert p.field == "level" and "không khớp với điểm 75" in p.message and "Hoàn thành tốt nhiệm vụ" in p.message
    with pytest.raises(DomainError) as lower:
        _rate(member, year=2025, score=75, level="complete")
    assert lower.value.problems[0].field == "level"
    with pytest.raises(DomainError) as conditions:
        _rate(member, year=2025, score=95, level="excellent", tasks_on_time=False)
    assert "100% nhiệm vụ hoàn thành đúng hạn" in conditions.value.problems[0].message
    # A listed violation makes it "không hoàn thành" whatever the score.
    r = _rate(member, year=2025, score=80, violation="Vi phạm tư cách đảng viên")
    assert r.level == "incomplete"


def test_score_before_366_is_not_judged_and_a_level_is_needed(member):
    # Version-1 rows carried a score in any year: kept, not judged.
    r = _rate(member, year=2024, level="excellent", score=40)
    assert (r.level, r.score) == ("excellent", 40)
    with pytest.raises(DomainError) as refused:
        _rate(member, year=2023, score=40)
    assert refused.value.problems[0].field == "level"


def test_not_rated_with_a_reason(member):
    r = _rate(member, year=2025, not_rated="suspended")
    assert (r.level, r.not_rated, str(r)) == ("", "suspended", "2025: không xếp loại (Đang bị đình chỉ sinh hoạt đảng)")
    with pytest.raises(DomainError) as other:
        _rate(member, year=2024, not_rated="other")
    assert other.value.problems[0].field == "not_rated_note"
    with pytest.raises(DomainError) as both:
        _rate(member, year=2023, not_rated="exempt", level="good")
    assert both.value.problems[0].field == "not_rated"
    with pytest.raises(DomainError) as bad:
        _rate(member, year=2022, not_rated="holiday")
    assert "không hợp lệ" in bad.value.problems[0].message


def test_stage_dates_in_order(member):
    with pytest.raises(DomainError) as refused:
        _rate(member, year=2025, score=80, self_on=D(2025, 12, 20), proposed_on=D(2025, 12, 10))
    assert refused.value.problems[0].field == "proposed_on"
    r = _rate(
        member,
        year=2025,
        score=80,
        self_score=85,
        self_level="good",
        self_on=D(2025, 12, 5),
        proposed_score=80,
        proposed_level="good",
        proposed_on=D(2025, 12, 10),
        decided_on=D(2025, 12, 20),
    )
    assert (r.self_score, r.proposed_on, r.decided_on) == (85, D(2025, 12, 10), D(2025, 12, 20))


def _members(tree, n, prefix="K"):
    return [
        actions.enter_member(
            person(f"{prefix}{i:02d}", f"Nguyễn Văn {prefix}{i}", official_on=D(2017, 1, 1)),
            entry="opening",
            cell=tree["C1"],
            on=D(2017, 1, 1),
        )
        for i in range(n)
    ]


def test_cap_reported_where_it_applies(tree):
    people = _members(tree, 7)
    # 2024 (124, yearly): 5 "tốt" allow 1 "xuất sắc"; 2 are recorded: a warning, not a refusal.
    for m in people[:5]:
        _rate(m, year=2024, level="good")
    for m in people[5:]:
        _rate(m, year=2024, level="excellent")
    warnings = quality.cap_warnings(2024)
    assert len(warnings) == 1
    w = warnings[0]
    assert (w.org_code, w.excellent, w.good, w.limit) == ("G1", 2, 5, 1)
    assert "vượt tỷ lệ — tối đa 1 (20% của 5" in w.message and "21-HD/BTCTW" in w.message
    assert any("vượt tỷ lệ" in f.message and f.severity == "warning" for f in health_run())
    # Quarter ratings (not a yearly rating): the cap does not apply.
    for m in people:
        _rate(m, period="2024-Q4", level="excellent")
    assert [w.period for w in quality.cap_warnings()] == ["2024"]
    # 2018 (before the 2019 guidance): no cap.
    for m in people:
        _rate(m, year=2018, level="excellent")
    assert quality.cap_warnings(2018) == []


def test_cap_not_reported_within_the_limit(tree):
    people = _members(tree, 6)
    for m in people[:5]:
        _rate(m, year=2025, score=80)
    _rate(people[5], year=2025, score=95)
    assert quality.cap_warnings(2025) == []


def test_indicators_count_only_yearly_rated(tree):
    from xaydungdang.indicators.engine import compute

    people = _members(tree, 3)
    _rate(people[0], year=2024, level="good")
    _rate(people[1], year=2024, not_rated="exempt")
    _rate(people[2], period="2024-Q4", level="excellent")
    _rate(people[2], year=2024, level="complete")
    values = compute(tree["P"].id, D(2024, 1, 1), D(2024, 12, 31))
    assert values["ratings.members.good"] == 1 and values["ratings.members.complete"] == 1
    assert values["ratings.members.excellent"] == 0 and values["ratings.members.incomplete"] == 0


def test_quality_forms_by_unit_type(tree):
    people = _members(tree, 3)
    _rate(people[0], year=2024, level="good")
    _rate(people[1], year=2024, level="incomplete", violation="Không đóng đảng phí 3 tháng")
    _rate(people[2], year=2024, not_rated="exempt")
    data = quality.quality_json(quality.quality_forms(tree["P"], "2024"))
    m = data["tables"]["members"]
    assert m["total"] == {"excellent": 0, "good": 1, "complete": 0, "incomplete": 1}
    assert m["incomplete_reasons"] == {"Không đóng đảng phí 3 tháng": 1} and m["not_rated"] == {"exempt": 1}
    assert list(m["by_unit_type"]) == ["unclassified"]
