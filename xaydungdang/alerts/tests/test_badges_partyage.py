"""The badge alerts count party age by members.partyage (one definition): a gap between a removal
and a restoration moves the milestone, and a badge recorded without its years is still recognized."""

import datetime as dt

from xaydungdang.alerts import rules
from xaydungdang.conftest import person
from xaydungdang.members import actions
from xaydungdang.members.models import EventType, Member

D = dt.date


def test_badges_due_subtracts_the_gap(tree):
    gap = actions.enter_member(
        person("G1X", "Trần Văn Khoảng", birth_date=D(1950, 1, 1), joined_on=D(1985, 3, 1), official_on=D(1986, 3, 1)),
        entry="opening",
        cell=tree["C1"],
        on=D(2016, 1, 1),
    )
    actions.record_event(gap, EventType.STRUCK_OFF, D(2017, 1, 1), reason="abandoned_activities")
    actions.record_event(gap, EventType.RESTORED, D(2019, 1, 1), org=tree["C1"])
    actions.record_event(gap, EventType.BADGE_AWARDED, D(2019, 2, 3), reason="")  # 31 years then: the 30 badge
    # 2/9/2026: 41 years 6 months from joined_on, 39 years 6 months without the two years out
    day, alerts = rules.badges_due(Member.objects.all(), D(2026, 8, 1))
    assert day == D(2026, 9, 2)
    assert alerts == []
    day, alerts = rules.badges_due(Member.objects.all(), D(2027, 8, 1))  # 2/9/2027: 40 years 6 months
    assert [(a.member_id, a.extra["years"]) for a in alerts] == [(gap.id, 40)]
