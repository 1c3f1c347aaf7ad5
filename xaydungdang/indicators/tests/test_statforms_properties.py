"""Identities of the statistical forms (spec/forms.md) on random histories built through the actions
(the engine's property worlds: a province, two districts, communes, cells; with and without a move).

* D = A + B − C for every organization when the tree does not change, for the top one always;
* a province's additive rows are the sums of its direct children's (its districts);
* Form 1 D = the report's members.total, A = members.total the day before, B1 = admissions.total;
  Form 2 I = Form 1 B1; Form 3 I = Form 1 D; Form 4 I = Form 3 I and II = Form 3 I.religious.
"""

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from xaydungdang.core.context import Actor, acting_as
from xaydungdang.indicators import engine, statforms
from xaydungdang.indicators.tests.test_engine_properties import PHASES, build_world
from xaydungdang.organizations.tree import load_tree

EXAMPLES = max(1, int(os.environ.get("XDD_HYPOTHESIS_EXAMPLES", "12")) // 3)
PERIODS = ("2019", "2020-H1", "2021-9M", "2022-Q1", "2023", "2024", "2025-H1")
ADDITIVE = ("A", "D", "B1", "B2", "B2a", "B2b", "B3", "C1", "C2", "C3", "C3x", "C4", "C5", "C5a", "C5b")


def _current(form: dict) -> dict:
    return {row["code"]: row["values"]["current"] for row in form["rows"]}


def _balanced(f1: dict) -> bool:
    return f1["D"] == f1["A"] + f1["B"] - f1["C"]


class FormsProperties(TestCase):
    def setUp(self):
        self._actor = acting_as(Actor(via="test"))
        self._actor.__enter__()

    def tearDown(self):
        self._actor.__exit__(None, None, None)

    def _forms(self, code, period):
        return {f["form"]: f for f in statforms.compute_forms(code, period, ["1", "2", "3", "4"])}

    @settings(max_examples=EXAMPLES, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.integers(0, 10**6), period=st.sampled_from(PERIODS))
    def test_identities_without_moves(self, seed, period):
        build_world(seed, with_move=False)
        start, end = statforms.period_range(period)
        tree = load_tree()
        results = {}
        for org_id, info in tree.orgs.items():
            forms = self._forms(info.code, period)
            f1, f2, f3 = (_current(forms[n]) for n in ("1", "2", "3"))
            f4 = {row["code"]: row["values"] for row in forms["4"]["rows"]}
            results[org_id] = f1
            assert _balanced(f1), (info.code, period, f1)
            report = engine.compute(org_id, start, end)
            before = engine.compute(org_id, start - dt.timedelta(days=1), start - dt.timedelta(days=1))
            assert f1["D"] == report["members.total"] == f3["I"] == f4["I"]["total"]
            assert f1["A"] == before["members.total"]
            assert f1["B1"] == report["admissions.total"] == f2["I"]
            assert f4["II"]["total"] == f3["I.religious"]
            assert f3["I.female"] == report["members.female"] == f4["I"]["female"]
        top = tree.by_code["P"]
        children = tree.snapshot(end).direct_children(top)
        for key in ADDITIVE:
            assert results[top][key] == sum(results[c][key] for c in children), key

    @settings(max_examples=EXAMPLES, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.integers(0, 10**6), period=st.sampled_from(PERIODS))
    def test_top_balances_and_equals_the_report_with_moves(self, seed, period):
        build_world(seed, with_move=True)
        start, end = statforms.period_range(period)
        for code in ("P", "U0", "U1"):
            f1 = _current(self._forms(code, period)["1"])
            report = engine.compute(code, start, end)
            assert f1["D"] == report["members.total"] and f1["B1"] == report["admissions.total"]
            if code == "P":
                assert _balanced(f1), f1
