"""`xdd check [--org CODE] [--warnings]`: data health, one problem a line; exit 1 on any error."""

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.indicators import health


class Command(BaseCommand):
    help = "Kiểm tra sức khỏe dữ liệu: mỗi vấn đề một dòng; mã thoát 1 nếu có lỗi."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="chỉ kiểm tra cây của tổ chức có mã này")
        parser.add_argument(
            "--warnings",
            action="store_true",
            help="in cả cảnh báo (chi bộ dưới 3 đảng viên chính thức, quá hạn chính thức, ...)",
        )

    def handle(self, *args, **options):
        findings = health.run(options.get("org"))
        errors = [f for f in findings if f.severity == "error"]
        shown = findings if options["warnings"] else errors
        for finding in shown:
            self.stdout.write(str(finding))
        warnings = len(findings) - len(errors)
        if errors:
            raise CommandError(f"Có {len(errors)} lỗi dữ liệu.", returncode=1)
        note = f" ({warnings} cảnh báo; xem bằng --warnings)" if warnings and not options["warnings"] else ""
        self.stderr.write(f"Dữ liệu nhất quán, không có lỗi{note}.")
