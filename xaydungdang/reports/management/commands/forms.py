"""`xdd forms --org CODE --period P [--form N ...] --format json|xlsx|pdf [-o FILE]` (spec/forms.md).

The figures come from indicators.statforms (one engine with `xdd report`). JSON goes to standard
output without -o; XLSX and PDF are written to -o FILE, or, without it, to a file named after the
organization and the period in the current folder ("-o -" sends any format to standard output).
Exit 1 for wrong input (unknown organization or form, bad period), 2 for wrong usage.

The command lives in `reports` (not `indicators`) because it calls the renderers, and the
layers only let an app import the ones below it.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.core.errors import DomainError
from xaydungdang.indicators import statforms

FORMATS = ("json", "xlsx", "pdf")


class Command(BaseCommand):
    help = "Lập các biểu thống kê cơ bản (Biểu 1, 2, 3, 4, 5, 7-BTCTW) của một tổ chức đảng cho một kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã tổ chức đảng (ví dụ ST)")
        parser.add_argument(
            "--period",
            required=True,
            metavar="KỲ",
            help="kỳ báo cáo: YYYY (cả năm), YYYY-Q1 (quý I), YYYY-H1 (6 tháng), YYYY-9M (9 tháng)",
        )
        parser.add_argument(
            "--form",
            dest="forms",
            action="append",
            metavar="SỐ",
            help="số biểu (1, 2, 3, 4, 5, 7); lặp lại để chọn nhiều biểu; bỏ trống: tất cả",
        )
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="json", help="định dạng (mặc định json)")
        parser.add_argument(
            "-o",
            "--output",
            metavar="TỆP",
            help="tệp kết quả; '-' là đầu ra chuẩn. Không ghi: json ra đầu ra chuẩn, xlsx/pdf ghi vào "
            "thư mục hiện tại với tên tự đặt",
        )

    def handle(self, *args, **options):
        fmt, output = options["fmt"], options.get("output")
        forms = [part for value in options.get("forms") or [] for part in str(value).split(",") if part.strip()]
        try:
            data = statforms.compute_forms(options["org"], options["period"], forms or None)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=1)
        if fmt == "json":
            text = json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False, indent=2) + "\n"
            if output and output != "-":
                self._write(Path(output), text.encode("utf-8"))
            else:
                sys.stdout.write(text)
            return
        content = self._render(fmt, data, options["org"])
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        path = Path(output) if output else Path(f"bieu-thong-ke-{data[0]['org']['code']}-{options['period']}.{fmt}")
        self._write(path, content)
        self.stderr.write(f"Đã ghi {path}")

    def _write(self, path: Path, content: bytes) -> None:
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {path}: {exc.strerror or exc}", returncode=1)

    @staticmethod
    def _render(fmt: str, data: list[dict], org_code: str) -> bytes:
        """Helper renderers of reports/renderers (imported only when asked for)."""
        import datetime as dt
        import importlib

        try:
            renderer = importlib.import_module(f"xaydungdang.reports.renderers.forms_{fmt}")
        except ImportError:
            raise CommandError(f"Chưa có bộ xuất biểu thống kê dạng {fmt.upper()} trong phiên bản này.", returncode=1)
        header = None
        try:
            layout = importlib.import_module("xaydungdang.reports.renderers.forms_layout")
            header = layout.forms_header(org_code, dt.date.fromisoformat(data[0]["period"]["to"]))
        except (ImportError, AttributeError):
            header = None
        return renderer.render(data, header)
