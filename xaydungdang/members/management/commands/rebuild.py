"""`xdd rebuild`: derive every interval again from the recorded events (safe to run any time)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.progress import stage_reporter
from xaydungdang.members.projection import rebuild_all
from xaydungdang.organizations.projection import rebuild_links


class Command(BaseCommand):
    help = "Dựng lại dữ liệu dẫn xuất (quá trình sinh hoạt, cây tổ chức theo thời gian) từ các biến động đã ghi."

    def handle(self, *args, **options):
        with transaction.atomic():
            links = rebuild_links()
            result = rebuild_all(progress=stage_reporter("Dựng lại"))
            audit.record(
                AuditAction.DATA_REBUILD,
                model="members.memberspan",
                after={"links": links, "members": result["members"], "spans": result["spans"]},
            )
        self.stdout.write(
            f"Đã dựng lại {links} liên kết tổ chức và {result['spans']} khoảng sinh hoạt của "
            f"{result['members']} đảng viên."
        )
        if result["broken"]:
            for member_no, problems in result["broken"]:
                for _key, problem in problems:
                    self.stdout.write(f"LỖI: đảng viên {member_no}: {problem.message}")
            raise CommandError(f"{len(result['broken'])} đảng viên có quá trình không hợp lệ.", returncode=1)
