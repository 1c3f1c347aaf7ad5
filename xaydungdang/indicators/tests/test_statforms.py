"""The statistical forms (spec/forms.md) on a hand-built history: every figure computed by hand here.

The tree: province P with districts U1 (commune committee G1 > cells C1, C2) and U2 (ward committee
G2 > cell C3; grassroots cell GC); another province Q (district QU > grassroots cell QC). On
1/7/2025 the districts go (the 2025 reorganization): G1, G2 and GC move directly under P and U1, U2
are dissolved.
"""

import datetime as dt
import json

import pytest

from xaydungdang.activities import actions as activities
from xaydungdang.cli import main
from xaydungdang.conftest import person
from xaydungdang.indicators import engine, statforms
from xaydungdang.inspections import actions as inspections
from xaydungdang.members import actions as members
from xaydungdang.members.models import Member, MemberChange
from xaydungdang.members.testing import set_member_row
from xaydungdang.organizations import actions as org
from xaydungdang.organizations.models import Organization, TemporaryArrival

D = dt.date
OPEN = D(2023, 12, 31)


@pytest.fixture
def world(db):
    P = org.found("P", "Đảng bộ tỉnh Thử", "provincial", None, D(2015, 1, 1))
    U1 = org.found("U1", "Đảng bộ huyện Một", "upper", P, D(2015, 1, 1))
    U2 = org.found("U2", "Đảng bộ huyện Hai", "upper", P, D(2015, 1, 1))
    G1 = org.found("G1", "Đảng bộ xã Một", "grassroots_committee", U1, D(2015, 1, 1))
    C1 = org.found("C1", "Chi bộ ấp Một", "cell", G1, D(2015, 1, 1))
    C2 = org.found("C2", "Chi bộ ấp Hai", "cell", G1, D(2015, 1, 1))
    G2 = org.found("G2", "Đảng bộ phường Hai", "grassroots_committee", U2, D(2015, 1, 1))
    C3 = org.found("C3", "Chi bộ khóm Ba", "cell", G2, D(2015, 1, 1))
    GC = org.found("GC", "Chi bộ Công ty Cổ phần", "grassroots_cell", U2, D(2015, 1, 1))
    Q = org.found("Q", "Đảng bộ tỉnh Khác", "provincial", None, D(2015, 1, 1))
    QU = org.found("QU", "Đảng bộ huyện Khác", "upper", Q, D(2015, 1, 1))
    QC = org.found("QC", "Chi bộ xã Khác", "grassroots_cell", QU, D(2015, 1, 1))
    for code, unit_type in (("G1", "commune"), ("G2", "ward"), ("GC", "joint_stock"), ("QC", "commune")):
        Organization.objects.filter(code=code).update(unit_type=unit_type)
    o = {x.code: x for x in (P, U1, U2, G1, C1, C2, G2, C3, GC, Q, QU, QC)}

    def opening(no, cell, **extra):
        data = person(no, joined_on=D(2016, 1, 1), official_on=D(2017, 1, 1)) | extra
        return members.enter_member(data, entry="opening", cell=cell, on=OPEN)

    m = {}
    m[1] = opening("M1", C1, gender="female", ethnicity="Khơ-me", religion="Phật giáo Hòa Hảo")
    m[2] = opening("M2", C2, occupation="farmer", general_education="12/12", qualification="bachelor")
    m[5] = opening("M5", C3)
    m[6] = opening("M6", C1)
    m[9] = opening("M9", C2)
    m[10] = opening("M10", GC)
    m[11] = opening("M11", C3)
    m[3] = members.admit(
        person("M3", gender="female", ethnicity="Hoa", occupation="student", birth_date=D(2000, 1, 1)),
        C1,
        D(2024, 3, 10),
    )
    m[4] = members.admit(person("M4", occupation="farmer", birth_date=D(1985, 6, 15)), GC, D(2024, 5, 1))
    # The member actions do not take the forms' new attributes yet: set on the row directly.
    set_member_row(m[4], youth_union_from=D(2000, 1, 1))
    members.record_event(m[2], "transferred", D(2024, 4, 1), org=C1)  # inside G1
    members.record_event(m[5], "transferred", D(2024, 6, 1), org=C1)  # U2 -> U1
    members.record_event(m[6], "transferred", D(2024, 7, 1), org=QC)  # to the other province
    in_data = {"joined_on": D(2010, 1, 1), "official_on": D(2011, 1, 1)}
    m[7] = members.enter_member(person("M7") | in_data, entry="transferred_in", cell=C2, on=D(2024, 8, 1))
    m[8] = members.enter_member(person("M8") | in_data, entry="transferred_in", cell=C2, on=D(2024, 8, 2))
    m[7].events.filter(type="transferred_in").update(counterpart="other_province")
    m[8].events.filter(type="transferred_in").update(counterpart="same_province")
    members.record_event(m[9], "died", D(2024, 9, 1))
    members.record_event(m[3], "struck_off", D(2024, 10, 1), reason="abandoned_activities")
    members.record_event(m[10], "dismissed", D(2024, 11, 1), reason="own_request")
    inspections.record_discipline(
        {
            "decided_by_id": G2.id,
            "subject_type": "member",
            "subject_member_id": m[11].id,
            "level": "expulsion",
            "decided_on": D(2024, 11, 15),
        }
    )
    MemberChange.objects.create(member=m[2], field="occupation", value="retired", on=D(2024, 6, 1))
    members.record_event(m[2], "card_issued", D(2024, 2, 2), reason="12345678")  # a card number (8 digits)
    activities.record_award(
        {
            "granted_by_id": P.id,
            "subject_type": "org",
            "subject_org_id": G1.id,
            "award": "flag",
            "granted_on": D(2024, 5, 5),
        }
    )
    activities.record_award(
        {
            "granted_by_id": P.id,
            "subject_type": "member",
            "subject_member_id": m[1].id,
            "award": "certificate_of_merit",
            "granted_on": D(2024, 5, 6),
        }
    )
    TemporaryArrival.objects.create(org=C1, on=D(2024, 5, 5), full_name="Trần Văn Khách", home_org="Tỉnh khác")
    # 2025: one transfer before the reorganization, the reorganization, one after.
    members.record_event(m[4], "transferred", D(2025, 3, 1), org=C2)  # GC (U2) -> C2 (U1)
    for code in ("G1", "G2", "GC"):
        org.move(Organization.objects.get(code=code), P, D(2025, 7, 1))
    for code in ("U1", "U2"):
        org.dissolve(Organization.objects.get(code=code), D(2025, 7, 1))
    members.record_event(Member.objects.get(pk=m[1].pk), "transferred", D(2025, 8, 1), org=C3)  # G1 -> G2
    return o, m


def values(form: dict) -> dict:
    return {row["code"]: row["values"] for row in form["rows"]}


def current(form: dict) -> dict:
    return {code: v["current"] for code, v in values(form).items()}


def test_form1_by_hand_province_and_districts(world):
    f1 = statforms.compute_forms("P", "2024", ["1"])[0]
    got = current(f1)
    expected = {"A": 7, "B1": 2, "B2a": 1, "B2b": 2, "B2": 3, "B3": 0, "B": 5, "C1": 1, "C2": 1, "C3": 1, "C3x": 1}
    expected |= {"C4": 1, "C5a": 1, "C5b": 1, "C5": 2, "C": 6, "D": 6}
    assert {k: got[k] for k in expected} == expected
    # District U1: C1, C2 (m1, m2, m6, m9 at the start); m5 arrives from U2 (b), m7 (a), m8 (b); m3 admitted.
    u1 = current(statforms.compute_forms("U1", "2024", ["1"])[0])
    assert (u1["A"], u1["B1"], u1["B2a"], u1["B2b"], u1["C5a"], u1["C5b"], u1["D"]) == (4, 1, 1, 2, 1, 0, 5)
    u2 = current(statforms.compute_forms("U2", "2024", ["1"])[0])
    assert (u2["A"], u2["B1"], u2["C5b"], u2["C2"], u2["C4"], u2["D"]) == (3, 1, 1, 1, 1, 1)
    # A cell (home = the cell): m2's move inside G1 counts at C1, not at G1.
    assert current(statforms.compute_forms("C1", "2024", ["1"])[0])["B2b"] == 2  # m2 and m5
    assert current(statforms.compute_forms("G1", "2024", ["1"])[0])["B2b"] == 2  # m5 and m8


def test_form1_across_the_reorganization(world):
    got = current(statforms.compute_forms("P", "2025", ["1"])[0])
    # Before 1/7/2025 the homes are the districts (GC -> C2 changes district), after it the grassroots.
    assert (got["A"], got["B2b"], got["C5b"], got["D"]) == (6, 2, 2, 6)
    assert got["D"] == got["A"] + got["B"] - got["C"]


def test_forms_equal_the_report(world):
    for code in ("P", "U1", "U2", "G1", "C1", "GC"):
        report = engine.compute(code, D(2024, 1, 1), D(2024, 12, 31))
        before = engine.compute(code, D(2023, 1, 1), D(2023, 12, 31))
        forms = {f["form"]: current(f) for f in statforms.compute_forms(code, "2024", ["1", "2", "3"])}
        assert forms["1"]["D"] == report["members.total"] == forms["3"]["I"]
        assert forms["1"]["A"] == before["members.total"]
        assert forms["1"]["B1"] == report["admissions.total"] == forms["2"]["I"]
        assert forms["1"]["C1"] == report["removals.died"]
        assert forms["1"]["C2"] == report["removals.expelled"]
        assert forms["1"]["C3"] == report["removals.struck_off"]
        assert forms["1"]["C4"] == report["removals.dismissed"]
        assert forms["3"]["I.female"] == report["members.female"]
        assert forms["3"]["I.probationary"] == report["members.probationary"]
        assert forms["3"]["I.minority"] == report["members.ethnic_minority"]


def test_form2_by_hand(world):
    got = current(statforms.compute_forms("P", "2024", ["2"])[0])
    assert (got["I"], got["I.female"], got["I.minority"], got["I.youth_union"], got["I.readmitted"]) == (2, 1, 1, 1, 0)
    assert (got["II.1"], got["II.1.10"], got["II.1.08"], got["II.1.07"]) == (2, 1, 1, 0)
    assert (got["II.2.18_30"], got["II.2.36_40"], got["II.2.avg"]) == (1, 1, 31.0)  # ages 24 and 38
    assert (got["III.1"], got["III.1.admitted"], got["III.2"], got["III.2.admitted"]) == (2, 1, 1, 1)


def test_form3_and_4_by_hand(world):
    f3, f4 = statforms.compute_forms("P", "2024", ["3", "4"])
    got = current(f3)
    assert (got["I"], got["I.female"], got["I.probationary"], got["I.minority"], got["I.religious"]) == (6, 1, 1, 1, 1)
    assert (got["I.youth_union"], got["II.1.b"], got["II.1.a.08"], got["II.1.a"]) == (1, 1, 1, 1)  # m2 retired
    assert (got["II.4.upper_secondary"], got["II.5.bachelor"], got["II.3.after_1975"]) == (1, 1, 6)
    previous = {code: v["previous"] for code, v in values(f3).items()}
    assert previous["I"] == 7  # the list at 31/12/2023
    rows = values(f4)
    assert rows["I"] == {"total": 6, "female": 1, "pct": 100.0}
    assert rows["I.05"] == {"total": 1, "female": 1, "pct": 16.67}
    assert rows["I.01"] == {"total": 5, "female": 0, "pct": 83.33}
    assert rows["II"]["total"] == 1 and rows["II.3"]["pct"] == 100.0 and rows["II.1"]["total"] == 0
    assert f4["columns"] == ["total", "female", "pct"]


def test_form5_by_hand(world):
    rows = values(statforms.compute_forms("P", "2024", ["5"])[0])
    assert rows["01"] == {
        "grassroots": 1,
        "committees": 1,
        "cells": 0,
        "sub_committees": 0,
        "subordinate_cells": 2,
        "members": 5,
    }  # fmt: skip  (m1, m2, m5 in C1; m7, m8 in C2)
    assert rows["02"]["grassroots"] == 1 and rows["02"]["members"] == 0  # m5 left C3, m11 expelled
    assert rows["09b1"]["cells"] == 1 and rows["09b"]["cells"] == 1 and rows["09"]["cells"] == 1
    assert rows["09b1"]["members"] == 1  # m4
    assert rows["total"]["grassroots"] == 3 and rows["total"]["members"] == 6
    assert rows["11"]["grassroots"] == 0


def test_form7_by_hand(world):
    got = current(statforms.compute_forms("P", "2024", ["7"])[0])
    assert (got["I.1.b"], got["I.1.b.flag"], got["I.1.a"], got["I.2"], got["I.2.merit"]) == (1, 1, 0, 1, 1)
    assert (got["III.1"], got["IV.1.in"], got["IV.2.out"], got["IV.2.in"]) == (1, 1, 2, 3)


def test_contract_shape_and_pct(world):
    forms = statforms.compute_forms("P", "2024")
    assert [f["form"] for f in forms] == ["1", "2", "3", "4", "5", "7"]
    from xaydungdang.indicators import formrows

    for f in forms:
        assert [r["code"] for r in f["rows"]] == [c for c, _l in formrows.ROWS[f["form"]]]
        assert f["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
        assert set(f) >= {"form", "title", "org", "period", "previous", "columns", "rows"}
    f1 = values(forms[0])
    assert f1["A"] == {"current": 7, "previous": 0, "pct": None}  # nothing before 31/12/2023
    assert statforms.pct(2, 3) == 66.67 and statforms.pct(1, 8) == 12.5 and statforms.pct(1, 0) is None
    assert statforms.pct(0.125, 100) == 0.13  # half up
    assert statforms.period_range("2024-9M") == (D(2024, 1, 1), D(2024, 9, 30))
    assert statforms.previous_range(D(2024, 1, 1), D(2024, 6, 30)) == (D(2023, 1, 1), D(2023, 6, 30))


def test_behind_names_the_records_counted(world):
    for form in ("1", "2", "3", "7"):
        f = statforms.compute_forms("P", "2024", [form])[0]
        for row in f["rows"]:
            if row["code"].endswith("avg"):
                continue
            found = statforms.behind("P", "2024", form, row["code"], "current")
            assert len(found.ids) == row["values"]["current"], (form, row["code"])
    assert statforms.behind("P", "2024", "1", "D", "current").kind == "members"
    b1 = statforms.behind("P", "2024", "1", "B1", "current")
    assert b1.kind == "events" and sorted(b1.member_ids) == sorted(
        Member.objects.filter(member_no__in=["M3", "M4"]).values_list("id", flat=True)
    )
    five = statforms.behind("P", "2024", "5", "01", "subordinate_cells")
    assert five.kind == "organizations" and len(five.ids) == 2


def test_command_json_and_errors(world, capsys):
    assert main(["forms", "--org", "P", "--period", "2024", "--form", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["form"] == "1" and data["title"] == "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN"
    assert main(["forms", "--org", "P", "--period", "2024-Q5"]) == 1
    assert "Kỳ báo cáo" in capsys.readouterr().err
    assert main(["forms", "--org", "NOPE", "--period", "2024"]) == 1
    assert main(["forms", "--org", "P", "--period", "2024", "--form", "6"]) == 1
    assert "biểu số" in capsys.readouterr().err.lower()
    assert main(["forms", "--period", "2024"]) == 2
    assert main(["forms", "--org", "P", "--period", "2024", "--form", "1", "--form", "3"]) == 0
    assert [f["form"] for f in json.loads(capsys.readouterr().out)] == ["1", "3"]


def test_readmission_counts_in_b1_like_the_report(tree):
    member = members.admit(person("R1"), tree["C1"], D(2020, 3, 1))
    members.record_event(member, "struck_off", D(2022, 5, 1), reason="abandoned_activities")
    members.record_event(Member.objects.get(pk=member.pk), "admitted", D(2024, 4, 1), org=tree["C2"])
    f1, f2 = (current(f) for f in statforms.compute_forms("P", "2024", ["1", "2"]))
    report = engine.compute("P", D(2024, 1, 1), D(2024, 12, 31))
    assert f1["B1"] == f2["I"] == f2["I.readmitted"] == report["admissions.total"] == 1
    assert f1["D"] == f1["A"] + f1["B"] - f1["C"] == 1
