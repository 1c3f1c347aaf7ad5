"""`xdd check [--org CODE] [--warnings]`: data health, one problem a line; exit 1 on any error.

`xdd check --campaign [--org CODE] [--format text|json|xlsx] [-o FILE]`: the data-quality campaign
(indicators/campaign.py): counts per unit and the members to fix; its findings are warnings (exit 0),
a wrong organization or output exits 1, a wrong option 2 (docs/cli.md)."""

import json

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.indicators import health


class Command(BaseCommand):
    help = "Kiểm tra sức khỏe dữ liệu: mỗi vấn đề một dòng; mã thoát 1 nếu có lỗi."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="chỉ kiểm tra cây của tổ chức có mã này")
        parser.add_argument(
            "--warnings",
            action="store_true",
            help="in cả cảnh báo (chi bộ dưới 3 đảng viên chính thức, quá hạn chính thức, ...)",
        )
        parser.add_argument(
            "--campaign",
            action="store_true",
            help="rà soát dữ liệu “đúng – đủ – sạch – sống”: số vấn đề theo đơn vị và danh sách đảng viên cần sửa",
        )
        parser.add_argument("--format", choices=["text", "json", "xlsx"], default="text", help="với --campaign")
        parser.add_argument("-o", "--output", help="ghi ra tệp (bắt buộc với --format xlsx)")

    def handle(self, *args, **options):
        if options["campaign"]:
            return self._campaign(options)
        if options["format"] != "text" or options["output"]:
            raise CommandError("--format và -o chỉ dùng cùng --campaign.", returncode=2)
        findings = health.run(options.get("org"))
        errors = [f for f in findings if f.severity == "error"]
        shown = findings if options["warnings"] else errors
        for finding in shown:
            self.stdout.write(str(finding))
        warnings = len(findings) - len(errors)
        if errors:
            raise CommandError(f"Có {len(errors)} lỗi dữ liệu.", returncode=1)
        note = f" ({warnings} cảnh báo; xem bằng --warnings)" if warnings and not options["warnings"] else ""
        self.stderr.write(f"Dữ liệu nhất quán, không có lỗi{note}.")

    def _campaign(self, options):
        from xaydungdang.core import audit
        from xaydungdang.core.auditactions import AuditAction
        from xaydungdang.indicators import campaign
        from xaydungdang.organizations.tree import load_tree

        code, fmt, output = options.get("org"), options["format"], options["output"]
        org_id = None
        if code:
            org_id = load_tree().by_code.get(code)
            if org_id is None:
                raise CommandError(f'Không có tổ chức mã "{code}".', returncode=1)
        if fmt == "xlsx" and not output:
            raise CommandError("Định dạng xlsx cần tệp ghi ra: thêm -o TỆP.xlsx.", returncode=2)
        result = campaign.run(org_id=org_id)
        heading = f"Tổ chức: {code}" if code else "Toàn hệ thống"
        if fmt == "xlsx":
            content = campaign.workbook(result, reveal=lambda cell_id: True, heading=heading)
        elif fmt == "json":
            content = json.dumps(campaign.as_json(result), ensure_ascii=False, indent=1) + "\n"
        else:
            content = "".join(line + "\n" for line in campaign.text_lines(result))
        if output:
            try:
                with open(output, "wb") as fh:
                    fh.write(content if isinstance(content, bytes) else content.encode("utf-8"))
            except OSError as exc:
                raise CommandError(f"Không ghi được tệp {output}: {exc.strerror}.", returncode=1) from None
            audit.record(
                AuditAction.DATA_CAMPAIGN_EXPORT,
                model="members.member",
                org_id=org_id,
                object_repr=f"Rà soát dữ liệu: {output}"[:255],
                after={"format": fmt, "rows": len(result.findings), "units": len(result.units)},
            )
        else:
            self.stdout.write(content, ending="")
        units = len(result.counts())
        self.stderr.write(
            f"Rà soát dữ liệu: {len(result.findings)} vấn đề ở {units} đơn vị"
            + (f"; đã ghi {output}." if output else ".")
        )
