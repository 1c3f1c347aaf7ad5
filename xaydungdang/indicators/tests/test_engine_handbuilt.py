"""Every indicator against a small dataset whose answers were worked out by hand.

The dataset holds the traps: an organization dissolved before the date (GX), one founded after
it (GN), a move in the middle of the period (GM from U1 to U2 on 1/7/2023), events on the first
and last day, a member transferred out and back (m12), an expulsion (a discipline, m15).
Expected figures are written out below with the reasoning, not computed.
"""

import datetime as dt

import pytest

from xaydungdang.activities import actions as activities
from xaydungdang.admissions import actions as admissions
from xaydungdang.conftest import person
from xaydungdang.indicators import engine
from xaydungdang.indicators.keys import KEYS, NULLABLE_KEYS
from xaydungdang.inspections import actions as inspections
from xaydungdang.members import actions as members
from xaydungdang.organizations import actions as org
from xaydungdang.organizations.models import Locality
from xaydungdang.reviews import actions as reviews

D = dt.date
Y2023 = (D(2023, 1, 1), D(2023, 12, 31))


def _opening(no, cell, as_of=D(2019, 1, 1), **kw):
    data = person(no, **({"joined_on": D(2010, 1, 1), "official_on": D(2011, 1, 1)} | kw))
    return members.enter_member(data, entry="opening", cell=cell, on=as_of)


@pytest.fixture
def world(db):
    o = {}
    o["P"] = org.found("P", "Đảng bộ tỉnh", "provincial", None, D(2015, 1, 1))
    o["U1"] = org.found("U1", "Huyện Một", "upper", o["P"], D(2015, 1, 1))
    o["U2"] = org.found("U2", "Huyện Hai", "upper", o["P"], D(2015, 1, 1))
    o["G1"] = org.found("G1", "Đảng bộ xã Một", "grassroots_committee", o["U1"], D(2015, 1, 1))
    o["C1"] = org.found("C1", "Chi bộ ấp 1", "cell", o["G1"], D(2015, 1, 1))
    o["C2"] = org.found("C2", "Chi bộ ấp 2", "cell", o["G1"], D(2015, 1, 1))
    o["S1"] = org.found("S1", "Đảng bộ bộ phận", "sub_committee", o["G1"], D(2015, 1, 1))
    o["C3"] = org.found("C3", "Chi bộ ấp 3", "cell", o["S1"], D(2015, 1, 1))
    o["GC"] = org.found("GC", "Chi bộ Trường", "grassroots_cell", o["U2"], D(2015, 1, 1))
    o["GX"] = org.found("GX", "Chi bộ giải thể", "grassroots_cell", o["U2"], D(2015, 1, 1))
    o["GM"] = org.found("GM", "Chi bộ được chuyển", "grassroots_cell", o["U1"], D(2015, 1, 1))
    o["GN"] = org.found("GN", "Chi bộ mới", "grassroots_cell", o["U1"], D(2023, 9, 1))
    org.move(o["GM"], o["U2"], D(2023, 7, 1))

    m = {}
    m[1] = _opening("m1", o["C1"], gender="female", birth_date=D(1960, 1, 1))
    m[2] = _opening("m2", o["C1"], ethnicity="Khmer", religion="Phật giáo Nam tông", birth_date=D(1985, 6, 15))
    m[18] = _opening("m18", o["C1"], birth_date=D(1955, 6, 1))
    m[3] = _opening("m3", o["C2"], birth_date=D(1975, 12, 31))
    m[4] = members.enter_member(
        person("m4", birth_date=D(1993, 1, 1), joined_on=D(2022, 6, 1)), entry="opening", cell=o["C3"], on=D(2022, 6, 1)
    )
    members.recognize(m[4], D(2023, 6, 1))
    m[5] = members.admit(
        person("m5", gender="female", ethnicity="Khmer", occupation="student", birth_date=D(2003, 2, 1)),
        o["C1"],
        D(2023, 1, 1),
    )
    m[6] = members.admit(person("m6", ethnicity="Hoa", birth_date=D(1990, 1, 1)), o["GC"], D(2023, 12, 31))
    m[7] = members.admit(person("m7", gender="female", birth_date=D(1995, 1, 1)), o["GC"], D(2022, 3, 15))
    m[8] = _opening("m8", o["GM"], birth_date=D(1970, 1, 1))
    members.transfer_out(m[8], D(2023, 3, 1))
    m[9] = _opening("m9", o["GM"], birth_date=D(1971, 1, 1))
    members.strike_off(m[9], D(2023, 8, 1), "abandoned_activities")
    m[10] = _opening("m10", o["GM"], birth_date=D(1962, 1, 1))
    m[11] = _opening("m11", o["GX"], birth_date=D(1980, 1, 1))
    members.transfer(m[11], o["GC"], D(2023, 5, 1))
    org.dissolve(o["GX"], D(2023, 6, 1))
    m[12] = _opening("m12", o["C1"], birth_date=D(1970, 6, 1))
    members.transfer_out(m[12], D(2023, 2, 1))
    members.transfer_back_in(m[12], o["C2"], D(2023, 10, 1))
    m[13] = _opening("m13", o["C2"], birth_date=D(1988, 1, 1))
    members.transfer(m[13], o["GC"], D(2023, 4, 1))
    m[14] = _opening("m14", o["GC"], birth_date=D(1940, 1, 1))
    members.record_death(m[14], D(2023, 11, 11))
    m[15] = _opening("m15", o["C1"], birth_date=D(1977, 1, 1))
    m[16] = _opening("m16", o["C3"], birth_date=D(1950, 1, 1))
    members.record_event(m[16], "away_started", D(2022, 5, 1))
    members.record_event(m[16], "exempted", D(2023, 2, 1))
    m[17] = members.enter_member(
        person("m17", birth_date=D(1999, 1, 1), joined_on=D(2020, 1, 1), official_on=D(2021, 1, 1)),
        entry="transferred_in",
        cell=o["GN"],
        on=D(2023, 9, 15),
    )

    def subject(x):
        if isinstance(x, int):
            return {"subject_type": "member", "subject_member_id": m[x].id}
        return {"subject_type": "org", "subject_org_id": o[x].id}

    inspections.record_discipline(
        {"decided_by_id": o["G1"].id, **subject(15), "level": "expulsion", "decided_on": D(2023, 9, 9)}
    )
    inspections.record_discipline(
        {"decided_by_id": o["P"].id, **subject(13), "level": "warning", "decided_on": D(2023, 6, 1)}
    )
    inspections.record_discipline(
        {"decided_by_id": o["U2"].id, **subject("GX"), "level": "reprimand", "decided_on": D(2023, 2, 1)}
    )

    for no, listed, outcome in (
        (3, D(2023, 3, 1), "progressed"),
        (13, D(2023, 2, 1), "continued"),
        (9, D(2022, 12, 15), "removed"),
        (10, D(2023, 9, 1), ""),
    ):
        reviews.record_screening(
            {
                "member_id": m[no].id,
                "listed_on": listed,
                "outcome": outcome,
                "outcome_on": listed + dt.timedelta(days=60) if outcome else None,
            }
        )
    for no, level in ((1, "excellent"), (2, "good"), (3, "good"), (12, "good"), (10, "complete"), (13, "incomplete")):
        reviews.record_rating({"year": 2023, **subject(no), "level": level})
    for code, level, year in (
        ("G1", "excellent", 2023),
        ("GC", "good", 2023),
        ("GM", "complete", 2023),
        ("GM", "good", 2022),
        ("C1", "good", 2023),
    ):
        reviews.record_rating({"year": year, **subject(code), "level": level})

    for owner, kind, subj, started in (
        ("U1", "inspection", "G1", D(2023, 4, 1)),
        ("G1", "supervision", 1, D(2023, 5, 5)),
        ("P", "inspection", "U2", D(2023, 12, 31)),
        ("GM", "supervision", 10, D(2023, 3, 1)),
    ):
        inspections.record_inspection({"org_id": o[owner].id, "kind": kind, **subject(subj), "started_on": started})

    for owner, kind, day, people in (
        ("U1", "resolution_study", D(2023, 3, 1), 100),
        ("U1", "resolution_study", D(2023, 12, 31), 50),
        ("G1", "thematic", D(2023, 1, 1), 30),
        ("GM", "party_awareness", D(2023, 8, 1), 10),
        ("U1", "resolution_study", D(2022, 5, 5), 40),
    ):
        activities.record_class({"org_id": o[owner].id, "kind": kind, "started_on": day, "participants": people})
    activities.record_dialogue({"org_id": o["P"].id, "held_on": D(2023, 6, 6), "cases": 12})
    activities.record_dialogue({"org_id": o["U1"].id, "held_on": D(2023, 7, 7), "cases": 5})
    for owner, dtype, conc, review in (
        ("P", "plan", "05-NQ/TW", False),
        ("P", "plan", "06-NQ/TW", False),
        ("P", "regulation", "22-QĐ/TW", False),
        ("P", "report", "", True),
        ("P", "plan", "", False),
        ("U1", "program", "01-CTr/TU", False),
    ):
        activities.record_document(
            {"org_id": o[owner].id, "type": dtype, "issued_on": D(2023, 4, 4), "concretizes": conc, "is_review": review}
        )
    activities.record_award(
        {"granted_by_id": o["P"].id, **subject("G1"), "award": "certificate_of_merit", "granted_on": D(2023, 9, 2)}
    )
    activities.record_award(
        {"granted_by_id": o["P"].id, **subject(1), "award": "commendation", "granted_on": D(2023, 9, 2)}
    )
    activities.record_award(
        {"granted_by_id": o["U2"].id, **subject(13), "award": "commendation", "granted_on": D(2023, 9, 3)}
    )
    activities.record_cadre_action({"org_id": o["P"].id, "kind": "personnel", "on": D(2023, 2, 2), "count": 3})
    activities.record_cadre_action({"org_id": o["P"].id, "kind": "training", "on": D(2023, 3, 3), "count": 10})
    activities.record_cadre_action({"org_id": o["U1"].id, "kind": "planning", "on": D(2023, 3, 3), "count": 1})
    admissions.set_target({"org_id": o["P"].id, "period": "2023", "value": 2})
    admissions.set_target({"org_id": o["U1"].id, "period": "2023", "value": 1})
    admissions.set_target({"org_id": o["P"].id, "period": "2020-2025", "value": 50})
    admissions.set_target({"org_id": o["U2"].id, "period": "2020-2025", "value": 10})

    lp = Locality.objects.create(code="LP", name="Tỉnh", kind="other", org=o["P"])
    x1 = Locality.objects.create(code="X1", name="Xã Một", kind="commune", parent=lp, org=o["G1"])
    x2 = Locality.objects.create(code="X2", name="Xã Hai", kind="commune", parent=lp)
    Locality.objects.create(code="V1", name="Ấp 1", kind="village", parent=x1, org=o["C1"])
    Locality.objects.create(code="V2", name="Ấp 2", kind="village", parent=x1)
    Locality.objects.create(code="V3", name="Ấp 3", kind="village", parent=x2, org=o["GX"])
    Locality.objects.create(code="SC", name="Trường", kind="school", parent=x2, org=o["GC"])
    o["P"].locality = lp
    o["P"].save()
    from xaydungdang.organizations.tree import invalidate

    invalidate()
    return o, m


def expect(**nonzero):
    """All keys zero (or None where nullable and absent) except those given (dots as __)."""
    values = {key: (None if key in NULLABLE_KEYS else 0) for key in KEYS}
    for key, value in nonzero.items():
        values[key.replace("__", ".").replace(".dot.", ".")] = value
    return values


U1_2023 = expect(
    **{
        "orgs.direct_committees": 1,
        "orgs.direct_committees_grassroots": 1,
        "orgs.grassroots": 2,
        "orgs.grassroots_committees": 1,
        "orgs.grassroots_cells": 1,
        "orgs.sub_committees": 1,
        "orgs.subordinate_cells": 3,
        "orgs.cells_below_3_official": 3,
        "members.total": 9,
        "members.official": 8,
        "members.probationary": 1,
        "members.female": 2,
        "members.ethnic_minority": 2,
        "members.religious": 1,
        "members.exempt": 1,
        "members.away": 1,
        "members.age.upto_30": 3,
        "members.age.31_40": 1,
        "members.age.41_50": 1,
        "members.age.51_60": 1,
        "members.age.61_70": 2,
        "members.age.over_70": 1,
        "members.net_change": -3,
        "admissions.total": 1,
        "admissions.female": 1,
        "admissions.ethnic_minority": 1,
        "admissions.students": 1,
        "admissions.target": 1,
        "admissions.target_pct": 100.0,
        "probation.recognized": 1,
        "transfers.in": 2,
        "transfers.out": 3,
        "removals.total": 1,
        "removals.expelled": 1,
        "screening.listed": 2,
        "screening.progressed": 1,
        "screening.continued": 1,
        "ratings.members.excellent": 1,
        "ratings.members.good": 3,
        "ratings.members.rated": 4,
        "ratings.members.good_or_better_pct": 100.0,
        "ratings.grassroots.excellent": 1,
        "ratings.grassroots.rated": 1,
        "ratings.grassroots.good_or_better_pct": 100.0,
        "inspection.orgs": 1,
        "inspection.members": 2,
        "inspection.inspection": 1,
        "inspection.supervision": 2,
        "own.inspection.orgs": 1,
        "own.inspection.inspection": 1,
        "discipline.members.total": 1,
        "discipline.members.expulsion": 1,
        "education.resolution_study.classes": 2,
        "education.resolution_study.participants": 150,
        "education.thematic.classes": 1,
        "education.thematic.participants": 30,
        "own.education.resolution_study.classes": 2,
        "own.education.resolution_study.participants": 150,
        "dialogues.sessions": 1,
        "dialogues.cases": 5,
        "own.dialogues.sessions": 1,
        "own.dialogues.cases": 5,
        "documents.concretized.total": 1,
        "documents.concretized.program": 1,
        "own.documents.concretized.total": 1,
        "own.documents.concretized.program": 1,
        "cadre.planning": 1,
        "own.cadre.planning": 1,
    }
)

U2_2023 = expect(
    **{
        "orgs.grassroots": 2,
        "orgs.grassroots_cells": 2,
        "orgs.cells_below_3_official": 2,
        "members.total": 5,
        "members.official": 3,
        "members.probationary": 2,
        "members.female": 1,
        "members.ethnic_minority": 1,
        "members.age.upto_30": 1,
        "members.age.31_40": 2,
        "members.age.41_50": 1,
        "members.age.61_70": 1,
        "members.net_change": 2,
        "probation.due": 1,
        "admissions.total": 1,
        "admissions.ethnic_minority": 1,
        "transfers.in": 1,
        "removals.total": 2,
        "removals.struck_off": 1,
        "removals.died": 1,
        "removals.abandoned_activities": 1,
        "screening.listed": 1,
        "screening.pending": 1,
        "ratings.members.complete": 1,
        "ratings.members.incomplete": 1,
        "ratings.members.rated": 2,
        "ratings.members.good_or_better_pct": 0.0,
        "ratings.grassroots.good": 1,
        "ratings.grassroots.complete": 1,
        "ratings.grassroots.rated": 2,
        "ratings.grassroots.good_or_better_pct": 50.0,
        "discipline.members.total": 1,
        "discipline.members.warning": 1,
        "discipline.orgs.total": 1,
        "education.party_awareness.classes": 1,
        "education.party_awareness.participants": 10,
        "awards.members": 1,
        "own.awards.members": 1,
    }
)

P_2023 = expect(
    **{
        "orgs.direct_committees": 2,
        "orgs.grassroots": 4,
        "orgs.grassroots_committees": 1,
        "orgs.grassroots_cells": 3,
        "orgs.sub_committees": 1,
        "orgs.subordinate_cells": 3,
        "orgs.cells_below_3_official": 5,
        "members.total": 14,
        "members.official": 11,
        "members.probationary": 3,
        "members.female": 3,
        "members.ethnic_minority": 3,
        "members.religious": 1,
        "members.exempt": 1,
        "members.away": 1,
        "members.age.upto_30": 4,
        "members.age.31_40": 3,
        "members.age.41_50": 2,
        "members.age.51_60": 1,
        "members.age.61_70": 3,
        "members.age.over_70": 1,
        "members.net_change": -1,
        "probation.due": 1,
        "admissions.total": 2,
        "admissions.female": 1,
        "admissions.ethnic_minority": 2,
        "admissions.students": 1,
        "admissions.target": 2,
        "admissions.target_pct": 100.0,
        "probation.recognized": 1,
        "transfers.in": 2,
        "transfers.out": 2,
        "removals.total": 3,
        "removals.struck_off": 1,
        "removals.died": 1,
        "removals.expelled": 1,
        "removals.abandoned_activities": 1,
        "screening.listed": 3,
        "screening.progressed": 1,
        "screening.continued": 1,
        "screening.pending": 1,
        "ratings.members.excellent": 1,
        "ratings.members.good": 3,
        "ratings.members.complete": 1,
        "ratings.members.incomplete": 1,
        "ratings.members.rated": 6,
        "ratings.members.good_or_better_pct": 66.67,
        "ratings.grassroots.excellent": 1,
        "ratings.grassroots.good": 1,
        "ratings.grassroots.complete": 1,
        "ratings.grassroots.rated": 3,
        "ratings.grassroots.good_or_better_pct": 66.67,
        "inspection.orgs": 2,
        "inspection.members": 2,
        "inspection.inspection": 2,
        "inspection.supervision": 2,
        "own.inspection.orgs": 1,
        "own.inspection.inspection": 1,
        "discipline.members.total": 2,
        "discipline.members.warning": 1,
        "discipline.members.expulsion": 1,
        "discipline.orgs.total": 1,
        "education.resolution_study.classes": 2,
        "education.resolution_study.participants": 150,
        "education.thematic.classes": 1,
        "education.thematic.participants": 30,
        "education.party_awareness.classes": 1,
        "education.party_awareness.participants": 10,
        "dialogues.sessions": 2,
        "dialogues.cases": 17,
        "own.dialogues.sessions": 1,
        "own.dialogues.cases": 12,
        "documents.concretized.total": 4,
        "documents.concretized.plan": 2,
        "documents.concretized.regulation": 1,
        "documents.concretized.program": 1,
        "documents.reviews": 1,
        "own.documents.concretized.total": 3,
        "own.documents.concretized.plan": 2,
        "own.documents.concretized.regulation": 1,
        "own.documents.reviews": 1,
        "awards.orgs": 1,
        "awards.members": 2,
        "own.awards.orgs": 1,
        "own.awards.members": 1,
        "cadre.personnel": 3,
        "cadre.training": 10,
        "cadre.planning": 1,
        "own.cadre.personnel": 3,
        "own.cadre.training": 10,
        "coverage.communes": 2,
        "coverage.communes_with_committee": 1,
        "coverage.communes_with_committee_pct": 50.0,
        "coverage.villages": 3,
        "coverage.villages_with_cell": 1,
        "coverage.villages_with_cell_pct": 33.33,
        "coverage.localities_without_org": 3,
    }
)


def _diff(actual: dict, expected: dict) -> dict:
    return {k: (actual[k], expected[k]) for k in KEYS if actual[k] != expected[k]}


@pytest.mark.parametrize("code,expected", [("U1", U1_2023), ("U2", U2_2023), ("P", P_2023)])
def test_every_indicator_for_2023(world, code, expected):
    assert _diff(engine.compute(code, *Y2023), expected) == {}


def test_report_data_annex_and_previous_year(world):
    data = engine.report_data("P", *Y2023)
    # The annex in Vietnamese order of the names: Huyện Hai before Huyện Một.
    assert [row["org"]["code"] for row in data["annex"]] == ["U2", "U1"]
    assert _diff(data["annex"][1]["indicators"], U1_2023) == {}
    assert _diff(data["annex"][0]["indicators"], U2_2023) == {}
    previous = data["previous"]["indicators"]
    assert data["previous"]["period"] == {"from": "2022-01-01", "to": "2022-12-31"}
    # 31/12/2022: C1 m1 m2 m12 m15 m18, C2 m3 m13, C3 m4 m16, GM m8 m9 m10, GC m7 m14, GX m11.
    assert previous["members.total"] == 15
    assert previous["admissions.total"] == 1  # m7 on 15/3/2022
    assert previous["screening.listed"] == 1 and previous["screening.removed"] == 1
    assert previous["ratings.grassroots.good"] == 1  # GM, owned by U1 on 31/12/2022
    assert previous["education.resolution_study.participants"] == 40
    assert previous["admissions.target"] is None
    spec = engine.spec_json(data)
    assert set(spec) >= {"org", "period", "indicators"} and spec["org"] == {"code": "P", "name": "Đảng bộ tỉnh"}


def test_tree_of_an_earlier_date(world):
    """Before the move GM belongs to U1; before its founding GN is not counted; GX is gone since 1/6."""
    u1 = engine.compute("U1", D(2023, 1, 1), D(2023, 6, 30))
    u2 = engine.compute("U2", D(2023, 1, 1), D(2023, 6, 30))
    # 30/6/2023: U1 has C1 (m1 m2 m5 m15 m18), C2 (m3), C3 (m4 m16), GM (m9 m10: m9 leaves on 1/8) -> 10.
    assert u1["members.total"] == 10
    assert u1["orgs.grassroots_cells"] == 1  # GM only; GN founded 1/9/2023
    assert u1["removals.total"] == 0  # m9 was struck off on 1/8, m15 expelled on 9/9
    # U2: GC (m7 m11 m13 m14); GX dissolved on 1/6/2023.
    assert u2["members.total"] == 4 and u2["orgs.grassroots_cells"] == 1


def test_member_totals_for_navigator(world):
    totals = engine.members_at([world[0]["P"].id, world[0]["U1"].id, world[0]["U2"].id], D(2023, 12, 31))
    assert list(totals.values()) == [14, 9, 5]


def test_unknown_org_and_reversed_period(world):
    from xaydungdang.core.errors import DomainError

    with pytest.raises(DomainError):
        engine.compute("NOPE", *Y2023)
    with pytest.raises(DomainError):
        engine.compute("P", D(2023, 12, 31), D(2023, 1, 1))


def test_series_and_limitations(world):
    data = engine.report_data("P", *Y2023)
    years = data["series"]["years"]
    # Opening balances are dated 1/1/2019, so earlier year-ends are empty and dropped.
    assert [(y["year"], y["members"], y["admissions"], y["target"]) for y in years] == [
        (2019, 13, 0, None),
        (2020, 13, 0, None),
        (2021, 13, 0, None),
        (2022, 15, 1, None),
        (2023, 14, 2, 2),
    ]
    assert data["series"]["age"]["upto_30"] == {"male": 2, "female": 2}  # m4 m17 / m5 m7
    assert data["series"]["ratings"]["members"] == {"excellent": 1, "good": 3, "complete": 1, "incomplete": 1}
    limits = data["limitations"]
    assert [c["code"] for c in limits["cells_below_3"]] == ["C2", "C3", "GC", "GM", "GN"]
    assert limits["probation_overdue"] == 1  # m7: twelve months ended 15/3/2023
    assert [loc["code"] for loc in limits["localities_without_org"]] == ["V2", "V3", "X2"]


@pytest.mark.parametrize(
    "period",
    [Y2023, (D(2023, 5, 1), D(2023, 8, 31)), (D(2019, 1, 1), D(2024, 6, 30)), (D(2019, 1, 1), D(2019, 12, 31))],
)
def test_limiting_queries_to_a_subtree_changes_no_figure(world, monkeypatch, period):
    """For a small subtree the engine filters every query by owner; the figures must be those
    of the full scan, for every organization, across the move of GM and the dissolution of GX."""
    codes = [o.code for o in world[0].values()]
    monkeypatch.setattr(engine, "OWNER_FILTER_SHARE", 0.0)  # never filter
    unfiltered = {code: engine.report_data(code, *period) for code in codes}
    monkeypatch.setattr(engine, "OWNER_FILTER_SHARE", 1.0)  # always filter
    for code in codes:
        filtered = engine.report_data(code, *period)
        assert filtered == unfiltered[code], code
