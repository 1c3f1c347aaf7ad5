"""`xdd demo [--seed N]`: load the demo province ST (Đảng bộ tỉnh Sóc Trăng), see docs/demo.md."""

from django.core.management.base import BaseCommand

from xaydungdang.accounts.models import Role
from xaydungdang.core.formatting import date, integer
from xaydungdang.demo import figures
from xaydungdang.demo.generator import DEFAULT_SEED
from xaydungdang.demo.loader import PASSWORD_ENV, load
from xaydungdang.interchange import gcpause
from xaydungdang.interchange.progress import terminal_progress

TABLE_LABELS = {
    "organizations": "tổ chức đảng",
    "localities": "địa bàn",
    "members": "đảng viên",
    "member_events": "biến động",
    "ratings": "xếp loại",
    "inspections": "kiểm tra, giám sát",
    "classes": "lớp học",
    "documents": "văn bản",
}


def seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu Đảng bộ tỉnh Sóc Trăng (mã ST) từ 01/01/2019 đến nay, cùng các tài khoản mẫu; "
        "chỉ nạp vào cơ sở dữ liệu chưa có tổ chức ST."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"hạt giống ngẫu nhiên (mặc định {DEFAULT_SEED}); cùng hạt giống, cùng dữ liệu",
        )

    def handle(self, *args, **options):
        gcpause.allow()  # a process of its own: the collector may pause during the import
        with terminal_progress() as progress:
            result = load(options["seed"], progress=progress)
        out = self.stdout.write
        counts = "; ".join(f"{label}: {integer(result.counts[name])}" for name, label in TABLE_LABELS.items())
        out(
            f"Đã nạp dữ liệu mẫu Đảng bộ tỉnh Sóc Trăng (seed {result.seed}, từ 01/01/2019 đến "
            f"{date(result.today)}) trong {seconds(result.seconds_total)} giây "
            f"(tạo {seconds(result.seconds_generate)} giây, nhập {seconds(result.seconds_import)} giây)."
        )
        out(f"  {counts}.")
        for line in figures.lines(figures.calibration()):
            out(line)
        out("Tài khoản:")
        for user in result.users:
            secret = f"mật khẩu {user.password}" if user.password else f"mật khẩu theo biến môi trường {PASSWORD_ENV}"
            out(f"  {user.username}: {Role(user.role).label} — {user.org_name} ({user.org_code}); {secret}")
        if any(user.password for user in result.users):
            out("Hãy ghi lại các mật khẩu trên: chúng chỉ hiện một lần.")
