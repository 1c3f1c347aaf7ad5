"""The generic screens of the dated-record tables (classes, inspections, disciplines, ratings,
screenings, targets, dialogues, documents, awards, cadre work): the index, each list (a
django-tables2 table with django-filter filters, sorting and pagination), the XLSX_CONTENT_TYPE export of the
filtered list, the form that records and the page that voids.

Each activity app owns its forms, tables and filtersets and registers its tables here
(`register(ActivitySpec(...))` in `<app>/screens.py`, imported by the app's `ready()`); the views
below know none of them. The scope and the authority come through core.access (implemented by
accounts): lists and exports show what `Model.objects.restrict(user)` gives, a void needs the
authority of the body that decided the record (`access.require_for_record`)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2 import RequestConfig

from xaydungdang.core import access, audit
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.formatting import datetime as fmt_datetime
from xaydungdang.core.forms import find_org, org_search_attrs, style
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.tables import PER_PAGE, BaseTable, table_xlsx
from xaydungdang.core.views import MAX_YEAR, MIN_YEAR, apply_domain_error, bounded_int, page, record_or_404, void_page

EXPORT_ACTION = "activity.export"  # core/auditactions.py ACTIVITY_EXPORT


@dataclass(frozen=True)
class ActivitySpec:
    order: int  # place on the index page
    slug: str
    title: str  # plural, for the list
    new_title: str
    model: Any  # a Django model class
    form: type  # members.recordforms.ActivityForm: form(user, data), .values(), .error_aliases()
    table: type  # ActivityTable
    filterset: type  # ActivityFilterSet
    record: Callable  # record(values, acting_user=...)
    void: Callable  # void(record, reason, expected_version=..., acting_user=...)
    date_field: str  # newest first; the year filter reads it ("year": an integer field)
    related: tuple = ()
    # record -> (situation now, after the void, what refuses it) when voiding changes a member's
    # membership (an expulsion), else None: shown on the confirmation page.
    void_preview: Callable | None = None


_registry: dict[str, ActivitySpec] = {}


def register(spec: ActivitySpec) -> None:
    known = _registry.get(spec.slug)
    if known is not None and known != spec:
        raise ImproperlyConfigured(f"two activity tables share the slug {spec.slug!r}")
    _registry[spec.slug] = spec


def activities() -> list[ActivitySpec]:
    return sorted(_registry.values(), key=lambda spec: spec.order)


def by_slug(slug: str) -> ActivitySpec | None:
    return _registry.get(slug)


# ----------------------------------------------------------------------------- tables and filters


class ActivityTable(BaseTable):
    """Base of the activity tables: a last column with the link that voids a record (for those
    with the authority to) or, for a voided record, when and why; voided rows are marked."""

    thao_tac = tables.Column(
        verbose_name=mark_safe('<span class="visually-hidden">Thao tác</span>'),
        empty_values=(),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        empty_text = "Chưa có bản ghi."
        default = ""
        sequence = ("...", "thao_tac")
        row_attrs = {"class": lambda record: "voided" if record.is_voided else None}

    def __init__(self, data, *, slug: str = "", may_void: Callable | None = None, **kwargs):
        super().__init__(data, **kwargs)
        self.slug = slug
        self.may_void = may_void

    def render_thao_tac(self, record):
        if record.is_voided:
            when = f" {fmt_datetime(record.voided_at)}" if record.voided_at else ""
            return format_html('<span class="void-reason">Đã hủy{}: {}</span>', when, record.void_reason)
        if self.may_void is not None and self.may_void(record):
            return format_html('<a href="{}">Hủy</a>', reverse("web:activity_void", args=[self.slug, record.pk]))
        return ""


def subject_text(record) -> str:
    """A record about a member or an organization: "Full Name (member no)" or the organization."""
    if record.subject_member_id:
        return f"{record.subject_member.full_name} ({record.subject_member.member_no})"
    return record.subject_org.name if record.subject_org_id else ""


def yes_no(value) -> str:
    return "Có" if value else ""


class ActivityFilterSet(django_filters.FilterSet):
    """What every activity list filters on: the organization (its code; its subtree, within the
    user's scope), the year and whether a record still stands. Subclasses add their own."""

    to_chuc = django_filters.CharFilter(
        method="filter_org", label="Tổ chức", widget=forms.TextInput(attrs=org_search_attrs())
    )
    nam = django_filters.CharFilter(
        method="filter_year", label="Năm", widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "6"})
    )
    trang_thai = django_filters.ChoiceFilter(
        method="filter_state",
        label="Hiệu lực",
        empty_label="Tất cả",
        choices=[("con", "Còn hiệu lực"), ("huy", "Đã hủy")],
    )

    def __init__(self, data=None, queryset=None, *, request=None, date_field: str = "", **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        style(self.form)
        self.date_field = date_field
        self.warning = ""  # an organization code outside the scope: shown above the list
        self.year_warning = ""  # a year out of bounds: ignored, with a message

    def filter_org(self, queryset, name, value):
        """An organization by code, or by name typed without accents ("ke sach"), in the scope."""
        code = value[:40]
        org_id = access.org_in_scope(self.request.user, code)
        if org_id is None:
            org, candidates = find_org(self.request.user, value[:200])
            if org is None:
                self.warning = (
                    f"Có nhiều tổ chức khớp “{value[:200]}”: {'; '.join(candidates)}. Hãy chọn một."
                    if candidates
                    else f"Không có tổ chức nào có tên hoặc mã “{value[:200]}” trong phạm vi được phân quyền."
                )
                return queryset.none()
            org_id = org.id
        return access.within(queryset, org_id)

    def filter_year(self, queryset, name, value):
        year, self.year_warning = bounded_int(value, low=MIN_YEAR, high=MAX_YEAR, label="Năm")
        if year is None or not self.date_field:
            return queryset
        if self.date_field == "year":
            return queryset.filter(year=year)
        return queryset.filter(**{f"{self.date_field}__year": year})

    def filter_state(self, queryset, name, value):
        return queryset.filter(voided_at__isnull=(value == "con"))

    def described(self) -> list[str]:
        """The filters in force, as "label: value" (for the head of an export)."""
        if not self.is_valid():
            return []
        parts = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if value in (None, "") or (name == "nam" and self.year_warning):
                continue
            if isinstance(field, forms.ChoiceField):
                value = dict(list(field.choices)).get(value, value)  # type: ignore[arg-type]
            parts.append(f"{field.label}: {value}")
        return parts


# ----------------------------------------------------------------------------- views


def _spec(slug) -> ActivitySpec:
    spec = _registry.get(slug)
    if spec is None:
        raise Http404
    return spec


def _filtered(request, spec: ActivitySpec):
    """The filterset and the rows it gives, newest first, within the user's view scope."""
    base = spec.model.objects.select_related(*spec.related).restrict(request.user)
    filterset = spec.filterset(request.GET, queryset=base, request=request, date_field=spec.date_field)
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return filterset, rows.order_by(f"-{spec.date_field}", "-id")


@page
def index(request):
    code = request.GET.get("to_chuc", "")[:40]
    return render(
        request,
        "core/activities/index.html",
        {
            "title": "Hoạt động",
            "activities": activities(),
            "org_code": code,
            "can_record": access.can(request.user, access.RECORD),
        },
    )


@page
def activity_list(request, slug):
    spec = _spec(slug)
    filterset, rows = _filtered(request, spec)
    if filterset.year_warning:
        messages.warning(request, filterset.year_warning, fail_silently=True)
    record_scope = access.scope_for(request.user, access.RECORD)
    table = spec.table(
        rows, slug=spec.slug, may_void=lambda record: access.may_correct(request.user, record, record_scope)
    )
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(
        request,
        "core/activities/list.html",
        {
            "title": spec.title,
            "spec": spec,
            "table": table,
            "filter": filterset,
            "warning": filterset.warning,
            "can_record": access.can(request.user, access.RECORD),
            "export_query": request.GET.urlencode(),
        },
    )


@page
def activity_export(request, slug):
    """The filtered list (all pages, in the order listed) as a workbook; each export is audited."""
    spec = _spec(slug)
    filterset, rows = _filtered(request, spec)
    table = spec.table(rows, slug=spec.slug)
    RequestConfig(request, paginate=False).configure(table)
    count = rows.count()
    lines = [f"Lọc: {'; '.join(filterset.described())}"] if filterset.described() else []
    lines += [text for text in (filterset.warning, filterset.year_warning) if text]
    lines.append(f"Ngày xuất: {fmt_date(today())} · {count} bản ghi")
    content = table_xlsx(table, title=spec.title, subtitle_lines=lines)
    filters = {k: v[:100] for k, v in request.GET.items() if v}
    audit.record(
        EXPORT_ACTION,
        None,
        model=spec.model._meta.label_lower,
        after={"table": spec.slug, "filters": filters, "rows": count},
        object_repr=f"Xuất danh sách {count} bản ghi: {spec.title}",
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{spec.slug}-{today():%Y%m%d}.xlsx"'
    return response


@page
def activity_new(request, slug):
    spec = _spec(slug)
    if not access.can(request.user, access.RECORD):
        raise DjangoPermissionDenied
    form = spec.form(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if not form.errors:
            try:
                spec.record(values, acting_user=request.user)
            except DomainError as exc:
                apply_domain_error(form, exc, form.error_aliases())
            else:
                messages.success(request, f"Đã ghi vào “{spec.title}”.")
                return redirect("web:activity_list", slug=spec.slug)
    return render(
        request,
        "web/form.html",
        {"form": form, "title": spec.new_title, "cancel_url": reverse("web:activity_list", args=[spec.slug])},
    )


def _plain(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "month"):
        return fmt_date(value)
    return str(value)


def _summary(spec: ActivitySpec, record) -> str:
    """The record's first four columns as listed, for the confirmation page."""
    table = spec.table([record], slug=spec.slug)
    row = table.rows[0]
    names = [column.name for column in table.columns if column.name != "thao_tac"][:4]
    return " · ".join(_plain(row.get_cell_value(name)) for name in names)


@page
def activity_void(request, slug, pk):
    spec = _spec(slug)
    record = record_or_404(spec.model.objects.select_related(*spec.related), request.user, pk)
    try:  # authority follows the decision: only who may make this record may correct it
        access.require_for_record(request.user, record)
    except ScopeDenied:
        raise DjangoPermissionDenied
    intro_extra = ""
    preview = spec.void_preview(record) if spec.void_preview is not None and record.voided_at is None else None
    if preview is not None:
        now, then, problems = preview
        intro_extra = f" Hủy quyết định này làm thay đổi tình trạng của đảng viên: từ “{now}” thành “{then}”."
        if problems:
            intro_extra += " Không thể hủy: " + "; ".join(problems)
    return void_page(
        request,
        record,
        spec.void,
        title=f"Hủy bản ghi: {spec.title.lower()}",
        intro=_summary(spec, record) + "." + intro_extra,
        cancel_url=reverse("web:activity_list", args=[spec.slug]),
        done_url=reverse("web:activity_list", args=[spec.slug]),
        done_message="Đã hủy bản ghi; bản ghi vẫn được giữ lại, có lý do và người hủy.",
    )


# Assembled by web/urls.py (app_name "web"): the names stay web:activity_*.
urlpatterns = [
    path("hoat-dong/", index, name="activity_index"),
    path("hoat-dong/<slug:slug>/", activity_list, name="activity_list"),
    path("hoat-dong/<slug:slug>/xuat-excel/", activity_export, name="activity_export"),
    path("hoat-dong/<slug:slug>/ghi/", activity_new, name="activity_new"),
    path("hoat-dong/<slug:slug>/<int:pk>/huy/", activity_void, name="activity_void"),
]
