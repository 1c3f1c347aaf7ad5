"""The alerts page: every alert list of alerts.rules within the user's scope. The overview
shows the first rows of each list; one list can be opened in full, page by page."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.organizations.tree import load_tree
from xaydungdang.web.cache import alerts_for
from xaydungdang.core.views import page
from xaydungdang.organizations.views import org_or_404

OVERVIEW_ROWS = 50
PAGE_ROWS = 100


def _sections(result) -> list[dict]:
    return [
        {"key": "du-bi", "attr": "probation", "kind": "members",
         "title": "Đảng viên dự bị đến hạn, quá hạn xét công nhận chính thức",
         "note": "Hết 12 tháng dự bị kể từ ngày vào Đảng; chi bộ xét trong 30 ngày làm việc. "
                 "Dòng tô đỏ: đã quá 30 ngày làm việc."},
        {"key": "chi-bo", "attr": "small_cells", "kind": "cells", "title": "Chi bộ có dưới 3 đảng viên chính thức"},
        {"key": "vang", "attr": "absent", "kind": "members",
         "title": "Đảng viên vắng sinh hoạt: đi làm ăn xa chưa trở về, trong diện rà soát",
         "note": "Chưa có bảng đảng phí trong dữ liệu, nên cờ “vắng sinh hoạt” gồm đảng viên đi làm ăn xa chưa trở về "
                 "và đảng viên đang trong danh sách rà soát, sàng lọc."},
        {"key": "lam-an-xa", "attr": "away_overdue", "kind": "members",
         "title": "Đi làm ăn xa quá 12 tháng chưa trở về"},
        {"key": "huy-hieu", "attr": "badges", "kind": "members",
         "title": f"Đề nghị tặng Huy hiệu Đảng đợt {fmt_date(result.badge_day)}"},
        {"key": "sang-loc", "attr": "screening", "kind": "members", "title": "Rà soát, sàng lọc chưa có kết quả"},
    ]


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
        if only:
            page_obj = Paginator(rows, PAGE_ROWS).get_page(request.GET.get("page"))
            section["rows"], section["page"] = list(page_obj.object_list), page_obj
        else:
            section["rows"] = rows[:OVERVIEW_ROWS]
        for alert in section["rows"]:
            if alert.org_id and alert.org_id in tree.orgs:
                cell_names[alert.org_id] = tree.orgs[alert.org_id].name
    return render(request, "web/alerts/list.html", {"title": "Cảnh báo", "alerts": result, "org": org,
                                                    "sections": sections, "cell_names": cell_names, "only": only,
                                                    "overview_rows": OVERVIEW_ROWS})
