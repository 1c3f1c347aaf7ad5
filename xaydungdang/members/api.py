"""The members' JSON endpoints: the member list (filters of the member list) and admission, one
member with their events, a member's events (and recording one), the events of visible members.

Reads are scoped (`restrict`) and audited (one entry per call: filters and row count, or the
member read); writes go through members.actions with the acting user. Outside the user's scope an
object does not exist (404); visible but not writable is 403. Domain errors come back as 400 (403
for the scope) with one entry per problem: {"errors": [{"field", "message"}]}. National IDs leave
the server masked, always.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from xaydungdang.core import access, audit
from xaydungdang.core.api import query_day
from xaydungdang.core.errors import DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.members import actions
from xaydungdang.members.filtersets import EventFilter, MemberFilter
from xaydungdang.members.models import PERSONAL_DATA, Member, MemberEvent
from xaydungdang.members.views import member_or_404
from xaydungdang.organizations.models import CELL_KINDS, Organization
from xaydungdang.organizations.views import org_or_404


class MemberSerializer(serializers.ModelSerializer):
    national_id = serializers.CharField(source="masked_national_id", read_only=True)
    cell = serializers.CharField(source="current_cell.code", default=None, read_only=True)
    cell_name = serializers.CharField(source="current_cell.name", default=None, read_only=True)

    class Meta:
        model = Member
        fields = [
            "id",
            *PERSONAL_DATA,
            "joined_on",
            "official_on",
            "card_no",
            "state",
            "status",
            "cell",
            "cell_name",
            "version",
        ]


class EventSerializer(serializers.ModelSerializer):
    member_no = serializers.CharField(source="member.member_no", read_only=True)
    org_code = serializers.CharField(source="org.code", default=None, read_only=True)
    from_cell = serializers.CharField(source="from_cell.code", default=None, read_only=True)
    to_cell = serializers.CharField(source="to_cell.code", default=None, read_only=True)
    voided = serializers.BooleanField(source="is_voided", read_only=True)

    class Meta:
        model = MemberEvent
        fields = [
            "id",
            "member",
            "member_no",
            "type",
            "on",
            "org_code",
            "reason",
            "decision_no",
            "decided_on",
            "note",
            "from_cell",
            "to_cell",
            "voided",
            "void_reason",
            "version",
        ]


class EventInput(serializers.Serializer):
    type = serializers.CharField(max_length=24)
    on = serializers.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    org_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    decision_no = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"], required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class AdmitInput(serializers.Serializer):
    cell_code = serializers.CharField(max_length=40)
    on = serializers.DateField(input_formats=DATE_FORMATS)
    decision_no = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(input_formats=DATE_FORMATS, required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    member_no = serializers.CharField(max_length=32)
    full_name = serializers.CharField(max_length=255)
    gender = serializers.CharField(max_length=8)
    birth_date = serializers.DateField(input_formats=DATE_FORMATS)
    ethnicity = serializers.CharField(max_length=64)
    religion = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    national_id = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    hometown = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    residence = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    general_education = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    qualification = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    political_theory = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    occupation = serializers.CharField(max_length=24, required=False, allow_blank=True, default="")

    PERSONAL = list(PERSONAL_DATA)


# --- Endpoints


class Pages(PageNumberPagination):
    page_size = 50
    max_page_size = 500
    page_size_query_param = "page_size"


def _errors(exc: DomainError) -> Response:
    code = status.HTTP_403_FORBIDDEN if isinstance(exc, ScopeDenied) else status.HTTP_400_BAD_REQUEST
    return Response({"errors": [{"field": p.field, "message": p.message} for p in exc.problems]}, status=code)


def _cell(user, code, action) -> Organization:
    """An organization to record for: 404 outside the user's scope, 403 (with the reason) if only visible."""
    try:
        return org_or_404(user, code, action)
    except DjangoPermissionDenied:
        raise PermissionDenied("Không có quyền ghi cho tổ chức này.")


def _member(user, pk, action=access.VIEW) -> Member:
    member = member_or_404(user, pk)
    if action != access.VIEW:
        try:
            access.require_member(user, member, action)
        except DomainError as exc:
            raise PermissionDenied(exc.message)
    return member


def _audit_list(action, request, rows, label, model):
    """One audit entry per page of personal data read through the API: the filters and the row count."""
    filters = {k: str(v)[:100] for k, v in request.query_params.items() if v}
    audit.record(action, None, model=model, object_repr=label, after={"filters": filters, "rows": rows})


def _audit_member(action, member):
    audit.record(action, member, org_id=member.current_cell_id, member_id=member.id)


@api_view(["GET", "POST"])
def members(request):
    if request.method == "POST":
        return _admit(request)
    filterset = MemberFilter(
        request.query_params, queryset=Member.objects.select_related("current_cell").restrict(request.user)
    )
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    pager = Pages()
    page = pager.paginate_queryset(filterset.qs.order_by("sort_key", "id"), request)
    _audit_list("member.list", request, len(page), f"Danh sách {len(page)} đảng viên", "members.member")
    return pager.get_paginated_response(MemberSerializer(page, many=True).data)


def _admit(request):
    data = AdmitInput(data=request.data)
    data.is_valid(raise_exception=True)
    d = data.validated_data
    cell = _cell(request.user, d["cell_code"], access.RECORD)
    if cell.kind not in CELL_KINDS:
        return Response(
            {"errors": [{"field": "cell_code", "message": f"{cell.name} không phải chi bộ."}]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    personal = {k: d[k] for k in AdmitInput.PERSONAL}
    try:
        member = actions.admit(
            personal,
            cell,
            d["on"],
            decision_no=d["decision_no"],
            decided_on=d.get("decided_on"),
            note=d["note"],
            acting_user=request.user,
        )
    except DomainError as exc:
        return _errors(exc)
    return Response(MemberSerializer(member).data, status=status.HTTP_201_CREATED)


def _events_of(member):
    return MemberEvent.objects.filter(member=member).select_related("member", "org", "from_cell", "to_cell")


@api_view(["GET"])
def member_detail(request, pk):
    member = _member(request.user, pk)
    events = _events_of(member)
    _audit_member("member.view", member)
    return Response(MemberSerializer(member).data | {"events": EventSerializer(events, many=True).data})


@api_view(["GET", "POST"])
def member_events(request, pk):
    if request.method == "GET":
        member = _member(request.user, pk)
        events = _events_of(member)
        _audit_member("member.events", member)
        return Response(EventSerializer(events, many=True).data)
    member = _member(request.user, pk, access.RECORD)
    data = EventInput(data=request.data)
    data.is_valid(raise_exception=True)
    d = data.validated_data
    org = _cell(request.user, d["org_code"], access.RECORD) if d.get("org_code") else None
    try:
        event = actions.record_event(
            member,
            d["type"],
            d["on"],
            org=org,
            reason=d["reason"],
            decision_no=d["decision_no"],
            decided_on=d.get("decided_on"),
            note=d["note"],
            acting_user=request.user,
        )
    except DomainError as exc:
        return _errors(exc)
    return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def events(request):
    """Events of visible members; filters: type, from, to, member_no."""
    qs = EventFilter(
        request.query_params,
        queryset=MemberEvent.objects.select_related("member", "org", "from_cell", "to_cell").restrict(request.user),
    ).qs
    start = query_day(request, "from", None)
    end = query_day(request, "to", None)
    if start:
        qs = qs.filter(on__gte=start)
    if end:
        qs = qs.filter(on__lte=end)
    pager = Pages()
    page = pager.paginate_queryset(qs.order_by("on", "id"), request)
    _audit_list("event.list", request, len(page), f"Danh sách {len(page)} biến động", "members.memberevent")
    return pager.get_paginated_response(EventSerializer(page, many=True).data)
