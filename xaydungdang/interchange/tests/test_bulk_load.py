"""The bulk-load mode (secondary indexes, and on PostgreSQL foreign keys, set aside while a
big first load is written) gives back exactly the schema it found, after success and
after a failure in the middle of the write."""

import pytest
from django.db import connection

from xaydungdang.interchange import writer
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.tests.helpers import SAMPLE, messages, table_counts
from xaydungdang.members.models import Member, MemberEvent, MemberSpan

TABLES = [model._meta.db_table for model in (Member, MemberEvent, MemberSpan)]


def schema() -> set:
    """Index and constraint definitions of the three bulk-loaded tables."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name IN (%s, %s, %s)", TABLES)
            return set(cursor.fetchall())
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN (%s, %s, %s)", TABLES)
        found = set(cursor.fetchall())
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), condeferrable, condeferred FROM pg_constraint "
            "WHERE conrelid::regclass::text IN (%s, %s, %s)",
            TABLES,
        )
        return found | set(cursor.fetchall())


@pytest.fixture
def always_bulk(monkeypatch):
    monkeypatch.setattr(writer, "REBUILD_INDEXES_FROM", 1)


def test_bulk_load_restores_the_schema(db, always_bulk):
    before = schema()
    report = import_path(SAMPLE)
    assert report.ok, messages(report)
    assert schema() == before
    assert Member.objects.count() == 10 and MemberSpan.objects.filter(member__member_no="TM002").count() == 2


def test_failure_during_the_write_restores_everything(db, always_bulk, monkeypatch):
    before_schema, before_counts = schema(), table_counts()

    def fail(self):
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(writer.Writer, "_write_records", fail)
    with pytest.raises(RuntimeError):
        import_path(SAMPLE)
    assert schema() == before_schema
    assert table_counts() == before_counts


def test_a_full_table_keeps_its_indexes(db, always_bulk, monkeypatch):
    """A second import into tables already holding more rows than arrive does not touch them."""
    assert import_path(SAMPLE).ok
    dropped = []
    monkeypatch.setattr(writer, "_sqlite_set_aside", lambda cursor, table: dropped.append(table) or [])
    monkeypatch.setattr(writer, "_postgres_set_aside", lambda cursor, table: dropped.append(table) or [])
    from xaydungdang.interchange.importer import import_tables

    report = import_tables(
        {
            "organizations": [],
            "members": [
                {
                    "member_no": "Z1",
                    "full_name": "Lê Văn Z",
                    "gender": "male",
                    "birth_date": "1980-01-01",
                    "ethnicity": "Kinh",
                    "joined_on": "2010-01-01",
                    "official_on": "2011-01-01",
                    "org_code": "X1A",
                    "as_of": "2020-01-01",
                }
            ],
        }
    )
    assert report.ok, messages(report)
    assert dropped == []
