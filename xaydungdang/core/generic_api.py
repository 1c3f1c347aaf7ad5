"""API v1 over the dated-record tables of core/generic.py (classes, inspections, disciplines,
ratings, screenings, targets, dialogues, documents, awards, cadre work, temporary arrivals).

One viewset per registered `ActivitySpec`, built from it (`activity_viewset(spec)`), so every
activity type the apps register is listed, read, recorded and voided through the API with the
same form, action and authority as its page: the request body is checked against a serializer
made from the form's fields (which the OpenAPI schema describes), then given to the form (its
rules, the scope of its choices) and `spec.record(values, acting_user=...)`; a void calls
`spec.void(record, reason, expected_version=..., acting_user=...)`. Organizations are given by
their code. Reads are audited (some records name members)."""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from xaydungdang.core import access
from xaydungdang.core.api import V1Mixin, VoidInput, audit_read
from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.core.forms import OrgChoiceField
from xaydungdang.core.generic import ActivitySpec

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
MAX_PK_DIGITS = 18


def _limits(field) -> dict:
    out = {}
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            out["min_value"] = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            out["max_value"] = validator.limit_value
    return out


def _api_field(field: forms.Field):
    """The serializer field describing one form field (organizations by code)."""
    required = field.required
    common = {"required": required, "help_text": str(field.label or "")}
    if isinstance(field, OrgChoiceField):
        return serializers.CharField(max_length=40, allow_blank=not required, **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(required=False, default=False, help_text=common["help_text"])
    if isinstance(field, forms.ChoiceField):
        choices = [(k, v) for k, v in list(field.choices) if k not in ("", None)]  # type: ignore[arg-type]
        return serializers.ChoiceField(choices=choices, allow_blank=not required, **common)
    if isinstance(field, forms.IntegerField):
        limits = _limits(field)
        limits.setdefault("min_value", -(2**31))
        limits.setdefault("max_value", 2**31 - 1)
        return serializers.IntegerField(allow_null=not required, **limits, **common)
    if isinstance(field, forms.CharField):
        return serializers.CharField(max_length=field.max_length, allow_blank=not required, **common)
    # Dates (core.forms.VNDateField and Django's)
    return serializers.DateField(input_formats=DATE_FORMATS, allow_null=not required, **common)


def _form_data(form_class, values: dict, user) -> dict:
    """The validated request as the form's data: organization codes as ids, dates as ISO text."""
    sample = form_class(user)
    data = {}
    for name, value in values.items():
        field = sample.fields.get(name)
        if value is None:
            data[name] = ""
        elif isinstance(field, OrgChoiceField):
            org_id = access.org_in_scope(user, str(value)[:40]) if value else None
            data[name] = "" if not value else str(org_id or 0)
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif isinstance(value, bool):
            data[name] = "on" if value else ""
        else:
            data[name] = str(value)
    return data


def _pk(value) -> int:
    text = str(value)
    if not text.isdecimal() or len(text) > MAX_PK_DIGITS:
        raise Http404
    return int(text)


def activity_viewset(spec: ActivitySpec) -> type:
    """The viewset of one activity table (list, read, record, void)."""
    model = spec.model
    name = model.__name__
    form_fields = spec.form(None).fields
    input_class = type(f"{name}Input", (serializers.Serializer,), {n: _api_field(f) for n, f in form_fields.items()})
    output_class = type(
        f"{name}Record",
        (serializers.ModelSerializer,),
        {
            "voided": serializers.BooleanField(source="is_voided", read_only=True),
            "Meta": type("Meta", (), {"model": model, "fields": "__all__", "read_only_fields": ["id"]}),
        },
    )
    filter_params = [
        OpenApiParameter(n, str, description=str(f.label or n))
        for n, f in spec.filterset.base_filters.items()  # type: ignore[attr-defined]
    ]

    class ActivityViewSet(V1Mixin, mixins.ListModelMixin, viewsets.GenericViewSet):
        serializer_class = output_class

        def get_queryset(self):
            base = model.objects.select_related(*spec.related).restrict(self.request.user)
            if self.action != "list":
                return base
            filterset = spec.filterset(
                self.request.query_params, queryset=base, request=self.request, date_field=spec.date_field
            )
            if not filterset.is_valid():
                raise ValidationError(filterset.errors)
            return filterset.qs.order_by(f"-{spec.date_field}", "-id")

        def list(self, request, *args, **kwargs):
            response = super().list(request, *args, **kwargs)
            rows = len(response.data.get("results", ()))
            audit_read(request, f"{spec.title}: {rows} bản ghi", rows=rows)
            return response

        def _record(self, pk):
            record = self.get_queryset().filter(pk=_pk(pk)).first()
            if record is None:
                raise Http404
            return record

        def retrieve(self, request, pk=None):
            record = self._record(pk)
            audit_read(request, f"{spec.title}: {record}"[:200], obj=record)
            return Response(self.get_serializer(record).data)

        def create(self, request):
            if not access.can(request.user, access.RECORD):
                raise ScopeDenied("Anh/chị không có quyền ghi hoạt động.", rule="scope")  # 403
            given = input_class(data=request.data)
            given.is_valid(raise_exception=True)
            form = spec.form(request.user, _form_data(spec.form, given.validated_data, request.user))
            if not form.is_valid():
                raise ValidationError(_messages(form.errors))
            values = form.values()
            if form.errors:  # values() resolves member numbers and may add errors
                raise ValidationError(_messages(form.errors))
            aliases = form.error_aliases()
            try:
                record = spec.record(values, acting_user=request.user)
            except DomainError as exc:
                raise _renamed(exc, aliases, form_fields)
            return Response(self.get_serializer(self._record(record.pk)).data, status=status.HTTP_201_CREATED)

        @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
        def void(self, request, pk=None):
            record = self._record(pk)
            given = VoidInput(data=request.data)
            given.is_valid(raise_exception=True)
            try:
                spec.void(
                    record,
                    given.validated_data["reason"],
                    expected_version=given.validated_data.get("version"),
                    acting_user=request.user,
                )
            except DomainError as exc:
                raise _renamed(exc, {"void_reason": "reason"}, {"reason": None})
            return Response(self.get_serializer(self._record(record.pk)).data)

    ActivityViewSet.__name__ = f"{name}ViewSet"
    ActivityViewSet.__qualname__ = ActivityViewSet.__name__
    ActivityViewSet.__doc__ = f"{spec.title}: danh sách trong phạm vi, ghi và hủy như trên trang."
    tag = [spec.title]
    return extend_schema_view(
        list=extend_schema(summary=f"Danh sách: {spec.title}", parameters=filter_params, tags=tag),
        retrieve=extend_schema(summary=f"Một bản ghi: {spec.title}", tags=tag),
        create=extend_schema(summary=spec.new_title, request=input_class, responses={201: output_class}, tags=tag),
        void=extend_schema(
            summary=f"Hủy một bản ghi: {spec.title}", request=VoidInput, responses=output_class, tags=tag
        ),
    )(ActivityViewSet)


def _messages(errors) -> dict:
    """A form's errors by field ("__all__" as DRF's "non_field_errors")."""
    return {
        ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in errors.items()
    }


def _renamed(exc: DomainError, aliases: dict, fields) -> DomainError:
    """The domain error with its problems' fields named as the API names them."""
    problems = []
    for problem in exc.problems:
        name = aliases.get(problem.field, problem.field)
        if name and name not in fields and name.endswith("_id") and name[:-3] in fields:
            name = name[:-3]
        problems.append(Problem(problem.message, name if name in fields else None, problem.rule))
    renamed = type(exc).__new__(type(exc))
    DomainError.__init__(renamed, problems)
    return renamed
