"""`xdd createuser USERNAME --org CODE --role ROLE [--password P]` (spec/cli.md)."""

import getpass
import os
import sys

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.accounts import actions
from xaydungdang.accounts.models import Role
from xaydungdang.organizations.models import Organization

ROLES = ", ".join(Role.values)


def read_password(given: str | None) -> str:
    """--password, then XDD_PASSWORD, then a prompt on a terminal; otherwise a usage error."""
    if given:
        return given
    if os.environ.get("XDD_PASSWORD"):
        return os.environ["XDD_PASSWORD"]
    if sys.stdin.isatty():
        first = getpass.getpass("Mật khẩu: ")
        second = getpass.getpass("Nhập lại mật khẩu: ")
        if first != second:
            raise CommandError("Hai lần nhập mật khẩu không khớp.", returncode=1)
        return first
    raise CommandError("Thiếu mật khẩu: dùng --password hoặc biến môi trường XDD_PASSWORD.", returncode=2)


class Command(BaseCommand):
    requires_system_checks = []  # independent of the URL configuration
    help = "Tạo người dùng với một vai trò trên một tổ chức (quyền phủ cả cây tổ chức bên dưới)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--org", required=True, help="mã tổ chức đảng")
        parser.add_argument("--role", required=True, help=f"vai trò: {ROLES}")
        parser.add_argument("--password", help="mật khẩu (hoặc biến môi trường XDD_PASSWORD)")
        parser.add_argument("--full-name", default="", help="họ và tên")

    def handle(self, *args, **opts):
        role = opts["role"].strip().lower()
        if role not in Role.values:
            raise CommandError(f'Vai trò "{opts["role"]}" không hợp lệ; chọn một trong: {ROLES}.', returncode=1)
        org = Organization.objects.filter(code=opts["org"].strip()).first()
        if org is None:
            raise CommandError(f'Không có tổ chức mã "{opts["org"]}".', returncode=1)
        password = read_password(opts["password"])
        user = actions.create_user(opts["username"], org, role, password, full_name=opts["full_name"])
        self.stdout.write(f"Đã tạo người dùng {user.username}: {Role(role).label} — {org.name} ({org.code}).")
