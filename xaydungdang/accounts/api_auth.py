"""API authentication: personal tokens (accounts/tokens.py), and HTTP Basic that respects the second
factor; the rate limit per token.

A password alone must not open an account that is protected by a TOTP device (or an admin
account when XDD_REQUIRE_2FA_FOR_ADMINS is on): such users use the API through their
verified web session or a personal token made there. Failed attempts still go through
django-axes and the login audit.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, throttling

from xaydungdang.accounts import tokens, twofactor


class BasicAuthentication(authentication.BasicAuthentication):
    def authenticate_credentials(self, userid, password, request=None):
        user, auth = super().authenticate_credentials(userid, password, request)
        if twofactor.has_device(user) or twofactor.required_for(user):
            raise exceptions.AuthenticationFailed(
                "Tài khoản dùng xác thực hai lớp: hãy đăng nhập qua trang web (nhập mã) rồi dùng API trong phiên đó."
            )
        return user, auth


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer xdd_...` (or `Token xdd_...`). The token's organization, if any,
    narrows the user's scope for this request (accounts/scope.py reads `user.api_token_org_id`)."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode("latin-1") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Tiêu đề Authorization sai dạng: cần «Bearer <mã>».")
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Mã truy cập API không hợp lệ.")
        token = tokens.find(raw)
        if token is None:
            raise exceptions.AuthenticationFailed("Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
        user = token.user
        user.api_token_org_id = token.org_id
        user.api_token_id = token.pk
        return user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """One bucket per token (per user for a session, per address for the anonymous), at the
    rate REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api"], counted in Django's cache."""

    scope = "api"

    def get_rate(self):
        from rest_framework.settings import api_settings  # read at each request: settings may change

        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if getattr(token, "key_hash", None):
            ident = f"token-{token.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI description of the token authentication (drf-spectacular)."""

    target_class = "xaydungdang.accounts.api_auth.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Mã truy cập API cá nhân (tạo ở trang «Mã truy cập API»): Authorization: Bearer xdd_...",
        }


class BasicScheme(OpenApiAuthenticationExtension):
    target_class = "xaydungdang.accounts.api_auth.BasicAuthentication"
    name = "basic"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "basic",
            "description": "Tên đăng nhập và mật khẩu (không dùng được khi bật 2 lớp).",
        }
