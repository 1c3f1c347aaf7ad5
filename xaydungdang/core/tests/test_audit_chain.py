"""Tamper evidence for the audit trail (finding L3): the triggers can be bypassed by whoever holds the
database (a SQLite function registered on a raw connection, a PostgreSQL session switch or the
table owner), so sealed entries are chained by SHA-256 and `xdd audit --verify` finds any change."""

import os
import re
import sqlite3
import subprocess
import sys

from django.db import connection

from xaydungdang.cli import main
from xaydungdang.core import audit, auditchain
from xaydungdang.core.models import AuditEntry, AuditSeal
from xaydungdang.ops.tests.conftest import REPO, fresh_db, run_scenario  # noqa: F401  (fixture)

HEAD = re.compile(r"Mã chuỗi cuối \(dòng #\d+\): ([0-9a-f]{64})")


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_seal_then_verify_finds_edits_and_deletions(tree, capsys):
    assert main(["audit", "--verify"]) == 0
    assert "0 dòng đã niêm phong" in capsys.readouterr().out
    assert main(["audit", "--seal"]) == 0
    out = capsys.readouterr().out
    assert "Đã niêm phong 7 dòng mới" in out and HEAD.search(out)
    audit.record("audit.export", model="x", object_repr="sau niêm phong")
    assert main(["audit", "--verify"]) == 0
    out = capsys.readouterr().out
    assert "Nhật ký toàn vẹn: 7 dòng đã niêm phong khớp chuỗi băm; 1 dòng chưa niêm phong." in out
    assert auditchain.seal().added == 1 and auditchain.verify().ok

    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    # The test suite runs with the audit table unlocked (conftest.py), as the attacker would.
    _sql("UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["Chi bộ khác", ids[2]])
    _sql("DELETE FROM core_auditentry WHERE id = %s", [ids[4]])
    assert main(["audit", "--verify"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("NHẬT KÝ ĐÃ BỊ CAN THIỆP")
    assert f"dòng nhật ký #{ids[2]} đã bị sửa sau khi niêm phong" in err
    assert f"dòng nhật ký #{ids[4]} đã niêm phong nhưng không còn trong bảng (bị xóa)" in err

    # Removing the seal too breaks the chain at the next link.
    _sql("DELETE FROM core_auditseal WHERE entry_id = %s", [ids[4]])
    result = auditchain.verify()
    assert (
        not result.ok and f"chuỗi niêm phong bị đứt tại dòng #{ids[5]} (niêm phong bị xóa hoặc sửa)" in result.problems
    )


def test_a_rewritten_tail_is_caught_by_the_hash_kept_elsewhere(tree, capsys):
    assert main(["audit", "--seal"]) == 0
    kept = HEAD.search(capsys.readouterr().out).group(1)
    assert main(["audit", "--verify", "--expect", kept]) == 0
    assert "mã chuỗi đã lưu có trong chuỗi" in capsys.readouterr().out
    # Whoever holds the database removes the last entry and its seal, and the chain stays consistent:
    last = AuditSeal.objects.order_by("-id").first()
    _sql("DELETE FROM core_auditseal WHERE id = %s", [last.id])
    _sql("DELETE FROM core_auditentry WHERE id = %s", [last.entry_id])
    assert auditchain.verify().ok  # undetectable from inside the database alone
    assert main(["audit", "--verify", "--expect", kept]) == 1
    assert f"mã chuỗi đã lưu {kept} không còn trong chuỗi" in capsys.readouterr().err


def test_digest_is_stable_across_reads(tree):
    audit.record(
        "system.restore", model="x", before={"b": [1, 2.5, None], "a": "Đảng"}, after={"z": {"y": True}}, note="ghi chú"
    )
    entry = AuditEntry.objects.filter(action="system.restore").values(*auditchain.CONTENT_FIELDS).get()
    again = AuditEntry.objects.filter(action="system.restore").values(*auditchain.CONTENT_FIELDS).get()
    assert auditchain.entry_digest(entry) == auditchain.entry_digest(again)
    entry["note"] = "ghi chú khác"
    assert auditchain.entry_digest(entry) != auditchain.entry_digest(again)


def _xdd(url, tmp_path, *args):
    env = dict(os.environ, DATABASE_URL=url, XDD_DATA_DIR=str(tmp_path / "data"))
    env.pop("XDD_AUDIT_UNLOCKED", None)  # the application as deployed: triggers on
    return subprocess.run(
        [sys.executable, "-m", "xaydungdang.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_the_attack_from_the_finding_is_detected(fresh_db, tmp_path):  # noqa: F811
    url = fresh_db()
    run_scenario(url, tmp_path, "seed")
    sealed = _xdd(url, tmp_path, "audit", "--seal")
    assert sealed.returncode == 0, sealed.stderr
    assert _xdd(url, tmp_path, "audit", "--verify").returncode == 0
    if url.startswith("sqlite"):
        original = url.removeprefix("sqlite:///")
        copy = tmp_path / "copy.sqlite3"
        source, target = sqlite3.connect(original), sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        raw = sqlite3.connect(copy)
        try:
            raw.execute("DELETE FROM core_auditentry WHERE id = 2")
            raise AssertionError("the trigger should refuse a plain DELETE")
        except sqlite3.DatabaseError as exc:
            assert "no such function: xdd_audit_locked" in str(exc)  # refused, for want of the function
        raw.create_function("xdd_audit_locked", 0, lambda: 0)  # the bypass: the trigger asks this function
        raw.execute("DELETE FROM core_auditentry WHERE id = 2")
        raw.commit()
        raw.close()
        url = f"sqlite:///{copy}"
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as raw:
            raw.execute("SET xdd.audit_unlocked = 'on'")  # the bypass open to any session of the app's role
            raw.execute("DELETE FROM core_auditentry WHERE id = 2")
    verified = _xdd(url, tmp_path, "audit", "--verify")
    assert verified.returncode == 1
    assert "NHẬT KÝ ĐÃ BỊ CAN THIỆP" in verified.stderr and "dòng nhật ký #2 " in verified.stderr
    assert "Traceback" not in verified.stderr
