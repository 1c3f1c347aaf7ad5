"""Import jobs as durable tasks in the database.

The import page creates an ImportJob row and enqueues `run_import(job_id)` on the "imports" queue
(settings.TASKS: the django-tasks API, Django 6's tasks backported, with the django-tasks-db
backend: the queue is a table of the same database). The worker that `xdd serve` starts beside the
web server (`importworker`, interchange/worker.py) claims the task and runs the importer in its own
process; state and progress (done/total/stage) are written to the ImportJob row, which the job
page polls. Tests run tasks at once in their own thread (the immediate backend, conftest.py).

A worker killed mid-import leaves its task RUNNING; the next worker puts it back in the queue when
it starts (worker.recover_interrupted), and the import runs again from the start. That is safe: an
import is all or nothing in one transaction, so the interrupted run wrote nothing, and the upload
is kept until the job ends.
"""

import logging
import time

from django.utils import timezone
from django_tasks import task

from xaydungdang.core.context import Actor, acting_as
from xaydungdang.interchange import uploads
from xaydungdang.interchange.models import ImportJob

logger = logging.getLogger(__name__)

QUEUE = "imports"
MAX_ERRORS_KEPT = 2000


def importer_available() -> bool:
    try:
        from xaydungdang.interchange import importer
    except ImportError:
        return False
    return hasattr(importer, "import_path")


def _error_dict(error) -> dict:
    """One issue for the page: canonical table and column, and how the user's file names them."""
    return {
        "table": str(getattr(error, "table", "") or ""),
        "row": getattr(error, "row", None),
        "column": str(getattr(error, "column", "") or ""),
        "message": str(getattr(error, "message", error)),
        "sheet": str(getattr(error, "sheet", "") or ""),
        "column_shown": str(getattr(error, "column_shown", "") or ""),
        "text": str(getattr(error, "text", "") or error),
    }


def _summary(report) -> dict:
    errors = list(getattr(report, "errors", []) or [])
    warnings = list(getattr(report, "warnings", []) or [])
    counts = getattr(report, "counts", {}) or {}
    return {
        "ok": bool(getattr(report, "ok", not errors)),
        "counts": {str(k): v for k, v in dict(counts).items()},
        "errors": [_error_dict(e) for e in errors[:MAX_ERRORS_KEPT]],
        "error_count": len(errors),
        "warnings": [_error_dict(w) if not isinstance(w, str) else {"message": w} for w in warnings[:500]],
        "warning_count": len(warnings),
    }


class _Progress:
    """The importer's progress callback; writes at most twice a second."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last = 0.0

    def __call__(self, *args, **kwargs):
        numbers = [a for a in args if isinstance(a, int)]
        texts = [a for a in args if isinstance(a, str)]
        done = kwargs.get("done", numbers[0] if numbers else None)
        total = kwargs.get("total", numbers[1] if len(numbers) > 1 else None)
        stage = kwargs.get("stage", texts[0] if texts else "")
        now = time.monotonic()
        if now - self.last < 0.5:
            return
        self.last = now
        fields = {"stage": str(stage)[:255]}
        if done is not None:
            fields["done"] = done
        if total is not None:
            fields["total"] = total
        ImportJob.objects.filter(pk=self.job_id).update(**fields)


def run(job_id: int) -> None:
    """Run one job to its end; every outcome is written to the job row. The file is deleted
    then, except after a dry run that passed (kept for the real import: confirm or cancel).
    A job that has already ended, or whose file is gone (the retention failed it while it
    waited), is left alone: running a task twice does nothing more."""
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.finished or not job.path:
        return
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.RUNNING)
    try:
        _run(job, job_id)
    except BaseException:
        # The worker is being stopped in the middle (a second Ctrl+C): nothing was written; the
        # job waits, with its file, for the next worker.
        ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.PENDING, stage="", done=0, total=0)
        run_import.enqueue(job_id)
        raise
    job.refresh_from_db()
    if not (job.dry_run and job.state == ImportJob.State.DONE and job.ok):
        uploads.discard_upload(job)


def _run(job: ImportJob, job_id: int) -> None:
    try:
        from xaydungdang.interchange import importer

        with acting_as(Actor(user=job.user, via="import")):
            report = importer.import_path(
                job.path, dry_run=job.dry_run, user=job.user, progress=_Progress(job_id), name=job.filename
            )
        summary = _summary(report)
        ImportJob.objects.filter(pk=job_id).update(
            state=ImportJob.State.DONE, ok=summary["ok"], result=summary, finished_at=timezone.now()
        )
    except Exception as exc:  # the page must say it failed, whatever happened
        logger.exception("import job %s failed", job_id)
        message = getattr(exc, "message", None) or "Lỗi ngoài ý muốn khi nhập; không có dữ liệu nào được ghi."
        ImportJob.objects.filter(pk=job_id).update(
            state=ImportJob.State.FAILED, ok=False, message=str(message), finished_at=timezone.now()
        )


@task(queue_name=QUEUE)
def run_import(job_id: int) -> None:
    """The queued task: one import job (its arguments are the job's id only; the row holds the rest)."""
    run(job_id)


def start(job: ImportJob) -> None:
    """Queue the job for the worker (in tests: run it now)."""
    run_import.enqueue(job.pk)
