"""The alerts page: every alert list of alerts.rules within the user's scope. The overview
shows the first rows of each list; one list can be opened in full, sorted, page by page, and
downloaded as a spreadsheet."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig

from xaydungdang.alerts import tables
from xaydungdang.alerts.cache import alerts_for
from xaydungdang.core import audit
from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.tables import table_xlsx
from xaydungdang.core.views import page
from xaydungdang.organizations.tree import load_tree
from xaydungdang.organizations.views import org_or_404

OVERVIEW_ROWS = 50
PAGE_ROWS = 100


def _sections(result) -> list[dict]:
    return [
        {
            "key": "du-bi",
            "attr": "probation",
            "kind": "members",
            "title": "Đảng viên dự bị đến hạn, quá hạn xét công nhận chính thức",
            "note": "Hết 12 tháng dự bị kể từ ngày vào Đảng; chi bộ xét trong 30 ngày làm việc. "
            "Dòng tô đỏ: đã quá 30 ngày làm việc.",
        },
        {"key": "chi-bo", "attr": "small_cells", "kind": "cells", "title": "Chi bộ có dưới 3 đảng viên chính thức"},
        {
            "key": "vang",
            "attr": "absent",
            "kind": "members",
            "title": "Đảng viên vắng sinh hoạt: đi làm ăn xa chưa trở về, trong diện rà soát",
            "note": "Chưa có bảng đảng phí trong dữ liệu, nên cờ “vắng sinh hoạt” gồm đảng viên đi làm ăn xa "
            "chưa trở về và đảng viên đang trong danh sách rà soát, sàng lọc.",
        },
        {
            "key": "lam-an-xa",
            "attr": "away_overdue",
            "kind": "members",
            "title": "Đi làm ăn xa quá 12 tháng chưa trở về",
        },
        {
            "key": "huy-hieu",
            "attr": "badges",
            "kind": "members",
            "title": f"Đề nghị tặng Huy hiệu Đảng đợt {fmt_date(result.badge_day)}",
        },
        {"key": "sang-loc", "attr": "screening", "kind": "members", "title": "Rà soát, sàng lọc chưa có kết quả"},
    ]


def _table(section, alerts, cell_names, *, orderable: bool):
    table_class = tables.CellAlertTable if section["kind"] == "cells" else tables.MemberAlertTable
    return table_class(tables.rows(alerts, cell_names), orderable=orderable)


@page
def alerts(request):
    code = request.GET.get("to_chuc", "")[:40]
    org = org_or_404(request.user, code) if code else None
    result = alerts_for(request.user, org.id if org else None)
    sections = _sections(result)
    only = request.GET.get("danh_sach", "")
    if only:
        sections = [s for s in sections if s["key"] == only]
        if not sections:
            raise Http404
    tree = load_tree()
    cell_names = {}
    for section in sections:
        rows = getattr(result, section["attr"])
        section["total"] = len(rows)
        shown = rows if only else rows[:OVERVIEW_ROWS]
        for alert in shown:
            if alert.org_id and alert.org_id in tree.orgs:
                cell_names[alert.org_id] = tree.orgs[alert.org_id].name
        section["table"] = _table(section, shown, cell_names, orderable=bool(only))
    if only:
        section = sections[0]
        if request.GET.get("xuat") == "xlsx":
            return _export(request, section, result, org)
        RequestConfig(request, paginate={"per_page": PAGE_ROWS}).configure(section["table"])
    return render(
        request,
        "alerts/list.html",
        {
            "title": "Cảnh báo",
            "alerts": result,
            "org": org,
            "sections": sections,
            "only": only,
            "overview_rows": OVERVIEW_ROWS,
        },
    )


def _export(request, section, result, org):
    """The list in full, in the order shown (sorting applies), as a spreadsheet; audited like
    every download of a member list."""
    table = section["table"]
    RequestConfig(request, paginate=False).configure(table)
    subtitle = [f"Tổ chức: {org.name} ({org.code})"] if org else ["Trong phạm vi được phân quyền"]
    subtitle.append(f"Tính tại ngày {fmt_date(result.day)}; {section['total']} mục")
    content = table_xlsx(table, title=f"Cảnh báo: {section['title']}", subtitle_lines=subtitle, sheet="Cảnh báo")
    audit.record(
        "member.export",
        None,
        model="members.member",
        org_id=org.id if org else None,
        object_repr=f"Xuất danh sách cảnh báo “{section['title']}” ({section['total']} mục)",
        after={"filters": {k: v[:100] for k, v in request.GET.items() if v}, "rows": section["total"]},
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="canh-bao-{section["key"]}-{result.day:%Y%m%d}.xlsx"'
    return response
