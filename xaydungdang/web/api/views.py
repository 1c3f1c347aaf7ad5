"""The JSON API: reads scoped by accounts.scope, writes through the actions.

Outside the user's scope an object does not exist (404); visible but not writable is 403.
Domain errors come back as 400 with one entry per problem: {"errors": [{"field", "message"}]}.
"""

import datetime as dt

from django.http import Http404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from xaydungdang.accounts import scope
from xaydungdang.core import audit
from xaydungdang.core.dates import parse_date, today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.members import actions
from xaydungdang.members.models import Member, MemberEvent
from xaydungdang.organizations.models import CELL_KINDS, Organization
from xaydungdang.organizations.tree import load_tree
from xaydungdang.web import figures
from xaydungdang.web.api.serializers import AdmitInput, EventInput, EventSerializer, MemberSerializer
from xaydungdang.web.counts import members_by_org
from xaydungdang.web.filters import MemberFilter
from xaydungdang.web.navigator import visible_roots
from xaydungdang.core.views import MAX_YEAR, MIN_YEAR


def _day(request, name, default):
    raw = request.query_params.get(name, "")
    if not raw:
        return default
    try:
        value = parse_date(raw[:20])
    except ValueError:
        value = None
    if value is None:
        raise ValidationError({name: f"Ngày \"{raw[:20]}\" không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)."})
    if not MIN_YEAR <= value.year <= MAX_YEAR:  # 0001-01-01 or 9999-12-31 overflow the period arithmetic
        raise ValidationError({name: f"Ngày \"{raw[:20]}\" (tham số {name}) nằm ngoài khoảng cho phép: từ năm "
                                     f"{MIN_YEAR} đến năm {MAX_YEAR}."})
    return value


def _errors(exc: DomainError) -> Response:
    code = status.HTTP_403_FORBIDDEN if isinstance(exc, ScopeDenied) else status.HTTP_400_BAD_REQUEST
    return Response({"errors": [{"field": p.field, "message": p.message} for p in exc.problems]}, status=code)


def _org(user, code, action=scope.VIEW) -> Organization:
    org = Organization.objects.filter(code=str(code)[:40]).first()
    if org is None or not scope.scope_for(user, scope.VIEW).covers(org.id):
        raise Http404
    if action != scope.VIEW and not scope.scope_for(user, action).covers(org.id):
        raise PermissionDenied("Không có quyền ghi cho tổ chức này.")
    return org


def _member(user, pk, action=scope.VIEW) -> Member:
    member = scope.restrict(Member.objects.select_related("current_cell"), user).filter(pk=pk).first()
    if member is None:
        raise Http404
    if action != scope.VIEW:
        try:
            scope.require_member(user, member, action)
        except DomainError as exc:
            raise PermissionDenied(exc.message)
    return member


@api_view(["GET"])
def org_tree(request):
    """Organizations the user may see, as they stood at `date`, with members at that date."""
    day = _day(request, "date", today())
    tree = load_tree()
    snapshot = tree.snapshot(day)
    allowed = scope.allowed_org_ids(request.user)
    counts = members_by_org(day)
    rows = []
    for root in visible_roots(request.user, day):
        for org_id in snapshot.subtree(root):
            if allowed is not None and org_id not in allowed:
                continue
            info = tree.orgs[org_id]
            parent = snapshot.parent.get(org_id)
            rows.append({"id": org_id, "code": info.code, "name": info.name, "kind": info.kind,
                         "parent": tree.orgs[parent].code if parent in tree.orgs else None,
                         "members": counts.get(org_id, 0)})
    return Response({"date": day.isoformat(), "organizations": rows})


@api_view(["GET"])
def org_detail(request, code):
    org = _org(request.user, code)
    day = today()
    snapshot = load_tree().snapshot(day)
    tree = load_tree()
    parent = snapshot.parent.get(org.id)
    return Response({"id": org.id, "code": org.code, "name": org.name, "kind": org.kind,
                     "established_on": org.established_on, "dissolved_on": org.dissolved_on,
                     "parent": tree.orgs[parent].code if parent in tree.orgs else None,
                     "members": members_by_org(day).get(org.id, 0),
                     "children": [tree.orgs[c].code for c in snapshot.direct_children(org.id)]})


@api_view(["GET"])
def org_indicators(request, code):
    """Every indicator of spec/indicators.md for the organization and period (default: this year)."""
    org = _org(request.user, code)
    start = _day(request, "from", dt.date(today().year, 1, 1))
    end = _day(request, "to", dt.date(today().year, 12, 31))
    if end < start:
        raise ValidationError({"to": "Ngày kết thúc phải sau ngày bắt đầu."})
    data = figures.report_data(org.code, start, end, series=False)
    return Response({"org": {"code": org.code, "name": org.name}, "period": data["period"],
                     "indicators": data["indicators"]})


class Pages(PageNumberPagination):
    page_size = 50
    max_page_size = 500
    page_size_query_param = "page_size"


@api_view(["GET", "POST"])
def members(request):
    if request.method == "POST":
        return _admit(request)
    base = scope.restrict(Member.objects.select_related("current_cell"), request.user)
    filterset = MemberFilter(request.query_params, queryset=base)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    pager = Pages()
    page = pager.paginate_queryset(filterset.qs.order_by("sort_key", "id"), request)
    _audit_list("member.list", request, len(page), f"Danh sách {len(page)} đảng viên", "members.member")
    return pager.get_paginated_response(MemberSerializer(page, many=True).data)


def _audit_list(action, request, rows, label, model):
    """One audit entry per page of personal data read through the API: the filters and the row count."""
    filters = {k: str(v)[:100] for k, v in request.query_params.items() if v}
    audit.record(action, None, model=model, object_repr=label, after={"filters": filters, "rows": rows})


def _audit_member(action, member):
    audit.record(action, member, org_id=member.current_cell_id, member_id=member.id)


def _admit(request):
    data = AdmitInput(data=request.data)
    data.is_valid(raise_exception=True)
    d = data.validated_data
    cell = _org(request.user, d["cell_code"], scope.RECORD)
    if cell.kind not in CELL_KINDS:
        return Response({"errors": [{"field": "cell_code", "message": f"{cell.name} không phải chi bộ."}]},
                        status=status.HTTP_400_BAD_REQUEST)
    personal = {k: d[k] for k in AdmitInput.PERSONAL}
    try:
        member = actions.admit(personal, cell, d["on"], decision_no=d["decision_no"], decided_on=d.get("decided_on"),
                               note=d["note"], acting_user=request.user)
    except DomainError as exc:
        return _errors(exc)
    return Response(MemberSerializer(member).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def member_detail(request, pk):
    member = _member(request.user, pk)
    events = MemberEvent.objects.filter(member=member).select_related("member", "org", "from_cell", "to_cell")
    _audit_member("member.view", member)
    return Response(MemberSerializer(member).data | {"events": EventSerializer(events, many=True).data})


@api_view(["GET", "POST"])
def member_events(request, pk):
    if request.method == "GET":
        member = _member(request.user, pk)
        events = MemberEvent.objects.filter(member=member).select_related("member", "org", "from_cell", "to_cell")
        _audit_member("member.events", member)
        return Response(EventSerializer(events, many=True).data)
    member = _member(request.user, pk, scope.RECORD)
    data = EventInput(data=request.data)
    data.is_valid(raise_exception=True)
    d = data.validated_data
    org = _org(request.user, d["org_code"], scope.RECORD) if d.get("org_code") else None
    try:
        event = actions.record_event(member, d["type"], d["on"], org=org, reason=d["reason"],
                                     decision_no=d["decision_no"], decided_on=d.get("decided_on"), note=d["note"],
                                     acting_user=request.user)
    except DomainError as exc:
        return _errors(exc)
    return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def events(request):
    """Events of visible members; filters: type, from, to, member_no."""
    qs = scope.restrict(MemberEvent.objects.select_related("member", "org", "from_cell", "to_cell"), request.user)
    if request.query_params.get("type"):
        qs = qs.filter(type=request.query_params["type"][:24])
    if request.query_params.get("member_no"):
        qs = qs.filter(member__member_no=request.query_params["member_no"][:32])
    start = _day(request, "from", None)
    end = _day(request, "to", None)
    if start:
        qs = qs.filter(on__gte=start)
    if end:
        qs = qs.filter(on__lte=end)
    pager = Pages()
    page = pager.paginate_queryset(qs.order_by("on", "id"), request)
    _audit_list("event.list", request, len(page), f"Danh sách {len(page)} biến động", "members.memberevent")
    return pager.get_paginated_response(EventSerializer(page, many=True).data)
