"""A badge's milestone in the statistical forms (Biểu 7, rows II.x) and in the drilldown behind them is
read as members/partyage.py reads it: an empty reason (the interchange allows it) counts in the row of
the milestone the party age reached on the day; a reason with spaces or leading zeros in its own row."""

import datetime as dt

from xaydungdang.conftest import person
from xaydungdang.indicators import statforms
from xaydungdang.indicators.tests.test_statforms import current, world  # noqa: F401  (the fixture)
from xaydungdang.members import actions as members
from xaydungdang.members.models import MemberEvent
from xaydungdang.reports import drilldown

D = dt.date


def _veteran(no, cell, joined_on, badge_on, reason):
    official_on = joined_on.replace(year=joined_on.year + 1)
    data = person(no, birth_date=D(1950, 1, 1), joined_on=joined_on, official_on=official_on)
    member = members.enter_member(data, entry="opening", cell=cell, on=D(2023, 12, 31))
    event = members.record_event(member, "badge_awarded", badge_on, reason="30")
    # As an import may store it (the actions write the digits): the reason exactly as given.
    MemberEvent.objects.filter(pk=event.pk).update(reason=reason)
    return member


def test_a_badge_without_a_milestone_counts_in_the_row_its_party_age_reached(world, django_user_model):  # noqa: F811
    o, _m = world
    _veteran("V1", o["C1"], D(1994, 1, 1), D(2024, 2, 3), "")  # 30 years and a month on 3/2/2024
    _veteran("V2", o["C2"], D(1984, 1, 1), D(2024, 5, 19), " 040 ")
    got = current(statforms.compute_forms("P", "2024", ["7"])[0])
    assert (got["II.30"], got["II.40"], got["II.45"]) == (1, 1, 0)

    admin = django_user_model.objects.create_superuser("quantri_badge", password="x")
    labels = {
        code: [row["what"] for row in drilldown.behind_rows(admin, "P", "2024", "7", code, "current").rows]
        for code in ("II.30", "II.40")
    }
    assert labels == {"II.30": ["Trao Huy hiệu Đảng 30 năm"], "II.40": ["Trao Huy hiệu Đảng 40 năm"]}
