"""Uploads for the import page: store the file safely until its job no longer needs it
(the job itself is run by interchange.jobs).

An upload lives on disk only while a job needs it: a zip is checked by unpacking it to nowhere
(interchange.readers.scan_zip) before anything is written, is never unpacked to disk, and the
stored file is deleted when its job ends (refused, failed, a dry run with errors, the real import,
cancelled) or, for a dry run that passed but was never confirmed, after XDD_IMPORT_RETENTION_HOURS;
purge_uploads runs on every visit to the import page, so no cron is needed. The audit keeps the
file's name, size and SHA-256, never its content."""

import datetime as dt
import hashlib
import os
import shutil
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.interchange.models import ImportJob
from xaydungdang.interchange.readers import max_uncompressed_bytes, scan_zip

ALLOWED_SUFFIXES = (".xlsx", ".zip")


class UploadRejected(Exception):
    """A Vietnamese message saying why the file cannot be imported."""


def _limit() -> int:
    return int(getattr(settings, "XDD_MAX_UPLOAD_BYTES", 100 * 1024 * 1024))


def size_message(size: int) -> str:
    mb = _limit() / (1024 * 1024)
    return f"Tệp quá lớn ({size / (1024 * 1024):.1f} MB); giới hạn là {mb:.0f} MB.".replace(".", ",")


def retention_hours() -> float:
    return float(getattr(settings, "XDD_IMPORT_RETENTION_HOURS", 24))


def uploads_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _check_archive(upload, name: str, suffix: str) -> None:
    """The upload as Django holds it (memory or its own temporary file), before we write anything:
    an .xlsx must be a zip, a .zip must hold CSV files; both are unpacked to nowhere, counting the
    bytes that really come out (readers.scan_zip), so a bomb is refused here."""
    stream = upload.file
    stream.seek(0)
    if not zipfile.is_zipfile(stream):
        kind = "tệp Excel .xlsx" if suffix == ".xlsx" else "tệp nén .zip"
        raise UploadRejected(f'Tệp "{name}" bị hỏng hoặc không phải {kind} hợp lệ.')
    stream.seek(0)
    problem = scan_zip(stream, f'"{name}"', None if suffix == ".zip" else max_uncompressed_bytes())
    if problem:
        raise UploadRejected(problem)
    if suffix == ".zip":
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            if not any(i.filename.lower().endswith(".csv") and not i.is_dir() for i in archive.infolist()):
                raise UploadRejected(f'Tệp nén "{name}" không chứa tệp CSV nào (cần ít nhất organizations.csv).')
    stream.seek(0)


def store_upload(upload) -> tuple[Path, str, str]:
    """Check the upload, then save it (as uploaded: a zip is read in place, never unpacked) under
    MEDIA_ROOT/imports/<random>/, readable by the server's user only. Returns the path, the file's
    name and its SHA-256."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRejected("Chỉ nhận tệp Excel .xlsx hoặc tệp .zip chứa các tệp CSV.")
    if upload.size > _limit():
        raise UploadRejected(size_message(upload.size))
    _check_archive(upload, name, suffix)
    folder = uploads_root() / uuid.uuid4().hex
    folder.mkdir(parents=True, mode=0o700)
    target = folder / ("upload" + suffix)
    digest = hashlib.sha256()
    try:
        with open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return target, name, digest.hexdigest()


def record_upload(job: ImportJob, sha256: str) -> None:
    """The audit keeps what identifies the file, not its content."""
    # The model label stays the one the audit has always used for these rows (before the model moved).
    audit.record(
        AuditAction.INTERCHANGE_UPLOAD,
        model="web.importjob",
        object_id=job.pk,
        object_repr=job.filename,
        after={"filename": job.filename, "size": job.size, "sha256": sha256},
        note=f"Tải lên tệp nhập dữ liệu {job.filename} (SHA-256 {sha256}); tệp được xóa khi lượt nhập kết thúc.",
    )


def _folder_of(path: str) -> Path | None:
    """The job's own folder under the uploads root, or None (nothing outside it is ever deleted)."""
    if not path:
        return None
    root = uploads_root().resolve()
    try:
        folder = Path(path).resolve().parent
        if folder.name == "csv":  # older jobs unpacked a zip to <folder>/csv
            folder = folder.parent
        folder.relative_to(root)
    except (OSError, ValueError):
        return None
    return folder if folder != root else None


def discard_upload(job: ImportJob) -> None:
    """Delete the job's file and forget its path (on the dry run and the real import alike)."""
    path = job.path
    if not path:
        return
    folder = _folder_of(path)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    ImportJob.objects.filter(path=path).update(path="")
    job.path = ""


def purge_uploads(now=None) -> int:
    """Delete the files no job needs any more; runs on every visit to the import page (no cron):
    the file of every finished job except a dry run that passed, and everything older than the
    retention (a dry run never confirmed, a job abandoned by a restart, a folder left by a crash).
    Returns the number of folders deleted."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=retention_hours())
    deleted = 0
    running = [ImportJob.State.PENDING, ImportJob.State.RUNNING]
    with_file = ImportJob.objects.exclude(path="")
    with_file.filter(created_at__lt=cutoff, state__in=running).update(
        state=ImportJob.State.FAILED,
        ok=False,
        finished_at=now,
        message="Lượt nhập bị bỏ dở (máy chủ khởi động lại?); tệp tải lên đã được xóa. Hãy tải lên lại.",
    )
    in_use = set(with_file.filter(state__in=running).values_list("path", flat=True))
    done_with = with_file.filter(
        Q(created_at__lt=cutoff)
        | Q(state=ImportJob.State.FAILED)
        | Q(state=ImportJob.State.DONE) & (Q(dry_run=False) | ~Q(ok=True))
    )
    for job in done_with.exclude(path__in=in_use):
        if job.path not in in_use:
            in_use.add(job.path)  # a dry run and its real import share one file
            discard_upload(job)
            deleted += 1
    root = uploads_root()
    if root.is_dir():
        used = {
            f
            for f in (_folder_of(p) for p in ImportJob.objects.exclude(path="").values_list("path", flat=True))
            if f is not None
        }
        for folder in root.iterdir():
            try:
                old = dt.datetime.fromtimestamp(folder.stat().st_mtime, tz=dt.UTC) < cutoff
            except OSError:
                continue
            if old and folder.resolve() not in used:
                if folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
                else:
                    folder.unlink(missing_ok=True)
                deleted += 1
    return deleted
