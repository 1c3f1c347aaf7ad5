"""Replica requests through the web (core/dbrouter.py, docs/deployment.md): the figures pages read
the replica; a write, and the requests of the same browser or user right after it, the primary.

The `replica` alias mirrors the default test database (TEST MIRROR): a separate connection, so the
queries captured on it are the ones the router sent there. Transactional: the mirror sees only
committed rows."""

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext, override_settings

from xaydungdang.core import dbrouter
from xaydungdang.core.models import DataVersion
from xaydungdang.members.models import MemberSpan

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def _routed(settings):
    settings.DATABASE_ROUTERS = ["xaydungdang.core.dbrouter.PrimaryReplicaRouter"]


FIGURES = "/api/orgs/U1/indicators/"
PERIOD = {"from": "2024-01-01", "to": "2024-12-31"}
SPANS = MemberSpan._meta.db_table


def _get(client, path, params=None, clear=True):
    if clear:
        cache.clear()  # the figures cache would answer without reading any database
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        with CaptureQueriesContext(connections["default"]) as on_primary:
            response = client.get(path, params or {})
    assert response.status_code == 200, response.content[:300]
    return response, on_replica.captured_queries, on_primary.captured_queries


def _touching(queries, table):
    return [q for q in queries if table in q["sql"]]


def test_figures_read_from_the_replica_and_match_the_primary(client_for, people):
    client = client_for("staff_u1")
    response, on_replica, on_primary = _get(client, FIGURES, PERIOD)
    assert _touching(on_replica, SPANS), "the indicator engine's scans ran on the replica"
    assert not _touching(on_primary, SPANS)
    with override_settings(DATABASE_ROUTERS=[]):
        unrouted, on_replica2, _p = _get(client, FIGURES, PERIOD)
    assert not on_replica2
    assert response.json() == unrouted.json()


def test_other_pages_read_the_primary(client_for, people):
    client = client_for("staff_u1")
    _r, on_replica, on_primary = _get(client, "/dang-vien/")
    assert not on_replica and on_primary


def test_a_write_pins_the_writer_to_the_primary(client_for, people):
    client = client_for("staff_u1")
    member = people["chau"]
    response = client.post(
        f"/api/members/{member.pk}/events/", {"type": "died", "on": "2024-06-01"}, content_type="application/json"
    )
    assert response.status_code in (200, 201), response.content[:300]
    marker = response.cookies[dbrouter.COOKIE]
    assert int(marker["max-age"]) == 15 and marker["httponly"]
    # Without the cookie (an API client), the per-user marker sends this user to the primary.
    del client.cookies[dbrouter.COOKIE]
    _r, on_replica, on_primary = _get(client, FIGURES, PERIOD, clear=False)  # clearing would drop the marker
    assert not on_replica and _touching(on_primary, DataVersion._meta.db_table)
    # With the cookie, that browser's figures come from the primary (cold cache: the engine's scans).
    client.cookies[dbrouter.COOKIE] = "1"
    _r, on_replica, on_primary = _get(client, FIGURES, PERIOD)
    assert not on_replica and _touching(on_primary, SPANS)
    # Once both have expired, the replica again.
    del client.cookies[dbrouter.COOKIE]
    cache.clear()
    _r, on_replica, _p = _get(client, FIGURES, PERIOD)
    assert _touching(on_replica, SPANS)
