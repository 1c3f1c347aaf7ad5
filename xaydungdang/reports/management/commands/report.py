"""`xdd report --org CODE --from DATE --to DATE [--kind annual|term|charter] --format FMT [-o FILE]`.

JSON goes to standard output unless -o is given. The other formats are written to -o FILE,
or, without -o, to a file named after the report in the current folder (its path is
printed); "-o -" sends any format to standard output. Exit 1 for wrong input (unknown
organization, bad or reversed dates), 2 for wrong usage (missing or unknown option).

Several formats at once (`--format docx,pdf,xlsx -o DIR`): the report is computed and composed
once, then each format is written into the folder DIR (created if missing; the current folder
without -o) under the report's file name.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.core.errors import DomainError
from xaydungdang.core.progress import stage_reporter
from xaydungdang.reports import service
from xaydungdang.reports.periods import KINDS


class Command(BaseCommand):
    help = "Lập báo cáo tổng kết (spec/indicators.md) của một tổ chức đảng cho một kỳ: json, docx, pdf, xlsx hoặc html."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã tổ chức đảng (ví dụ ST)")
        parser.add_argument(
            "--from",
            dest="start",
            required=True,
            metavar="NGÀY",
            help="ngày bắt đầu kỳ báo cáo: YYYY-MM-DD hoặc DD/MM/YYYY",
        )
        parser.add_argument("--to", dest="end", required=True, metavar="NGÀY", help="ngày kết thúc kỳ báo cáo")
        parser.add_argument(
            "--kind",
            choices=KINDS,
            default="annual",
            help="annual: tổng kết năm (mặc định); term: nhiệm kỳ; charter: thi hành Điều lệ Đảng",
        )
        parser.add_argument(
            "--format",
            dest="fmt",
            default="json",
            metavar="ĐỊNH_DẠNG",
            help=f"định dạng: {', '.join(service.FORMATS)} (mặc định json); nhiều định dạng cách nhau bằng dấu phẩy, "
            "ví dụ docx,pdf,xlsx, thì -o là thư mục",
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="TỆP",
            help="tệp kết quả; '-' là đầu ra chuẩn. Không ghi: json ra đầu ra chuẩn, định dạng "
            "khác ghi vào thư mục hiện tại với tên tự đặt",
        )
        parser.add_argument(
            "--number", default="", metavar="SỐ", help="số văn bản (để trống: 'Số    -BC/TU' để ghi tay)"
        )
        parser.add_argument(
            "--place", default=None, metavar="ĐỊA_DANH", help="địa danh ở dòng ngày tháng (mặc định theo tên tổ chức)"
        )
        parser.add_argument(
            "--date", dest="issued_on", default=None, metavar="NGÀY", help="ngày ký (mặc định để trống, ghi tay)"
        )
        parser.add_argument("--signer", default="", metavar="HỌ_TÊN", help="họ tên người ký (để trống nếu ký tay)")
        parser.add_argument(
            "--term",
            default=None,
            metavar="NĂM-NĂM",
            help="nhiệm kỳ cho --kind term, ví dụ 2020-2025 (mặc định suy từ ngày bắt đầu)",
        )

    def handle(self, *args, **options):
        formats = [part.strip().lower() for part in str(options["fmt"]).split(",") if part.strip()]
        unknown = [f for f in formats if f not in service.FORMATS]
        if unknown or not formats:
            raise CommandError(
                f"--format: định dạng không hỗ trợ «{', '.join(unknown) or options['fmt']}». "
                f"Chọn trong: {', '.join(service.FORMATS)} (nhiều định dạng cách nhau bằng dấu phẩy).",
                returncode=2,
            )
        formats = list(dict.fromkeys(formats))
        if len(formats) > 1:
            self._many(formats, options)
            return
        fmt = formats[0]
        output = options["output"]
        progress = stage_reporter("Lập báo cáo") if fmt != "json" else None
        try:
            if progress:
                progress(0, 3)
            report = service.build(
                options["org"],
                options["start"],
                options["end"],
                kind=options["kind"],
                number=options["number"],
                place=options["place"],
                issued_on=options["issued_on"],
                signer=options["signer"],
                term=options["term"],
            )
            if progress:
                progress(1, 3)
            rendered = service.render(report, fmt)
            if progress:
                progress(3, 3)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=1) from None

        if output == "-" or (output is None and fmt == "json"):
            self._to_stdout(rendered.content)
            return
        path = Path(output) if output else Path.cwd() / rendered.filename
        try:
            path.write_bytes(rendered.content)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {path}: {exc.strerror or exc}.", returncode=1) from None
        self.stdout.write(f"Đã ghi báo cáo vào tệp {path}.")

    def _build(self, options):
        return service.build(
            options["org"],
            options["start"],
            options["end"],
            kind=options["kind"],
            number=options["number"],
            place=options["place"],
            issued_on=options["issued_on"],
            signer=options["signer"],
            term=options["term"],
        )

    def _many(self, formats: list[str], options) -> None:
        """One build, one file per format in the folder -o (the current folder without it)."""
        output = options["output"]
        if output == "-":
            raise CommandError("Nhiều định dạng không ghi ra đầu ra chuẩn được: hãy cho -o một thư mục.", returncode=2)
        folder = Path(output) if output else Path.cwd()
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} không phải là thư mục (nhiều định dạng cần -o THƯ_MỤC).", returncode=1)
        progress = stage_reporter("Lập báo cáo") or (lambda done, total: None)  # None when not on a terminal
        steps = len(formats) + 1
        try:
            progress(0, steps)
            report = self._build(options)
            progress(1, steps)
            rendered = []
            for done, fmt in enumerate(formats, start=2):
                rendered.append(service.render(report, fmt))
                progress(done, steps)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=1) from None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for item in rendered:
                (folder / item.filename).write_bytes(item.content)
        except OSError as exc:
            raise CommandError(f"Không ghi được vào thư mục {folder}: {exc.strerror or exc}.", returncode=1) from None
        for item in rendered:
            self.stdout.write(f"Đã ghi báo cáo vào tệp {folder / item.filename}.")

    def _to_stdout(self, content: bytes) -> None:
        stream = getattr(self.stdout, "_out", sys.stdout)
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(content)
            buffer.flush()
        else:
            stream.write(content.decode("utf-8"))
