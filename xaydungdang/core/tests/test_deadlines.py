"""core/deadlines.py: the registry every reminder reads (providers, scope, order, buckets)."""

import datetime as dt

import pytest

from xaydungdang.core import deadlines
from xaydungdang.core.deadlines import Deadline

D = dt.date


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(deadlines, "_PROVIDERS", {})
    monkeypatch.setattr(deadlines, "KIND_LABELS", {})
    return deadlines


def test_open_deadlines_merges_providers_sorted_by_due_day(registry):
    seen = []

    def first(scope):
        seen.append(scope)
        yield Deadline("k1", D(2026, 3, 5), "cơ sở 1", member_no="2", subject="B")
        yield Deadline("k1", D(2026, 1, 5), "cơ sở 2", member_no="1", subject="A")

    registry.register("k1", "Loại một", first)
    registry.register("k2", "Loại hai", lambda scope: [Deadline("k2", D(2026, 2, 1), "cơ sở 3", org_code="X")])
    found = registry.open_deadlines(on=D(2026, 2, 1), root_org_id=None)
    assert [d.due_on for d in found] == [D(2026, 1, 5), D(2026, 2, 1), D(2026, 3, 5)]
    assert found[0].overdue(D(2026, 2, 1)) and not found[1].overdue(D(2026, 2, 1))
    assert found[1].label == "Loại hai"
    assert seen[0].on == D(2026, 2, 1) and seen[0].org_ids is None and seen[0].user is None
    assert registry.open_deadlines(on=D(2026, 2, 1), root_org_id=None, kinds=["k2"])[0].kind == "k2"


def test_buckets():
    on = D(2026, 3, 1)
    due = {n: Deadline("k", on + dt.timedelta(days=n), "") for n in (-1, 0, 7, 8, 30, 31)}
    assert {n: deadlines.bucket(d, on) for n, d in due.items()} == {
        -1: "overdue",
        0: "week",
        7: "week",
        8: "month",
        30: "month",
        31: "later",
    }
    groups = deadlines.grouped(due.values(), on)
    assert [(code, len(items)) for code, _label, items in groups] == [
        ("overdue", 1),
        ("week", 2),
        ("month", 2),
        ("later", 1),
    ]


def test_the_scope_is_the_subtree_on_the_day(tree):
    scope = deadlines.make_scope(on=D(2025, 1, 1), root_org_id=tree["G1"].id)
    assert scope.org_ids == {tree["G1"].id, tree["C1"].id, tree["C2"].id}
    assert scope.covers(tree["C1"].id) and not scope.covers(tree["GC"].id)
    from xaydungdang.organizations.models import Organization

    assert set(scope.restrict(Organization.objects.all()).values_list("code", flat=True)) == {"G1", "C1", "C2"}
