"""`xdd serve [--host 127.0.0.1] [--port 8000] [--dev]`: the web application.

Production: gunicorn with threaded workers (2 cores: 3 workers x 4 threads by default), static
files collected into the data folder and served by whitenoise. The process is replaced by
gunicorn, so SIGTERM from a service manager reaches it directly and stops it gracefully.
"""

import os
import socket
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def worker_counts() -> tuple[int, int]:
    cores = os.cpu_count() or 2
    # Requests mostly wait on the database, so threads help; 2 cores -> 3 processes.
    workers = int(os.environ.get("XDD_WORKERS") or (cores + 1 if cores <= 2 else min(2 * cores + 1, 9)))
    threads = int(os.environ.get("XDD_THREADS") or 4)
    return max(1, workers), max(1, threads)


def gunicorn_argv(host: str, port: int) -> list[str]:
    workers, threads = worker_counts()
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    argv = [sys.executable, "-m", "gunicorn", "xaydungdang.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
            "--timeout", os.environ.get("XDD_REQUEST_TIMEOUT", "120"), "--graceful-timeout", "30",
            "--max-requests", "2000", "--max-requests-jitter", "200",
            "--error-logfile", "-", "--log-level", os.environ.get("XDD_LOG_LEVEL", "warning").lower()]
    if os.environ.get("XDD_ACCESS_LOG"):
        argv += ["--access-logfile", os.environ["XDD_ACCESS_LOG"]]
    if settings.TLS:
        argv += ["--forwarded-allow-ips", os.environ.get("XDD_FORWARDED_ALLOW_IPS", "127.0.0.1")]
    return argv


def check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CommandError(f"Không mở được cổng {port} trên {host}: {exc.strerror} (cổng đang được chương trình "
                               "khác dùng? chọn cổng khác bằng --port).", returncode=1)


class Command(BaseCommand):
    help = "Chạy ứng dụng web (gunicorn; --dev: máy chủ phát triển của Django)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
        parser.add_argument("--dev", action="store_true", help="máy chủ phát triển, tự nạp lại khi sửa mã")

    def handle(self, *args, **opts):
        host, port = opts["host"], opts["port"]
        if not 0 < port < 65536:
            raise CommandError(f"Cổng {port} không hợp lệ.", returncode=2)
        if settings.PRODUCTION and settings.DEBUG:
            raise CommandError("Không chạy: XDD_ENV=production nhưng chế độ gỡ lỗi (XDD_DEBUG) đang bật — chế độ "
                               "này làm lộ dữ liệu và cấu hình khi có lỗi. Tắt XDD_DEBUG rồi chạy lại.", returncode=1)
        check_port_free(host, port)
        if connection.vendor == "sqlite":
            call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", verbosity=0, interactive=False)
        shown = f"[{host}]" if ":" in host else host
        scheme = "https" if settings.TLS else "http"
        if opts["dev"]:
            self.stdout.write(f"Máy chủ phát triển: {scheme}://{shown}:{port}/ (Ctrl+C để dừng)")
            call_command("runserver", f"{shown}:{port}", use_reloader=True)
            return
        workers, threads = worker_counts()
        self.stdout.write(f"Ứng dụng đang chạy tại {scheme}://{shown}:{port}/ ({workers} tiến trình × {threads} luồng; "
                          "Ctrl+C để dừng)")
        self.stdout.flush()
        connection.close()
        os.execv(sys.executable, gunicorn_argv(host, port))
