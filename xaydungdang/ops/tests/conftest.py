"""A fresh database of the suite's kind (SQLite file, or a new PostgreSQL database on the
DATABASE_URL server) for scenarios that run in their own process."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def _pg_url(base: str, name: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def fresh_db(tmp_path):
    """Yields a function making DATABASE_URLs of new empty databases; drops them afterwards."""
    base = os.environ.get("DATABASE_URL", "")
    made = []

    def make() -> str:
        if base.startswith("postgres"):
            import psycopg

            name = f"xdd_scn_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(_pg_url(base, "postgres"), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            made.append(name)
            return _pg_url(base, name)
        return f"sqlite:///{tmp_path / f'db-{len(made)}-{uuid.uuid4().hex[:6]}.sqlite3'}"

    yield make
    if made:
        import psycopg

        with psycopg.connect(_pg_url(base, "postgres"), autocommit=True) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_scenario(url: str, tmp_path, *args, timeout: int = 300) -> dict:
    env = dict(os.environ, DATABASE_URL=url, XDD_DATA_DIR=str(tmp_path / "data"))
    env.pop("XDD_AUDIT_UNLOCKED", None)  # the application's own setting: the audit table locked
    proc = subprocess.run(
        [sys.executable, "-m", "xaydungdang.ops.tests.scenarios", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])
