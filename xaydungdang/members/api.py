"""The members' JSON endpoints: the member list (filters of the member list) and admission, one
member with their events, a member's events (and recording one), the events of visible members.

Reads are scoped (`restrict`) and audited (one entry per call: filters and row count, or the
member read); writes go through members.actions with the acting user. Outside the user's scope an
object does not exist (404); visible but not writable is 403. Domain errors come back as 400 (403
for the scope) with one entry per problem: {"errors": [{"field", "message"}]}. National IDs leave
the server masked, always.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from xaydungdang.core import access, audit
from xaydungdang.core.api import V1Mixin, VoidInput, audit_read, query_day
from xaydungdang.core.errors import DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.members import actions
from xaydungdang.members.filtersets import EventFilter, MemberFilter
from xaydungdang.members.models import (
    FORM_ATTRIBUTES,
    PERSONAL_DATA,
    ChangeField,
    Counterpart,
    EventType,
    Gender,
    Member,
    MemberChange,
    MemberEvent,
)
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
    related = ("member", "org", "from_cell", "to_cell", "other_org")
    return MemberEvent.objects.filter(member=member).select_related(*related)


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


# --- API v1 (assembled by web/api/v1.py; docs/api.md). The same actions as the pages and the
# importer; errors through core.api.exception_handler ({"code", "message", "fields"}).

MAX_PK_DIGITS = 18


def pk_or_404(value) -> int:
    """A numeric id from the URL, else 404 (a huge number must not overflow the database)."""
    text = str(value)
    if not text.isdecimal() or len(text) > MAX_PK_DIGITS:
        raise Http404
    return int(text)


def _id_scope(user):
    """Who may read full national IDs: the holders of CHANGE over the member's cell (the rule of
    the dossier's "show the national ID" button, members.views.member_show_id)."""
    return access.scope_for(user, access.CHANGE)


class MemberV1Serializer(serializers.ModelSerializer):
    national_id = serializers.SerializerMethodField(
        help_text="số định danh; che (•••) trừ khi vai trò được xem (cán bộ, quản trị trong phạm vi)"
    )
    cell = serializers.CharField(source="current_cell.code", default=None, read_only=True, allow_null=True)
    cell_name = serializers.CharField(source="current_cell.name", default=None, read_only=True, allow_null=True)

    class Meta:
        model = Member
        fields = [
            "id",
            *PERSONAL_DATA,
            *FORM_ATTRIBUTES,
            "joined_on",
            "official_on",
            "card_no",
            "state",
            "status",
            "cell",
            "cell_name",
            "version",
        ]
        # Not declared read-only: DRF then keeps the blank choices ("") in the schema's enums.

    def get_national_id(self, member) -> str:
        scope = self.context.get("id_scope")
        if scope is not None and member.current_cell_id is not None and scope.covers(member.current_cell_id):
            return member.national_id or ""
        return member.masked_national_id


class EventV1Serializer(EventSerializer):
    org_code = serializers.CharField(source="org.code", default=None, read_only=True, allow_null=True)
    from_cell = serializers.CharField(source="from_cell.code", default=None, read_only=True, allow_null=True)
    to_cell = serializers.CharField(source="to_cell.code", default=None, read_only=True, allow_null=True)
    counterpart = serializers.CharField(read_only=True)
    other_org_code = serializers.CharField(source="other_org.code", default=None, read_only=True, allow_null=True)
    other_place = serializers.CharField(read_only=True)
    letter_no = serializers.CharField(read_only=True)
    letter_on = serializers.DateField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    voided_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "counterpart",
            "other_org_code",
            "other_place",
            "letter_no",
            "letter_on",
            "created_at",
            "voided_at",
        ]
        read_only_fields = fields


class ChangeV1Serializer(serializers.ModelSerializer):
    member_no = serializers.CharField(source="member.member_no", read_only=True)
    voided = serializers.BooleanField(source="is_voided", read_only=True)

    class Meta:
        model = MemberChange
        fields = ["id", "member", "member_no", "field", "value", "on", "voided", "void_reason", "version"]
        read_only_fields = fields


class EnterInput(AdmitInput):
    entry = serializers.ChoiceField(
        choices=[EventType.ADMITTED, EventType.TRANSFERRED_IN],
        default=EventType.ADMITTED,
        help_text="admitted: kết nạp; transferred_in: chuyển đến",
    )
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    gender = serializers.ChoiceField(choices=Gender.choices)
    national_id = serializers.RegexField(r"^\d{12}$", required=False, allow_blank=True, default="")


class EventV1Input(serializers.Serializer):
    member = serializers.IntegerField(min_value=1, help_text="id của đảng viên")
    type = serializers.ChoiceField(choices=[t for t in EventType.values if t != EventType.OPENING])
    on = serializers.DateField(input_formats=DATE_FORMATS)
    org_code = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default="", help_text="chi bộ đến (chuyển sinh hoạt...)"
    )
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    decision_no = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(input_formats=DATE_FORMATS, required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    counterpart = serializers.ChoiceField(choices=Counterpart.choices, required=False, allow_blank=True, default="")
    other_org_code = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="tổ chức đảng nơi đến, nơi đi (trong hệ thống)",
    )
    other_place = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default="", help_text="nơi đến, nơi đi (ngoài hệ thống)"
    )
    letter_no = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    letter_on = serializers.DateField(input_formats=DATE_FORMATS, required=False, allow_null=True, default=None)


class ChangeV1Input(serializers.Serializer):
    member = serializers.IntegerField(min_value=1, help_text="id của đảng viên")
    field = serializers.ChoiceField(choices=ChangeField.choices)
    value = serializers.CharField(max_length=64, allow_blank=True)
    on = serializers.DateField(input_formats=DATE_FORMATS)


def _v1_member(request, pk) -> Member:
    return member_or_404(request.user, pk_or_404(pk))


def _v1_cell(user, code, field: str = "org_code") -> Organization:
    """An organization given by its code: unknown and outside the scope answer alike (400 naming
    the field); the action then checks the right to record for it (403)."""
    org = Organization.objects.filter(code=str(code)[:40]).first()
    if org is None or not access.scope_for(user, access.VIEW).covers(org.id):
        raise ValidationError({field: [f'Không tìm thấy tổ chức có mã "{str(code)[:40]}" trong phạm vi.']})
    return org


def _other_org(code: str) -> Organization | None:
    """The other side of a transfer: any organization of the system (the web form offers them all)."""
    if not code:
        return None
    org = Organization.objects.filter(code=str(code)[:40]).first()
    if org is None:
        raise ValidationError({"other_org_code": [f'Không có tổ chức mã "{str(code)[:40]}".']})
    return org


FROM_TO = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="từ ngày (YYYY-MM-DD)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="đến ngày (YYYY-MM-DD)"),
]


@extend_schema_view(
    list=extend_schema(summary="Danh sách đảng viên (lọc, tìm theo tên không dấu)"),
    retrieve=extend_schema(summary="Hồ sơ một đảng viên"),
    create=extend_schema(
        summary="Kết nạp hoặc nhận chuyển đến", request=EnterInput, responses={201: MemberV1Serializer}
    ),
)
class MemberViewSet(V1Mixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Members in the caller's scope. `q` searches the name without accents (core.text.fold) or
    the member number; the other filters are the member list's. Reads are audited."""

    serializer_class = MemberV1Serializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = MemberFilter

    def get_queryset(self):
        return Member.objects.select_related("current_cell").restrict(self.request.user).order_by("sort_key", "id")

    def get_serializer_context(self):
        return super().get_serializer_context() | {"id_scope": _id_scope(self.request.user)}

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = len(response.data.get("results", ()))
        audit_read(request, f"Danh sách {rows} đảng viên", rows=rows)
        return response

    def retrieve(self, request, pk=None):
        member = _v1_member(request, pk)
        audit_read(request, str(member), obj=member, org_id=member.current_cell_id, member_id=member.id)
        return Response(self.get_serializer(member).data)

    def create(self, request):
        data = EnterInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        cell = _v1_cell(request.user, d["cell_code"], "cell_code")
        if cell.kind not in CELL_KINDS:
            raise ValidationError({"cell_code": [f"{cell.name} không phải chi bộ."]})
        member = actions.enter_member(
            {k: d[k] for k in AdmitInput.PERSONAL},
            entry=d["entry"],
            cell=cell,
            on=d["on"],
            decision_no=d["decision_no"],
            decided_on=d.get("decided_on"),
            note=d["note"],
            reason=d["reason"],
            acting_user=request.user,
        )
        member = Member.objects.select_related("current_cell").get(pk=member.pk)
        return Response(self.get_serializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Quá trình (các biến động) của một đảng viên", responses=EventV1Serializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def timeline(self, request, pk=None):
        member = _v1_member(request, pk)
        events = _events_of(member).order_by("on", "id")
        audit_read(request, f"Quá trình: {member}", obj=member, org_id=member.current_cell_id, member_id=member.id)
        return Response(EventV1Serializer(events, many=True).data)

    @extend_schema(
        summary="Thay đổi thông tin có ngày hiệu lực của một đảng viên", responses=ChangeV1Serializer(many=True)
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def changes(self, request, pk=None):
        member = _v1_member(request, pk)
        rows = MemberChange.objects.filter(member=member).select_related("member").order_by("on", "id")
        audit_read(
            request, f"Thay đổi thông tin: {member}", obj=member, org_id=member.current_cell_id, member_id=member.id
        )
        return Response(ChangeV1Serializer(rows, many=True).data)


class _VoidableViewSet(V1Mixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """List, read, create and void a member's dated records through members.actions."""

    model: Any = None
    void_action: Any = None

    def get_queryset(self):
        qs = self.model.objects.select_related("member").restrict(self.request.user)
        start = query_day(self.request, "from", None)
        end = query_day(self.request, "to", None)
        if start:
            qs = qs.filter(on__gte=start)
        if end:
            qs = qs.filter(on__lte=end)
        return qs.order_by("on", "id")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = len(response.data.get("results", ()))
        audit_read(request, f"Danh sách {rows} {self.model._meta.verbose_name}", rows=rows)
        return response

    def _record(self, pk):
        record = self.get_queryset().filter(pk=pk_or_404(pk)).first()
        if record is None:
            raise Http404
        return record

    def retrieve(self, request, pk=None):
        record = self._record(pk)
        member = record.member
        audit_read(request, str(record)[:200], obj=record, org_id=member.current_cell_id, member_id=member.id)
        return Response(self.get_serializer(record).data)

    def _member_for_write(self, request, member_id) -> Member:
        member = Member.objects.restrict(request.user).filter(pk=member_id).first()
        if member is None:
            raise ValidationError({"member": ["Không tìm thấy đảng viên này trong phạm vi của anh/chị."]})
        return member

    @extend_schema(summary="Hủy (bản ghi vẫn giữ, có lý do)", request=VoidInput)
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def void(self, request, pk=None):
        record = self._record(pk)
        data = VoidInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        type(self).void_action(record, d["reason"], d.get("version"), acting_user=request.user)
        record.refresh_from_db()
        return Response(self.get_serializer(record).data)


@extend_schema_view(
    list=extend_schema(summary="Biến động đảng viên trong phạm vi", parameters=FROM_TO),
    retrieve=extend_schema(summary="Một biến động"),
    create=extend_schema(summary="Ghi một biến động", request=EventV1Input, responses={201: EventV1Serializer}),
    void=extend_schema(responses=EventV1Serializer),
)
class EventViewSet(_VoidableViewSet):
    """Every member event type (EventType): list, record, void, as on the dossier's pages."""

    model = MemberEvent
    serializer_class = EventV1Serializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = EventFilter
    void_action = staticmethod(actions.void_event)

    def get_queryset(self):
        return super().get_queryset().select_related("org", "from_cell", "to_cell", "other_org")

    def create(self, request):
        data = EventV1Input(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        member = self._member_for_write(request, d["member"])
        org = _v1_cell(request.user, d["org_code"]) if d["org_code"] else None
        event = actions.record_event(
            member,
            d["type"],
            d["on"],
            org=org,
            reason=d["reason"],
            decision_no=d["decision_no"],
            decided_on=d["decided_on"],
            note=d["note"],
            counterpart=d["counterpart"],
            other_org=_other_org(d["other_org_code"]),
            other_place=d["other_place"],
            letter_no=d["letter_no"],
            letter_on=d["letter_on"],
            acting_user=request.user,
        )
        return Response(self.get_serializer(self._record(event.pk)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Thay đổi thông tin đảng viên trong phạm vi", parameters=FROM_TO),
    retrieve=extend_schema(summary="Một thay đổi thông tin"),
    create=extend_schema(
        summary="Ghi một thay đổi thông tin", request=ChangeV1Input, responses={201: ChangeV1Serializer}
    ),
    void=extend_schema(responses=ChangeV1Serializer),
)
class MemberChangeViewSet(_VoidableViewSet):
    """Dated changes of a member's information (MemberChange): list, record, void."""

    model = MemberChange
    serializer_class = ChangeV1Serializer
    void_action = staticmethod(actions.void_change)

    def create(self, request):
        data = ChangeV1Input(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        member = self._member_for_write(request, d["member"])
        change = actions.record_change(member, d["field"], d["value"], d["on"], acting_user=request.user)
        return Response(self.get_serializer(self._record(change.pk)).data, status=status.HTTP_201_CREATED)
