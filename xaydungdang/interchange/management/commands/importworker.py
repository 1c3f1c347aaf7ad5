"""The import worker (started and stopped by `xdd serve`; not an `xdd` command of its own): takes
the worker lock of the database, queues again the jobs a stopped worker left unfinished, then runs
queued import jobs one at a time until it is told to stop (SIGTERM: after the current job)."""

import logging
import os
import socket
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from xaydungdang.interchange import gcpause, jobs
from xaydungdang.interchange.worker import WorkerLock, recover_interrupted

logger = logging.getLogger("xaydungdang.interchange.worker")


class Command(BaseCommand):
    requires_system_checks = []
    help = "Tiến trình nền chạy các lượt nhập dữ liệu tải lên từ trang web (xdd serve tự khởi động)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="số giây giữa hai lần xem hàng đợi")

    def handle(self, *args, **options):
        gcpause.allow()  # this process only runs imports, one at a time, in its main thread
        lock = WorkerLock()
        if not lock.acquire():
            logger.warning("another import worker holds the lock of this database; waiting")
            while not lock.acquire():
                time.sleep(5)
        recover_interrupted()
        worker_id = f"{socket.gethostname()}:{os.getpid()}"[:64]
        call_command(
            "db_worker",
            queue_name=jobs.QUEUE,
            interval=options["interval"],
            reload=False,
            startup_delay=False,
            worker_id=worker_id,
            verbosity=options["verbosity"],
        )
