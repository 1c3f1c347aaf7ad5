"""Messages of the backup module that need no second database."""

import pytest

from xaydungdang.core.errors import DomainError
from xaydungdang.ops import backup


def test_missing_pg_tools_are_named(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(DomainError) as err:
        backup._tool("pg_dump")
    assert "pg_dump" in err.value.message and "postgresql-client" in err.value.message


def test_unknown_file_kind(tmp_path):
    junk = tmp_path / "x.bin"
    junk.write_bytes(b"\x00" * 32)
    with pytest.raises(DomainError) as err:
        backup.file_kind(junk)
    assert "không phải bản sao lưu" in err.value.message


def test_credentials_go_through_the_environment_not_the_command_line():
    target = backup.PgTarget("xdd", "quantri", "bi-mat", "db.local", "5433")
    assert "bi-mat" not in " ".join(target.args())
    assert target.env()["PGPASSWORD"] == "bi-mat" and "lock_timeout" in target.env()["PGOPTIONS"]
