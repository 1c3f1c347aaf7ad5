"""Authentication hardening through the real web login: audit of logins, lockout, idle
timeout, the TOTP second factor, security headers."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaydungdang.accounts.middleware import LAST_SEEN_KEY
from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import PASSWORD, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD):
    return client.post(reverse("web:login"), {"username": username, "password": password})


def test_login_success_and_failure_are_audited_without_the_password(client, users):
    assert login(client, "canbo_u1", "sai-mat-khau-bi-mat").status_code == 200
    failure = AuditEntry.objects.get(action="login.failure")
    assert failure.after == {"attempted": "canbo_u1"} and failure.ip == "127.0.0.1" and failure.via == "web"
    assert login(client, "canbo_u1").status_code == 302
    success = AuditEntry.objects.get(action="login.success")
    assert success.user_id == users["staff_u1"].pk and success.username == "canbo_u1"
    for entry in AuditEntry.objects.all():
        assert "sai-mat-khau-bi-mat" not in f"{entry.before}{entry.after}{entry.note}{entry.object_repr}"
        assert PASSWORD not in f"{entry.before}{entry.after}{entry.note}{entry.object_repr}"
    client.post(reverse("web:logout"))
    assert AuditEntry.objects.filter(action="logout", username="canbo_u1").exists()


def test_repeated_failures_lock_the_login_with_a_vietnamese_page(client, users, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "canbo_u1", "doan-mo-mat-khau")
    response = login(client, "canbo_u1")  # even the right password is refused now
    assert response.status_code == 429
    text = response.content.decode()
    assert "Tạm khóa đăng nhập" in text and "15 phút" in text
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login.lockout", after__attempted="canbo_u1").exists()
    # Another account from the same address is not locked (username + address).
    assert login(client, "canbo_u2").status_code == 302


def test_idle_session_expires(client, users, settings):
    settings.XDD_IDLE_MINUTES = 30
    assert login(client, "canbo_u1").status_code == 302
    assert client.get(reverse("web:member_list")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("web:member_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))
    assert "het_han=1" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="logout", username="canbo_u1", note="hết thời gian chờ").exists()


def test_active_session_is_kept(client, users, settings):
    settings.XDD_IDLE_MINUTES = 30
    login(client, "canbo_u1")
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("web:member_list")).status_code == 200


def _code(device, ahead=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=ahead):06d}"


def test_totp_enrolment_then_code_required_after_password(client, users):
    login(client, "canbo_u1")
    page = client.get(reverse("accounts:otp-enrol"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "Khóa bí mật" in text and "<script" not in text.split("<main", 1)[1].split("</main>")[0]
    device = TOTPDevice.objects.get(user=users["staff_u1"], confirmed=False)
    wrong = client.post(reverse("accounts:otp-enrol"), {"ma": "000000" if _code(device) != "000000" else "111111"})
    assert "không đúng" in wrong.content.decode()
    done = client.post(reverse("accounts:otp-enrol"), {"ma": _code(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="otp.enrol", username="canbo_u1").exists()

    client.post(reverse("web:logout"))
    assert login(client, "canbo_u1").status_code == 302
    gated = client.get(reverse("web:member_list"))
    assert gated.status_code == 302 and gated["Location"].startswith(reverse("accounts:otp-verify"))
    assert client.get("/api/").status_code in (403, 404)
    bad = client.post(reverse("accounts:otp-verify"), {"ma": "12"})
    assert bad.status_code == 200 and "6 chữ số" in bad.content.decode()
    ok = client.post(
        reverse("accounts:otp-verify") + "?next=/dang-vien/", {"ma": _code(device, ahead=1), "next": "/dang-vien/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/dang-vien/"
    assert client.get(reverse("web:member_list")).status_code == 200


def test_verify_refuses_foreign_redirects(client, users):
    from django.test import RequestFactory

    from xaydungdang.accounts.views import _safe_next

    request = RequestFactory().get("/tai-khoan/xac-thuc/", {"next": "https://evil.example/"})
    assert _safe_next(request, "/") == "/"


def test_admins_must_enrol_when_required(client, users, settings):
    settings.XDD_REQUIRE_2FA_FOR_ADMINS = True
    client.force_login(users["admin"])
    response = client.get(reverse("web:member_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp-enrol"))
    assert client.get(reverse("accounts:otp-enrol")).status_code == 200
    # Staff are not forced.
    client.force_login(users["staff_u1"])
    assert client.get(reverse("web:member_list")).status_code == 200


def test_viewers_are_not_offered_2fa(client, users):
    client.force_login(users["viewer_u1"])
    assert client.get(reverse("accounts:otp-enrol")).status_code == 403


def test_security_headers(client, users):
    client.force_login(users["staff_u1"])
    response = client.get(reverse("web:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "Strict-Transport-Security" not in response  # no TLS configured
    cookie = response.cookies.get("sessionid") or client.cookies.get("sessionid")
    assert cookie is not None and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_tls_settings_from_environment():
    import json
    import os
    import subprocess
    import sys

    code = (
        "import django,json;django.setup();from django.conf import settings as s;"
        "print(json.dumps([s.SECURE_HSTS_SECONDS,s.SESSION_COOKIE_SECURE,s.CSRF_COOKIE_SECURE,s.SECURE_SSL_REDIRECT]))"
    )
    env = dict(os.environ, XDD_TLS="1", DJANGO_SETTINGS_MODULE="xaydungdang.settings")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [31536000, True, True, True]


def test_api_basic_auth_cannot_skip_the_second_factor(client, users):
    import base64

    from django.test import Client

    def basic(username):
        token = base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()
        return Client().get(reverse("web:api_members"), HTTP_AUTHORIZATION=f"Basic {token}")

    assert basic("canbo_u1").status_code == 200
    TOTPDevice.objects.create(user=users["staff_u1"], name="điện thoại", confirmed=True)
    refused = basic("canbo_u1")
    assert refused.status_code in (401, 403) and "hai lớp" in refused.json()["detail"]


def test_lost_database_gives_the_vietnamese_503_page():
    from django.db import OperationalError
    from django.test import RequestFactory

    from xaydungdang.accounts.middleware import IdleTimeoutMiddleware

    class Unreachable:
        @property
        def is_authenticated(self):
            raise OperationalError("connection refused")

    request = RequestFactory().get("/dang-vien/")
    request.user = Unreachable()
    response = IdleTimeoutMiddleware(lambda r: None)(request)
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "Cơ sở dữ liệu tạm thời không truy cập được" in response.content.decode()
