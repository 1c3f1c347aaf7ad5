"""The report workspace (/bao-cao/ho-so/): drafts staff write and issue, requests to subordinate
units, their submissions read beside their figures, passages pulled into the upper level's draft.
Writes go through reports/actions.py; reading needs the VIEW scope, writing the CHANGE scope."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from xaydungdang.core import access
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.views import page
from xaydungdang.indicators.keys import LABELS
from xaydungdang.organizations.views import org_or_404
from xaydungdang.reports import actions, service, workspace
from xaydungdang.reports.models import ReportDraft, ReportRequest, RequestUnit
from xaydungdang.reports.workspace_forms import IssueForm, OpenDraftForm, RequestForm, posted_text, section_fields

DOWNLOADS = {"docx", "pdf"}


def _draft_or_404(user, pk: int) -> ReportDraft:
    draft = ReportDraft.objects.restrict(user, access.VIEW).select_related("org", "request").filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


def _request_or_404(user, pk: int) -> ReportRequest:
    found = ReportRequest.objects.restrict(user, access.VIEW).select_related("org").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _int(value) -> int:
    """A posted id, 0 (matching nothing) when it is not a number."""
    value = str(value or "").strip()
    return int(value) if value.isdecimal() and len(value) < 18 else 0


def _can_change(user, org_id: int) -> bool:
    return access.scope_for(user, access.CHANGE).covers(org_id)


def inbox(user) -> list[dict]:
    """Requests addressed to units the user writes for, sent by a level above the user."""
    change = access.scope_for(user, access.CHANGE)
    rows = []
    units = RequestUnit.objects.restrict(user, access.CHANGE).select_related("request", "request__org", "unit")
    for ru in units.order_by("request__deadline", "id")[:200]:
        if change.covers(ru.request.org_id):
            continue  # the user's own level asked: it is in "sent"
        draft = ReportDraft.objects.filter(request=ru.request, org=ru.unit).order_by("-edition").first()
        late = draft is None or draft.submitted_at is None
        rows.append({"ru": ru, "draft": draft, "overdue": late and today() > ru.request.deadline})
    return rows


@page
def workspace_index(request):
    user = request.user
    drafts = ReportDraft.objects.restrict(user, access.VIEW).select_related("org").order_by("-updated_at")[:100]
    sent = ReportRequest.objects.restrict(user, access.VIEW).select_related("org")[:100]
    writer = access.can(user, access.CHANGE)
    context = {
        "title": "Hồ sơ báo cáo",
        "drafts": drafts,
        "sent": [r for r in sent if _can_change(user, r.org_id) or not writer],
        "inbox": inbox(user) if writer else [],
        "writer": writer,
        "open_form": OpenDraftForm(user, prefix="mo") if writer else None,
        "request_form": RequestForm(user, prefix="yc") if writer else None,
    }
    return render(request, "reports/workspace/index.html", context)


def _writer_or_403(user, code) -> None:
    """Writing needs the CHANGE right somewhere (403); a posted organization outside the user's view
    is not revealed (404), one seen but not writable is 403."""
    from django.core.exceptions import PermissionDenied

    if not access.can(user, access.CHANGE):
        raise PermissionDenied
    if code:
        org_or_404(user, code, access.CHANGE)


@page
@require_POST
def draft_open(request):
    user = request.user
    answer = request.POST.get("yeu_cau")
    if answer:
        ru = RequestUnit.objects.restrict(user, access.CHANGE).select_related("request", "unit")
        ru = ru.filter(request_id=_int(answer), unit__code=request.POST.get("don_vi", "")).first()
        if ru is None:
            raise Http404
        r = ru.request
        try:
            draft = actions.do_open_draft(ru.unit, r.kind, r.start, r.end, request=r, acting_user=user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("web:report_workspace")
        return redirect("web:report_draft", pk=draft.pk)
    _writer_or_403(user, request.POST.get("mo-to_chuc"))
    form = OpenDraftForm(user, request.POST, prefix="mo")
    if not form.is_valid():
        context = {"title": "Hồ sơ báo cáo", "open_form": form, "writer": True, "drafts": [], "sent": [], "inbox": []}
        context["request_form"] = RequestForm(user, prefix="yc")
        return render(request, "reports/workspace/index.html", context, status=400)
    d = form.cleaned_data
    org = org_or_404(user, d["to_chuc"], access.CHANGE)
    try:
        draft = actions.do_open_draft(org, d["kind"], d["tu"], d["den"], acting_user=user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:report_workspace")
    return redirect("web:report_draft", pk=draft.pk)


def _draft_context(request, draft, issue_form=None, errors=None) -> dict:
    user = request.user
    editable = not draft.is_issued and _can_change(user, draft.org_id)
    previous = workspace.previous_text(draft)
    body, build_error = None, None
    try:
        body = service.body_html(workspace.build(draft, user))
    except DomainError as exc:
        build_error = exc.message
    fields = [
        {"name": name, "title": title, "text": text, "previous": previous["sections"].get(name[len("section_") :], "")}
        for name, title, text in section_fields(draft)
    ]
    targets = [
        {"name": f"target_{key}", "label": label, "unit": unit, "value": (draft.targets or {}).get(key, "")}
        for key, label, unit in workspace.TARGETS
    ]
    newer = ReportDraft.objects.filter(reopened_from=draft).first()
    return {
        "title": f"Báo cáo của {draft.org.name}",
        "draft": draft,
        "org": draft.org,
        "editable": editable,
        "writer": _can_change(user, draft.org_id),
        "fields": fields,
        "targets": targets,
        "target_year": workspace.next_year(draft.end),
        "previous": previous["draft"],
        "body": body,
        "build_error": build_error,
        "issue_form": issue_form or IssueForm(initial={"ngay": today()}),
        "revisions": draft.revisions.select_related("saved_by")[:30],
        "editions": ReportDraft.objects.filter(
            org=draft.org, kind=draft.kind, start=draft.start, end=draft.end
        ).order_by("edition"),
        "newer": newer,
        "errors": errors or [],
        "overdue": draft.request is not None and draft.submitted_at is None and today() > draft.request.deadline,
    }


@page
def draft_page(request, pk: int):
    user = request.user
    draft = _draft_or_404(user, pk)
    if request.method == "POST":
        draft = _change_draft_or_403(request, pk)
        sections, targets = posted_text(request.POST)
        try:
            revision = actions.do_save_draft(draft, sections, targets, acting_user=user)
        except DomainError as exc:
            draft.sections, draft.targets = sections, targets
            return render(
                request,
                "reports/workspace/draft.html",
                _draft_context(request, draft, errors=[exc.message]),
                status=400,
            )
        messages.success(request, f"Đã lưu dự thảo (lần lưu thứ {revision.no}).")
        return redirect("web:report_draft", pk=draft.pk)
    return render(request, "reports/workspace/draft.html", _draft_context(request, draft))


def _change_draft_or_403(request, pk: int) -> ReportDraft:
    from django.core.exceptions import PermissionDenied

    draft = _draft_or_404(request.user, pk)
    if not _can_change(request.user, draft.org_id):
        raise PermissionDenied
    return draft


@page
@require_POST
def draft_issue(request, pk: int):
    draft = _change_draft_or_403(request, pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.do_issue(draft, d["so"], d["ngay"], d["nguoi_ky"], acting_user=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã ban hành báo cáo số {d['so']}; số liệu đã được chốt.")
            return redirect("web:report_draft", pk=draft.pk)
    return render(request, "reports/workspace/draft.html", _draft_context(request, draft, issue_form=form), status=400)


@page
@require_POST
def draft_reopen(request, pk: int):
    draft = _change_draft_or_403(request, pk)
    try:
        new = actions.do_reopen(draft, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:report_draft", pk=draft.pk)
    messages.success(request, f"Đã mở lại thành phiên bản {new.edition}.")
    return redirect("web:report_draft", pk=new.pk)


@page
@require_POST
def draft_submit(request, pk: int):
    draft = _change_draft_or_403(request, pk)
    try:
        actions.do_submit(draft, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã nộp báo cáo lên {draft.request.org.name}.")
    return redirect("web:report_draft", pk=draft.pk)


@page
def draft_download(request, pk: int, fmt: str):
    if fmt not in DOWNLOADS:
        raise Http404
    draft = _draft_or_404(request.user, pk)
    try:
        rendered = service.render(workspace.build(draft, request.user), fmt)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:report_draft", pk=draft.pk)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(True, rendered.filename)
    return response


@page
@require_POST
def request_send(request):
    user = request.user
    _writer_or_403(user, request.POST.get("yc-to_chuc"))
    form = RequestForm(user, request.POST, prefix="yc")
    if form.is_valid():
        d = form.cleaned_data
        org = org_or_404(user, d["to_chuc"], access.CHANGE)
        units = list(org.__class__.objects.restrict(user, access.VIEW).filter(code__in=d["don_vi"]))
        try:
            sent = actions.do_send_request(
                org, units, d["kind"], d["tu"], d["den"], d["han"], d["ghi_chu"], acting_user=user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã gửi yêu cầu báo cáo cho {len(units)} đơn vị.")
            return redirect("web:report_request", pk=sent.pk)
    context = {"title": "Hồ sơ báo cáo", "request_form": form, "writer": True, "drafts": [], "sent": [], "inbox": []}
    context["open_form"] = OpenDraftForm(user, prefix="mo")
    return render(request, "reports/workspace/index.html", context, status=400)


def _figures(user, unit, r) -> list[tuple[str, str]]:
    """A few of the unit's figures, computed here from the records (not taken from its report)."""
    from xaydungdang.core.formatting import number

    try:
        report = service.build(unit.code, r.start, r.end, kind=r.kind, user=user)
    except DomainError as exc:
        return [("Số liệu", exc.message)]
    values = report.data.get("indicators") or {}
    return [
        (LABELS.get(k, k), number(values[k]) if values.get(k) is not None else "–")
        for k in workspace.KEY_FIGURES
        if k in values
    ]


@page
def request_page(request, pk: int):
    user = request.user
    r = _request_or_404(user, pk)
    rows = workspace.unit_status(r, today())
    for row in rows:
        draft = row["draft"]
        if row["submitted"] is not None:
            row["figures"] = _figures(user, row["unit"], r)
            row["sections"] = [
                (key, title, draft.sections.get(key)) for key, title in workspace.SECTIONS if draft.sections.get(key)
            ]
    targets = ReportDraft.objects.filter(org=r.org, kind=r.kind, start=r.start, end=r.end, issued_at__isnull=True)
    context = {
        "title": "Yêu cầu báo cáo",
        "req": r,
        "rows": rows,
        "writer": _can_change(user, r.org_id),
        "targets": targets.order_by("-edition"),
        "sections": workspace.SECTIONS,
        "submitted": sum(1 for row in rows if row["submitted"]),
        "late": sum(1 for row in rows if row["late"]),
    }
    return render(request, "reports/workspace/request.html", context)


@page
@require_POST
def request_pull(request, pk: int):
    user = request.user
    r = _request_or_404(user, pk)
    source = ReportDraft.objects.filter(request=r, pk=_int(request.POST.get("nguon"))).first()
    target_id = request.POST.get("dich", "")
    target = ReportDraft.objects.restrict(user, access.CHANGE).filter(pk=_int(target_id)).first()
    if source is None or target is None:
        messages.error(request, "Hãy chọn báo cáo của đơn vị và dự thảo cần đưa đoạn trích vào.")
        return redirect("web:report_request", pk=r.pk)
    try:
        actions.do_pull_passage(
            source, target, request.POST.get("phan", ""), request.POST.get("doan", ""), acting_user=user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        title = workspace.SECTION_TITLES.get(request.POST.get("phan", ""), "")
        messages.success(request, f"Đã đưa đoạn trích của {source.org.name} vào phần «{title}» của dự thảo.")
    return redirect("web:report_request", pk=r.pk)
