"""The `xdd` command (spec/cli.md): a thin front over Django management commands.

Exit codes: 0 success, 1 wrong input or data (a Vietnamese message, no traceback), 2 wrong usage.
"""

import os
import sys

COMMANDS = {
    "migrate": ("migrate", "tạo hoặc nâng cấp cấu trúc cơ sở dữ liệu"),
    "demo": ("demo", "nạp dữ liệu mẫu tỉnh ST (Sóc Trăng)"),
    "import": ("importdata", "nhập bộ dữ liệu theo định dạng trao đổi (tất cả hoặc không)"),
    "export": ("exportdata", "xuất toàn bộ dữ liệu theo định dạng trao đổi"),
    "report": ("report", "báo cáo tổng kết: json, docx, pdf, xlsx, html"),
    "forms": ("forms", "biểu thống kê cơ bản (Biểu 1, 2, 3, 4, 5, 7-BTCTW): json, xlsx, pdf"),
    "dues": ("dues", "đảng phí của một tổ chức trong một tháng: json, xlsx (mở rộng)"),
    "badges": ("badges", "danh sách đề nghị tặng Huy hiệu Đảng một đợt: json, xlsx, docx (mở rộng)"),
    "ratings": ("ratings", "biểu chất lượng tổ chức đảng, đảng viên một kỳ đánh giá: json, xlsx (mở rộng)"),
    "due": ("due", "các hạn cần xử lý của một tổ chức tại một ngày: json (mở rộng)"),
    "digest": ("digest", "gửi thư nhắc hạn cần xử lý cho người dùng đã đăng ký (mở rộng)"),
    "check": ("datacheck", "kiểm tra sức khỏe dữ liệu"),
    "serve": ("serve", "chạy ứng dụng web"),
    "createuser": ("createuser", "tạo người dùng với vai trò trên một tổ chức"),
    "backup": ("backup", "sao lưu trực tuyến cơ sở dữ liệu"),
    "restore": ("restore", "khôi phục từ bản sao lưu"),
    "rebuild": ("rebuild", "dựng lại dữ liệu dẫn xuất từ biến động"),
    "audit": ("audit", "xem, xuất nhật ký thay đổi"),
    "mirror": ("mirror", "đồng bộ theo nguồn thay đổi của một hệ thống khác (mở rộng)"),
}

USAGE = (
    "Cách dùng: xdd <lệnh> [tùy chọn]\n\nCác lệnh:\n"
    + "\n".join(f"  {name:<11} {desc}" for name, (_cmd, desc) in COMMANDS.items())
    + "\n\nXem tùy chọn của một lệnh: xdd <lệnh> --help"
)


def _auto_migrate() -> None:
    """SQLite databases are brought up to date by every command (cli.md)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if connection.vendor != "sqlite":
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def _run(command: str, name: str, args: list[str]) -> None:
    """Parse like the command line (usage errors exit 2) but handle errors ourselves, so a
    user sees a plain Vietnamese message instead of Django's "CommandError: ..." prefix."""
    from django.core.management import get_commands, load_command_class

    app = get_commands()[command]
    cmd = load_command_class(app, command)
    cmd._called_from_command_line = True
    parser = cmd.create_parser("xdd", name)
    options = parser.parse_args(args)
    cmd_options = vars(options)
    positional = cmd_options.pop("args", ())
    if command == "migrate":
        cmd_options["interactive"] = False
    cmd.execute(*positional, **cmd_options)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 2
    name = argv[0]
    if name not in COMMANDS:
        print(f"Lệnh không hợp lệ: {name}\n\n{USAGE}", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
    import django

    try:
        django.setup()
    except Exception as exc:  # a broken DATABASE_URL or data folder, not a program error
        print(f"Không khởi động được: {exc}", file=sys.stderr)
        return 1
    from django.core.management.base import CommandError
    from django.db import DatabaseError

    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.core.errors import DomainError

    command, _desc = COMMANDS[name]
    try:
        with acting_as(Actor(via="cli")):
            if name not in ("migrate", "serve", "restore"):
                _auto_migrate()
            _run(command, name, argv[1:])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except DomainError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return getattr(exc, "returncode", 1) or 1
    except DatabaseError as exc:
        print(f"Lỗi cơ sở dữ liệu: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
