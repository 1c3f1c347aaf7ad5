"""`xdd digest [--on YYYY-MM-DD]` (docs/cli.md): send the daily e-mail of open deadlines to every
user who opted in (alerts/digest.py). Prints one line per letter sent on standard output, a count on
standard error. A bad date exits 2."""

import sys

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.alerts.digest import send_digests
from xaydungdang.core.dates import parse_date, today


class Command(BaseCommand):
    help = "Gửi thư nhắc hạn cần xử lý cho người dùng đã đăng ký nhận."

    def add_arguments(self, parser):
        parser.add_argument("--on", default=None, metavar="YYYY-MM-DD", help="ngày tính (mặc định hôm nay)")

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
        sent = send_digests(day)
        for username, count in sent:
            sys.stdout.write(f"{username}\t{count}\n")
        self.stderr.write(f"Đã gửi {len(sent)} thư nhắc hạn ngày {day:%d/%m/%Y}.")
