"""The "Rà soát dữ liệu" page (issue 15 item 4): the data-quality campaign (indicators/campaign.py)
in the user's scope — a table of units × kinds with totals, each count opening the members behind it
(linked to the dossier's edit form when the user may change them), and the XLSX of a unit or of all
(audited). The result is cached per scope, organization, day and data version."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from xaydungdang.core import access, audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.cache import cached, scope_signature
from xaydungdang.core.dates import today
from xaydungdang.core.forms import StyledForm
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.views import page
from xaydungdang.indicators import campaign
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization

# Column headings of the table (the full labels are in campaign.KINDS, shown as titles).
SHORT = {
    campaign.NO_ID: "Chưa có số định danh",
    campaign.BAD_ID: "Số định danh sai quy cách",
    campaign.DUPLICATE_ID: "Trùng số định danh",
    campaign.BAD_CARD: "Số thẻ sai quy cách",
    campaign.DUPLICATE_CARD: "Trùng số thẻ",
    campaign.LIKELY_DUPLICATE: "Có thể trùng người",
    campaign.DISSOLVED_CELL: "Ở chi bộ đã giải thể",
    campaign.PROBATION_OVERDUE: "Quá hạn công nhận chính thức",
    "missing_ethnicity": "Thiếu dân tộc",
    "missing_general_education": "Thiếu giáo dục phổ thông",
    "missing_qualification": "Thiếu chuyên môn",
    "missing_political_theory": "Thiếu lý luận chính trị",
    "missing_occupation": "Thiếu nghề nghiệp",
}


class FilterForm(StyledForm):
    to_chuc = forms.CharField(label="Mã tổ chức (để trống: toàn bộ phạm vi)", max_length=40, required=False)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_to_chuc(self):
        code = self.cleaned_data["to_chuc"].strip()
        if code and access.org_in_scope(self.user, code) is None:
            raise forms.ValidationError(f"Không có tổ chức mã “{code}” trong phạm vi của anh/chị.")
        return code


def result_for(user, org_id):
    day = today()
    parts = (scope_signature(user), org_id, day.isoformat())
    return cached("data_campaign", parts, lambda: campaign.run(user=user, org_id=org_id, day=day), org_id=org_id)


def _revealer(user):
    scope = access.scope_for(user, access.CHANGE)
    return lambda cell_id: cell_id is not None and scope.covers(cell_id)


@page
def campaign_page(request):
    form = FilterForm(request.user, request.GET or None)
    org = None
    if form.is_bound and form.is_valid() and form.cleaned_data["to_chuc"]:
        org = Organization.objects.get(id=access.org_in_scope(request.user, form.cleaned_data["to_chuc"]))
    result = result_for(request.user, org.id if org else None)
    by_code = {u.code: u for u in result.units.values()}
    unit_code = request.GET.get("don_vi", "").strip()
    unit = by_code.get(unit_code)
    kind = request.GET.get("loai", "").strip()
    kind = kind if kind in campaign.KINDS else ""
    if request.GET.get("xuat") == "xlsx":
        return _export(request, result, org, unit)
    kinds = list(campaign.KINDS)
    rows = [
        {"unit": u, "cells": [(k, counts.get(k, 0)) for k in kinds], "total": sum(counts.values())}
        for u, counts in result.unit_rows()
    ]
    totals = result.totals()
    listing = []
    if unit is not None or kind:
        may_change = access.scope_for(request.user, access.CHANGE)
        reveal = _revealer(request.user)
        for f in result.findings:
            if (unit is None or f.unit_id == unit.id) and (not kind or f.kind == kind):
                editable = f.cell_id is not None and may_change.covers(f.cell_id)
                name = "web:member_edit" if editable else "web:member_detail"
                listing.append(
                    {
                        "f": f,
                        "url": reverse(name, args=[f.member_id]),
                        "editable": editable,
                        "cell": result.cells.get(f.cell_id, ("", ""))[1],
                        "number": campaign.shown_id(f, reveal),
                    }
                )
    base = {"to_chuc": org.code} if org else {}
    return render(
        request,
        "indicators/campaign.html",
        {
            "title": "Rà soát dữ liệu",
            "here": "Rà soát dữ liệu",
            "day": result.day,
            "org": org,
            "form": form,
            "heads": [(k, SHORT[k], campaign.KINDS[k][0]) for k in kinds],
            "rows": rows,
            "totals": [(k, totals.get(k, 0)) for k in kinds],
            "grand_total": len(result.findings),
            "unit": unit,
            "kind": kind,
            "kind_label": campaign.KINDS[kind][0] if kind else "",
            "listing": listing,
            "base": base,
            "breadcrumbs": pickers.breadcrumbs(request.user, org.id) if org else [],
        },
    )


def _export(request, result, org, unit):
    day = result.day
    where = f"{org.name} ({org.code})" if org else "Trong phạm vi được phân quyền"
    if unit is not None:
        where = f"{unit.name} ({unit.code})"
    content = campaign.workbook(
        result, unit_ids=[unit.id] if unit else None, reveal=_revealer(request.user), heading=f"Đơn vị: {where}"
    )
    rows = len(result.of_unit(unit.id)) if unit else len(result.findings)
    audit.record(
        AuditAction.DATA_CAMPAIGN_EXPORT,
        None,
        model="members.member",
        org_id=unit.id if unit else (org.id if org else None),
        object_repr=f"Xuất danh sách rà soát dữ liệu ({rows} mục)",
        after={"format": "xlsx", "unit": unit.code if unit else "", "rows": rows},
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"ra-soat-du-lieu-{unit.code if unit else (org.code if org else 'tat-ca')}-{day:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
