"""The engine, the data health checks and the alerts apply the same definitions (core/rules.py):
a cell with exactly three official members is fine and one with two is not; probation is
overdue the day after the thirtieth working day, in all three."""

import datetime as dt

import pytest

from xaydungdang.alerts import rules as alerts
from xaydungdang.conftest import person
from xaydungdang.core.dates import today
from xaydungdang.core.rules import probation_end, recognition_deadline
from xaydungdang.indicators import health
from xaydungdang.indicators.engine import compute, report_data
from xaydungdang.members import actions
from xaydungdang.members.models import Member

D = dt.date
pytestmark = pytest.mark.django_db


def _official(no, cell):
    return actions.enter_member(
        person(no, f"Phan Văn {no}", official_on=D(2017, 1, 1)), entry="opening", cell=cell, on=D(2017, 1, 1)
    )


def test_three_official_members_suffice_two_do_not(tree):
    for i in range(3):
        _official(f"A{i}", tree["C1"])
    for i in range(2):
        _official(f"B{i}", tree["C2"])
    for i in range(3):
        _official(f"G{i}", tree["GC"])
    # a probationary member does not make up the number
    actions.admit(person("B9", "Phan Văn Dự", birth_date=D(1995, 1, 1)), tree["C2"], D(2023, 6, 1))
    day = today()
    below = {"C2"}
    assert compute("P", D(day.year, 1, 1), day)["orgs.cells_below_3_official"] == len(below)
    data = report_data("P", D(day.year, 1, 1), day, annex=False, previous=False)
    assert {c["code"] for c in data["limitations"]["cells_below_3"]} == below
    warned = {f.where.split()[2] for f in health.run() if "đảng viên chính thức (cần ít nhất 3)" in f.message}
    assert warned == below
    cells = [tree[c].id for c in ("C1", "C2", "GC")]
    small = alerts.small_cells(cells, day, {})
    assert [a.org_id for a in small] == [tree["C2"].id] and small[0].extra["official"] == 2


def test_probation_overdue_the_day_after_the_deadline(tree):
    day = today()
    # The two joining days either side of the boundary: the deadline is today or later (in time),
    # or it was before today (overdue).
    candidates = [day - dt.timedelta(days=n) for n in range(380, 460)]
    on_time = min(j for j in candidates if recognition_deadline(probation_end(j)) >= day)
    late = max(j for j in candidates if recognition_deadline(probation_end(j)) < day)
    actions.admit(person("T1", "Mai Văn Kịp", birth_date=D(1990, 1, 1)), tree["C1"], on_time)
    actions.admit(person("T2", "Mai Văn Trễ", birth_date=D(1990, 1, 1)), tree["C1"], late)
    for i in range(3):
        _official(f"O{i}", tree["C1"])
    data = report_data("P", D(day.year, 1, 1), day, annex=False, previous=False)
    assert data["limitations"]["probation_overdue"] == 1
    warned = [f.where for f in health.run() if "quá hạn xét công nhận" in f.message]
    assert warned == ["đảng viên T2 (Mai Văn Trễ)"]
    flagged = {a.label: a.late for a in alerts.probation_due(Member.objects.all(), day)}
    assert flagged == {"Mai Văn Kịp (T1)": False, "Mai Văn Trễ (T2)": True}
