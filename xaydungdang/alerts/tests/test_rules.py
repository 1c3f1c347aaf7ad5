"""Alert rules judged on a small history built through the actions."""

import datetime as dt

import pytest

from xaydungdang.alerts import rules
from xaydungdang.conftest import person
from xaydungdang.members import actions
from xaydungdang.members.models import EventType, Member

D = dt.date
pytestmark = pytest.mark.django_db


def test_probation_due_late_after_thirty_working_days(tree):
    due_soon = actions.admit(person("P1", "Ngô Văn Một", birth_date=D(1995, 1, 1)), tree["C1"], D(2023, 6, 10))
    overdue = actions.admit(person("P2", "Ngô Văn Hai", birth_date=D(1995, 1, 1)), tree["C1"], D(2023, 1, 2))
    actions.admit(person("P3", "Ngô Văn Ba", birth_date=D(1995, 1, 1)), tree["C1"], D(2024, 1, 2))
    alerts = rules.probation_due(Member.objects.all(), D(2024, 6, 1))
    by_id = {a.member_id: a for a in alerts}
    # P2 ended 02/01/2024; P1 ends 10/06/2024 (within the 30-day look-ahead: its own list); P3 not yet.
    assert set(by_id) == {overdue.id} and by_id[overdue.id].late
    assert "Quá hạn xét công nhận chính thức (hạn cuối" in by_id[overdue.id].detail
    soon = rules.probation_upcoming(Member.objects.all(), D(2024, 6, 1))
    assert [(a.member_id, a.due, a.late) for a in soon] == [(due_soon.id, D(2024, 6, 10), False)]
    assert rules.probation_upcoming(Member.objects.all(), D(2024, 5, 10)) == []  # 31 days ahead
    alerts = rules.probation_due(Member.objects.all(), D(2024, 7, 1))
    by_id = {a.member_id: a for a in alerts}
    assert by_id[overdue.id].late and by_id[overdue.id].due == D(2024, 1, 2)
    assert not by_id[due_soon.id].late  # 12 months ended 10/06/2024, 30 working days not yet over


def test_small_cells_and_names(tree):
    for i in range(3):
        actions.enter_member(
            person(f"S{i}", f"Lý Văn {i}", official_on=D(2017, 1, 1)),
            entry="opening",
            cell=tree["C1"],
            on=D(2017, 1, 1),
        )
    cells = [tree["C1"].id, tree["C2"].id]
    alerts = rules.small_cells(cells, D(2024, 1, 1), {tree["C2"].id: "Chi bộ ấp Hai"})
    assert [(a.org_id, a.extra["official"]) for a in alerts] == [(tree["C2"].id, 0)]


def test_away_flags_and_overdue(tree):
    away = actions.enter_member(person("A1", "Trịnh Văn Xa"), entry="opening", cell=tree["C1"], on=D(2016, 1, 1))
    back = actions.enter_member(person("A2", "Trịnh Văn Về"), entry="opening", cell=tree["C1"], on=D(2016, 1, 1))
    actions.record_event(away, EventType.AWAY_STARTED, D(2022, 3, 1))
    actions.record_event(back, EventType.AWAY_STARTED, D(2022, 3, 1))
    actions.record_event(back, EventType.AWAY_ENDED, D(2023, 3, 1))
    members = Member.objects.all()
    assert [a.member_id for a in rules.absent_flags(members, D(2024, 1, 1))] == [away.id]
    assert [a.member_id for a in rules.away_overdue(members, D(2024, 1, 1))] == [away.id]
    assert rules.away_overdue(members, D(2022, 12, 1)) == []


def test_screening_pending_is_flagged(tree):
    from xaydungdang.reviews.actions import record_screening

    member = actions.enter_member(person("R1", "Đỗ Văn Rà"), entry="opening", cell=tree["C1"], on=D(2016, 1, 1))
    record_screening({"member_id": member.id, "listed_on": D(2023, 5, 1), "outcome": "", "outcome_on": None})
    assert [a.member_id for a in rules.screening_pending(Member.objects.all())] == [member.id]
    assert "rà soát" in rules.absent_flags(Member.objects.all(), D(2024, 1, 1))[0].detail


def test_next_badge_day():
    assert rules.next_badge_day(D(2024, 1, 1)) == D(2024, 2, 3)
    assert rules.next_badge_day(D(2024, 2, 3)) == D(2024, 2, 3)
    assert rules.next_badge_day(D(2024, 11, 8)) == D(2025, 2, 3)


def test_badges_due_skip_awarded(tree):
    old = actions.enter_member(
        person("B1", "Châu Văn Lão", birth_date=D(1950, 1, 1), joined_on=D(1994, 1, 10), official_on=D(1995, 1, 10)),
        entry="opening",
        cell=tree["C1"],
        on=D(2016, 1, 1),
    )
    done = actions.enter_member(
        person("B2", "Châu Văn Đủ", birth_date=D(1950, 1, 1), joined_on=D(1994, 1, 10), official_on=D(1995, 1, 10)),
        entry="opening",
        cell=tree["C1"],
        on=D(2016, 1, 1),
    )
    actions.record_event(done, EventType.BADGE_AWARDED, D(2023, 11, 7), reason="30")
    day, alerts = rules.badges_due(Member.objects.all(), D(2024, 1, 5))
    assert day == D(2024, 2, 3)
    assert [(a.member_id, a.extra["years"]) for a in alerts] == [(old.id, 30)]


def test_collect_is_scoped(tree):
    from xaydungdang.accounts.actions import create_user

    actions.admit(person("C9", "Mai Văn Chín", birth_date=D(1995, 1, 1)), tree["GC"], D(2023, 1, 2))
    user = create_user("xem", tree["U1"], "viewer", "Mat-khau-rat-dai-2024!", validate_password=False)
    result = rules.collect(user, day=D(2024, 6, 1))
    assert result.probation == []
    assert {a.org_id for a in result.small_cells} == {tree["C1"].id, tree["C2"].id}
