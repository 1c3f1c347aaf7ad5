"""`xdd badges --org CODE --round YYYY-MM-DD --format json|xlsx|docx [-o FILE]` (docs/cli.md).

The members in the organization's list on the round day who by that day reach a milestone whose
badge they have not received (the highest), plus the flagged early and posthumous cases
(badges/eligibility.py). JSON goes to standard output without -o: a list of
`{"member_no", "full_name", "years", "party_age": {"years", "months"}, "kind"}`. XLSX and DOCX go to
-o FILE or, without it, `huy-hieu-dang-CODE-YYYY-MM-DD.xlsx|docx` in the current folder.
Exit 1 for an unknown organization; 2 for wrong usage, including a round day that is not 3/2, 19/5,
2/9 or 7/11.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.badges import actions, documents, eligibility
from xaydungdang.core.dates import parse_date
from xaydungdang.organizations.models import Organization


class Command(BaseCommand):
    help = "Danh sách đảng viên đề nghị tặng Huy hiệu Đảng của một tổ chức đảng trong một đợt."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã tổ chức đảng")
        parser.add_argument(
            "--round", dest="round", required=True, metavar="YYYY-MM-DD", help="ngày trao: 3/2, 19/5, 2/9 hoặc 7/11"
        )
        parser.add_argument("--format", dest="fmt", choices=("json", "xlsx", "docx"), default="json")
        parser.add_argument("-o", "--output", metavar="TỆP", help="tệp kết quả; '-' là đầu ra chuẩn")

    def handle(self, *args, **options):
        raw = str(options["round"])[:20]
        try:
            day = parse_date(raw)
        except ValueError:
            day = None
        problem = eligibility.round_problem(day)
        if problem:
            raise CommandError(problem, returncode=2)
        org = Organization.objects.filter(code=str(options["org"])[:40]).first()
        if org is None:
            raise CommandError(f"Không có tổ chức đảng mã {options['org']}.", returncode=1)
        rows = eligibility.proposals(org.id, day)
        output = options.get("output")
        fmt = options["fmt"]
        if fmt == "json":
            content = (json.dumps([r.as_contract() for r in rows], ensure_ascii=False, indent=2) + "\n").encode()
        else:
            content = documents.xlsx(org, day, rows) if fmt == "xlsx" else documents.docx(org, day, rows)
        actions.record_export(org, day, fmt, len(rows))
        if fmt == "json" and (not output or output == "-"):
            sys.stdout.write(content.decode())
            return
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        path = Path(output) if output else Path(documents.filename(org, day, fmt))
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {path}: {exc.strerror or exc}", returncode=1)
        self.stderr.write(f"Đã ghi {path} ({len(rows)} đảng viên)")
