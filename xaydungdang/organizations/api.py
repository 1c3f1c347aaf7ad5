"""The organizations' JSON endpoints: the tree a user may see and one organization.

Outside the user's scope an organization does not exist (404)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from xaydungdang.core import access
from xaydungdang.core.api import V1Mixin, query_day
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


# --- API v1 (assembled by web/api/v1.py; docs/api.md)


class OrgSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    parent = serializers.CharField(allow_null=True, help_text="mã tổ chức cấp trên tại ngày hỏi")
    established_on = serializers.DateField()
    dissolved_on = serializers.DateField(allow_null=True)
    members = serializers.IntegerField(help_text="số đảng viên tại ngày hỏi")


class OrgDetailSerializer(OrgSerializer):
    on = serializers.DateField()
    children = serializers.ListField(child=serializers.CharField())


def _row(tree, snapshot, org_id, counts, scope) -> dict:
    """One organization as of the snapshot; a parent above the caller's scope is not named."""
    info = tree.orgs[org_id]
    parent = snapshot.parent.get(org_id)
    if parent is not None and not scope.covers(parent):
        parent = None
    return {
        "id": org_id,
        "code": info.code,
        "name": info.name,
        "kind": info.kind,
        "parent": tree.orgs[parent].code if parent in tree.orgs else None,
        "established_on": info.established_on,
        "dissolved_on": info.dissolved_on,
        "members": counts.get(org_id, 0),
    }


ON_PARAM = OpenApiParameter("on", OpenApiTypes.DATE, description="ngày xem cây tổ chức (mặc định hôm nay)")


class OrganizationViewSet(V1Mixin, viewsets.ViewSet):
    """The organizations the caller may see, as the tree stood on `on` (default today), in tree order."""

    lookup_field = "code"
    lookup_value_regex = r"[^/]{1,40}"

    @extend_schema(parameters=[ON_PARAM], responses=OrgSerializer(many=True))
    def list(self, request):
        day = query_day(request, "on", today())
        tree = load_tree()
        snapshot = tree.snapshot(day)
        scope = access.scope_for(request.user)
        counts = hooks.members_by_org(day)
        rows = [
            _row(tree, snapshot, org_id, counts, scope)
            for root in visible_roots(request.user, day)
            for org_id in snapshot.subtree(root)
            if scope.covers(org_id)
        ]
        pager = self.pagination_class()
        page = pager.paginate_queryset(rows, request, view=self)
        return pager.get_paginated_response(OrgSerializer(page, many=True).data)

    @extend_schema(parameters=[ON_PARAM], responses=OrgDetailSerializer)
    def retrieve(self, request, code=None):
        org = org_or_404(request.user, code)
        day = query_day(request, "on", today())
        tree = load_tree()
        snapshot = tree.snapshot(day)
        scope = access.scope_for(request.user)
        row = _row(tree, snapshot, org.id, hooks.members_by_org(day), scope)
        children = [tree.orgs[c].code for c in snapshot.direct_children(org.id) if scope.covers(c)]
        return Response(OrgDetailSerializer(row | {"on": day, "children": children}).data)
