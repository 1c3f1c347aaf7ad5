"""Helpers every app's JSON endpoints share (Django REST framework)."""

from django.conf import settings
from django.utils.module_loading import import_string
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from xaydungdang.core.context import rebind_user
from xaydungdang.core.dates import parse_date
from xaydungdang.core.views import MAX_YEAR, MIN_YEAR


def query_day(request, name, default):
    """A date query parameter (YYYY-MM-DD or DD/MM/YYYY), else `default`; 400 naming the
    parameter when it is not a date or lies outside MIN_YEAR..MAX_YEAR."""
    raw = request.query_params.get(name, "")
    if not raw:
        return default
    try:
        value = parse_date(raw[:20])
    except ValueError:
        value = None
    if value is None:
        raise ValidationError({name: f'Ngày "{raw[:20]}" không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY).'})
    if not MIN_YEAR <= value.year <= MAX_YEAR:  # 0001-01-01 or 9999-12-31 overflow the period arithmetic
        raise ValidationError(
            {
                name: f'Ngày "{raw[:20]}" (tham số {name}) nằm ngoài khoảng cho phép: từ năm '
                f"{MIN_YEAR} đến năm {MAX_YEAR}."
            }
        )
    return value


# --- API v1: the error format, the pagination and the base every v1 view shares

ERROR_MESSAGES = {
    "invalid": "Dữ liệu gửi lên không hợp lệ.",
    "parse_error": "Nội dung yêu cầu không đọc được (JSON sai cú pháp).",
    "not_authenticated": "Chưa xác thực: gửi mã API (Authorization: Bearer ...) hoặc đăng nhập.",
    "authentication_failed": "Xác thực không thành công.",
    "permission_denied": "Anh/chị không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy.",
    "method_not_allowed": "Phương thức không được hỗ trợ ở địa chỉ này.",
    "not_acceptable": "Không có định dạng trả về phù hợp với yêu cầu (Accept).",
    "unsupported_media_type": "Kiểu nội dung gửi lên không được hỗ trợ (hãy gửi JSON).",
    "throttled": "Quá nhiều yêu cầu; vui lòng thử lại sau.",
    "conflict": "Bản ghi đã được người khác sửa; hãy tải lại rồi sửa lại.",
    "rule": "Yêu cầu vi phạm quy định nghiệp vụ.",
    "error": "Yêu cầu không thực hiện được.",
}

_CODES = {
    "ValidationError": "invalid",
    "ParseError": "parse_error",
    "NotAuthenticated": "not_authenticated",
    "AuthenticationFailed": "authentication_failed",
    "PermissionDenied": "permission_denied",
    "NotFound": "not_found",
    "MethodNotAllowed": "method_not_allowed",
    "NotAcceptable": "not_acceptable",
    "UnsupportedMediaType": "unsupported_media_type",
    "Throttled": "throttled",
}


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for v in detail.values() for m in _flatten(v)]
    if isinstance(detail, (list, tuple)):
        return [m for v in detail for m in _flatten(v)]
    return [str(detail)]


def _fields(detail) -> dict:
    """{"field": ["message", ...]} from a DRF validation detail (nested fields joined by dots)."""
    if isinstance(detail, (list, tuple)):
        return {"non_field_errors": _flatten(detail)} if detail else {}
    if not isinstance(detail, dict):
        return {"non_field_errors": [str(detail)]}
    out: dict[str, list[str]] = {}
    for name, value in detail.items():
        if isinstance(value, dict):
            for sub, messages in _fields(value).items():
                out[f"{name}.{sub}"] = messages
        else:
            out[str(name)] = _flatten(value)
    return out


def error_body(code: str, message: str | None = None, fields: dict | None = None) -> dict:
    message = message or ERROR_MESSAGES.get(code, ERROR_MESSAGES["error"])
    return {"code": code, "message": message, "fields": fields or {}}


def exception_handler(exc, context):
    """Every v1 error as {"code", "message" (Vietnamese), "fields": {"field": ["..."]}}.

    Domain rule errors (core/errors) are 400 with their own message, naming the field when the
    rule does; a scope refusal on something visible is 403; anything not in the caller's scope
    was already a 404 (`Http404`) that reveals nothing."""
    from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
    from django.http import Http404
    from rest_framework import exceptions
    from rest_framework.response import Response

    from xaydungdang.core.errors import ConcurrentEditError, DomainError
    from xaydungdang.core.errors import PermissionDenied as ScopeDenied

    headers = {}
    if isinstance(exc, DomainError):
        fields: dict[str, list[str]] = {}
        for problem in exc.problems:
            if problem.field:
                fields.setdefault(problem.field, []).append(problem.message)
        if isinstance(exc, ScopeDenied):
            return Response(error_body("permission_denied", exc.message, fields), status=403)
        if isinstance(exc, ConcurrentEditError):
            return Response(error_body("conflict", exc.message, fields), status=409)
        return Response(error_body(exc.problems[0].rule or "rule", exc.message, fields), status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: Django's 500 (logged), never details in the response
    code = _CODES.get(type(exc).__name__, "error")
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        names = [n for n in fields if n != "non_field_errors"]
        message = ERROR_MESSAGES["invalid"]
        if names:
            message = f"{message} Trường có lỗi: {', '.join(names)}."
        elif fields:
            message = "; ".join(fields["non_field_errors"])
        return Response(error_body(code, message, fields), status=exc.status_code)
    message = ERROR_MESSAGES.get(code)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        message = f"Quá nhiều yêu cầu; vui lòng thử lại sau {int(exc.wait) + 1} giây."
    elif isinstance(exc, (exceptions.AuthenticationFailed, exceptions.PermissionDenied)):
        # Our own refusals carry a Vietnamese reason (an expired token, the second factor...).
        detail = str(exc.detail)
        if detail and detail != str(type(exc).default_detail):
            message = detail
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait) + 1)
    return Response(error_body(code, message), status=exc.status_code, headers=headers)


class Pages(PageNumberPagination):
    """?page=N&page_size=M (at most 500); the answer gives count, next, previous and results."""

    page_size = 50
    max_page_size = 500
    page_size_query_param = "page_size"


class VoidInput(serializers.Serializer):
    """The body of every void: the reason, and the version read (a concurrent edit answers 409)."""

    reason = serializers.CharField(max_length=2000, help_text="lý do hủy (bắt buộc)")
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        allow_null=True,
        default=None,
        help_text="phiên bản đang xem (để phát hiện sửa đồng thời)",
    )


def _classes(setting: str) -> list:
    return [import_string(path) for path in getattr(settings, setting)]


class V1Mixin:
    """What every /api/v1/ view shares: token, session and Basic authentication (the token first,
    so a missing one answers 401), the rate limit per token, the pagination and the JSON errors."""

    pagination_class = Pages

    def get_authenticators(self):
        return [cls() for cls in _classes("XDD_API_AUTHENTICATION_CLASSES")]

    def get_throttles(self):
        return [cls() for cls in _classes("XDD_API_THROTTLE_CLASSES")]

    def get_exception_handler(self):
        return exception_handler

    def perform_authentication(self, request):
        rebind_user(request.user)  # audit rows name the token's user


def audit_read(request, label: str, *, obj=None, rows=None, org_id=None, member_id=None) -> None:
    """One audit row per API call that reads personal data: the path, the filters and the rows."""
    from xaydungdang.core import audit
    from xaydungdang.core.auditactions import AuditAction

    filters = {k: str(v)[:100] for k, v in request.query_params.items() if v}
    after = {"path": request.path[:200], "filters": filters}
    if rows is not None:
        after["rows"] = rows
    token = getattr(request.auth, "prefix", None)
    if token:
        after["token"] = token
    audit.record(
        AuditAction.API_READ,
        obj,
        object_repr=label[:255],
        model=None if obj is not None else "api",
        after=after,
        org_id=org_id,
        member_id=member_id,
    )


def only_v1(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: the schema describes /api/v1/ only (the older
    hand-written /api/ endpoints stay undocumented until they are retired)."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


ERROR_SCHEMA = {
    "type": "object",
    "description": "Lỗi: mã máy đọc, thông điệp tiếng Việt, và lỗi theo từng trường.",
    "properties": {
        "code": {"type": "string", "example": "invalid"},
        "message": {"type": "string", "example": "Dữ liệu gửi lên không hợp lệ. Trường có lỗi: on."},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["code", "message", "fields"],
}
_ERRORS = {
    "400": "Tham số hoặc dữ liệu không hợp lệ, hoặc vi phạm quy định nghiệp vụ",
    "401": "Chưa xác thực (thiếu mã, mã sai, hết hạn hoặc đã thu hồi)",
    "403": "Không có quyền thực hiện thao tác",
    "404": "Không tìm thấy, hoặc nằm ngoài phạm vi được phân quyền",
    "406": "Không có định dạng trả về phù hợp với Accept",
    "429": "Quá nhiều yêu cầu (giới hạn theo mã truy cập)",
}
_BODY_ERRORS = {"409": "Bản ghi đã được người khác sửa", "415": "Kiểu nội dung gửi lên không được hỗ trợ"}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation answers its errors in the one format
    (`Error`), so the schema describes every status the API may give."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = dict(_ERRORS) | (_BODY_ERRORS if method in ("post", "put", "patch") else {})
            for code, description in codes.items():
                operation["responses"].setdefault(code, {"description": description, "content": error})
    return result
