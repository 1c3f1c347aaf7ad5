"""The shell's pages: home, the organization navigator and an organization's dashboard."""

import datetime as dt

from django.shortcuts import redirect, render

from xaydungdang.accounts import scope
from xaydungdang.alerts.cache import alert_counts_for
from xaydungdang.alerts.reminders import panel_for
from xaydungdang.core.dates import today
from xaydungdang.core.text import vi_sort_key
from xaydungdang.core.views import day_param, int_param, page
from xaydungdang.indicators.founding import founding_in
from xaydungdang.organizations.models import OrgKind
from xaydungdang.organizations.tree import load_tree
from xaydungdang.organizations.views import org_or_404, visible_org_ids, visible_roots
from xaydungdang.web import charts, figures, warm
from xaydungdang.web.cache import local_cached, scope_signature
from xaydungdang.web.counts import members_by_org, members_under
from xaydungdang.web.navigator import KIND_LABELS, MAX_MATCHES, tree_tokens
from xaydungdang.web.views import cell


@page
def home(request):
    """The dashboard of the user's own top organization; a chooser if there are several."""
    roots = visible_roots(request.user, today())
    tree = load_tree()
    if len(roots) == 1:
        return redirect("web:org_detail", code=tree.orgs[roots[0]].code)
    counts = members_by_org(today())
    orgs = [{"code": tree.orgs[o].code, "name": tree.orgs[o].name, "members": counts.get(o, 0)} for o in roots]
    return render(request, "web/home.html", {"title": "Trang chủ", "orgs": orgs})


@page
def org_tree(request):
    # ?on=YYYY-MM-DD (the date picker) or ?ngay=DD/MM/YYYY (links): the tree as it was that day.
    day, warning = day_param(request, "on") if request.GET.get("on", "").strip() else day_param(request)
    query = request.GET.get("q", "")[:200]
    root = None
    root_code = request.GET.get("goc", "")[:40]
    if root_code:
        root = org_or_404(request.user, root_code)
    tokens, matches = local_cached(
        "tree",
        (scope_signature(request.user), day.isoformat(), query, root_code),
        lambda: tree_tokens(request.user, day, query, root_id=root.id if root else None),
    )
    return render(
        request,
        "web/orgs/tree.html",
        {
            "title": "Hệ thống tổ chức đảng",
            "tokens": tokens,
            "day": day,
            "query": query,
            "matches": matches,
            "warning": warning,
            "is_today": day == today(),
            "root": root,
            "max_matches": MAX_MATCHES,
        },
    )


def _breadcrumbs(org_id: int, day: dt.date, user) -> list[dict]:
    tree = load_tree()
    allowed = scope.allowed_org_ids(user)
    chain = list(reversed(tree.snapshot(day).ancestors(org_id)))
    return [{"code": tree.orgs[o].code, "name": tree.orgs[o].name} for o in chain if allowed is None or o in allowed]


def _default_year(org, this_year: int) -> int:
    """The year a page opens at: this year, or for a dissolved unit the last year it lived through."""
    if org.dissolved_on is None or org.exists_on(today()):
        return this_year
    last = org.dissolved_on - dt.timedelta(days=1)
    return last.year if last.month == 12 and last.day == 31 or last.year == org.established_on.year else last.year - 1


def _succession(org) -> dict:
    """What a dissolved organization became (its dissolution day and the living organization that
    carries it on), and what was merged into this one: the page's notices and links."""
    tree = load_tree()
    fate = tree.fate(org.id)
    successor = None
    if fate is not None and fate[1] is not None:
        info = tree.orgs[fate[1]]
        successor = {"code": info.code, "name": info.name}
    absorbed = [
        {
            "code": tree.orgs[o].code,
            "name": tree.orgs[o].name,
            "dissolved_on": tree.orgs[o].dissolved_on,
        }
        for o in tree.absorbed(org.id)
    ]
    return {"successor": successor, "absorbed": absorbed}


def _members_on(cell_org, day: dt.date) -> list[dict]:
    """The members of a cell on `day` (links to their dossiers): how the staff of a dissolved
    organization reach the dossiers of its old cells (read up to the day each left)."""
    from django.db.models import Q

    from xaydungdang.members.models import MemberSpan

    rows = (
        MemberSpan.objects.filter(cell=cell_org, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gt=day))
        .values_list("member_id", "member__full_name", "member__member_no")
        .distinct()
    )
    return sorted(
        ({"pk": pk, "name": name, "no": no} for pk, name, no in rows), key=lambda m: (vi_sort_key(m["name"]), m["no"])
    )


@page
def org_detail(request, code):
    org = org_or_404(request.user, code)
    view = scope.scope_for(request.user)
    # A grant on a dissolved organization reads its old subtree as it was (accounts/scope.py):
    # the page is shown at the latest on the eve of the dissolution.
    until = None if view.covers(org.id) else view.past_until(org.id)
    own_page = "nam" not in request.GET and "ngay" not in request.GET
    if until is None and org.is_cell and org.exists_on(today()) and own_page:
        # A cell's own page: its members, deadlines, tasks and round of ratings (web/views/cell.py).
        return cell.cell_home(request, org, _breadcrumbs(org.id, today(), request.user))
    this_year = today().year if until is None else (until - dt.timedelta(days=1)).year
    default_year = _default_year(org, this_year) if until is None else this_year
    year = int_param(request, "nam", default_year)
    if year is None or not 1930 <= year <= this_year:
        year = this_year
    day = min(today(), dt.date(year, 12, 31))
    if until is not None:
        day = min(day, until - dt.timedelta(days=1))
    if "ngay" in request.GET and "nam" not in request.GET:
        # A link from the tree at a past date (web/orgs/tree.html): the page at that date.
        asked, _warning = day_param(request)
        if asked <= today() and org.exists_on(asked) and (until is None or asked < until):
            year, day = asked.year, min(today(), dt.date(asked.year, 12, 31))
            if until is not None:
                day = min(day, until - dt.timedelta(days=1))
    if not org.exists_on(day) and org.dissolved_on and dt.date(year, 1, 1) < org.dissolved_on <= day:
        day = org.dissolved_on - dt.timedelta(days=1)  # dissolved during the year: its last day
    tree = load_tree()
    snapshot = tree.snapshot(day)
    counts = members_under(org.id, day)
    if until is None:
        warm.seen(request.user, org.id)  # kept computed after writes (web/warm.py)
    allowed = None if view.is_global else visible_org_ids(view, day)
    children = [
        {
            "code": tree.orgs[c].code,
            "name": tree.orgs[c].name,
            "kind": KIND_LABELS.get(tree.orgs[c].kind),
            "members": counts.get(c, 0),
        }
        for c in snapshot.direct_children(org.id)
        if allowed is None or c in allowed
    ]
    children.sort(key=lambda c: (vi_sort_key(c["name"]), c["code"]))
    start, end = figures.year_period(year)
    # A unit dissolved during the year is shown up to its last day; one founded during the year
    # has no year before it: what it received at its founding replaces the comparison.
    end = min(end, day) if org.dissolved_on and org.dissolved_on <= end else end
    if until is not None:
        end = min(end, day)  # read through a dissolved grant: nothing after its eve
    data = figures.report_data(org.code, start, end) if org.exists_on(day) else None
    founding = founding_in(org.id, start, end) if data else None
    alerts = alert_counts_for(request.user, org.id) if org.exists_on(today()) and until is None else None
    deadlines_panel = panel_for(request.user, org.id) if alerts is not None else None
    tiles = figures.tiles(data) if data else []
    if year == this_year and alerts is not None:
        # The year is not over: the figure is today's, the same count as the alert list's.
        figures.probation_due_today(tiles, alerts["probation"], today())
    partial = founding is not None or end < dt.date(year, 12, 31)
    if partial:
        figures.without_comparison(tiles, founding)
    return render(
        request,
        "web/orgs/detail.html",
        {
            "title": org.name,
            "org": org,
            "kind_label": KIND_LABELS.get(org.kind),
            "year": year,
            "years": list(range(this_year, max(1930, this_year - 10), -1)),
            "history_until": until,
            "past_members": _members_on(org, day) if until is not None and org.is_cell else None,
            **_succession(org),
            "day": day,
            "members_now": counts.get(org.id, 0),
            "children": children,
            "data": data,
            "tiles": tiles,
            "founding": founding,
            "partial": partial if data else False,
            "period_end": end,
            "series": figures.series_tables(data) if data else {},
            "chart_set": charts.dashboard_charts(data) if data else None,
            "alerts": alerts,
            "deadlines_panel": deadlines_panel,
            "breadcrumbs": _breadcrumbs(org.id, today(), request.user)
            if org.exists_on(today()) and until is None
            else [],
            "exists": org.exists_on(day),
            "is_cell": org.kind in (OrgKind.CELL, OrgKind.GRASSROOTS_CELL),
            "can_record": scope.scope_for(request.user, scope.RECORD).covers(org.id),
            "can_change": scope.scope_for(request.user, scope.CHANGE).covers(org.id),
        },
    )
