"""Import page: upload, dry run with every error listed, then the real import on confirmation;
and the export of the user's part of the tree in the same format."""

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from xaydungdang.core import formatting
from xaydungdang.core.forms import StyledForm
from xaydungdang.core.spreadsheet import safe_cell
from xaydungdang.core.views import staff_only
from xaydungdang.interchange import jobs, templates, uploads
from xaydungdang.interchange.exporter import export_path
from xaydungdang.interchange.models import ImportJob
from xaydungdang.interchange.tables import TABLES


class UploadForm(StyledForm):
    file = forms.FileField(
        label="Tệp dữ liệu",
        help_text="Tệp Excel .xlsx (mỗi trang tính là một bảng, ví dụ «Đảng viên», «Biến động đảng viên»; "
        "chỉ cần những bảng có dữ liệu) hoặc tệp .zip chứa các tệp CSV. Có tệp mẫu để tải về bên dưới.",
        error_messages={"empty": "Tệp tải lên rỗng.", "invalid": "Tệp tải lên không hợp lệ."},
    )


def _too_big_form(size: int) -> UploadForm:
    """The form with the size message under the file field, built without reading the body
    (an unbound form has no cleaned_data for add_error: give it an empty one)."""
    form = UploadForm()
    form.cleaned_data = {}
    form._errors = ErrorDict()
    form.add_error("file", uploads.size_message(size))
    return form


def _job_or_404(request, pk) -> ImportJob:
    job = ImportJob.objects.filter(pk=pk).first()
    if job is None or (job.user_id != request.user.pk and not request.user.is_superuser):
        raise Http404
    return job


def _render_start(request, form):
    recent = ImportJob.objects.filter(user=request.user)[:10]
    return render(
        request,
        "interchange/start.html",
        {
            "title": "Nhập dữ liệu",
            "form": form,
            "recent": recent,
            "multipart": True,
            "submit_label": "Kiểm tra thử (không ghi)",
            "templates": templates.CHOICES,
        },
    )


@staff_only
@csrf_exempt  # the CSRF check reads the whole body: _upload checks it after the declared size
def start(request):
    uploads.purge_uploads()
    if request.method != "POST":
        return _render_start(request, UploadForm())
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > uploads._limit() + 1024 * 1024:
        # Far over the limit: answered from the declared length, the body is never parsed
        # (nothing is stored and nothing changes, so no CSRF token is needed to say so).
        return _render_start(request, _too_big_form(declared))
    return _upload(request)


@csrf_protect
def _upload(request):
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        if not jobs.importer_available():
            form.add_error(None, "Chức năng nhập dữ liệu chưa được cài đặt trên máy chủ này.")
        else:
            upload = form.cleaned_data["file"]
            try:
                path, name, sha256 = uploads.store_upload(upload)
            except uploads.UploadRejected as exc:
                form.add_error("file", str(exc))
            else:
                job = ImportJob.objects.create(
                    user=request.user, filename=name[:255], path=str(path), size=upload.size, dry_run=True
                )
                uploads.record_upload(job, sha256)
                jobs.start(job)
                return redirect("web:import_job", pk=job.pk)
    return _render_start(request, form)


@staff_only
def job(request, pk):
    job = _job_or_404(request, pk)
    return render(
        request,
        "interchange/job.html",
        {
            "title": f"Nhập dữ liệu: {job.filename}",
            "job": job,
            "result": job.result or {},
            "counts": [
                (TABLES[t].label if t in TABLES else t, n) for t, n in (job.result or {}).get("counts", {}).items()
            ],
            "retention_hours": f"{uploads.retention_hours():g}",
        },
    )


@staff_only
def job_status(request, pk):
    job = _job_or_404(request, pk)
    return JsonResponse(
        {
            "state": job.state,
            "percent": job.percent,
            "done": job.done,
            "total": job.total,
            "stage": job.stage,
            "finished": job.finished,
        }
    )


@staff_only
@require_POST
def confirm(request, pk):
    """The real import of a file whose dry run passed."""
    source = _job_or_404(request, pk)
    uploads.purge_uploads()
    source.refresh_from_db()
    if not (source.dry_run and source.state == ImportJob.State.DONE and source.ok):
        messages.error(request, "Chỉ nhập thật được sau khi chạy thử thành công, không có lỗi.")
        return redirect("web:import_job", pk=source.pk)
    if not source.path or ImportJob.objects.filter(source=source).exists():
        messages.error(
            request,
            "Tệp của lần chạy thử này đã được xóa (đã nhập, đã hủy hoặc quá "
            f"{uploads.retention_hours():g} giờ); hãy tải tệp lên lại.",
        )
        return redirect("web:import_job", pk=source.pk)
    job = ImportJob.objects.create(
        user=request.user, filename=source.filename, path=source.path, size=source.size, dry_run=False, source=source
    )
    jobs.start(job)
    return redirect("web:import_job", pk=job.pk)


@staff_only
@require_POST
def cancel(request, pk):
    """Give up a dry run that passed: its file is deleted now rather than after the retention."""
    job = _job_or_404(request, pk)
    if job.dry_run and job.finished and job.path and not ImportJob.objects.filter(source=job).exists():
        uploads.discard_upload(job)
        messages.success(request, "Đã hủy lượt nhập; tệp tải lên đã được xóa khỏi máy chủ.")
    return redirect("web:import_job", pk=job.pk)


@staff_only
def export_dataset(request):
    """The user's part of the tree as an interchange workbook that imports on its own
    (interchange.scopedexport); audited by export_path like every export."""
    folder = Path(tempfile.mkdtemp(prefix="xdd-export-"))
    name = f"bo-du-lieu-{dt.date.today():%Y%m%d}.xlsx"
    try:
        export_path(folder / name, user=request.user)
        content = (folder / name).read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_only
def template(request, name):
    """A template workbook to fill in: one table, or all of them (interchange.templates)."""
    if name != templates.ALL and name not in TABLES:
        raise Http404
    content = templates.workbook(name)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{templates.file_name(name)}"'
    return response


@staff_only
def job_errors(request, pk):
    """The errors of a check as a workbook a clerk can sort and tick off while fixing the file:
    sheet or file, row, column (as the file names them) and the message."""
    job = _job_or_404(request, pk)
    content = errors_workbook(job)
    stem = Path(job.filename).stem or "tep"
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="loi-{slugify(stem) or "tep"}.xlsx"'
    return response


def errors_workbook(job: ImportJob) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    result = job.result or {}
    book = Workbook()
    sheet = book.active
    sheet.title = "Lỗi"
    sheet.append([safe_cell(f"Lỗi khi kiểm tra tệp {job.filename} ({formatting.datetime(job.created_at)})")])
    sheet["A1"].font = Font(bold=True, size=13)
    count = result.get("error_count", 0)
    kept = result.get("errors", [])
    note = f"{formatting.integer(count)} lỗi" + (
        f"; tệp này liệt kê {formatting.integer(len(kept))} lỗi đầu" if count > len(kept) else ""
    )
    sheet.append([safe_cell(note)])
    sheet.append([])
    sheet.append(["Trang hoặc tệp", "Dòng", "Cột", "Lỗi"])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for error in kept:
        sheet.append(
            [
                safe_cell(error.get("sheet") or error.get("table") or ""),
                error.get("row"),
                safe_cell(error.get("column_shown") or error.get("column") or ""),
                safe_cell(error.get("message") or ""),
            ]
        )
    for letter, width in zip("ABCD", (28, 8, 34, 100)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
