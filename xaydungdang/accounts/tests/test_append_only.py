"""The audit table refuses UPDATE and DELETE at the database level, on SQLite and PostgreSQL,
even through raw SQL that bypasses the model."""

import pytest
from django.db import DatabaseError, connection, transaction

from xaydungdang.core import audit
from xaydungdang.core.dbsetup import set_audit_lock
from xaydungdang.core.models import AuditEntry


@pytest.fixture
def locked(db):
    set_audit_lock(connection, True)
    yield
    set_audit_lock(connection, False)


def test_update_and_delete_are_refused(locked):
    entry = audit.record("audit.export", model="test", object_repr="một dòng", after={"a": 1})
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    for sql in (f"UPDATE {table} SET note = 'sửa' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError) as err:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [entry.id])
        assert "append-only" in str(err.value)
    again = AuditEntry.objects.get(pk=entry.pk)
    assert again.note == "" and again.after == {"a": 1}


def test_truncate_is_refused_on_postgresql(locked):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists only on PostgreSQL")
    audit.record("audit.export", model="test")
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(AuditEntry._meta.db_table)}")
    assert AuditEntry.objects.exists()


def test_model_level_guards(db):
    entry = audit.record("audit.export", model="test")
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_voided_records_stay(tree):
    """Corrections void; the record and its audit trail remain."""
    import datetime as dt

    from xaydungdang.conftest import person
    from xaydungdang.members import actions
    from xaydungdang.members.models import MemberEvent

    member = actions.enter_member(person("V1"), entry="opening", cell=tree["C1"], on=dt.date(2019, 1, 1))
    event = actions.record_event(member, "away_started", dt.date(2020, 2, 1))
    actions.void_event(event, "ghi nhầm")
    kept = MemberEvent.objects.get(pk=event.pk)
    assert kept.is_voided and kept.void_reason == "ghi nhầm"
    assert AuditEntry.objects.filter(action="event.void", object_id=str(event.pk)).exists()
    assert AuditEntry.objects.filter(action="event.away_started", object_id=str(event.pk)).exists()
