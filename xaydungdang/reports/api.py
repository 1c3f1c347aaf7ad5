"""API v1 of the figures: the indicators (`xdd report --format json`), the statistical forms
(`xdd forms`), and the report and forms files in each format (assembled by web/api/v1.py).

The same functions as the commands and the pages (reports.service, indicators.statforms), so the
API answers exactly what the command prints; the organization must lie in the caller's scope
(404 otherwise: its existence is not revealed). These endpoints live in `reports`, not
`indicators`, for the same reason as `xdd forms`: they call the renderers, and an app imports
only the layers below it."""

import json
import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation

from xaydungdang.core import audit
from xaydungdang.core.api import V1Mixin
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.views import MAX_YEAR, MIN_YEAR
from xaydungdang.indicators import statforms
from xaydungdang.organizations.views import org_or_404
from xaydungdang.reports import service
from xaydungdang.reports.periods import KINDS

FORMS_CONTENT_TYPES = {"json": "application/json", "xlsx": XLSX_CONTENT_TYPE, "pdf": "application/pdf"}
_PERIOD_YEAR = re.compile(r"^\s*(\d{4})")


class AnyContent(BaseContentNegotiation):
    """These endpoints answer files: any Accept header gets the file (errors stay JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _required(request, name: str, label: str) -> str:
    value = request.query_params.get(name, "").strip()
    if not value:
        raise ValidationError({name: [f"Cần nhập {label} (tham số {name})."]})
    return value[:40]


def _choice(request, name: str, choices, default: str) -> str:
    value = request.query_params.get(name, "").strip() or default
    if value not in choices:
        raise ValidationError({name: [f"«{value[:20]}» không hợp lệ; chọn một trong: {', '.join(choices)}."]})
    return value


def _report(request):
    org = org_or_404(request.user, _required(request, "org", "mã tổ chức"))
    start = _required(request, "from", "ngày bắt đầu")
    end = _required(request, "to", "ngày kết thúc")
    kind = _choice(request, "kind", KINDS, "annual")
    for name, value in (("from", start), ("to", end)):
        day = service.as_date(value, name, "Ngày")
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValidationError({name: [f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}."]})
    return service.build(org.code, start, end, kind=kind, user=request.user)


REPORT_PARAMS = [
    OpenApiParameter("org", str, required=True, description="mã tổ chức đảng"),
    OpenApiParameter("from", OpenApiTypes.DATE, required=True, description="ngày bắt đầu kỳ"),
    OpenApiParameter("to", OpenApiTypes.DATE, required=True, description="ngày kết thúc kỳ"),
    OpenApiParameter("kind", str, enum=list(KINDS), description="annual (mặc định), term, charter"),
]


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class IndicatorsViewSet(V1Mixin, viewsets.ViewSet):
    """Every indicator of spec/indicators.md for an organization and a period: exactly the JSON
    of `xdd report --org .. --from .. --to .. [--kind ..] --format json`."""

    content_negotiation_class = AnyContent
    pagination_class = None  # one object, not a page of a list

    @extend_schema(
        summary="Chỉ tiêu tổng kết (như xdd report --format json)",
        parameters=REPORT_PARAMS,
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="JSON của xdd report")},
    )
    def list(self, request):
        rendered = service.render(_report(request), "json")  # audited by reports.service (report.json)
        return HttpResponse(rendered.content, content_type=rendered.content_type)


class ReportViewSet(V1Mixin, viewsets.ViewSet):
    """The summary report in a format: json, docx, pdf, xlsx or html (as `xdd report --format`)."""

    content_negotiation_class = AnyContent
    pagination_class = None  # one object, not a page of a list

    @extend_schema(
        summary="Tải báo cáo tổng kết",
        parameters=[
            *REPORT_PARAMS,
            OpenApiParameter("format", str, enum=list(service.FORMATS), description="định dạng (mặc định pdf)"),
        ],
        responses={
            (200, media.split(";")[0]): OpenApiResponse(OpenApiTypes.BINARY if fmt != "json" else OpenApiTypes.OBJECT)
            for fmt, media in service.CONTENT_TYPES.items()
        },
    )
    def list(self, request):
        fmt = _choice(request, "format", service.FORMATS, "pdf")
        rendered = service.render(_report(request), fmt)  # audited by reports.service (report.<format>)
        return _file(rendered.content, rendered.content_type, rendered.filename)


class FormsViewSet(V1Mixin, viewsets.ViewSet):
    """The statistical forms (Biểu 1, 2, 3, 4, 5, 7-BTCTW) of an organization and a period: with
    format=json (default) exactly the JSON of `xdd forms` (one object for one form, a list for
    several), else the XLSX or PDF of the page's download."""

    content_negotiation_class = AnyContent
    pagination_class = None  # one object, not a page of a list

    @extend_schema(
        summary="Biểu thống kê (như xdd forms)",
        parameters=[
            OpenApiParameter("org", str, required=True, description="mã tổ chức đảng"),
            OpenApiParameter("period", str, required=True, description="YYYY, YYYY-Q1, YYYY-H1 hoặc YYYY-9M"),
            OpenApiParameter(
                "form", str, many=True, explode=True, description="số biểu (1, 2, 3, 4, 5, 7); bỏ trống: tất cả"
            ),
            OpenApiParameter("format", str, enum=list(FORMS_CONTENT_TYPES), description="json (mặc định), xlsx, pdf"),
        ],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.ANY, description="JSON của xdd forms"),
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
        },
    )
    def list(self, request):
        org = org_or_404(request.user, _required(request, "org", "mã tổ chức"))
        period = _required(request, "period", "kỳ báo cáo")
        fmt = _choice(request, "format", FORMS_CONTENT_TYPES, "json")
        year = _PERIOD_YEAR.match(period)
        if year and not MIN_YEAR <= int(year.group(1)) <= MAX_YEAR:
            raise ValidationError({"period": [f"Năm của kỳ báo cáo phải từ {MIN_YEAR} đến {MAX_YEAR}."]})
        forms = [p.strip()[:4] for v in request.query_params.getlist("form") for p in v.split(",") if p.strip()]
        data = statforms.compute_forms(org.code, period, forms or None)  # as `xdd forms`
        if fmt == "json":
            content = json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False, indent=2) + "\n"
            _audit(AuditAction.FORMS_VIEW, org, period, data)
            return HttpResponse(content.encode("utf-8"), content_type="application/json")
        from xaydungdang.reports.renderers import forms_layout

        _, end = statforms.period_range(period)
        header = forms_layout.forms_header(org.code, end)
        if fmt == "xlsx":
            from xaydungdang.reports.renderers import forms_xlsx as renderer
        else:
            from xaydungdang.reports.renderers import forms_pdf as renderer
        content = renderer.render(data, header)
        _audit(AuditAction.of(f"forms.{fmt}"), org, period, data, bytes=len(content))
        return _file(content, FORMS_CONTENT_TYPES[fmt], f"bieu-thong-ke-{org.code}-{period.strip()}.{fmt}")


def _audit(action, org, period: str, data, **extra) -> None:
    audit.record(
        action,
        model="organizations.organization",
        object_id=org.id,
        object_repr=org.name,
        org_id=org.id,
        after={"period": period, "forms": [f["form"] for f in data], "via": "api", **extra},
    )
