"""Session idle timeout and the second-factor gate.

Both run after authentication and django-otp's middleware (see settings.MIDDLEWARE).
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from xaydungdang.accounts import twofactor
from xaydungdang.core.api import error_body
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.middleware import DB_ERRORS, database_unavailable_response

LAST_SEEN_KEY = "_xdd_last_seen"
LOGIN_AT_KEY = "_xdd_login_at"
# Refresh the last-seen time at most this often: not a session write on every request.
TOUCH_SECONDS = 60


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _api_error(request, code: str, message: str, status: int) -> JsonResponse:
    """The API's refusal: the v1 error format under /api/v1/, the older {"detail"} elsewhere."""
    if request.path.startswith("/api/v1/"):
        return JsonResponse(error_body(code, message), status=status)
    return JsonResponse({"detail": message}, status=status)


def _login_redirect(request, reason: str):
    query = urlencode({"next": request.get_full_path(), "het_han": 1})
    return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")


def _started_before_deactivation(session, user) -> bool:
    """A session from before the account was last locked stays dead after it is reopened, even if a
    copy of its cookie survived the deletion of the user's sessions (accounts.actions.set_active)."""
    from xaydungdang.core.models import AuditEntry

    locked_at = (
        AuditEntry.objects.filter(action=AuditAction.USER_DEACTIVATE, model="auth.user", object_id=str(user.pk))
        .order_by("-id")
        .values_list("at", flat=True)
        .first()
    )
    return locked_at is not None and float(session.get(LOGIN_AT_KEY) or 0) <= locked_at.timestamp()


class IdleTimeoutMiddleware:
    """Log out a session that has been idle longer than XDD_IDLE_MINUTES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self._check(request)
        except DB_ERRORS:
            # The first look at the session and user is here: a lost database gives the clear
            # 503 page at once instead of a logged traceback per request.
            from django.db import connections

            for conn in connections.all():
                conn.close_if_unusable_or_obsolete()
            return database_unavailable_response()
        return response if response is not None else self.get_response(request)

    def _check(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            if _started_before_deactivation(request.session, user):
                request._xdd_logout_reason = "phiên có trước lần khóa tài khoản"
                logout(request)
                if _is_api(request):
                    return _api_error(
                        request, "not_authenticated", "Phiên làm việc không còn hiệu lực; vui lòng đăng nhập lại.", 401
                    )
                return _login_redirect(request, "revoked")
            limit = int(getattr(settings, "XDD_IDLE_MINUTES", 30)) * 60
            now = int(time.time())
            last = request.session.get(LAST_SEEN_KEY)
            if limit > 0 and last is not None and now - last > limit:
                request._xdd_logout_reason = "hết thời gian chờ"
                logout(request)
                if _is_api(request):
                    return _api_error(
                        request, "not_authenticated", "Phiên làm việc đã hết hạn; vui lòng đăng nhập lại.", 401
                    )
                messages.info(request, "Phiên làm việc đã hết hạn do lâu không thao tác; vui lòng đăng nhập lại.")
                return _login_redirect(request, "idle")
            if last is None or now - last >= TOUCH_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return None


# Pages reachable before the second factor is given.
OPEN_PREFIXES = ("/static/", "/favicon")


class TwoFactorMiddleware:
    """Users with a confirmed TOTP device must enter a code after their password; admins
    must enrol first when XDD_REQUIRE_2FA_FOR_ADMINS is on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            response = self._gate(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _gate(self, request, user):
        verify_url = reverse("accounts:otp-verify")
        enrol_url = reverse("accounts:otp-enrol")
        open_urls = {verify_url, enrol_url, reverse("web:logout")}
        if request.path in open_urls:
            return None
        if twofactor.has_device(user):
            target = verify_url
        elif twofactor.required_for(user):
            target = enrol_url
        else:
            return None
        if _is_api(request):
            return _api_error(
                request, "permission_denied", "Cần xác thực hai lớp: đăng nhập qua trang web và nhập mã.", 403
            )
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class ScopeCacheMiddleware:
    """Each request computes a user's scope once per action (accounts.scope.request_cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from xaydungdang.accounts.scope import request_cache

        with request_cache():
            return self.get_response(request)
