"""A committee's alert counts are the sums of its direct units' when those are cached
(alerts/cache.py): the same numbers as its own lists, and a write recomputes one unit only."""

import pytest
from django.core.cache import cache

from xaydungdang.alerts import cache as alert_cache
from xaydungdang.alerts import rules
from xaydungdang.conftest import person
from xaydungdang.core.dates import today
from xaydungdang.members import actions
from xaydungdang.web.tests.conftest import people, users  # noqa: F401  (fixtures)

REAL_COLLECT = rules.collect


@pytest.fixture
def collected(monkeypatch):
    """The roots whose alert lists were collected (a cache miss)."""
    calls = []

    def spy(user, root_org_id=None, day=None):
        calls.append(root_org_id)
        return REAL_COLLECT(user, root_org_id, day)

    monkeypatch.setattr(rules, "collect", spy)
    cache.clear()
    return calls


@pytest.mark.parametrize("viewer", ["admin", "staff_p"])
def test_counts_add_up_from_the_units_and_a_write_recomputes_one_unit(users, people, tree, collected, viewer):
    user = users[viewer]
    P, U1, U2 = tree["P"].id, tree["U1"].id, tree["U2"].id
    assert sorted(alert_cache.units_to_compose(P)) == sorted([U1, U2])
    assert alert_cache.units_to_compose(tree["G1"].id) == []  # a committee of cells: collected at once
    assert alert_cache.units_to_compose(tree["C1"].id) == []

    for unit in (U1, U2):
        alert_cache.alert_counts_for(user, unit)
    collected.clear()
    composed = alert_cache.alert_counts_for(user, P)
    assert collected == []  # added up, not collected
    assert composed == REAL_COLLECT(user, P).counts()
    assert composed["small_cells"] >= 2 and composed["total"] >= 2  # C2 (1 member) and GC (2) at least

    for no, name in (("M200", "Võ Văn Mới"), ("M201", "Lý Văn Mới")):
        actions.enter_member(person(no, name), entry="opening", cell=tree["C2"], on=today())
    collected.clear()
    after = alert_cache.alert_counts_for(user, P)
    assert collected == [tree["G1"].id]  # C2's commune only (U1 adds up G1; U2 still cached)
    assert after == REAL_COLLECT(user, P).counts()


def test_without_the_units_cached_the_committee_is_collected_whole(users, people, tree, collected):
    user = users["admin"]
    counts = alert_cache.alert_counts_for(user, tree["P"].id)
    assert counts == REAL_COLLECT(user, tree["P"].id).counts()
    # two units missing is few enough to compose: U2 (cells only) is collected, U1 adds up G1's
    assert sorted(collected) == sorted([tree["G1"].id, tree["U2"].id])
