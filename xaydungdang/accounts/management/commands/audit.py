"""`xdd audit [--user U] [--org CODE] [--since DATE] [--until DATE] [--format csv|json] [-o FILE]`."""

import sys

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.accounts.audit_trail import AuditFilter, write_csv, write_json
from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.dates import parse_date
from xaydungdang.core.errors import DomainError
from xaydungdang.core.formatting import integer
from xaydungdang.core.models import AuditEntry
from xaydungdang.organizations.models import Organization


def _date(value: str | None, option: str):
    if not value:
        return None
    try:
        return parse_date(value)
    except (ValueError, DomainError):
        raise CommandError(f'{option}: ngày "{value}" không hợp lệ (dùng YYYY-MM-DD hoặc DD/MM/YYYY).', returncode=1)


class Command(BaseCommand):
    requires_system_checks = []
    help = "Xem, xuất nhật ký thay đổi (mới nhất trước)."

    def add_arguments(self, parser):
        parser.add_argument("--user", default="", help="tên đăng nhập")
        parser.add_argument("--org", help="mã tổ chức: gồm cả các tổ chức trực thuộc")
        parser.add_argument("--member", help="số lý lịch đảng viên")
        parser.add_argument("--action", default="", help="mã thao tác, ví dụ member.update hoặc event")
        parser.add_argument("--since", help="từ ngày")
        parser.add_argument("--until", help="đến ngày (tính cả ngày đó)")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("-o", "--output", help="tệp kết quả (mặc định: in ra màn hình)")
        parser.add_argument(
            "--seal",
            action="store_true",
            help="niêm phong các dòng mới vào chuỗi băm; in mã chuỗi cuối để lưu ở nơi khác",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="kiểm tra chuỗi băm: nhật ký có bị xóa, sửa sau khi niêm phong không (có: mã thoát 1)",
        )
        parser.add_argument(
            "--expect", metavar="MÃ-CHUỖI", help="cùng --verify: mã chuỗi đã lưu ở nơi khác phải còn nằm trong chuỗi"
        )

    def handle(self, *args, **opts):
        if opts["seal"] or opts["verify"]:
            return self._chain(opts)
        filters = AuditFilter(
            user=opts["user"],
            action=opts["action"],
            since=_date(opts["since"], "--since"),
            until=_date(opts["until"], "--until"),
        )
        filters.check()
        if opts["org"]:
            org = Organization.objects.filter(code=opts["org"].strip()).first()
            if org is None:
                raise CommandError(f'Không có tổ chức mã "{opts["org"]}".', returncode=1)
            filters.org_id = org.id
        if opts["member"]:
            from xaydungdang.members.models import Member

            member = Member.objects.filter(member_no=opts["member"].strip()).first()
            if member is None:
                raise CommandError(f'Không có đảng viên số lý lịch "{opts["member"]}".', returncode=1)
            filters.member_id = member.id
        queryset = filters.apply(AuditEntry.objects.all())
        writer = write_json if opts["format"] == "json" else write_csv
        if opts["output"]:
            try:
                with open(opts["output"], "w", encoding="utf-8", newline="") as fh:
                    count = writer(queryset, fh)
            except OSError as exc:
                raise CommandError(f"Không ghi được tệp {opts['output']}: {exc.strerror}.", returncode=1)
            audit.record(
                AuditAction.AUDIT_EXPORT,
                model="core.auditentry",
                object_repr=opts["output"][:255],
                after={"format": opts["format"], "rows": count, "filters": filters.describe()},
            )
            self.stderr.write(f"Đã xuất {count} dòng nhật ký vào {opts['output']}.")
        else:
            writer(queryset, sys.stdout)

    def _chain(self, opts):
        from xaydungdang.core import auditchain

        if opts["seal"]:
            done = auditchain.seal()
            head = f" (dòng #{done.head_entry})" if done.head_entry is not None else ""
            self.stdout.write(
                f"Đã niêm phong {integer(done.added)} dòng mới; tổng {integer(done.total)} dòng đã niêm "
                f"phong. Mã chuỗi cuối{head}: {done.head_chain}"
            )
            self.stdout.write("Lưu mã này ở nơi khác máy chủ; kiểm tra về sau: xdd audit --verify --expect MÃ.")
            if not opts["verify"]:
                return
        result = auditchain.verify(opts["expect"])
        if result.ok:
            head = f" (dòng #{result.head_entry})" if result.head_entry is not None else ""
            anchor = "; mã chuỗi đã lưu có trong chuỗi" if result.expected_found else ""
            self.stdout.write(
                f"Nhật ký toàn vẹn: {integer(result.sealed)} dòng đã niêm phong khớp chuỗi băm{anchor}; "
                f"{integer(result.unsealed)} dòng chưa niêm phong. Mã chuỗi cuối{head}: "
                f"{result.head_chain}"
            )
            return
        lines = [f"- {p}" for p in result.problems[:50]]
        if len(result.problems) > 50:
            lines.append(f"- … và {integer(len(result.problems) - 50)} lỗi khác")
        if result.expected_found is False:
            lines.append(
                f"- mã chuỗi đã lưu {opts['expect'].strip()} không còn trong chuỗi: nhật ký đã bị viết lại hoặc cắt bớt"
            )
        raise CommandError("NHẬT KÝ ĐÃ BỊ CAN THIỆP (chuỗi băm không khớp):\n" + "\n".join(lines), returncode=1)
