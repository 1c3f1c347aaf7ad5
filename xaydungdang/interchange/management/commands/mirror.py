"""`xdd mirror --from URL --token TOKEN [--since CURSOR] [--limit N]`: bring this database in step with
another instance by replaying its change feed (/api/v1/changes/, interchange/mirror.py). Each page is
applied all or nothing together with the cursor it reached; the next run resumes from there."""

from django.core.management.base import BaseCommand

from xaydungdang.interchange import feed, mirror


class Command(BaseCommand):
    requires_system_checks = []
    help = "Đồng bộ cơ sở dữ liệu này theo nguồn thay đổi (/api/v1/changes/) của một hệ thống khác."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="source", required=True, help="địa chỉ hệ thống nguồn, vd. https://tinh.example.vn"
        )
        parser.add_argument("--token", required=True, help="mã API của người dùng ở hệ thống nguồn")
        parser.add_argument(
            "--since", help="đọc từ con trỏ này (mặc định: con trỏ đã nhớ của nguồn này; trống: từ đầu)"
        )
        parser.add_argument("--limit", type=int, default=feed.DEFAULT_LIMIT, help="số thay đổi mỗi trang")

    def handle(self, *args, **options):
        url = feed_url(options["source"])
        token = options["token"]
        limit = max(1, min(options["limit"], feed.MAX_LIMIT))

        def read(since, size):
            return mirror.fetch_page(url, token, since, size)

        def report(page, counts):
            if page["changes"]:
                self.stdout.write(
                    f"Áp dụng {len(page['changes'])} thay đổi (thêm {counts['insert']}, cập nhật {counts['upsert']}, "
                    f"hủy {counts['void']}); con trỏ {page['next']}."
                )

        state = mirror.pull(url, read, since=options.get("since"), limit=limit, on_page=report)
        self.stdout.write(
            f"Đã đồng bộ đến con trỏ {state.cursor or '(đầu)'}: tổng {state.applied} thay đổi đã áp dụng."
        )


def feed_url(source: str) -> str:
    """The feed's address from what the user typed: a site (https://host), or the feed itself."""
    source = source.strip().rstrip("/")
    if source.endswith("/api/v1/changes"):
        return source + "/"
    return source + "/api/v1/changes/"
