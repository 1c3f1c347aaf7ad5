"""The "Hạn cần xử lý" page: every open deadline of every kind in the user's scope (the registry,
core/deadlines.py), grouped overdue / within 7 days / within 30 days / later, filtered by unit and
kind, each row linking to the page where the user acts; XLSX export (audited)."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render

from xaydungdang.alerts import reminders
from xaydungdang.core import access, audit, deadlines
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.dates import today
from xaydungdang.core.forms import StyledForm
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.views import page
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization

# Rows shown per group on the page (a province has thousands of open deadlines): the rest are
# counted, and are in the XLSX; the unit and kind filters narrow the page.
ROWS_SHOWN = 200


class FilterForm(StyledForm):
    to_chuc = forms.CharField(label="Mã tổ chức (để trống: toàn bộ phạm vi)", max_length=40, required=False)
    loai = forms.ChoiceField(label="Loại việc", required=False)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["loai"].choices = [("", "Tất cả")] + sorted(deadlines.KIND_LABELS.items(), key=lambda item: item[1])

    def clean_to_chuc(self):
        code = self.cleaned_data["to_chuc"].strip()
        if code and access.org_in_scope(self.user, code) is None:
            raise forms.ValidationError(f"Không có tổ chức mã “{code}” trong phạm vi của anh/chị.")
        return code


@page
def deadlines_page(request):
    form = FilterForm(request.user, request.GET or None)
    org, kinds = None, None
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["to_chuc"]
        if code:
            org = Organization.objects.get(id=access.org_in_scope(request.user, code))
        if form.cleaned_data["loai"]:
            kinds = [form.cleaned_data["loai"]]
    day = today()
    found = reminders.deadlines_for(request.user, org.id if org else None, day, kinds)
    if request.GET.get("xuat") == "xlsx":
        return _export(request, found, org, kinds)
    groups = [
        {
            "code": code,
            "label": label,
            "count": len(items),
            "rows": [{"d": d, "left": reminders.days_left(d, day)} for d in items[:ROWS_SHOWN]],
            "more": max(0, len(items) - ROWS_SHOWN),
        }
        for code, label, items in deadlines.grouped(found, day)
    ]
    return render(
        request,
        "alerts/deadlines.html",
        {
            "title": "Hạn cần xử lý",
            "here": "Hạn cần xử lý",
            "day": day,
            "org": org,
            "form": form,
            "groups": groups,
            "total": len(found),
            "breadcrumbs": pickers.breadcrumbs(request.user, org.id) if org else [],
            "query": request.GET.urlencode(),
        },
    )


def _export(request, found, org, kinds):
    day = today()
    lines = [
        "Hạn cần xử lý",
        f"Tổ chức: {org.name} ({org.code})" if org else "Trong phạm vi được phân quyền",
        f"Tính tại ngày {day:%d/%m/%Y}; {len(found)} mục"
        + (f"; loại: {', '.join(deadlines.KIND_LABELS.get(k, k) for k in kinds)}" if kinds else ""),
    ]
    content = reminders.workbook(found, day, lines)
    audit.record(
        AuditAction.DEADLINES_EXPORT,
        None,
        model="members.member",
        org_id=org.id if org else None,
        object_repr=f"Xuất danh sách hạn cần xử lý ({len(found)} mục)",
        after={
            "format": "xlsx",
            "filters": {k: v[:100] for k, v in request.GET.items() if v and k != "xuat"},
            "rows": len(found),
        },
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="han-can-xu-ly-{day:%Y%m%d}.xlsx"'
    return response
