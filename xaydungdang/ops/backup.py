"""Consistent online backups and restores of the configured database.

SQLite: the sqlite3 online backup API copies every page in one step under a read
transaction, so the copy is the database exactly as of one instant even while others write
(WAL lets them go on). PostgreSQL: `pg_dump -Fc` reads inside one repeatable-read snapshot;
`pg_restore --single-transaction --clean --if-exists --no-owner` puts it back all-or-nothing.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, connections

from xaydungdang.core.errors import DomainError

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
# Tables whose rows mean "this database holds someone's data".
DATA_TABLES = ["organizations_organization", "members_member", "auth_user"]


@dataclass(frozen=True)
class PgTarget:
    name: str
    user: str
    password: str
    host: str
    port: str

    @classmethod
    def from_settings(cls, settings_dict) -> "PgTarget":
        return cls(
            settings_dict["NAME"],
            settings_dict.get("USER") or "",
            settings_dict.get("PASSWORD") or "",
            settings_dict.get("HOST") or "",
            str(settings_dict.get("PORT") or ""),
        )

    def args(self) -> list[str]:
        out = ["--dbname", self.name]
        if self.host:
            out += ["--host", self.host]
        if self.port:
            out += ["--port", self.port]
        if self.user:
            out += ["--username", self.user]
        return out + ["--no-password"]

    def env(self) -> dict:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        # Wait a bounded time for locks held by a running server instead of hanging.
        env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " -c lock_timeout=30000").strip()
        return env


def file_kind(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise DomainError(f"Tệp {path} không phải bản sao lưu của hệ thống (không nhận ra định dạng).", "file")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise DomainError(
            f"Không tìm thấy chương trình {name}: cài gói postgresql-client (cùng phiên bản "
            f"với máy chủ PostgreSQL) rồi chạy lại.",
            rule="tool",
        )
    return found


def _run(cmd: list[str], env: dict, what: str) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise DomainError(f"{what} không thành công: " + (detail[-1] if detail else f"mã lỗi {proc.returncode}"))


def backup(path: Path) -> str:
    """Write a consistent copy of the database to `path` (atomically: a temp file renamed)."""
    path = Path(path)
    if path.is_dir():
        raise DomainError(f"{path} là một thư mục; hãy cho tên tệp sao lưu.", "file")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    vendor = connection.vendor
    try:
        if vendor == "sqlite":
            _sqlite_backup(Path(connection.settings_dict["NAME"]), tmp)
        elif vendor == "postgresql":
            target = PgTarget.from_settings(connection.settings_dict)
            _run([_tool("pg_dump"), "--format=custom", "--file", str(tmp), *target.args()], target.env(), "pg_dump")
        else:
            raise DomainError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
        os.chmod(tmp, 0o600)  # the whole of the members' records: the operator's eyes only
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return vendor


def _sqlite_backup(source: Path, dest: Path) -> None:
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(dest)
    try:
        with dst:
            src.backup(dst)  # pages=-1: the whole database in one step, one snapshot
        dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
    finally:
        dst.close()
        src.close()


def database_has_data() -> bool:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in DATA_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return True
    return False


def check_backup(path: Path) -> str:
    """The file's kind, after checking it is a readable backup of this system."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(f"Không có tệp sao lưu {path}.", "file")
    kind = file_kind(path)
    if kind != connection.vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise DomainError(
            f"Tệp {path} là bản sao lưu {names[kind]}, còn cơ sở dữ liệu đang dùng là "
            f"{names.get(connection.vendor, connection.vendor)}: dùng `xdd export`/`xdd import` để "
            "chuyển dữ liệu giữa hai loại.",
            "file",
        )
    if kind == "sqlite":
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = probe.execute("PRAGMA integrity_check").fetchone()[0]
            has_schema = probe.execute("SELECT 1 FROM sqlite_master WHERE name='django_migrations'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DomainError(f"Tệp {path} bị hỏng: {exc}.", "file")
        finally:
            probe.close()
        if ok != "ok" or not has_schema:
            raise DomainError(f"Tệp {path} bị hỏng hoặc không phải cơ sở dữ liệu của hệ thống.", "file")
    else:
        _run([_tool("pg_restore"), "--list", str(path)], dict(os.environ), "Đọc tệp sao lưu")
    return kind


def restore(path: Path) -> None:
    """Replace the whole database with the backup (the caller has confirmed)."""
    path = Path(path)
    kind = check_backup(path)
    for conn in connections.all():
        conn.close()
    if kind == "sqlite":
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        dst = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
        try:
            src.backup(dst)  # the destination is rewritten under its write lock, in one step
        finally:
            dst.close()
            src.close()
    else:
        target = PgTarget.from_settings(connection.settings_dict)
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *target.args(),
                str(path),
            ],
            target.env(),
            "pg_restore",
        )
    _after_restore()


def _after_restore() -> None:
    """Schema up to date, and every process's caches told that the data changed."""
    from django.core.management import call_command

    from xaydungdang.core import versions
    from xaydungdang.core.models import DataVersion

    call_command("migrate", verbosity=0, interactive=False)
    for key in list(DataVersion.objects.values_list("key", flat=True)):
        versions.bump(key)
