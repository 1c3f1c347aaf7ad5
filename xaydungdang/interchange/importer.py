"""Importing a dataset in the interchange format (spec/interchange.md): all or nothing.

Public API (the demo generator and the web import page call it):
    import_tables(tables, *, dry_run=False, user=None, progress=None, source="") -> ImportReport
    import_path(path, *, dry_run=False, user=None, progress=None) -> ImportReport

Every row of every table is parsed and judged first, collecting all errors; only a
dataset without errors is written, in one transaction, with one audit entry.
"""

import time
from contextlib import nullcontext
from pathlib import Path

from django.db import IntegrityError, transaction

from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import Actor, acting_as, current_actor
from xaydungdang.interchange import feed
from xaydungdang.interchange.dataset import parse_all, tables_from_dicts
from xaydungdang.interchange.gcpause import paused_gc
from xaydungdang.interchange.readers import read_path
from xaydungdang.interchange.report import ImportReport, Issue, Issues, Names
from xaydungdang.interchange.validate import validate
from xaydungdang.interchange.writer import Writer

__all__ = ["import_tables", "import_path", "ImportReport", "Issue"]

STAGE_READ, STAGE_CHECK, STAGE_WRITE = "Đọc tệp", "Kiểm tra", "Ghi dữ liệu"


def import_tables(tables: dict, *, dry_run: bool = False, user=None, progress=None, source: str = "") -> ImportReport:
    """Import rows given as dicts keyed by canonical column names (values as text read from
    a file, or already typed: date, int, bool, None)."""
    with paused_gc():
        names = Names()
        issues, warnings = Issues(names), Issues(names)
        raw = tables_from_dicts(tables, issues, warnings)
        return _run(
            raw,
            issues,
            warnings,
            dry_run=dry_run,
            user=user,
            progress=progress,
            source=source or "(dữ liệu truyền trực tiếp)",
        )


def import_path(path, *, dry_run: bool = False, user=None, progress=None, name: str = "") -> ImportReport:
    """Import a folder of CSV files, an .xlsx workbook or a .zip of CSV files. `name` is the
    file's name as the user gave it (an upload is stored under another name): messages and
    the audit entry use it, never the server's path."""
    with paused_gc():
        names = Names(file=Path(path).name, file_shown=name or Path(path).name)
        issues, warnings = Issues(names), Issues(names)
        if progress:
            progress(STAGE_READ, 0, 1)
        started = time.perf_counter()
        raw = read_path(path, issues, warnings)
        read = time.perf_counter() - started
        if progress:
            progress(STAGE_READ, 1, 1)
        report = _run(raw, issues, warnings, dry_run=dry_run, user=user, progress=progress, source=name or str(path))
        report.timings = {"read": read} | report.timings
        report.seconds += read
        return report


def _stage(progress, name: str):
    if progress is None:
        return None
    return lambda done, total: progress(name, done, total)


def _run(raw: dict, issues: Issues, warnings: Issues, *, dry_run: bool, user, progress, source: str) -> ImportReport:
    started = time.perf_counter()
    timings = {}
    # Any subset of the tables is a dataset: the organizations it names must exist in the
    # database or in the file (the checks say so per row). A file with no table at all is
    # refused (a container that could not be read says so itself).
    if not raw and not issues:
        issues.add(
            issues.names.file or "",
            None,
            None,
            "Tệp không có trang tính hay tệp CSV nào mang tên một bảng dữ liệu (ví dụ «Tổ chức đảng», "
            "«Đảng viên», «Biến động đảng viên»); hãy dùng tệp mẫu ở trang Nhập dữ liệu.",
        )
    rows = parse_all(raw, issues, warnings)
    raw.clear()  # the parsed rows replace the raw cells: free them before the heavy part
    timings["parse"] = time.perf_counter() - started
    counts = {name: len(table_rows) for name, table_rows in rows.items()}
    report = ImportReport(counts=counts, dry_run=dry_run)
    actor = current_actor()
    who = (
        acting_as(Actor(user=user, ip=actor.ip, via="import"))
        if user is not None and actor.user is None
        else nullcontext()
    )
    work = None
    with who:
        try:
            with transaction.atomic() if not dry_run else nullcontext():
                mark = time.perf_counter()
                work = validate(rows, issues, warnings, user=user, progress=_stage(progress, STAGE_CHECK))
                timings["check"] = time.perf_counter() - mark
                if not issues and not dry_run:
                    mark = time.perf_counter()
                    marks = feed.high_marks()
                    writer = Writer(work, _stage(progress, STAGE_WRITE))
                    writer.write()
                    audit.record(
                        AuditAction.INTERCHANGE_IMPORT,
                        model="interchange.dataset",
                        object_repr=Path(source).name or source,
                        after={"source": source, "counts": counts, "feed": feed.written_rows(marks, writer.now)},
                        note="Nhập bộ dữ liệu: " + report.summary(),
                    )
                    report.written = True
                    mark_commit = time.perf_counter()
            if report.written:
                timings["write"] = mark_commit - mark
                timings["commit"] = time.perf_counter() - mark_commit
        except IntegrityError:
            issues.add(
                "organizations",
                None,
                None,
                "Dữ liệu trong hệ thống vừa thay đổi trong lúc nhập (trùng mã "
                "hoặc số lý lịch); không ghi gì. Hãy nhập lại.",
            )
            report.written = False
    mark = time.perf_counter()
    if work is not None:
        work.release()
    work = None
    rows.clear()  # millions of small objects: freeing them is a measurable step of its own
    timings["free"] = time.perf_counter() - mark
    report.errors = issues.sorted()
    report.warnings = warnings.sorted()
    report.ok = not report.errors
    report.seconds = time.perf_counter() - started
    report.timings = timings
    return report
