"""The generated tables in memory: calibration, rules, realism, determinism."""

import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter, defaultdict

import pytest

from xaydungdang.core.dates import add_months
from xaydungdang.demo import plan
from xaydungdang.demo.generator import DEFAULT_SEED, generate, generate_parts
from xaydungdang.demo.geography import DISTRICTS
from xaydungdang.demo.tests.conftest import TODAY
from xaydungdang.demo.tests.counting import (
    events,
    members_at,
    minority,
    orgs_at,
    presence,
)
from xaydungdang.members.lifecycle import EXPELLED, Facts, OrgLookup, Step, replay
from xaydungdang.organizations.rules import MoveRecord, OrgRecord, check_tree

pytestmark = pytest.mark.slow  # generating the demo province (session fixture) takes ~10 s
D = dt.date
Y2023 = (D(2023, 1, 1), D(2023, 12, 31))


def test_plan_windows_add_up():
    windows = plan.windows(TODAY)
    assert windows[0].start == plan.FIRST_EVENT_DAY and windows[-1].end == TODAY
    for before, after in itertools.pairwise(windows):
        assert after.start == before.end + dt.timedelta(days=1)
    year_2023 = [w for w in windows if w.start.year == 2023]
    assert sum(w.counts["admitted"] for w in year_2023) == 2051
    term = [w for w in windows if w.start >= plan.TERM_START and w.end <= plan.TERM_REPORT_DAY]
    assert 6900 <= sum(w.counts["admitted"] for w in term) <= 6999
    assert sum(w.minority for w in term) > 1800
    assert plan.opening_count(TODAY) + sum(plan.net(w) for w in windows if w.end <= plan.CALIBRATION_DAY) == 48_879


def test_calibration_2023(st_tables):
    t = st_tables
    assert members_at(t, D(2023, 12, 31)) == 48_879
    assert orgs_at(t, D(2023, 12, 31), "grassroots_committee") == 231
    assert orgs_at(t, D(2023, 12, 31), "grassroots_cell") == 413
    assert len(events(t, "admitted", *Y2023)) == 2051
    targets = [r for r in t["targets"] if r["org_code"] == "ST" and r["period"] == "2023"]
    assert [r["value"] for r in targets] == [2050]
    # The upper committees' shares add up to the province's target.
    assert sum(r["value"] for r in t["targets"] if r["period"] == "2023" and r["org_code"] != "ST") == 2050


def test_screening_2023_and_its_removals(demo_tables):
    t = demo_tables
    listed = [r for r in t["screenings"] if r["listed_on"].year == 2023]
    assert len(listed) == 79
    assert Counter(r["outcome"] for r in listed) == {"progressed": 37, "continued": 23, "removed": 19}
    removed = {r["member_no"]: r["outcome_on"] for r in listed if r["outcome"] == "removed"}
    abandoned = [
        e
        for e in t["member_events"]
        if e["type"] in ("struck_off", "dismissed") and e["reason"] == "abandoned_activities" and e["on"].year == 2023
    ]
    assert {e["member_no"]: e["on"] for e in abandoned} == removed


def test_province_own_work_2023(demo_tables):
    docs = [d for d in demo_tables["documents"] if d["org_code"] == "ST" and d["issued_on"].year == 2023]
    concretized = Counter(d["type"] for d in docs if d["concretizes"])
    assert concretized == {"program": 1, "regulation": 7, "decision": 1, "conclusion": 1, "plan": 7, "project": 3}
    assert sum(1 for d in docs if d["is_review"] == "yes") == 21
    cadre = defaultdict(int)
    for row in demo_tables["cadre_actions"]:
        if row["org_code"] == "ST" and row["on"].year == 2023:
            cadre[row["kind"]] += row["count"]
    assert cadre["personnel"] == 69 and cadre["training"] == 1363
    # Every concretized document came after the one it puts into effect.
    from xaydungdang.demo.activities import CENTRAL_BY_NO

    for d in docs:
        if d["concretizes"] in CENTRAL_BY_NO:
            assert d["issued_on"] > CENTRAL_BY_NO[d["concretizes"]][1]


def test_term_figures(st_tables):
    t = st_tables
    admitted = events(t, "admitted", plan.TERM_START, plan.TERM_REPORT_DAY)
    assert 6900 <= len(admitted) <= 6999
    assert minority(t, [e["member_no"] for e in admitted]) > 1800
    assert 48_500 <= members_at(t, plan.TERM_REPORT_DAY) < 49_000  # "gần 49.000 đảng viên"


def _lookup(tables):
    orgs = {o["code"]: o for o in tables["organizations"]}

    def exists_on(code, day):
        o = orgs.get(code)
        return o is not None and o["established_on"] <= day and (o["dissolved_on"] is None or day < o["dissolved_on"])

    return OrgLookup(
        is_cell=lambda code: code in orgs and orgs[code]["kind"] in ("cell", "grassroots_cell"),
        exists_on=exists_on,
        dissolved_on=lambda code: orgs[code]["dissolved_on"],
        label=str,
    )


def test_tree_rules(demo_tables):
    t = demo_tables
    records = {
        o["code"]: OrgRecord(o["code"], o["name"], o["kind"], o["parent_code"], o["established_on"], o["dissolved_on"])
        for o in t["organizations"]
    }
    moves = defaultdict(list)
    for m in t["org_moves"]:
        moves[m["code"]].append(MoveRecord(m["code"], m["new_parent_code"], m["moved_on"]))
    assert check_tree(records, moves, TODAY).problems == []
    # One top organization per dataset (the interchange contract): the city, then the three it took over.
    assert [o["code"] for o in t["organizations"] if o["parent_code"] is None] == ["CT", "ST", "HG", "CTO"]
    assert len({o["code"] for o in t["organizations"]}) == len(t["organizations"])


@pytest.fixture(scope="module")
def replayed(demo_tables):
    """Every member's history replayed by members/lifecycle.py: member_no -> Result."""
    t = demo_tables
    lookup = _lookup(t)
    steps = defaultdict(list)
    for m in t["members"]:
        if m["org_code"]:
            steps[m["member_no"]].append(Step(("open", m["member_no"]), "opening", m["as_of"], m["org_code"]))
    for i, e in enumerate(t["member_events"]):
        steps[e["member_no"]].append(Step(i, e["type"], e["on"], e["org_code"], e["reason"] or "", e["decided_on"]))
    for d in t["disciplines"]:
        if d["level"] == "expulsion":
            steps[d["subject"]].append(Step(("x", d["subject"]), EXPELLED, d["decided_on"]))
    results = {}
    for m in t["members"]:
        ordered = sorted(steps[m["member_no"]], key=lambda s: (s.on, 1 if s.type == EXPELLED else 0))
        facts = Facts(m["member_no"], m["birth_date"], m["joined_on"], m["official_on"])
        results[m["member_no"]] = replay(facts, ordered, lookup, TODAY)
    return results


def test_every_history_passes_the_lifecycle_rules(replayed):
    problems = [(no, p.message) for no, r in replayed.items() for _, p in r.problems]
    assert problems == []


def test_admission_ages_and_recognitions(demo_tables):
    t = demo_tables
    members = {m["member_no"]: m for m in t["members"]}
    # Kết nạp lại (spec/forms.md): a second admission after a removal, with a new probation;
    # joined_on keeps the first admission.
    readmitted = {
        e["member_no"]
        for e in t["member_events"]
        if e["type"] == "admitted" and e["on"] != members[e["member_no"]]["joined_on"]
    }
    assert 0 < len(readmitted) < 100
    for e in t["member_events"]:
        m = members[e["member_no"]]
        if m["member_no"] in readmitted:
            continue
        if e["type"] == "admitted":
            months = (e["on"].year - m["birth_date"].year) * 12 + e["on"].month - m["birth_date"].month
            assert 216 <= months <= 721
            assert e["on"] == m["joined_on"]
        elif e["type"] == "recognized_official":
            assert e["on"] == add_months(m["joined_on"], 12) == m["official_on"]
            assert e["decided_on"] is None or e["decided_on"] > e["on"]
    late = [e for e in t["member_events"] if e["type"] == "recognized_official" and e["decided_on"]]
    assert late, "some recognitions are decided after the twelve months (and still take effect then)"


def test_badges_follow_party_age(demo_tables):
    """Each badge of the demo is for a milestone its party age had reached on the day, counted as
    members/partyage.py counts it (the gaps between a removal and a return left out); one per milestone."""
    from xaydungdang.members import partyage

    t = demo_tables
    joined = {m["member_no"]: m["joined_on"] for m in t["members"]}
    steps = defaultdict(list)
    for e in t["member_events"]:
        steps[e["member_no"]].append((e["type"], e["on"]))
    expelled = {d["subject"]: d["decided_on"] for d in t["disciplines"] if d["level"] == "expulsion"}
    for no, day in expelled.items():
        steps[no].append((EXPELLED, day))
    badges = [e for e in t["member_events"] if e["type"] == "badge_awarded"]
    assert badges
    seen = set()
    for e in badges:
        years = partyage.badge_years(e["reason"])
        age = partyage.membership(joined[e["member_no"]], steps[e["member_no"]]).age(e["on"])
        assert years is not None and age.years >= years, (e["member_no"], e["on"], years, age)
        assert (e["member_no"], years) not in seen
        seen.add((e["member_no"], years))


def test_discipline_levels_fit_the_status(demo_tables, replayed):
    for d in demo_tables["disciplines"]:
        if d["subject_type"] != "member":
            assert d["level"] in ("reprimand", "warning")
            continue
        spans = replayed[d["subject"]].spans
        day = d["decided_on"] - dt.timedelta(days=1) if d["level"] == "expulsion" else d["decided_on"]
        official = any(s.official for s in spans if s.start <= day and (s.end is None or day < s.end))
        if not official:
            assert d["level"] in ("reprimand", "warning")
    levels = Counter(d["level"] for d in demo_tables["disciplines"])
    assert set(levels) == {"reprimand", "warning", "dismissal", "expulsion"}


def test_one_rating_per_subject_and_year(demo_tables):
    keys = Counter((r["subject_type"], r["subject"], r["year"]) for r in demo_tables["ratings"])
    assert keys and max(keys.values()) == 1


def test_ratings_respect_the_excellent_cap(demo_tables):
    groups = defaultdict(Counter)
    for r in demo_tables["ratings"]:
        groups[(r["year"], r["subject_type"], r["rated_by"])][r["level"]] += 1
    for counts in groups.values():
        assert counts["excellent"] <= 0.2 * (counts["excellent"] + counts["good"])
    members_2023 = Counter(
        r["level"] for r in demo_tables["ratings"] if r["year"] == 2023 and r["subject_type"] == "member"
    )
    rated = sum(members_2023.values())
    assert 0.08 < members_2023["excellent"] / rated < 0.16
    assert 0.65 < members_2023["good"] / rated < 0.82
    assert members_2023["incomplete"] / rated < 0.04
    assert {r["year"] for r in demo_tables["ratings"]} == set(range(2019, TODAY.year))


def test_reorganization_of_2025(demo_tables):
    t = demo_tables
    day = plan.REORGANIZATION_DAY
    orgs = {o["code"]: o for o in t["organizations"]}
    districts = [orgs[f"ST.{d.key}"] for d in DISTRICTS]
    assert all(o["dissolved_on"] == day and o["kind"] == "upper" for o in districts)
    new = [o for o in t["organizations"] if o["kind"] == "upper" and o["established_on"] == day]
    ours = [o for o in new if o["code"].startswith("ST.")]
    assert len(ours) == sum(len(d.merged) for d in DISTRICTS)
    # The commune-level committees, Sóc Trăng's and the neighbours', are founded under the city.
    assert all(o["parent_code"] == "CT" and o["name"].startswith(("Đảng bộ xã ", "Đảng bộ phường ")) for o in new)
    assert {m["moved_on"] for m in t["org_moves"]} == {plan.KHOI_END_DAY, day}
    new_codes = {o["code"] for o in new}
    on_the_day = [m for m in t["org_moves"] if m["moved_on"] == day]
    assert {m["new_parent_code"] for m in on_the_day} <= new_codes | {"ST.QS", "CT"}
    # Every commune committee now hangs under a commune-level committee.
    moved = {m["code"] for m in on_the_day}
    communes = [o for o in t["organizations"] if re.fullmatch(r"(ST|HG|CTO)\.[A-Z]+\.X\d\d", o["code"])]
    assert len(communes) == 109 + 26 + 24 and all(o["code"] in moved for o in communes)
    # Plus Quân sự, Công an and the Khối's two successors.
    assert orgs_at(t, TODAY, "upper") == len(new) + 4


def test_khoi_replaced_early_in_2025(demo_tables):
    t = demo_tables
    day = plan.KHOI_END_DAY
    orgs = {o["code"]: o for o in t["organizations"]}
    assert orgs["ST.KCQ"]["dissolved_on"] == day
    for code, name in (("ST.CQD", "Đảng bộ các cơ quan Đảng tỉnh"), ("ST.UB", "Đảng bộ Ủy ban nhân dân tỉnh")):
        assert (orgs[code]["name"], orgs[code]["kind"], orgs[code]["parent_code"]) == (name, "upper", "ST")
        assert orgs[code]["established_on"] == day and orgs[code]["dissolved_on"] is None
    moves = {m["code"]: m["new_parent_code"] for m in t["org_moves"] if m["moved_on"] == day}
    children = [o for o in t["organizations"] if o["parent_code"] == "ST.KCQ"]
    assert len(children) > 100 and all(o["code"] in moves for o in children)
    by_kind = defaultdict(set)
    for o in children:
        by_kind[moves[o["code"]]].add(o["unit_type"])
    # Party and mass bodies (and the court, the procuracy, the party's paper and school) to the
    # party bodies' organization; state agencies, public services and enterprises to the government's.
    assert "party_mass" in by_kind["ST.CQD"] and "party_mass" not in by_kind["ST.UB"]
    assert {"state_100", "joint_stock", "public_service"} <= by_kind["ST.UB"]
    assert moves["ST.KCQ.D01"] == "ST.CQD"  # Đảng bộ Cơ quan Tỉnh ủy
    # A cell founded after the Khối's end is founded under its successor.
    later = [o for o in t["organizations"] if o["code"].startswith("ST.KCQ.") and o["established_on"] > day]
    assert later and all(o["parent_code"] == "ST.UB" for o in later)


def test_city_takes_over_on_1_july_2025(demo_tables):
    t = demo_tables
    day = plan.CITY_DAY
    orgs = {o["code"]: o for o in t["organizations"]}
    assert (orgs["CT"]["name"], orgs["CT"]["kind"], orgs["CT"]["established_on"]) == (
        "Đảng bộ thành phố Cần Thơ",
        "provincial",
        day,
    )
    assert all(orgs[code]["dissolved_on"] == day for code in ("ST", "HG", "CTO"))
    # Nothing stays under the three dissolved provincial organizations.
    parent = {o["code"]: o["parent_code"] for o in t["organizations"]}
    for m in sorted(t["org_moves"], key=lambda m: m["moved_on"]):
        parent[m["code"]] = m["new_parent_code"]
    alive = [o for o in t["organizations"] if o["dissolved_on"] is None]
    assert alive and not [o["code"] for o in alive if parent[o["code"]] in ("ST", "HG", "CTO")]
    assert {parent[o["code"]] for o in alive if o["kind"] == "upper"} == {"CT"}


def test_the_neighbours_are_small_and_local(demo_parts):
    parts = dict(demo_parts)
    for code, place, prefix in (("HG", "tỉnh Hậu Giang", "093"), ("CTO", "thành phố Cần Thơ", "092")):
        t = parts[code]
        assert 2000 < members_at(t, D(2025, 6, 30)) < 5000
        assert 2000 < members_at(t, TODAY) < 5000
        home = [m for m in t["members"] if m["as_of"] or m["national_id"].startswith(prefix)]
        assert all(m["residence"].endswith(place) for m in home)
        assert sum(m["national_id"].startswith(prefix) for m in home) / len(home) > 0.95
        types = Counter(e["type"] for e in t["member_events"])
        assert min(types[k] for k in ("admitted", "recognized_official", "transferred", "died", "transferred_in")) > 50
        assert {r["year"] for r in t["ratings"]} == set(range(2019, TODAY.year))


def test_material_for_alerts(demo_tables, replayed):
    t = demo_tables
    official = Counter()
    for r in replayed.values():
        for s in r.spans:
            if s.official and s.start <= TODAY and (s.end is None or TODAY < s.end):
                official[s.cell_id] += 1
    cells = [
        o["code"]
        for o in t["organizations"]
        if o["kind"] in ("cell", "grassroots_cell") and o["established_on"] <= TODAY and o["dissolved_on"] is None
    ]
    assert 3 <= sum(1 for c in cells if official[c] < 3) <= 30
    # Probation overdue, members away for long, pending screening, "trắng" localities.
    recognized = {e["member_no"] for e in t["member_events"] if e["type"] == "recognized_official"}
    gone = {no for no, (_, end) in presence(t).items() if end is not None}
    overdue = [
        e
        for e in t["member_events"]
        if e["type"] == "admitted"
        and e["member_no"] not in recognized
        and e["member_no"] not in gone
        and add_months(e["on"], 12) < TODAY - dt.timedelta(days=45)
    ]
    assert 3 <= len(overdue) <= 60
    ended = {e["member_no"] for e in t["member_events"] if e["type"] == "away_ended"}
    long_away = [
        e
        for e in t["member_events"]
        if e["type"] == "away_started"
        and e["member_no"] not in ended
        and e["member_no"] not in gone
        and e["on"] < TODAY - dt.timedelta(days=365)
    ]
    assert len(long_away) > 50
    assert any(not r["outcome"] for r in t["screenings"])
    assert sum(1 for loc in t["localities"] if loc["org_code"] is None and loc["kind"] == "village") >= 1


def test_people_look_like_soc_trang(st_tables):
    members = st_tables["members"]
    ethnicity = Counter(m["ethnicity"] for m in members)
    assert set(ethnicity) == {"Kinh", "Khmer", "Hoa"}
    assert 0.12 < ethnicity["Khmer"] / len(members) < 0.35
    assert all(unicodedata.is_normalized("NFC", m["full_name"]) for m in members)
    assert all(re.fullmatch(r"\d{12}", m["national_id"]) for m in members)
    assert len({m["national_id"] for m in members}) == len(members)
    assert len({m["member_no"] for m in members}) == len(members)
    home = [m for m in members if m["member_no"].startswith("ST")]
    assert sum(m["national_id"].startswith("094") for m in home) / len(home) > 0.85
    khmer = [m for m in members if m["ethnicity"] == "Khmer"]
    assert Counter(m["full_name"].split()[0] for m in khmer).most_common(1)[0][0] == "Thạch"
    assert sum(m["religion"] == "Phật giáo Nam tông Khmer" for m in khmer) / len(khmer) > 0.4
    assert all(m["residence"].endswith("tỉnh Sóc Trăng") for m in home)
    names = {m["full_name"] for m in members}
    assert {"Nguyễn", "Thạch", "Sơn", "Quách"} <= {n.split()[0] for n in names}
    students = [e for e in events(st_tables, "admitted", *Y2023)]
    occupations = Counter(m["occupation"] for m in members if m["member_no"] in {e["member_no"] for e in students})
    assert occupations["student"] > 0 and occupations["farmer"] > 0


def test_same_seed_same_tables(demo_tables):
    assert generate(DEFAULT_SEED, TODAY) == demo_tables


def test_other_seed_other_people_same_figures(demo_tables):
    parts = generate_parts(7, TODAY)
    other = dict(parts)["ST"]  # the calibrated province
    assert [m["full_name"] for m in other["members"][:200]] != [m["full_name"] for m in demo_tables["members"][:200]]
    assert {m["national_id"] for m in other["members"]} != {m["national_id"] for m in demo_tables["members"]}
    assert members_at(other, D(2023, 12, 31)) == 48_879
    assert orgs_at(other, D(2023, 12, 31), "grassroots_committee") == 231
    assert orgs_at(other, D(2023, 12, 31), "grassroots_cell") == 413
    assert len(events(other, "admitted", *Y2023)) == 2051
    listed = [r for r in other["screenings"] if r["listed_on"].year == 2023]
    assert Counter(r["outcome"] for r in listed) == {"progressed": 37, "continued": 23, "removed": 19}
    term = events(other, "admitted", plan.TERM_START, plan.TERM_REPORT_DAY)
    assert 6900 <= len(term) <= 6999 and minority(other, [e["member_no"] for e in term]) > 1800
