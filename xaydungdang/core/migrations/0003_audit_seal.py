"""The hash chain over the audit trail (core/auditchain.py): its links are append-only too, guarded
by the same triggers as the audit table (and the same switch the test suite uses)."""

from django.db import migrations, models

SQLITE = [
    "CREATE TRIGGER core_auditseal_no_update BEFORE UPDATE ON core_auditseal WHEN xdd_audit_locked() "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
    "CREATE TRIGGER core_auditseal_no_delete BEFORE DELETE ON core_auditseal WHEN xdd_audit_locked() "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS core_auditseal_no_update;",
                  "DROP TRIGGER IF EXISTS core_auditseal_no_delete;"]
# core_auditentry_append_only() comes from migration 0002.
POSTGRES = [
    "CREATE TRIGGER core_auditseal_no_change BEFORE UPDATE OR DELETE ON core_auditseal "
    "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();",
    "CREATE TRIGGER core_auditseal_no_truncate BEFORE TRUNCATE ON core_auditseal "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only();",
]
POSTGRES_REVERSE = ["DROP TRIGGER IF EXISTS core_auditseal_no_change ON core_auditseal;",
                    "DROP TRIGGER IF EXISTS core_auditseal_no_truncate ON core_auditseal;"]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_audit_append_only"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("entry_id", models.BigIntegerField(unique=True, verbose_name="dòng nhật ký")),
                ("digest", models.CharField(max_length=64, verbose_name="mã băm nội dung")),
                ("chain", models.CharField(max_length=64, verbose_name="mã băm chuỗi")),
                ("sealed_at", models.DateTimeField(auto_now_add=True, verbose_name="thời điểm niêm phong")),
            ],
            options={
                "verbose_name": "niêm phong nhật ký",
                "ordering": ["id"],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
