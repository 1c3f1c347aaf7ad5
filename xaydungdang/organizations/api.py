"""The organizations' JSON endpoints: the tree a user may see and one organization.

Outside the user's scope an organization does not exist (404)."""

from rest_framework.decorators import api_view
from rest_framework.response import Response

from xaydungdang.core import access
from xaydungdang.core.api import query_day
from xaydungdang.core.dates import today
from xaydungdang.organizations import hooks
from xaydungdang.organizations.tree import load_tree
from xaydungdang.organizations.views import org_or_404, visible_roots


@api_view(["GET"])
def org_tree(request):
    """Organizations the user may see, as they stood at `date`, with members at that date."""
    day = query_day(request, "date", today())
    tree = load_tree()
    snapshot = tree.snapshot(day)
    scope = access.scope_for(request.user)
    counts = hooks.members_by_org(day)
    rows = []
    for root in visible_roots(request.user, day):
        for org_id in snapshot.subtree(root):
            if not scope.covers(org_id):
                continue
            info = tree.orgs[org_id]
            parent = snapshot.parent.get(org_id)
            rows.append(
                {
                    "id": org_id,
                    "code": info.code,
                    "name": info.name,
                    "kind": info.kind,
                    "parent": tree.orgs[parent].code if parent in tree.orgs else None,
                    "members": counts.get(org_id, 0),
                }
            )
    return Response({"date": day.isoformat(), "organizations": rows})


@api_view(["GET"])
def org_detail(request, code):
    org = org_or_404(request.user, code)
    day = today()
    snapshot = load_tree().snapshot(day)
    tree = load_tree()
    parent = snapshot.parent.get(org.id)
    return Response(
        {
            "id": org.id,
            "code": org.code,
            "name": org.name,
            "kind": org.kind,
            "established_on": org.established_on,
            "dissolved_on": org.dissolved_on,
            "parent": tree.orgs[parent].code if parent in tree.orgs else None,
            "members": hooks.members_by_org(day).get(org.id, 0),
            "children": [tree.orgs[c].code for c in snapshot.direct_children(org.id)],
        }
    )
