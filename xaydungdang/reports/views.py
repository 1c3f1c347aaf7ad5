"""Reports: choose organization, kind and period; read it in the page; download DOCX/PDF/XLSX.
The figures come from reports.service (the same as `xdd report`)."""

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.views import page
from xaydungdang.organizations.views import org_or_404
from xaydungdang.reports import service
from xaydungdang.reports.forms import ReportForm

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
    if bound and form.is_valid():
        d = form.cleaned_data
        org = org_or_404(request.user, d["to_chuc"])
        try:
            report = service.build(org.code, d["tu"], d["den"], kind=d["kind"], user=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            context.update(body=service.body_html(report), org=org, query=request.GET.urlencode())
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
        report = service.build(org.code, d["tu"], d["den"], kind=d["kind"], user=request.user)
        rendered = service.render(report, fmt)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return render(request, "reports/page.html", {"title": "Báo cáo", "form": form}, status=400)
    # reports.service writes the audit entry (report.<format>) itself.
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(True, rendered.filename)
    return response
