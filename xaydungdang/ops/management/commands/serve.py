"""`xdd serve [--host 127.0.0.1] [--port 8000] [--dev]`: the web application.

Production: gunicorn with threaded workers (2 cores: 3 workers x 4 threads by default), static
files collected into the data folder and served by whitenoise; beside it, the import worker
(`importworker`: runs the import jobs queued in the database, docs/interchange.md). This process
stays as their parent: SIGTERM or Ctrl+C stops both gracefully (gunicorn finishes its requests; the
worker finishes its job or, after WORKER_GRACE seconds, is killed and its job is run again by the
next worker); a worker that dies is started again; when gunicorn ends, the worker is stopped.
`--dev` runs Django's development server with the same worker beside it.
"""

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from xaydungdang.core import cache


def worker_counts() -> tuple[int, int]:
    cores = os.cpu_count() or 2
    # Requests mostly wait on the database, so threads help; 2 cores -> 3 processes.
    workers = int(os.environ.get("XDD_WORKERS") or (cores + 1 if cores <= 2 else min(2 * cores + 1, 9)))
    threads = int(os.environ.get("XDD_THREADS") or 4)
    return max(1, workers), max(1, threads)


def gunicorn_argv(host: str, port: int) -> list[str]:
    workers, threads = worker_counts()
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "xaydungdang.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--timeout",
        os.environ.get("XDD_REQUEST_TIMEOUT", "120"),
        "--graceful-timeout",
        "30",
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
        "--error-logfile",
        "-",
        "--log-level",
        os.environ.get("XDD_LOG_LEVEL", "warning").lower(),
    ]
    if os.environ.get("XDD_ACCESS_LOG"):
        argv += ["--access-logfile", os.environ["XDD_ACCESS_LOG"]]
    if settings.TLS:
        argv += ["--forwarded-allow-ips", os.environ.get("XDD_FORWARDED_ALLOW_IPS", "127.0.0.1")]
    return argv


# Seconds the worker is given to finish its job when the server stops, before it is killed (the job
# then runs again when the worker next starts: an import writes all or nothing).
WORKER_GRACE = float(os.environ.get("XDD_WORKER_GRACE") or 30)
# A worker that dies is started again, at most this often.
WORKER_RESTART_SECONDS = 5.0


def worker_argv() -> list[str]:
    return [sys.executable, "-m", "django", "importworker"]


def _stop_with_parent() -> None:
    """In the child, before exec: Linux sends SIGTERM to it if `xdd serve` itself is killed."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_worker() -> subprocess.Popen:
    """The import worker, in a session of its own: a Ctrl+C on the terminal reaches this process,
    which stops the worker with one SIGTERM (a second one would cut its job short)."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "xaydungdang.settings"))
    return subprocess.Popen(
        worker_argv(), env=env, stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_stop_with_parent
    )


def stop_worker(worker: subprocess.Popen | None, *, signalled: bool = False) -> None:
    """One SIGTERM (unless already sent), WORKER_GRACE seconds to finish the job, then SIGKILL."""
    if worker is None or worker.poll() is not None:
        return
    if not signalled:
        worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=WORKER_GRACE)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def supervise(web_argv: list[str]) -> int:
    """Run gunicorn and the import worker until gunicorn ends; returns gunicorn's exit code."""
    worker = start_worker()
    web = subprocess.Popen(web_argv, stdin=subprocess.DEVNULL)
    stop: list[int] = []

    def forward(signum, _frame):
        if web.poll() is None:
            web.send_signal(signum)
        if signum != signal.SIGHUP:  # SIGHUP: gunicorn reloads its workers and the server goes on
            stop.append(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, forward)
    worker_signalled = False
    started = time.monotonic()
    try:
        while web.poll() is None:
            if stop and not worker_signalled:
                if worker.poll() is None:
                    worker.send_signal(signal.SIGTERM)  # let it finish its job while gunicorn stops
                worker_signalled = True
            elif not stop and worker.poll() is not None and time.monotonic() - started > WORKER_RESTART_SECONDS:
                sys.stderr.write(f"Tiến trình nhập dữ liệu nền đã dừng (mã {worker.returncode}); khởi động lại.\n")
                worker = start_worker()
                started = time.monotonic()
            time.sleep(0.2)
    finally:
        stop_worker(worker, signalled=worker_signalled)
    return web.returncode


def check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CommandError(
                f"Không mở được cổng {port} trên {host}: {exc.strerror} (cổng đang được chương trình "
                "khác dùng? chọn cổng khác bằng --port).",
                returncode=1,
            )


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
            raise CommandError(
                "Không chạy: XDD_ENV=production nhưng chế độ gỡ lỗi (XDD_DEBUG) đang bật — chế độ "
                "này làm lộ dữ liệu và cấu hình khi có lỗi. Tắt XDD_DEBUG rồi chạy lại.",
                returncode=1,
            )
        check_port_free(host, port)
        if connection.vendor == "sqlite":
            call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", verbosity=0, interactive=False)
        shown = f"[{host}]" if ":" in host else host
        scheme = "https" if settings.TLS else "http"
        if opts["dev"]:
            self.stdout.write(f"Máy chủ phát triển: {scheme}://{shown}:{port}/ (Ctrl+C để dừng)")
            worker = start_worker() if os.environ.get("RUN_MAIN") != "true" else None  # not in the reloaded child
            try:
                call_command("runserver", f"{shown}:{port}", use_reloader=True)
            finally:
                stop_worker(worker)
            return
        workers, threads = worker_counts()
        self.stdout.write(
            f"Ứng dụng đang chạy tại {scheme}://{shown}:{port}/ ({workers} tiến trình × {threads} luồng; "
            "Ctrl+C để dừng)"
        )
        self.stdout.flush()
        connection.close()
        cache.start_warmer()  # the dashboards of each user's own organizations, then those opened (web/warm.py)
        code = supervise(gunicorn_argv(host, port))
        if code:
            sys.exit(code)
