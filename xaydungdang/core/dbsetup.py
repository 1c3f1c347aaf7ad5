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
        connection.connection.create_function("xdd_audit_locked", 0, lambda: 1 if locked else 0, deterministic=False)


def _private_sqlite_files(name) -> None:
    """A database created before files were made private (0644) is tightened on first use; SQLite
    gives its -wal and -shm files the mode of the database file."""
    if not name or str(name).startswith(":memory:") or str(name).startswith("file:"):
        return
    for path in (str(name), f"{name}-wal", f"{name}-shm"):
        try:
            if os.stat(path).st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:
            pass  # absent, or not ours to change


def _on_connect(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        _private_sqlite_files(connection.settings_dict.get("NAME"))
        locked = 0 if audit_unlocked() else 1
        connection.connection.create_function("xdd_audit_locked", 0, lambda: locked, deterministic=False)
    elif connection.vendor == "postgresql" and audit_unlocked():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('xdd.audit_unlocked', 'on', false)")


def install() -> None:
    connection_created.connect(_on_connect, dispatch_uid="xdd_dbsetup")
