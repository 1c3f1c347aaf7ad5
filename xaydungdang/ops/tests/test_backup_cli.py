"""`xdd backup` / `xdd restore` as an operator runs them (own process, real database)."""

import os
import subprocess
import sys

from xaydungdang.ops.tests.conftest import REPO, run_scenario


def xdd(url, tmp_path, *args, stdin=None):
    env = dict(os.environ, DATABASE_URL=url, XDD_DATA_DIR=str(tmp_path / "data"))
    env.pop("XDD_AUDIT_UNLOCKED", None)
    return subprocess.run(
        [sys.executable, "-m", "xaydungdang.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_backup_then_restore_with_confirmation(fresh_db, tmp_path):
    url = fresh_db()
    run_scenario(url, tmp_path, "seed")
    path = tmp_path / "a.backup"
    done = xdd(url, tmp_path, "backup", str(path))
    assert done.returncode == 0, done.stderr
    assert "Đã sao lưu" in done.stdout and path.stat().st_size > 0

    # More data after the backup; restoring must bring the database back to the backup.
    assert (
        xdd(
            url, tmp_path, "createuser", "sau", "--org", "P", "--role", "viewer", "--password", "Mat-khau-rat-dai-9"
        ).returncode
        == 0
    )
    assert run_scenario(url, tmp_path, "counts")["users"] == 1

    refused = xdd(url, tmp_path, "restore", str(path))
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert run_scenario(url, tmp_path, "counts")["users"] == 1  # nothing changed

    restored = xdd(url, tmp_path, "restore", str(path), "--yes")
    assert restored.returncode == 0, restored.stderr
    after = run_scenario(url, tmp_path, "counts")
    assert after == {"orgs": 5, "members": 1, "users": 0, "restores": 1}


def test_restore_into_an_empty_database_needs_no_confirmation(fresh_db, tmp_path):
    source, target = fresh_db(), fresh_db()
    run_scenario(source, tmp_path, "seed")
    path = tmp_path / "b.backup"
    assert xdd(source, tmp_path, "backup", str(path)).returncode == 0
    assert xdd(target, tmp_path, "restore", str(path)).returncode == 0
    assert run_scenario(target, tmp_path, "counts") == {"orgs": 5, "members": 1, "users": 0, "restores": 1}


def test_bad_backup_files_are_refused_with_a_message(fresh_db, tmp_path):
    url = fresh_db()
    run_scenario(url, tmp_path, "seed")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup at all")
    out = xdd(url, tmp_path, "restore", str(junk), "--yes")
    assert out.returncode == 1 and "không phải bản sao lưu" in out.stderr and "Traceback" not in out.stderr
    out = xdd(url, tmp_path, "restore", str(tmp_path / "missing.backup"), "--yes")
    assert out.returncode == 1 and "Không có tệp sao lưu" in out.stderr
    out = xdd(url, tmp_path, "backup", str(tmp_path))
    assert out.returncode == 1 and "thư mục" in out.stderr
    assert xdd(url, tmp_path, "restore").returncode == 2
