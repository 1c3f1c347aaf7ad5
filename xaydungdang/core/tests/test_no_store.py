"""Personal data is never kept by a browser or proxy cache (finding L6): every response to a
signed-in user, every download and every API answer says Cache-Control: no-store; static
files keep their cache."""

import pytest
from django.urls import reverse

from xaydungdang.web.tests.conftest import people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response["Cache-Control"]


def test_personal_pages_exports_and_api_are_not_stored(client, users, people):
    client.force_login(users["staff_u1"])
    an = people["an"]
    for url in [
        reverse("web:org_tree"),
        reverse("web:member_list"),
        reverse("web:member_detail", args=[an.pk]),
        reverse("accounts:audit"),
        reverse("web:api_members"),
        reverse("web:api_member", args=[an.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url
    export = client.get(reverse("web:member_export"))
    assert export.status_code == 200 and "attachment" in export["Content-Disposition"]
    assert no_store(export)


def test_api_refusal_and_static_files(client, users):
    assert no_store(client.get(reverse("web:api_members")))  # 401/403 without a session: still not stored
    client.force_login(users["staff_u1"])
    static = client.get("/static/web/css/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
    static.close()
