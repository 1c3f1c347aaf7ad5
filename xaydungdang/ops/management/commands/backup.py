"""`xdd backup FILE`: a consistent online backup (the application may keep running)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from xaydungdang.ops import backup


class Command(BaseCommand):
    requires_system_checks = []  # independent of the URL configuration
    help = "Sao lưu trực tuyến toàn bộ cơ sở dữ liệu vào một tệp (ứng dụng vẫn chạy bình thường)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu sẽ ghi (SQLite: tệp .sqlite3; PostgreSQL: định dạng pg_dump -Fc)")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        kind = backup.backup(path)
        size = path.stat().st_size
        self.stdout.write(
            f"Đã sao lưu cơ sở dữ liệu ({'SQLite' if kind == 'sqlite' else 'PostgreSQL'}) vào "
            f"{path} ({size:,} byte).".replace(",", ".")
        )
