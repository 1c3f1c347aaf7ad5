"""`xdd export PATH [--org CODE]`: write the whole database, or one organization's subtree, in the
interchange format (CSV folder or .xlsx)."""

from django.core.management.base import BaseCommand

from xaydungdang.interchange import gcpause
from xaydungdang.interchange.exporter import export_path


class Command(BaseCommand):
    # System checks import every view of the web application (half a second); a data
    # command needs the models only.
    requires_system_checks = []
    help = "Xuất toàn bộ dữ liệu theo định dạng trao đổi: thư mục các tệp CSV, hoặc một tệp .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("path", help="thư mục đích (CSV) hoặc tệp .xlsx")
        parser.add_argument(
            "--org",
            help="chỉ xuất cây của tổ chức có mã này (kèm dòng tham chiếu các tổ chức ngoài cây mà hồ sơ nhắc tới)",
        )

    def handle(self, *args, **options):
        gcpause.allow()  # a process of its own: the collector may pause during the export
        counts = export_path(options["path"], org_code=options.get("org"))
        summary = ", ".join(f"{name} {n:,}".replace(",", ".") for name, n in counts.items() if n)
        self.stdout.write(f"Đã xuất vào {options['path']}: {summary or 'không có dữ liệu'}.")
