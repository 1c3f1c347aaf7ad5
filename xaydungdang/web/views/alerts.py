"""The alerts page: every alert list of alerts.rules within the user's scope."""

from django.shortcuts import render

from xaydungdang.organizations.tree import load_tree
from xaydungdang.web.cache import alerts_for
from xaydungdang.web.views.common import org_or_404, page


@page
def alerts(request):
    code = request.GET.get("to_chuc", "")[:40]
    org = org_or_404(request.user, code) if code else None
    result = alerts_for(request.user, org.id if org else None)
    tree = load_tree()
    cell_names = {}
    for group in (result.probation, result.absent, result.badges, result.away_overdue, result.screening):
        for alert in group:
            if alert.org_id and alert.org_id in tree.orgs:
                cell_names[alert.org_id] = tree.orgs[alert.org_id].name
    return render(request, "web/alerts/list.html", {"title": "Cảnh báo", "alerts": result, "org": org,
                                                    "cell_names": cell_names})
