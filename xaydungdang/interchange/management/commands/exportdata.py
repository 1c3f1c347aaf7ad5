"""`xdd export PATH`: write the whole database in the interchange format (CSV folder or .xlsx)."""

from django.core.management.base import BaseCommand

from xaydungdang.interchange.exporter import export_path


class Command(BaseCommand):
    # System checks import every view of the web application (half a second); a data
    # command needs the models only.
    requires_system_checks = []
    help = "Xuất toàn bộ dữ liệu theo định dạng trao đổi: thư mục các tệp CSV, hoặc một tệp .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("path", help="thư mục đích (CSV) hoặc tệp .xlsx")

    def handle(self, *args, **options):
        counts = export_path(options["path"])
        summary = ", ".join(f"{name} {n:,}".replace(",", ".") for name, n in counts.items() if n)
        self.stdout.write(f"Đã xuất vào {options['path']}: {summary or 'không có dữ liệu'}.")
