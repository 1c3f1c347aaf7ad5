"""Short form of bench/load.py for CI: 10 users for 40 s through `xdd serve`, one restart of
the server mid-load. Every write that answered success is in the database exactly once;
nothing is half-written; writes cut by the restart are counted, never partly there."""

import json
import subprocess
import sys

import pytest

from xaydungdang.ops.tests.conftest import REPO

pytestmark = pytest.mark.slow


def test_short_load_with_a_restart(fresh_db, tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "load.py"),
            "run",
            "--users",
            "10",
            "--seconds",
            "40",
            "--restart-at",
            "15",
            "--members-per-cell",
            "4",
            "--database-url",
            fresh_db(),
            "--data-dir",
            str(tmp_path / "load"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout)
    check = summary["check"]
    assert check["succeeded"] >= 5, summary
    assert check["lost"] == [] and check["duplicated"] == [] and check["unexplained"] == []
    assert check["half_written"] == [] and check["refused_but_written"] == []
    assert check["broken_members"] == 0 and check["derived_equal_replay"]
    assert summary["write_errors"] == [], summary["write_errors"]
    assert summary["faults"]["restart"]["downtime_s"] < 60
    statuses = summary["status"]
    assert not any(code.startswith("5") for code in statuses), statuses  # no server error, only the restart gap
