"""`xdd ratings --org CODE --period 2025 --format json|xlsx [-o FILE]` (docs/cli.md, an extension).

The annual quality forms of an organization's subtree for a period: grassroots organizations and
members counted by level and by the unit type of their grassroots organization, with the reasons for
"không hoàn thành" and the not-rated by reason; the "xuất sắc" cap warnings come with the JSON.
JSON to standard output without -o; XLSX to -o FILE or `xep-loai-CODE-PERIOD.xlsx`.
Exit 1 for wrong input (unknown organization, bad period), 2 for wrong usage.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.organizations.models import Organization
from xaydungdang.reviews import quality, quality_xlsx, rulesets


class Command(BaseCommand):
    help = "Biểu chất lượng tổ chức cơ sở đảng và đảng viên của một tổ chức trong một kỳ đánh giá."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã tổ chức đảng")
        parser.add_argument("--period", required=True, help="kỳ: 2025, 2025-Q3, 2020-2025 hoặc 2025-10-15")
        parser.add_argument("--format", dest="fmt", choices=("json", "xlsx"), default="json")
        parser.add_argument("-o", "--output", metavar="TỆP", help="tệp kết quả; '-' là đầu ra chuẩn")

    def handle(self, *args, **options):
        org = Organization.objects.filter(code=str(options["org"])[:40]).first()
        if org is None:
            raise CommandError(f"Không có tổ chức đảng mã {options['org']}.", returncode=1)
        try:
            period = rulesets.parse_period(options["period"])
        except rulesets.PeriodError as exc:
            raise CommandError(str(exc), returncode=1) from None
        data = quality.quality_forms(org, period.text)
        output = options.get("output")
        if options["fmt"] == "json":
            out = quality.quality_json(data)
            within = quality.grassroots_ids_under(org.id, period.end)
            out["cap_warnings"] = (
                [w.message for w in quality.cap_warnings(period.year, within)] if period.kind == rulesets.YEAR else []
            )
            text = json.dumps(out, ensure_ascii=False, indent=2) + "\n"
            if output and output != "-":
                self._write(Path(output), text.encode("utf-8"))
            else:
                sys.stdout.write(text)
            return
        content = quality_xlsx.render(data)
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        path = Path(output) if output else Path(f"xep-loai-{org.code}-{period.text}.xlsx")
        self._write(path, content)
        self.stderr.write(f"Đã ghi {path}")

    def _write(self, path: Path, content: bytes) -> None:
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {path}: {exc.strerror or exc}", returncode=1) from None
