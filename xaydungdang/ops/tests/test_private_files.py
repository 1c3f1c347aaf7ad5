"""Files the application writes hold the members' records and are its user's alone (finding L4):
the data folder 0700; the database, its -wal/-shm, backups and the secret key 0600, even when
the operator's shell has the usual umask 022."""

import os
import stat
import subprocess
import sys

from xaydungdang.ops.tests.conftest import REPO

PROBE = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM django_migrations")
name = connection.settings_dict["NAME"]
print(" ".join(oct(os.stat(p).st_mode & 0o777) for p in (name, name + "-wal", name + "-shm")))
"""


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def run(args, env):
    return subprocess.run(
        args,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: os.umask(0o022),
    )


def test_new_database_backups_and_key_are_private(fresh_db, tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, XDD_DATA_DIR=str(data))
    env.pop("XDD_AUDIT_UNLOCKED", None)
    env.pop("XDD_SECRET_KEY", None)
    postgres = env.get("DATABASE_URL", "").startswith("postgres")
    if postgres:
        env["DATABASE_URL"] = fresh_db()
    else:
        env.pop("DATABASE_URL", None)  # the default: a new SQLite database in the data folder
    done = run([sys.executable, "-m", "xaydungdang.cli", "migrate"], env)
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    assert mode(data / "secret_key") == 0o600
    backup = tmp_path / "out" / "a.backup"
    done = run([sys.executable, "-m", "xaydungdang.cli", "backup", str(backup)], env)
    assert done.returncode == 0, done.stderr
    assert mode(backup) == 0o600
    if postgres:
        return
    database = data / "xdd.sqlite3"
    assert mode(database) == 0o600
    # A database left 0644 by an older version is tightened when next opened, with its -wal and -shm.
    os.chmod(database, 0o644)
    probe = run([sys.executable, "-c", PROBE], env)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split() == ["0o600", "0o600", "0o600"]
    assert mode(database) == 0o600
