"""Figures are cached per organization subtree (web/cache.py): a write touches only its
organizations and their ancestors, and the figures stay exact."""

import datetime as dt

import pytest
from django.core.cache import cache

from xaydungdang.conftest import person
from xaydungdang.core import audit, transactions
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.cache import data_version
from xaydungdang.core.dates import today
from xaydungdang.indicators import cache as figure_cache
from xaydungdang.indicators import engine
from xaydungdang.members import actions
from xaydungdang.web.tests.conftest import people, users  # noqa: F401  (fixtures)

CODES = ("P", "U1", "G1", "U2", "GC")


@pytest.fixture
def computed(monkeypatch):
    """The organizations whose figures the engine computed (a cache miss), in order."""
    calls = []
    real = engine.report_data

    def spy(org_code, *args, **kwargs):
        calls.append(org_code)
        return real(org_code, *args, **kwargs)

    monkeypatch.setattr(engine, "report_data", spy)
    cache.clear()
    return calls


def members_total(code):
    year = today().year
    data = figure_cache.report_data(code, dt.date(year, 1, 1), dt.date(year, 12, 31))
    return data["indicators"]["members.total"]


def totals():
    return {code: members_total(code) for code in CODES}


def test_a_write_in_one_commune_leaves_the_others_warm_and_updates_its_ancestors(people, tree, computed):
    before = totals()
    assert sorted(computed) == sorted(CODES)
    computed.clear()
    assert totals() == before and computed == []  # all warm

    actions.enter_member(person("M100", "Võ Văn Mới"), entry="opening", cell=tree["C1"], on=today())

    after = totals()
    assert sorted(computed) == ["G1", "P", "U1"]  # C1's commune and its ancestors, nothing else
    assert after == before | {"P": before["P"] + 1, "U1": before["U1"] + 1, "G1": before["G1"] + 1}


def test_a_transfer_touches_both_sides(people, tree, computed):
    before = totals()
    computed.clear()
    actions.transfer(people["an"], tree["GC"], today())
    after = totals()
    assert sorted(computed) == sorted(CODES)  # G1 (from) and GC (to), and every ancestor of both
    assert after["G1"] == before["G1"] - 1 and after["GC"] == before["GC"] + 1 and after["P"] == before["P"]


def test_a_write_about_no_organization_changes_every_version(tree):
    versions = {code: data_version(tree[code].id) for code in CODES}
    with transactions.action_transaction():
        audit.record(AuditAction.INTERCHANGE_IMPORT, model="interchange.dataset", object_repr="x")
    assert all(data_version(tree[code].id) != versions[code] for code in CODES)


def test_reads_and_rolled_back_writes_change_no_version(tree, users):
    versions = {code: data_version(tree[code].id) for code in CODES}
    audit.record(AuditAction.REPORT_VIEW, org_id=tree["G1"].id)
    with pytest.raises(RuntimeError), transactions.action_transaction():
        audit.record(AuditAction.MEMBER_UPDATE, org_id=tree["G1"].id)
        raise RuntimeError("refused")
    assert {code: data_version(tree[code].id) for code in CODES} == versions


def test_the_dashboard_shows_the_new_figure_after_a_write(client, users, people, tree):
    from django.urls import reverse

    cache.clear()
    client.force_login(users["admin"])
    url = reverse("web:org_detail", args=["G1"])
    assert client.get(url).context["members_now"] == 4
    actions.enter_member(person("M101", "Lý Thị Mới", gender="female"), entry="opening", cell=tree["C2"], on=today())
    response = client.get(url)
    assert response.context["members_now"] == 5 and members_total("G1") == 5
    assert {c["code"]: c["members"] for c in response.context["children"]} == {"C1": 3, "C2": 2}


def test_the_warmer_computes_home_dashboards_and_again_only_after_a_write_in_them(users, people, tree, computed):
    from xaydungdang.web import warm

    pairs = warm.home_pairs()
    assert (users["staff_u1"].pk, tree["U1"].id) in pairs and (users["staff_u2"].pk, tree["U2"].id) in pairs
    pairs = [(users["staff_u1"].pk, tree["U1"].id), (users["staff_u2"].pk, tree["U2"].id)]
    seen = {}
    assert warm.sweep(seen, pairs) == 2
    assert warm.sweep(seen, pairs) == 0
    computed.clear()
    assert members_total("U1") == 4 and members_total("U2") == 2 and computed == []  # the page finds them

    actions.enter_member(person("M102", "Võ Văn Mới"), entry="opening", cell=tree["C1"], on=today())
    assert warm.sweep(seen, pairs) == 1 and computed == ["U1"]
    assert members_total("U1") == 5 and computed == ["U1"]


def test_the_warmer_also_computes_the_deadlines_panel(users, people, tree, monkeypatch):
    """The dashboard's deadlines panel (thousands of open deadlines in a province) is warmed with the
    figures: after the warmer, the page's panel_for computes nothing."""
    from xaydungdang.alerts import reminders
    from xaydungdang.core import deadlines
    from xaydungdang.web import warm

    calls = []
    real = deadlines.open_deadlines

    def counting(**kwargs):
        calls.append(kwargs.get("root_org_id"))
        return real(**kwargs)

    monkeypatch.setattr(deadlines, "open_deadlines", counting)
    user = users["staff_u1"]
    assert warm.sweep({}, [(user.pk, tree["U1"].id)]) == 1
    assert calls == [tree["U1"].id]
    panel = reminders.panel_for(user, tree["U1"].id)
    assert calls == [tree["U1"].id] and panel["total"] >= 0  # found in the cache


# The dashboard's figures of a committee are counted per direct unit (indicators.engine
# Engine._partition), each unit's counts cached on the version of its subtree, and added up:
# after a write in one unit only that unit's counts (and the committee's own records) are
# counted again. They must equal one count of everything, key for key.
REAL_REPORT_DATA = engine.report_data


def exact(code):
    """The cached (added-up) figures of `code` equal one uncached count: every key of the current
    and the previous year, the chart series, the limitations."""
    year = today().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    added_up = figure_cache.report_data(code, start, end)
    once = REAL_REPORT_DATA(code, start, end, annex=False, previous=True, series=True)
    assert added_up == once, code
    return added_up


@pytest.fixture
def recounted(monkeypatch):
    """The units whose counts were counted again (a miss of indicators.cache._part_cache)."""
    calls = []
    real = figure_cache._part_cache

    def spy(items, prepare=None):
        def counting(org_id, compute):
            def count():
                calls.append(org_id)
                return compute()

            return count

        return real([(org_id, parts, counting(org_id, compute)) for org_id, parts, compute in items], prepare)

    monkeypatch.setattr(figure_cache, "_part_cache", spy)
    cache.clear()
    return calls


def test_a_committee_s_figures_added_up_from_its_units_equal_one_count_after_writes_of_every_kind(
    people, tree, recounted
):
    from xaydungdang.organizations import actions as org_actions

    for code in CODES:
        exact(code)
    this_year = today().year
    last_year = dt.date(this_year - 1, 6, 15)
    steps = [
        lambda: actions.enter_member(person("M110", "Võ Văn Mới"), entry="opening", cell=tree["C1"], on=today()),
        lambda: actions.admit(person("M111", "Lý Thị Năm", joined_on=last_year), tree["C2"], last_year),
        lambda: actions.transfer(people["an"], tree["GC"], today()),  # from U1's unit to U2's
        lambda: actions.strike_off(people["binh"], last_year, "abandoned_activities"),
        lambda: actions.record_death(people["em"], today()),
        # Before GC moves under U1 (below): a transfer out of U1 in its counts of last year; the
        # event's two cells are in two of P's and of U1's units, and counted once.
        lambda: actions.transfer(people["chau"], tree["GC"], last_year),
        lambda: org_actions.move(tree["GC"], tree["U1"], dt.date(this_year - 1, 9, 1)),  # ever under both
        lambda: actions.transfer(people["dung"], tree["GC"], today()),
    ]
    for step in steps:
        step()
        for code in CODES:
            exact(code)


def test_a_write_in_one_unit_counts_only_that_unit_again(people, tree, recounted):
    before = exact("P")
    assert sorted(recounted) == sorted([tree["U1"].id, tree["U2"].id])  # cold: every unit counted
    recounted.clear()
    assert exact("P") == before and recounted == []  # warm

    actions.enter_member(person("M120", "Võ Văn Mới"), entry="opening", cell=tree["GC"], on=today())
    after = exact("P")
    assert recounted == [tree["U2"].id]  # U1's counts came from the cache
    assert after["indicators"]["members.total"] == before["indicators"]["members.total"] + 1
