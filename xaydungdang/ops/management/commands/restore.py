"""`xdd restore FILE [--yes]`: replace the database with a backup, then audit it."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.ops import backup


def confirmed(path: Path, yes: bool) -> bool:
    if yes or not backup.database_has_data():
        return True
    if sys.stdin.isatty():
        answer = (
            input(f"Cơ sở dữ liệu hiện có dữ liệu và sẽ bị thay toàn bộ bằng bản sao lưu {path}. Tiếp tục? [c/K] ")
            .strip()
            .lower()
        )
        return answer in {"c", "co", "có", "y", "yes"}
    raise CommandError(
        "Cơ sở dữ liệu hiện có dữ liệu; khôi phục sẽ ghi đè toàn bộ. Thêm --yes để xác nhận.", returncode=1
    )


class Command(BaseCommand):
    requires_system_checks = []  # independent of the URL configuration
    help = "Khôi phục toàn bộ cơ sở dữ liệu từ một tệp sao lưu (ghi đè dữ liệu hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu do `xdd backup` tạo")
        parser.add_argument("--yes", action="store_true", help="đồng ý ghi đè cơ sở dữ liệu đang có dữ liệu")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        backup.check_backup(path)
        if not confirmed(path, opts["yes"]):
            self.stdout.write("Đã hủy, cơ sở dữ liệu không thay đổi.")
            return
        backup.restore(path)
        audit.record(
            AuditAction.SYSTEM_RESTORE, model="system", object_repr=path.name, note=f"Khôi phục từ tệp {path.resolve()}"
        )
        self.stdout.write(f"Đã khôi phục cơ sở dữ liệu từ {path}.")
