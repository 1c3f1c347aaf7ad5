"""The import worker's start: one active worker per database, and jobs interrupted by a restart
queued again.

`xdd serve` starts one worker (the `importworker` command) beside the web server. Before it takes
any task it holds the worker lock of the database (a PostgreSQL advisory lock on a connection of
its own, or an exclusive file lock beside the SQLite file); a second worker on the same database
(a second `xdd serve`) waits for the lock instead of running, so a task left RUNNING can only
belong to a worker that is gone. Holding the lock, the worker puts such tasks back in the queue
and queues any unfinished job that has no task (one started by the threads of an older version).
"""

import fcntl
import logging
import os
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from xaydungdang.interchange import jobs
from xaydungdang.interchange.models import ImportJob

logger = logging.getLogger(__name__)

# pg_try_advisory_lock key of the import worker ("XDDW").
LOCK_KEY = 0x58444457


def lock_file() -> Path:
    """Beside the SQLite database file (the lock must be seen by every process using that file)."""
    return Path(str(settings.DATABASES["default"]["NAME"]) + ".worker-lock")


class WorkerLock:
    """Held for the life of the worker process; released when the process ends, however it ends."""

    def __init__(self):
        self._handle = None

    def acquire(self) -> bool:
        if self._handle is not None:
            return True
        if connection.vendor == "postgresql":
            own = connections.create_connection("default")  # not closed by the worker's connection upkeep
            own.ensure_connection()
            with own.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
                held = cursor.fetchone()[0]
            if not held:
                own.close()
                return False
            self._handle = own
            return True
        fd = os.open(lock_file(), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._handle = fd
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        if isinstance(self._handle, int):
            os.close(self._handle)
        else:
            self._handle.close()
        self._handle = None


def recover_interrupted() -> list[int]:
    """Queue again what a stopped worker left unfinished; call only while holding the lock.
    Returns the ids of the jobs queued again."""
    tasks = DBTaskResult.objects.filter(queue_name=jobs.QUEUE)
    running = ImportJob.objects.filter(state=ImportJob.State.RUNNING)
    with transaction.atomic():
        interrupted = set(running.values_list("pk", flat=True))
        tasks.filter(status=TaskResultStatus.RUNNING).update(status=TaskResultStatus.READY, started_at=None)
        running.update(state=ImportJob.State.PENDING, stage="", done=0, total=0)
    queued = {
        (t.get("args") or [None])[0]
        for t in tasks.filter(status=TaskResultStatus.READY).values_list("args_kwargs", flat=True)
    }
    waiting = ImportJob.objects.filter(state=ImportJob.State.PENDING).exclude(path="").values_list("pk", flat=True)
    orphans = [pk for pk in waiting if pk not in queued]
    for pk in orphans:
        jobs.run_import.enqueue(pk)
    recovered = sorted(interrupted | set(orphans))
    if recovered:
        logger.warning("import jobs queued again after a restart: %s", recovered)
    return recovered
