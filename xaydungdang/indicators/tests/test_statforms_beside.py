"""Reads beside the caller (indicators.engine.beside): on PostgreSQL the long scans of the forms run
on connections of their own that import the snapshot of the computation's transaction. These tests
need committed data (a transaction per test, not the usual rolled-back one)."""

import datetime as dt
import threading
from contextvars import copy_context
from functools import partial

import pytest
from django.db import connection, connections, transaction

from xaydungdang.conftest import person
from xaydungdang.indicators import engine, statforms
from xaydungdang.indicators.tests.test_statforms_sql_paths import stock_traps, traps  # noqa: F401 (fixtures)
from xaydungdang.members import actions as members
from xaydungdang.members.models import Member

D = dt.date
pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has one connection per file: the reads run in turn there"
)


@pytest.fixture
def spy(monkeypatch):
    """How many reads ran beside (on a connection of their own), the test tree counting as large."""
    monkeypatch.setattr(statforms, "BESIDE_CELLS", 0)
    calls = []
    original = engine._read_beside

    def counted(alias, snapshot, function):
        calls.append(snapshot)
        return original(alias, snapshot, function)

    monkeypatch.setattr(engine, "_read_beside", counted)
    return calls


def _count_members() -> int:
    return engine._fetch(f"SELECT COUNT(*) FROM {engine.table(Member)}", [])[0][0]


@pytest.mark.django_db(transaction=True)
def test_forms_read_beside_equal_the_forms_read_in_turn(traps, stock_traps, spy):  # noqa: F811
    for period in ("2024", "2023", "2024-H1"):
        for code in ("P", "U1", "G1", "C1", "GC"):
            spy.clear()
            beside = statforms.compute_forms(code, period)
            assert len(spy) == 3  # the stock scan, its corrections and the cell counts
            assert len(set(spy)) == 1  # one snapshot
            spy.clear()
            with transaction.atomic():  # inside someone else's transaction everything runs here, in turn
                in_turn = statforms.compute_forms(code, period)
            assert spy == []
            assert beside == in_turn, (code, period)
    assert beside[0]["rows"][0]["values"]["current"] > 0  # the data are there (not two empty results)


@pytest.mark.django_db(transaction=True)
def test_a_read_beside_sees_the_snapshot_of_the_computation_not_later_writes(tree, spy):
    members.admit(person("B1"), tree["C1"], D(2024, 1, 5))
    context = copy_context()  # the acting user of the test

    def write_elsewhere():
        try:
            context.run(members.admit, person("B2"), tree["C1"], D(2024, 2, 5))
        finally:
            connections.close_all()  # this thread's connection

    with engine.reading():
        before = _count_members()  # the computation's snapshot is taken here
        writer = threading.Thread(target=write_elsewhere)
        writer.start()
        writer.join()
        job = engine.beside(_count_members)
        assert job.result() == before == 1
        assert spy  # it did run on a connection of its own
    assert _count_members() == 2  # the write was committed all along


@pytest.mark.django_db(transaction=True)
def test_an_error_beside_reaches_the_caller_and_the_computation_goes_on(tree, spy):
    with engine.reading():
        job = engine.beside(partial(engine._fetch, "SELECT no_such_column FROM organizations_organization", []))
        with pytest.raises(Exception, match="no_such_column"):
            job.result()
        assert _count_members() == 0  # the caller's own connection is untouched
    assert len(spy) == 1


@pytest.mark.django_db(transaction=True)
def test_a_small_organization_reads_in_turn(traps, spy, monkeypatch):  # noqa: F811
    monkeypatch.setattr(statforms, "BESIDE_CELLS", 3)  # the test tree has 3 cells, U1 two of them
    statforms.compute_forms("U1", "2024")
    assert spy == []
    statforms.compute_forms("P", "2024")
    assert len(spy) == 3
