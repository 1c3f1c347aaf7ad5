"""Per-connection set-up: the SQLite function the audit triggers call, and the switch that
lets the test suite empty the audit table between tests (never set in the application)."""

import os

from django.db.backends.signals import connection_created


def audit_unlocked() -> bool:
    return os.environ.get("XDD_AUDIT_UNLOCKED") == "1"


def set_audit_lock(connection, locked: bool) -> None:
    """Tests use this to prove the triggers refuse changes even when the suite unlocked them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('xdd.audit_unlocked', %s, false)", ["off" if locked else "on"])
    else:
        connection.ensure_connection()
        connection.connection.create_function("xdd_audit_locked", 0, lambda: 1 if locked else 0,
                                              deterministic=False)


def _on_connect(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        locked = 0 if audit_unlocked() else 1
        connection.connection.create_function("xdd_audit_locked", 0, lambda: locked, deterministic=False)
    elif connection.vendor == "postgresql" and audit_unlocked():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('xdd.audit_unlocked', 'on', false)")


def install() -> None:
    connection_created.connect(_on_connect, dispatch_uid="xdd_dbsetup")
