"""HTTP Basic authentication for the API that respects the second factor.

A password alone must not open an account that is protected by a TOTP device (or an admin
account when XDD_REQUIRE_2FA_FOR_ADMINS is on): such users use the API through their
verified web session. Failed attempts still go through django-axes and the login audit.
"""

from rest_framework import authentication, exceptions

from xaydungdang.accounts import twofactor


class BasicAuthentication(authentication.BasicAuthentication):
    def authenticate_credentials(self, userid, password, request=None):
        user, auth = super().authenticate_credentials(userid, password, request)
        if twofactor.has_device(user) or twofactor.required_for(user):
            raise exceptions.AuthenticationFailed(
                "Tài khoản dùng xác thực hai lớp: hãy đăng nhập qua trang web (nhập mã) rồi dùng API trong phiên đó."
            )
        return user, auth
