"""The alerts page: every alert list of alerts.rules within the user's scope. The overview
shows the first rows of each list; one list can be opened in full, sorted, page by page, and
downloaded as a spreadsheet."""

import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig
from openpyxl import Workbook

from xaydungdang.alerts import rules, tables
from xaydungdang.alerts.cache import alerts_for
from xaydungdang.core import audit
from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE, safe_cell, safe_row
from xaydungdang.core.tables import table_xlsx
from xaydungdang.core.text import vi_sort_key
from xaydungdang.core.views import page
from xaydungdang.organizations import pickers
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
            "note": "Đã hết 12 tháng dự bị kể từ ngày vào Đảng; chi bộ xét trong 30 ngày làm việc. "
            "Dòng tô đỏ: đã quá 30 ngày làm việc. Khi chi bộ đã xét, ghi “Công nhận đảng viên chính thức” "
            "trong hồ sơ đảng viên để đưa ra khỏi danh sách.",
        },
        {
            "key": "sap-het-du-bi",
            "attr": "probation_soon",
            "kind": "members",
            "title": f"Đảng viên sắp hết thời gian dự bị ({rules.PROBATION_LOOKAHEAD_DAYS} ngày tới)",
            "note": "Chuẩn bị hồ sơ xét công nhận đảng viên chính thức.",
        },
        {"key": "chi-bo", "attr": "small_cells", "kind": "cells", "title": "Chi bộ có dưới 3 đảng viên chính thức"},
        {
            "key": "vang",
            "attr": "absent",
            "kind": "members",
            "title": "Đảng viên vắng sinh hoạt: đi làm ăn xa chưa trở về, trong diện rà soát",
            "note": "Gồm đảng viên đi làm ăn xa chưa trở về và đảng viên đang trong danh sách rà soát, sàng lọc. "
            "Khi đảng viên trở về, ghi “Trở về” trong hồ sơ đảng viên; khi có kết quả rà soát, ghi kết quả "
            "ở mục Hoạt động › Rà soát, sàng lọc đảng viên.",
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
        {
            "key": "dang-phi",
            "attr": "unpaid_dues",
            "kind": "members",
            "title": "Chưa đóng đảng phí từ 3 tháng liên tiếp",
            "note": "Theo sổ đảng phí của chi bộ, đến hết tháng trước. Không đóng đảng phí ba tháng mà không có "
            "lý do chính đáng thì chi bộ xem xét, đề nghị xóa tên (Quy định 01-QĐ/TW).",
        },
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
    if not only and request.GET.get("xuat") == "xlsx":
        return _export_by_cell(request, _sections(result), result, org)
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
            "breadcrumbs": pickers.breadcrumbs(request.user, org.id) if org else [],
            "here": "Cảnh báo",
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


def _export_by_cell(request, sections, result, org):
    """Every alert of every list in one sheet, by cell (Vietnamese order), so each cell's rows
    stand together and a filter on the first column gives one cell's list; audited like every
    download of a member list."""
    tree = load_tree()
    rows = []
    for section in sections:
        for alert in getattr(result, section["attr"]):
            node = tree.orgs.get(alert.org_id) if alert.org_id else None
            cell = f"{node.name} ({node.code})" if node else "Chưa rõ chi bộ"
            member = alert.label if section["kind"] == "members" else ""
            rows.append((vi_sort_key(cell), cell, section["title"], member, alert.detail, alert.late))
    rows.sort(key=lambda r: r[0])
    book = Workbook(write_only=True)
    ws = book.create_sheet("Cảnh báo theo chi bộ")
    ws.append([safe_cell("Cảnh báo theo chi bộ")])
    ws.append([safe_cell(f"Tổ chức: {org.name} ({org.code})" if org else "Trong phạm vi được phân quyền")])
    ws.append([safe_cell(f"Tính tại ngày {fmt_date(result.day)}; {len(rows)} mục")])
    ws.append(safe_row(["Chi bộ", "Loại cảnh báo", "Đảng viên", "Nội dung", "Quá hạn"]))
    for _key, cell, kind, member, detail, late in rows:
        ws.append(safe_row([cell, kind, member, detail, "Quá hạn" if late else ""]))
    buffer = io.BytesIO()
    book.save(buffer)
    audit.record(
        "member.export",
        None,
        model="members.member",
        org_id=org.id if org else None,
        object_repr=f"Xuất danh sách cảnh báo theo chi bộ ({len(rows)} mục)",
        after={"filters": {k: v[:100] for k, v in request.GET.items() if v}, "rows": len(rows)},
    )
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="canh-bao-theo-chi-bo-{result.day:%Y%m%d}.xlsx"'
    return response
