"""`xdd dues --org CODE --month YYYY-MM --format json|xlsx [-o FILE]` (docs/cli.md).

Every member in the organization's list that month (its cells at any level below):
`{"member_no", "category", "due", "paid", "arrears_months"}`, integer đồng. JSON goes to standard
output without -o; XLSX to -o FILE or, without it, `dang-phi-CODE-YYYY-MM.xlsx` in the current folder.
Exit 1 for wrong input (unknown organization, bad month), 2 for wrong usage.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.dues import ledger, sheets
from xaydungdang.organizations.models import Organization


class Command(BaseCommand):
    help = "Đảng phí của mọi đảng viên trong danh sách một tổ chức đảng trong một tháng."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã tổ chức đảng")
        parser.add_argument("--month", required=True, metavar="YYYY-MM", help="tháng, ví dụ 2026-03")
        parser.add_argument("--format", dest="fmt", choices=("json", "xlsx"), default="json")
        parser.add_argument("-o", "--output", metavar="TỆP", help="tệp kết quả; '-' là đầu ra chuẩn")

    def handle(self, *args, **options):
        org = Organization.objects.filter(code=str(options["org"])[:40]).first()
        if org is None:
            raise CommandError(f"Không có tổ chức đảng mã {options['org']}.", returncode=1)
        month = ledger.parse_month(options["month"])
        if month is None:
            raise CommandError(f"Tháng không hợp lệ: {options['month']} (dạng YYYY-MM, ví dụ 2026-03).", returncode=1)
        rows = ledger.ledger(org.id, month)
        output = options.get("output")
        if options["fmt"] == "json":
            text = json.dumps([r.as_contract() for r in rows], ensure_ascii=False, indent=2) + "\n"
            if output and output != "-":
                self._write(Path(output), text.encode("utf-8"))
            else:
                sys.stdout.write(text)
            return
        content = sheets.month_xlsx(org, month, rows)
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        path = Path(output) if output else Path(f"dang-phi-{org.code}-{month:%Y-%m}.xlsx")
        self._write(path, content)
        self.stderr.write(f"Đã ghi {path}")

    def _write(self, path: Path, content: bytes) -> None:
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {path}: {exc.strerror or exc}", returncode=1)
