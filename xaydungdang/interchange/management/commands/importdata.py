"""`xdd import PATH [--dry-run]`: import a dataset in the interchange format, all or nothing."""

import sys

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.core.formatting import integer
from xaydungdang.interchange import gcpause
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.progress import terminal_progress


class Command(BaseCommand):
    # System checks import every view of the web application (half a second); a data
    # command needs the models only.
    requires_system_checks = []
    help = "Nhập bộ dữ liệu theo định dạng trao đổi (thư mục CSV, tệp .xlsx hoặc .zip); tất cả hoặc không."

    def add_arguments(self, parser):
        parser.add_argument("path", help="thư mục các tệp CSV, tệp .xlsx hoặc tệp .zip")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")

    def handle(self, *args, **options):
        gcpause.allow()  # a process of its own: the collector may pause during the import
        dry_run = options["dry_run"]
        with terminal_progress() as progress:
            report = import_path(options["path"], dry_run=dry_run, progress=progress)
        for warning in report.warnings:
            self.stderr.write(f"Cảnh báo: {warning.text}")
        if dry_run or not report.ok:
            for name, count in report.counts.items():
                self.stdout.write(f"{name}: {integer(count)} dòng")
        for error in report.errors:  # named as the file names its sheets and columns (Issue.text)
            self.stderr.write(error.text)
        if not report.ok:
            sys.stderr.flush()
            raise CommandError(
                f"Không nhập: bộ dữ liệu có {integer(len(report.errors))} lỗi; chưa ghi gì vào cơ sở dữ liệu.",
                returncode=1,
            )
        if dry_run:
            self.stdout.write("Kiểm tra xong, không có lỗi (chạy thử: chưa ghi gì).")
            return
        seconds = f"{report.seconds:.1f}".replace(".", ",")
        self.stdout.write(f"Đã nhập {report.summary()} ({seconds} giây).")
        if options["verbosity"] >= 2:
            labels = {
                "read": "đọc tệp",
                "parse": "đọc ô",
                "check": "kiểm tra",
                "write": "ghi",
                "commit": "hoàn tất",
                "free": "giải phóng bộ nhớ",
            }
            self.stdout.write(
                "Thời gian: "
                + ", ".join(f"{labels.get(k, k)} {v:.2f} giây".replace(".", ",") for k, v in report.timings.items())
            )
