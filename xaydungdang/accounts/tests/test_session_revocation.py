"""Locking an account ends its sessions for good (finding L7): reopening it does not revive an old
session, not even a copy of its cookie; a fresh login works."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from xaydungdang.accounts import actions
from xaydungdang.web.tests.conftest import PASSWORD, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def login(client, username):
    response = client.post(reverse("web:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_reactivation_does_not_revive_the_old_session(client, users):
    old = login(Client(), "xem_u1")
    assert old.get(reverse("web:member_list")).status_code == 200
    key = old.cookies["sessionid"].value
    saved = Session.objects.get(session_key=key)
    manager = client
    manager.force_login(users["staff_u1"])
    target = users["viewer_u1"].pk
    manager.post(reverse("accounts:user-active", args=[target]), {"kich_hoat": "0"})
    assert not Session.objects.filter(session_key=key).exists()
    manager.post(reverse("accounts:user-active", args=[target]), {"kich_hoat": "1"})
    users["viewer_u1"].refresh_from_db()
    assert users["viewer_u1"].is_active

    response = old.get(reverse("web:member_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))

    # A copy of the old session (a restored session table, a stolen cookie store) is refused too.
    Session.objects.create(session_key=key, session_data=saved.session_data, expire_date=saved.expire_date)
    copied = Client()
    copied.cookies["sessionid"] = key
    response = copied.get(reverse("web:member_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))
    assert not Session.objects.filter(session_key=key).exists()  # logged out: the copy is flushed
    api = Client()
    Session.objects.create(session_key=key, session_data=saved.session_data, expire_date=saved.expire_date)
    api.cookies["sessionid"] = key
    assert api.get(reverse("web:api_members")).status_code == 401

    fresh = login(Client(), "xem_u1")
    assert fresh.get(reverse("web:member_list")).status_code == 200


def test_deactivation_deletes_only_that_users_sessions(users):
    viewer = login(Client(), "xem_u1")
    other = login(Client(), "canbo_u2")
    assert actions.end_sessions(users["viewer_u1"]) == 1
    assert viewer.get(reverse("web:member_list")).status_code == 302
    assert other.get(reverse("web:member_list")).status_code == 200
