"""Reports: choose organization, kind and period; read it in the page; download DOCX/PDF/XLSX.
The figures come from reports.service (the same as `xdd report`).

Biểu thống kê: the statistical forms of a unit and period on screen (every figure a link to the
records behind it, reports/drilldown.py), their XLSX/PDF, the drill-down list and its export, and
the reconciliation with the direct children (the same engine as `xdd forms`)."""

import datetime as dt
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django_tables2 import RequestConfig

from xaydungdang.core import access, audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.tables import PER_PAGE, table_xlsx
from xaydungdang.core.views import page
from xaydungdang.indicators import formrows, statforms
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.views import org_or_404
from xaydungdang.reports import drilldown, service
from xaydungdang.reports.forms import ReportForm, StatFormsForm
from xaydungdang.reports.renderers import forms_layout, forms_pdf
from xaydungdang.reports.tables import behind_table

FORMATS = {"docx", "pdf", "xlsx"}


def _defaults(request) -> dict:
    year = today().year - 1 if today().month < 12 else today().year
    return {
        "to_chuc": request.GET.get("to_chuc", "")[:40],
        "kind": "annual",
        "tu": dt.date(year, 1, 1),
        "den": dt.date(year, 12, 31),
    }


@page
def reports(request):
    bound = "tu" in request.GET
    form = ReportForm(request.user, request.GET if bound else None, initial=_defaults(request))
    context = {"title": "Báo cáo", "form": form, "body": None}
    if access.can(request.user, access.CHANGE):
        from xaydungdang.reports.workspace_views import inbox

        context["workspace_inbox"] = inbox(request.user)  # the panel of requests from above
    if bound and form.is_valid():
        d = form.cleaned_data
        org = org_or_404(request.user, d["to_chuc"])
        try:
            report = service.build(
                org.code, d["tu"], d["den"], kind=d["kind"], user=request.user, issued_on=d.get("ngay")
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            context.update(
                body=service.body_html(report),
                org=org,
                query=request.GET.urlencode(),
                breadcrumbs=pickers.breadcrumbs(request.user, org.id),
                here="Báo cáo",
            )
    return render(request, "reports/page.html", context)


@page
def download(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    form = ReportForm(request.user, request.GET)
    if not form.is_valid():
        return render(request, "reports/page.html", {"title": "Báo cáo", "form": form}, status=400)
    d = form.cleaned_data
    org = org_or_404(request.user, d["to_chuc"])
    try:
        report = service.build(org.code, d["tu"], d["den"], kind=d["kind"], user=request.user, issued_on=d.get("ngay"))
        rendered = service.render(report, fmt)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return render(request, "reports/page.html", {"title": "Báo cáo", "form": form}, status=400)
    # reports.service writes the audit entry (report.<format>) itself.
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(True, rendered.filename)
    return response


# --- Biểu thống kê (the statistical forms, spec/forms.md): the forms on screen with every figure a
# link to the records behind it, the downloads, the drill-down and its export, the reconciliation.

FORMS_FORMATS = {"xlsx": "xlsx", "pdf": "pdf"}


def _forms_defaults(request) -> dict:
    from xaydungdang.organizations.views import visible_roots

    # The user's own unit when they have one (StatFormsForm: default_to_home), else their top organization.
    roots = [] if access.home_org_ids(request.user) else visible_roots(request.user, today())
    code = Organization.objects.filter(pk=roots[0]).values_list("code", flat=True).first() if roots else ""
    year = today().year - 1 if today().month < 12 else today().year
    return {"to_chuc": code or "", "nam": year, "ky": ""}


def _forms_choice(request):
    """(the bound form, the organization or None, the period code or None) from the query; 404 for an
    organization outside the user's view scope."""
    form = StatFormsForm(request.user, request.GET)
    if not form.is_valid():
        return form, None, None
    org = org_or_404(request.user, form.cleaned_data["to_chuc"])
    return form, org, form.period()


def _forms_query(form, unit: str = "", **extra) -> str:
    """The query of the chosen unit (or `unit`), year, period and forms, plus `extra`."""
    data = form.cleaned_data
    pairs = [("to_chuc", unit or data["to_chuc"]), ("nam", data["nam"]), ("ky", data.get("ky") or "")]
    pairs += [("bieu", f) for f in data.get("bieu") or []]
    pairs += list(extra.items())
    return urlencode(pairs)


def _forms_audit(action: AuditAction, org, period: str, **extra) -> None:
    audit.record(
        action,
        model="organizations.organization",
        object_id=org.id,
        object_repr=org.name,
        org_id=org.id,
        after={"period": period, **extra},
    )


def _forms_error(request, form, message: str, template="reports/statforms.html", status=400):
    form.add_error(None, message)
    return render(request, template, {"title": "Biểu thống kê", "form": form}, status=status)


@page
def stat_forms(request):
    bound = "nam" in request.GET
    form = StatFormsForm(request.user, request.GET if bound else None, initial=_forms_defaults(request))
    context = {"title": "Biểu thống kê", "form": form, "body": None}
    if not bound:
        return render(request, "reports/statforms.html", context)
    form, org, period = _forms_choice(request)
    context["form"] = form
    if org is None:
        return render(request, "reports/statforms.html", context)
    chosen = form.cleaned_data["bieu"] or None
    try:
        computed = statforms.compute_forms(org.code, period, chosen)
    except DomainError as exc:
        return _forms_error(request, form, exc.message)
    behind = reverse("web:forms_behind")

    def link(entry: dict, code: str, column: str) -> str | None:
        if column == "pct" and entry["form"] not in ("4",):
            return None  # a ratio of two linked figures
        query = _forms_query(form, bieu_so=entry["form"], dong=code, cot=column)
        return f"{behind}?{query}"

    _, end = statforms.period_range(period)
    body = forms_pdf.forms_html(computed, forms_layout.forms_header(org.code, end), link=link)
    _forms_audit(AuditAction.FORMS_VIEW, org, period, forms=[f["form"] for f in computed])
    context.update(body=body, org=org, period=period, query=_forms_query(form))
    context["period_label"] = statforms.period_label(period)
    context.update(breadcrumbs=pickers.breadcrumbs(request.user, org.id), here="Biểu thống kê")
    return render(request, "reports/statforms.html", context)


@page
def stat_forms_download(request, fmt):
    if fmt not in FORMS_FORMATS:
        raise Http404
    form, org, period = _forms_choice(request)
    if org is None:
        return render(request, "reports/statforms.html", {"title": "Biểu thống kê", "form": form}, status=400)
    try:
        computed = statforms.compute_forms(org.code, period, form.cleaned_data["bieu"] or None)
    except DomainError as exc:
        return _forms_error(request, form, exc.message)
    _, end = statforms.period_range(period)
    header = forms_layout.forms_header(org.code, end)
    if fmt == "xlsx":
        from xaydungdang.reports.renderers import forms_xlsx

        content, content_type = forms_xlsx.render(computed, header), XLSX_CONTENT_TYPE
    else:
        content, content_type = forms_pdf.render(computed, header), "application/pdf"
    _forms_audit(AuditAction.of(f"forms.{fmt}"), org, period, forms=[f["form"] for f in computed], bytes=len(content))
    response = HttpResponse(content, content_type=content_type)
    filename = f"bieu-thong-ke-{org.code}-{period}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _behind_title(org, period: str, form: str, code: str, column: str) -> tuple[str, list[str]]:
    start, end = statforms.period_range(period)
    if column == "previous":
        start, end = statforms.previous_range(start, end)
    title = f"Số liệu {formrows.SYMBOLS[form]}: {drilldown.row_label(form, code)}"
    lines = [
        f"Đơn vị: {org.name} ({org.code})",
        f"Biểu: {formrows.SYMBOLS[form]} – {formrows.TITLES[form]}",
        f"Dòng: {drilldown.row_label(form, code)} (mã {code})",
        f"Cột: {drilldown.column_label(form, column)}",
        f"Kỳ báo cáo: {statforms.period_label(period)} (từ {fmt_date(start)} đến {fmt_date(end)})",
    ]
    return title, lines


@page
def stat_forms_behind(request):
    form, org, period = _forms_choice(request)
    if org is None:
        return render(request, "reports/statforms.html", {"title": "Biểu thống kê", "form": form}, status=400)
    which, code, column = (request.GET.get(name, "")[:40] for name in ("bieu_so", "dong", "cot"))
    try:
        found = drilldown.behind_rows(request.user, org.code, period, which, code, column)
    except DomainError as exc:
        return _forms_error(request, form, exc.message)
    title, lines = _behind_title(org, period, which, code, column)
    table = behind_table(found)
    details = {"form": which, "row": code, "column": column, "rows": len(found.rows)}
    if request.GET.get("xuat") == "xlsx":
        content = table_xlsx(table, title=title, subtitle_lines=lines, sheet="Số liệu")
        _forms_audit(AuditAction.FORMS_BEHIND_EXPORT, org, period, **details)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        filename = f"so-lieu-bieu-{which}-{code}-{org.code}-{period}.xlsx"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    _forms_audit(AuditAction.FORMS_BEHIND, org, period, **details)
    context = {
        "title": title,
        "lines": lines,
        "org": org,
        "found": found,
        "table": table,
        "export_query": _forms_query(form, bieu_so=which, dong=code, cot=column, xuat="xlsx"),
        "back_query": _forms_query(form),
    }
    return render(request, "reports/statforms_behind.html", context)


@page
def stat_forms_reconcile(request):
    form, org, period = _forms_choice(request)
    if org is None:
        return render(request, "reports/statforms.html", {"title": "Biểu thống kê", "form": form}, status=400)
    chosen = form.cleaned_data["bieu"] or None
    try:
        result = drilldown.reconcile(request.user, org.code, period, chosen)
        found_gaps = drilldown.gaps(request.user, org.code, period)
    except DomainError as exc:
        return _forms_error(request, form, exc.message)
    behind = reverse("web:forms_behind")
    for entry in result.forms:
        for row in entry.rows:
            for cell in row.cells:
                where = {"bieu_so": entry.form, "dong": row.code, "cot": cell.column}
                cell.url = f"{behind}?{_forms_query(form, **where)}"
                cell.part_urls = [
                    (name, figure, f"{behind}?{_forms_query(form, code, **where)}") for name, code, figure in cell.parts
                ]
    _forms_audit(AuditAction.FORMS_RECONCILE, org, period, forms=[f.form for f in result.forms])
    context = {
        "title": f"Đối chiếu biểu thống kê – {org.name}",
        "org": org,
        "period_label": statforms.period_label(period),
        "result": result,
        "gaps": found_gaps,
        "back_query": _forms_query(form),
    }
    return render(request, "reports/statforms_reconcile.html", context)
