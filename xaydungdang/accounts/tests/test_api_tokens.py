"""Personal API tokens: made on the account page (the secret shown once, only its hash kept),
listed with their prefix, revoked; Bearer/Token authentication; an expired or revoked token is
refused; a token narrowed to an organization sees no more than that subtree (and never more
than its user's roles); the rate limit counts per token; every step audited."""

import datetime as dt
import hashlib
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from xaydungdang.accounts import tokens
from xaydungdang.accounts.models import ApiToken, RoleGrant
from xaydungdang.core.errors import DomainError
from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    cache.clear()
    yield
    cache.clear()


def bearer(client, raw, keyword="Bearer"):
    def get(path, params=None):
        return client.get(path, params or {}, HTTP_AUTHORIZATION=f"{keyword} {raw}")

    return get


def test_token_page_shows_the_secret_once_and_keeps_only_its_hash(client_for, users, tree):
    client = client_for("staff_u1")
    page = client.post("/tai-khoan/ma-api/", {"name": "Sổ tay đảng viên", "days": 30, "org": ""})
    assert page.status_code == 200
    raw = re.search(r'id="ma-moi">(xdd_[A-Za-z0-9_-]+)<', page.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest() and token.prefix == raw[:12]
    assert not ApiToken.objects.filter(key_hash=raw).exists() and raw not in str(token.__dict__)
    assert (token.expires_at - timezone.now()).days in (29, 30)
    again = client.get("/tai-khoan/ma-api/").content.decode()
    assert raw not in again and token.prefix in again and "Sổ tay đảng viên" in again
    [entry] = AuditEntry.objects.filter(action="token.create")
    assert entry.username == "canbo_u1" and entry.after["prefix"] == token.prefix and raw not in str(entry.after)


def test_bearer_and_token_keywords_authenticate_and_mark_last_use(client, users, people):
    token, raw = tokens.create_token(users["staff_u1"], "dashboards")
    for keyword in ("Bearer", "Token"):
        response = bearer(client, raw, keyword)("/api/v1/members/")
        assert response.status_code == 200 and response.json()["count"] == 4
    token.refresh_from_db()
    assert token.last_used_at is not None
    entry = AuditEntry.objects.filter(action="api.read").last()
    assert entry.username == "canbo_u1" and entry.after["token"] == token.prefix


def test_missing_wrong_expired_revoked_tokens_are_401(client, users, people):
    response = client.get("/api/v1/members/")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
    response = bearer(client, "xdd_not-a-token")("/api/v1/members/")
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"
    assert "Mã truy cập API" in response.json()["message"]
    token, raw = tokens.create_token(users["staff_u1"], "old")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert bearer(client, raw)("/api/v1/members/").status_code == 401
    token, raw = tokens.create_token(users["staff_u1"], "revoked")
    assert bearer(client, raw)("/api/v1/members/").status_code == 200
    tokens.revoke_token(token, acting_user=users["staff_u1"])
    assert bearer(client, raw)("/api/v1/members/").status_code == 401
    assert AuditEntry.objects.filter(action="token.revoke").count() == 1


def test_revoke_from_the_page_only_ones_own(client_for, users, tree):
    mine, _ = tokens.create_token(users["staff_u1"], "mine")
    theirs, _ = tokens.create_token(users["staff_u2"], "theirs")
    client = client_for("staff_u1")
    assert client.post(f"/tai-khoan/ma-api/{theirs.pk}/thu-hoi/").status_code == 404
    assert client.post(f"/tai-khoan/ma-api/{mine.pk}/thu-hoi/").status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None and theirs.revoked_at is None


def test_token_scope_narrows_the_users_scope(client, users, people, tree):
    token, raw = tokens.create_token(users["staff_u1"], "C1 only", org=tree["C1"])
    get = bearer(client, raw)
    data = get("/api/v1/members/").json()
    assert {m["member_no"] for m in data["results"]} == {"M001", "M002", "M003"}
    assert get(f"/api/v1/members/{people['dung'].pk}/").status_code == 404  # C2: the user's, not the token's
    assert get("/api/v1/members/", {"to_chuc": "C2"}).json()["count"] == 0
    assert [o["code"] for o in get("/api/v1/organizations/").json()["results"]] == ["C1"]
    assert get("/api/v1/organizations/G1/").status_code == 404
    # The token cannot write outside its organization either.
    response = client.post(
        "/api/v1/events/",
        {"member": people["dung"].pk, "type": "away_started", "on": "2024-02-01"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 400 and "member" in response.json()["fields"]


def test_token_scope_never_wider_than_the_roles(client, users, people, tree):
    with pytest.raises(DomainError) as refused:
        tokens.create_token(users["staff_u1"], "U2", org=tree["U2"])
    assert refused.value.problems[0].field == "org"
    with pytest.raises(DomainError):
        tokens.create_token(users["nobody"], "none")
    token, raw = tokens.create_token(users["staff_u1"], "all of U1")
    RoleGrant.objects.filter(user=users["staff_u1"]).delete()  # the role goes: the token sees nothing
    assert bearer(client, raw)("/api/v1/members/").json()["count"] == 0
    # An admin's token narrowed to U2 sees U2 only.
    token, raw = tokens.create_token(users["admin"], "U2", org=tree["U2"])
    assert {m["member_no"] for m in bearer(client, raw)("/api/v1/members/").json()["results"]} == {"M005", "M006"}


def test_page_refuses_an_organization_outside_the_scope(client_for, tree):
    page = client_for("staff_u1").post("/tai-khoan/ma-api/", {"name": "x", "days": 30, "org": "U2"})
    assert "trong phạm vi quyền" in page.content.decode() and not ApiToken.objects.exists()
    page = client_for("staff_u1").post("/tai-khoan/ma-api/", {"name": "x", "days": 5000, "org": ""})
    assert not ApiToken.objects.exists()


def test_rate_limit_per_token(client, users, people, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"api": "3/min"}}
    _, first = tokens.create_token(users["staff_u1"], "one")
    _, second = tokens.create_token(users["staff_u1"], "two")
    statuses = [bearer(client, first)("/api/v1/organizations/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = bearer(client, first)("/api/v1/organizations/")
    assert response.json()["code"] == "throttled" and "giây" in response.json()["message"]
    assert int(response["Retry-After"]) >= 1
    assert bearer(client, second)("/api/v1/organizations/").status_code == 200  # its own bucket
