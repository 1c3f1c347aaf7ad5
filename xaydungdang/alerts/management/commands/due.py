"""`xdd due --org CODE [--on YYYY-MM-DD] [--kind KIND] --format json` (docs/cli.md).

The deadlines open on a day in an organization's subtree, from the registry (core/deadlines.py),
sorted by due day: `{"kind", "member_no" | "org_code", "due_on", "overdue", "basis"}` plus the
Vietnamese `label` and `subject`. Correct for past days too: only facts dated on or before the day
count. Exit 1 for an unknown organization, 2 for a malformed or impossible date or kind (wrong usage).
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.alerts import reminders
from xaydungdang.core import deadlines
from xaydungdang.core.dates import parse_date, today
from xaydungdang.organizations.models import Organization


class Command(BaseCommand):
    help = "Các hạn cần xử lý (xét công nhận chính thức, kết nạp, chuyển sinh hoạt…) của một tổ chức tại một ngày."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã tổ chức đảng")
        parser.add_argument("--on", default=None, metavar="YYYY-MM-DD", help="ngày tính (mặc định hôm nay)")
        parser.add_argument("--kind", default=None, metavar="LOẠI", help="chỉ một loại hạn, ví dụ recognition_review")
        parser.add_argument("--format", dest="fmt", choices=("json",), default="json")

    def handle(self, *args, **options):
        raw = options.get("on")
        day = today()
        if raw:
            try:
                day = parse_date(str(raw)[:20])
            except ValueError:
                day = None
            if day is None or not 1930 <= day.year <= 2200:
                raise CommandError(
                    f"--on: ngày không hợp lệ «{str(raw)[:20]}» (dạng YYYY-MM-DD, ví dụ 2026-03-31).", returncode=2
                )
        kinds = None
        if options.get("kind"):
            kind = str(options["kind"])[:40]
            if kind not in deadlines.KIND_LABELS:
                known = ", ".join(sorted(deadlines.KIND_LABELS))
                raise CommandError(f"--kind: không có loại hạn «{kind}». Các loại: {known}.", returncode=2)
            kinds = [kind]
        org = Organization.objects.filter(code=str(options["org"])[:40]).first()
        if org is None:
            raise CommandError(f"Không có tổ chức đảng mã {options['org']}.", returncode=1)
        found = deadlines.open_deadlines(on=day, root_org_id=org.id, kinds=kinds)
        sys.stdout.write(json.dumps(reminders.as_json(found, day), ensure_ascii=False, indent=2) + "\n")
