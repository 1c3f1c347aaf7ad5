"""Running an interchange import from the web: store the upload safely, run the importer in a
background thread and keep its progress in ImportJob rows the progress page polls."""

import logging
import shutil
import threading
import time
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from xaydungdang.core.context import Actor, acting_as
from xaydungdang.web.models import ImportJob

logger = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".xlsx", ".zip")
MAX_ERRORS_KEPT = 2000
# Tests run the import in the request's thread (a test transaction is invisible to others).
RUN_INLINE = False


class UploadRejected(Exception):
    """A Vietnamese message saying why the file cannot be imported."""


def importer_available() -> bool:
    try:
        from xaydungdang.interchange import importer  # noqa: F401
    except ImportError:
        return False
    return hasattr(importer, "import_path")


def _limit() -> int:
    return int(getattr(settings, "XDD_MAX_UPLOAD_BYTES", 100 * 1024 * 1024))


def size_message(size: int) -> str:
    mb = _limit() / (1024 * 1024)
    return f"Tệp quá lớn ({size / (1024 * 1024):.1f} MB); giới hạn là {mb:.0f} MB.".replace(".", ",")


def store_upload(upload) -> tuple[Path, str]:
    """Save under MEDIA_ROOT/imports/<random>/; a zip is unpacked to a folder of CSV files."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRejected("Chỉ nhận tệp Excel .xlsx hoặc tệp .zip chứa các tệp CSV.")
    if upload.size > _limit():
        raise UploadRejected(size_message(upload.size))
    folder = Path(settings.MEDIA_ROOT) / "imports" / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ("upload" + suffix)
    with open(target, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    if suffix == ".xlsx":
        if not zipfile.is_zipfile(target):
            shutil.rmtree(folder, ignore_errors=True)
            raise UploadRejected(f"Tệp \"{name}\" không phải tệp Excel .xlsx hợp lệ.")
        return target, name
    try:
        return _unzip_csv(target, folder / "csv"), name
    except UploadRejected:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _unzip_csv(archive: Path, dest: Path) -> Path:
    """CSV files only, no paths outside `dest`, bounded uncompressed size."""
    if not zipfile.is_zipfile(archive):
        raise UploadRejected("Tệp .zip bị hỏng hoặc không phải tệp nén zip.")
    dest.mkdir()
    budget = _limit() * 10
    found = 0
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            base = Path(info.filename).name
            if not base.lower().endswith(".csv") or base.startswith((".", "__")):
                continue
            budget -= info.file_size
            if budget < 0:
                raise UploadRejected("Dữ liệu giải nén quá lớn so với giới hạn cho phép.")
            with zf.open(info) as src, open(dest / base, "wb") as out:
                shutil.copyfileobj(src, out)
            found += 1
    if not found:
        raise UploadRejected("Tệp .zip không chứa tệp CSV nào (cần ít nhất organizations.csv).")
    return dest


def _error_dict(error) -> dict:
    return {"table": str(getattr(error, "table", "") or ""), "row": getattr(error, "row", None),
            "column": str(getattr(error, "column", "") or ""), "message": str(getattr(error, "message", error))}


def _summary(report) -> dict:
    errors = list(getattr(report, "errors", []) or [])
    warnings = list(getattr(report, "warnings", []) or [])
    counts = getattr(report, "counts", {}) or {}
    return {"ok": bool(getattr(report, "ok", not errors)), "counts": {str(k): v for k, v in dict(counts).items()},
            "errors": [_error_dict(e) for e in errors[:MAX_ERRORS_KEPT]], "error_count": len(errors),
            "warnings": [_error_dict(w) if not isinstance(w, str) else {"message": w} for w in warnings[:500]],
            "warning_count": len(warnings)}


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
    """Run one job to its end; every outcome is written to the job row."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.RUNNING)
    try:
        from xaydungdang.interchange import importer

        with acting_as(Actor(user=job.user, via="import")):
            report = importer.import_path(job.path, dry_run=job.dry_run, user=job.user, progress=_Progress(job_id))
        summary = _summary(report)
        ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.DONE, ok=summary["ok"], result=summary,
                                                   finished_at=timezone.now())
    except Exception as exc:  # the page must say it failed, whatever happened
        logger.exception("import job %s failed", job_id)
        message = getattr(exc, "message", None) or "Lỗi ngoài ý muốn khi nhập; không có dữ liệu nào được ghi."
        ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.FAILED, ok=False, message=str(message),
                                                   finished_at=timezone.now())


def _run_in_thread(job_id: int) -> None:
    try:
        run(job_id)
    finally:
        connection.close()


def start(job: ImportJob) -> None:
    if RUN_INLINE:
        run(job.pk)
        return
    close_old_connections()
    threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True, name=f"import-{job.pk}").start()
