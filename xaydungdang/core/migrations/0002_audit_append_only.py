"""The audit log is append-only at the database level: UPDATE, DELETE (and on PostgreSQL
TRUNCATE) are refused.

The only way around it is the per-connection switch in core/dbsetup.py, which the test
suite uses to empty tables between tests; the running application never sets it.
"""

from django.db import migrations

SQLITE = [
    "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry WHEN xdd_audit_locked() "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
    "CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry WHEN xdd_audit_locked() "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS core_auditentry_no_update;",
                  "DROP TRIGGER IF EXISTS core_auditentry_no_delete;"]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
       BEGIN
         IF coalesce(current_setting('xdd.audit_unlocked', true), '') = 'on' THEN
           IF TG_OP = 'TRUNCATE' THEN RETURN NULL; END IF;
           IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'audit log is append-only';
       END; $$ LANGUAGE plpgsql;""",
    "CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();",
    "CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only();",
]
POSTGRES_REVERSE = ["DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry;",
                    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;",
                    "DROP FUNCTION IF EXISTS core_auditentry_append_only();"]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
