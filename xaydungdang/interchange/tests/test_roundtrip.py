"""import(export(db)) reproduces every record and every derived figure.

Hypothesis draws random valid datasets (a dated tree with moves and dissolutions, members
entering by opening balance, admission or transfer in, random valid histories with
transfers out and back, removals, expulsions, and every activity table): import them,
export, import the export into an empty database, export again: the two exports must be
identical, and so must the derived data. XDD_HYPOTHESIS_EXAMPLES sets the number of
examples (25 by default).
"""

import datetime as dt
import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xaydungdang.core.transactions import composing
from xaydungdang.inspections.models import Discipline
from xaydungdang.interchange import synth
from xaydungdang.interchange.exporter import export_path
from xaydungdang.interchange.importer import import_path, import_tables
from xaydungdang.interchange.tests.helpers import messages
from xaydungdang.interchange.tests.test_import_sample import SAMPLE
from xaydungdang.members.models import Member, MemberChange, MemberEvent, MemberSpan
from xaydungdang.reviews.models import Rating, Screening

EXAMPLES = int(os.environ.get("XDD_HYPOTHESIS_EXAMPLES", "25"))
SMALL = synth.Sizes(
    uppers=2,
    grassroots=(1, 2),
    cells=(1, 3),
    members=6,
    max_events=5,
    records=3,
    awkward_text=0.2,
    move_share=0.4,
    dissolve_share=0.3,
)


def derived() -> dict:
    """Everything the importer computes rather than reads, keyed by codes (ids differ)."""
    return {
        "spans": sorted(
            MemberSpan.objects.values_list(
                "member__member_no",
                "cell__code",
                "start",
                "end",
                "official",
                "exempt",
                "away",
                "female",
                "minority",
                "religious",
                "birth_ord",
                "joined_on",
            )
        ),
        "members": sorted(
            Member.objects.values_list(
                "member_no",
                "state",
                "status",
                "current_cell__code",
                "name_folded",
                "sort_key",
                "official_on",
                "card_no",
                "occupation",
                "qualification",
                "general_education",
                "academic_title",
                "youth_union_from",
                "youth_union_until",
                "business_owner",
                "foreign_marriage",
                "family_planning_violation",
            )
        ),
        "changes": list(
            MemberChange.objects.active()
            .order_by("member__member_no", "on", "id")
            .values_list("member__member_no", "field", "value", "on")
        ),
        "events": list(
            MemberEvent.objects.active()
            .order_by("member__member_no", "on", "id")
            .values_list("member__member_no", "type", "on", "from_cell__code", "to_cell__code")
        ),
        "cells": sorted(
            [("rating", r) for r in Rating.objects.values_list("subject_member__member_no", "year", "cell__code")]
            + [
                ("discipline", d)
                for d in Discipline.objects.values_list("subject_member__member_no", "decided_on", "cell__code")
            ]
            + [("screening", s) for s in Screening.objects.values_list("member__member_no", "listed_on", "cell__code")],
            key=repr,
        ),
    }


def exported(folder) -> dict:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}


def round_trip(load, folder, xlsx: bool):
    """`load()` fills an empty database; returns (first export, its derived data, second export, derived)."""
    first, second = folder / "first", folder / "second"
    with composing():  # load() may call actions, which join this transaction (core/transactions.py)
        load()
        export_path(first)
        if xlsx:
            export_path(folder / "first.xlsx")
        before = derived()
        transaction.set_rollback(True)
    with transaction.atomic():
        report = import_path(folder / "first.xlsx" if xlsx else first)
        assert report.ok, messages(report)
        export_path(second)
        after = derived()
        transaction.set_rollback(True)
    return exported(first), before, exported(second), after


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), xlsx=st.booleans())
def test_round_trip_of_random_datasets(db, tmp_path_factory, data, xlsx):
    tables = synth.dataset(synth.HypothesisChooser(data), SMALL)

    def load():
        report = import_tables(tables)
        assert report.ok, messages(report)

    first, before, second, after = round_trip(load, tmp_path_factory.mktemp("rt"), xlsx)
    assert second == first
    assert after == before
    assert before["members"] or not tables["members"]


def test_round_trip_of_the_sample_in_both_formats(db, tmp_path):
    def load():
        assert import_path(SAMPLE).ok

    for xlsx in (False, True):
        first, before, second, after = round_trip(load, tmp_path / str(xlsx), xlsx)
        assert second == first and after == before
    assert len(before["spans"]) > 10 and "TM001" in first["members.csv"]


def test_round_trip_of_a_larger_seeded_dataset(db, tmp_path):
    tables = synth.dataset(synth.RandomChooser(7), synth.Sizes(members=200, records=40, max_events=8))

    def load():
        assert import_tables(tables).ok

    first, before, second, after = round_trip(load, tmp_path, False)
    assert second == first and after == before
    assert first["member_events.csv"].count("\n") > 200
    # the forms' attributes travel, version-1 codes read as their successors
    assert len(before["changes"]) > 20 and "member_changes.csv" in first
    assert "civil_servant" not in first["members.csv"] and "vocational" not in first["member_changes.csv"]
    assert {m[11] for m in before["members"]} >= {"associate_professor", ""}
    assert any(m[12] for m in before["members"]) and any(m[14] for m in before["members"])


def test_round_trip_of_a_database_built_through_the_actions(db, tmp_path):
    """A history typed in through the actions (merge included) exports and re-imports."""
    from xaydungdang.conftest import person
    from xaydungdang.members import actions
    from xaydungdang.organizations import actions as org_actions

    D = dt.date
    tree = {}

    def load():
        found = org_actions.found
        tree["P"] = found("P", "Đảng bộ tỉnh Thử", "provincial", None, D(2015, 1, 1))
        tree["U1"] = found("U1", "Đảng bộ huyện Một", "upper", tree["P"], D(2015, 1, 1))
        tree["G1"] = found("G1", "Đảng bộ xã Một", "grassroots_committee", tree["U1"], D(2015, 1, 1))
        tree["C1"] = found("C1", "Chi bộ ấp Một", "cell", tree["G1"], D(2015, 1, 1))
        tree["C2"] = found("C2", "Chi bộ ấp Hai", "cell", tree["G1"], D(2015, 1, 1))
        tree["GC"] = found("GC", "Chi bộ Trường Tiểu học", "grassroots_cell", tree["U1"], D(2015, 1, 1))
        a = actions.admit(person("A1"), tree["C1"], D(2020, 3, 10))
        b = actions.enter_member(
            person("B1", name="Trần Thị Bình", gender="female", joined_on=D(2010, 1, 1), official_on=D(2011, 1, 1)),
            entry="opening",
            cell=tree["C1"],
            on=D(2019, 1, 1),
        )
        actions.recognize(a, D(2021, 3, 10))
        actions.transfer_out(b, D(2021, 5, 1))
        actions.transfer_back_in(b, tree["GC"], D(2022, 5, 1))
        org_actions.merge(tree["C1"], tree["C2"], D(2023, 1, 1))
        wrong = actions.record_event(Member.objects.get(pk=a.pk), "away_started", D(2023, 2, 1))
        actions.void_event(wrong, "Nhập nhầm")

    first, before, second, after = round_trip(load, tmp_path, False)
    assert second == first and after == before
    assert "away_started" not in first["member_events.csv"]  # voided: not exported
    assert ",C1,2019-01-01,no," in first["members.csv"].splitlines()[2]  # B1's opening balance
