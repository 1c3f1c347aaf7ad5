"""The SQL paths of compute_forms on hand-built data with traps: Form 2 counted by grouped SQL
(statforms.Computation._form2_counted) and Forms 3 and 4 by the stock scan must give, row by row,
the figures of the member-by-member path (behind's) and the figures worked out by hand."""

import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.indicators import statforms
from xaydungdang.indicators.tests.test_statforms_counting import per_member
from xaydungdang.members import actions as members
from xaydungdang.members.models import Member, MemberChange
from xaydungdang.members.testing import set_member_row
from xaydungdang.organizations.tree import load_tree

D = dt.date


def rows(form: dict) -> dict:
    return {row["code"]: row["values"] for row in form["rows"]}


@pytest.fixture
def traps(tree):
    """Admissions in 2024 (and one in 2023) with dated changes before and after the admission day,
    a voided change, a re-admission, a member transferred to the other district after admission,
    Đoàn membership ending the day before / the day after admission, and birthdays on the day."""
    C1, C2, GC = tree["C1"], tree["C2"], tree["GC"]

    def admit(no, cell, day, **extra):
        return members.admit(person(no, **extra), cell, day)

    # A: changed to worker before admission (counts as 07c), education changed after it (not read),
    # religion changed by a voided change (ignored).
    a = admit("A1", C1, D(2024, 3, 1), occupation="farmer", general_education="9/12", birth_date=D(1993, 3, 1))
    MemberChange.objects.create(member=a, field="occupation", value="worker", on=D(2024, 2, 1))
    MemberChange.objects.create(member=a, field="general_education", value="12/12", on=D(2024, 6, 1))
    voided = MemberChange.objects.create(member=a, field="religion", value="Phật giáo", on=D(2024, 1, 15))
    MemberChange.objects.filter(pk=voided.pk).update(voided_at=dt.datetime.now(dt.UTC), void_reason="nhầm")
    # B: admitted in 2020, struck off in 2022, re-admitted in 2024 (a re-admission).
    b = admit("B1", C1, D(2020, 3, 1), occupation="retired", birth_date=D(1964, 6, 1))
    members.record_event(b, "struck_off", D(2022, 5, 1), reason="abandoned_activities")
    members.record_event(Member.objects.get(pk=b.pk), "admitted", D(2024, 4, 1), org=C2)
    # C: admitted in U1, transferred to U2 after: the admission stays in U1.
    c = admit("C1", C2, D(2024, 5, 1), gender="female", ethnicity="Khmer", religion="Phật giáo Hòa Hảo")
    members.record_event(c, "transferred", D(2024, 8, 1), org=GC)
    # D: Đoàn membership ended the day before admission; 31 on the day (born on that date).
    d = admit("D1", GC, D(2024, 6, 1), birth_date=D(1993, 6, 1))
    set_member_row(
        d, youth_union_from=D(2010, 1, 1), youth_union_until=D(2024, 5, 31), qualification="vocational"
    )  # version 1's code, read as intermediate
    # E: Đoàn membership ends the day after admission; 30 on the day (31 the next day).
    e = admit("E1", GC, D(2024, 6, 1), birth_date=D(1993, 6, 2), academic_title="professor")
    set_member_row(e, youth_union_from=D(2010, 1, 1), youth_union_until=D(2024, 6, 2), business_owner=True)
    # F: a change dated on the admission day itself counts; an admission of 2023 (the previous column).
    f = admit("F1", C1, D(2023, 9, 9), occupation="student", birth_date=D(2001, 1, 1))
    MemberChange.objects.create(member=f, field="occupation", value="farmer", on=D(2023, 9, 9))
    MemberChange.objects.create(member=f, field="business_owner", value="yes", on=D(2023, 1, 1))
    set_member_row(f, family_planning_violation=True, foreign_marriage=True)
    return tree


def test_form2_counted_equals_per_member_and_hand(traps):
    tree = load_tree()
    for period in ("2024", "2024-H1", "2023", "2025"):
        for info in tree.orgs.values():
            counted = statforms.compute_forms(info.code, period)
            listed = per_member(info.code, period)
            for fast, slow in zip(counted, listed, strict=True):
                assert rows(fast) == rows(slow), (info.code, period, fast["form"])
    p = rows(statforms.compute_forms("P", "2024", ["2"])[0])
    cur = {code: v["current"] for code, v in p.items()}
    assert (cur["I"], cur["I.female"], cur["I.minority"], cur["I.religious"]) == (5, 1, 1, 1)
    assert (cur["I.youth_union"], cur["I.business_owner"], cur["I.readmitted"]) == (1, 1, 1)
    assert (cur["II.1.07c"], cur["II.1.07"], cur["II.1.08"], cur["II.1.12"]) == (1, 1, 0, 1)
    assert (cur["II.2.18_30"], cur["II.2.31_35"], cur["II.2.56_60"]) == (1, 3, 1)  # E 30; A, C, D 31-34; B 59
    assert cur["II.3.lower_secondary"] == 1  # A: 9/12 on the admission day (12/12 only from June)
    assert (cur["II.4.intermediate"], cur["II.5.professor"]) == (1, 1)
    previous = {code: v["previous"] for code, v in p.items()}
    assert (previous["I"], previous["II.1.08"], previous["I.business_owner"]) == (1, 1, 1)
    assert (previous["I.family_planning"], previous["I.foreign_marriage"]) == (1, 1)
    u1 = {code: v["current"] for code, v in rows(statforms.compute_forms("U1", "2024", ["2"])[0]).items()}
    u2 = {code: v["current"] for code, v in rows(statforms.compute_forms("U2", "2024", ["2"])[0]).items()}
    assert (u1["I"], u1["I.female"], u2["I"], u2["I.female"]) == (3, 1, 2, 0)


@pytest.fixture
def stock_traps(tree):
    """Members in the list with traps for Forms 3 and 4: a birthday on the period's last day, joining
    dates on either side of a party-age cut, Đoàn membership ending on the last day, dated changes
    on the last day and the day after, a retired member exempted mid-period, a probationary member."""
    C1, C2, GC = tree["C1"], tree["C2"], tree["GC"]

    def opening(no, cell, **extra):
        data = person(no, joined_on=D(2016, 1, 1), official_on=D(2017, 1, 1)) | extra
        return members.enter_member(data, entry="opening", cell=cell, on=D(2022, 12, 31))

    s1 = opening("S1", C1, birth_date=D(1994, 12, 31))  # 30 on 2024-12-31, 29 on 2023-12-31
    set_member_row(s1, youth_union_from=D(2010, 1, 1), youth_union_until=D(2024, 12, 31))
    s2 = opening("S2", C1, birth_date=D(1950, 1, 1), joined_on=D(1975, 5, 1), official_on=D(1976, 5, 1))
    s3 = opening("S3", C2, birth_date=D(1950, 1, 1), joined_on=D(1975, 4, 30), official_on=D(1976, 4, 30))
    MemberChange.objects.create(member=s3, field="religion", value="Công giáo", on=D(2024, 12, 31))
    MemberChange.objects.create(member=s2, field="religion", value="Công giáo", on=D(2025, 1, 1))
    s4 = opening("S4", GC, occupation="retired", ethnicity="Khmer", gender="female")
    members.record_event(s4, "exempted", D(2024, 3, 1))
    members.admit(person("S5", birth_date=D(2000, 2, 29)), GC, D(2024, 6, 1))
    return tree


def test_stock_scan_equals_per_member_and_hand(stock_traps):
    tree = load_tree()
    for period in ("2024", "2023", "2024-9M", "2025-Q1"):
        for info in tree.orgs.values():
            counted = statforms.compute_forms(info.code, period)
            listed = per_member(info.code, period)
            for fast, slow in zip(counted, listed, strict=True):
                assert rows(fast) == rows(slow), (info.code, period, fast["form"])
    f3, f4 = (rows(f) for f in statforms.compute_forms("P", "2024", ["3", "4"]))
    now = {code: v["current"] for code, v in f3.items()}
    before = {code: v["previous"] for code, v in f3.items()}
    assert (now["I"], before["I"], now["I.probationary"], before["I.probationary"]) == (5, 4, 1, 0)
    assert (now["I.youth_union"], before["I.youth_union"]) == (0, 1)  # S1's membership ends on 2024-12-31
    assert (now["I.religious"], before["I.religious"]) == (1, 0)  # S3 from 2024-12-31; S2 only from 2025
    assert (now["II.3.after_1975"], now["II.3.1954_1975"]) == (4, 1)  # S2 joined on 1975-05-01, S3 the day before
    assert (now["II.2.18_30"], before["II.2.18_30"], now["II.2.over_60"]) == (2, 1, 2)  # S1 30, S5 24; S2, S3 74
    assert (now["II.1.b"], now["II.1.b.exempt"], before["II.1.b.exempt"]) == (1, 1, 0)
    assert (f4["I"]["total"], f4["I.05"]["total"], f4["I.05"]["female"], f4["II.2"]["total"]) == (5, 1, 1, 1)


def test_an_admission_without_a_span_of_its_day_is_still_counted(tree):
    """Form 2 reads the admitted member's values from the span that starts on the admission day;
    a member admitted and removed the same day has no such span and is read from the row."""
    C1 = tree["C1"]
    g = members.admit(person("G1", gender="female", occupation="farmer", birth_date=D(1990, 1, 1)), C1, D(2024, 7, 1))
    members.record_event(g, "died", D(2024, 7, 1))
    members.admit(person("H1", occupation="worker", birth_date=D(1995, 1, 1)), C1, D(2024, 7, 2))
    assert not g.spans.filter(start=D(2024, 7, 1)).exists()
    counted = rows(statforms.compute_forms("P", "2024", ["2"])[0])
    assert counted == rows(per_member("P", "2024")[1])
    assert (counted["I"]["current"], counted["I.female"]["current"], counted["II.1.08"]["current"]) == (2, 1, 1)
