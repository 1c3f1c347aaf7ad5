"""The primary/replica router (core/dbrouter.py): which alias each kind of query uses.

The `replica` alias mirrors the default database in tests (TEST MIRROR): it is a second connection
to the same test database, so a query captured on it is a query the router sent to the replica."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from xaydungdang.core import dbrouter
from xaydungdang.core.models import AuditEntry, DataVersion
from xaydungdang.organizations.models import Organization

ROUTED = override_settings(DATABASE_ROUTERS=["xaydungdang.core.dbrouter.PrimaryReplicaRouter"])
BOTH = ["default", "replica"]


def test_replica_alias_mirrors_default_and_routes_nothing_unless_configured():
    assert settings.DATABASES["replica"]["TEST"]["MIRROR"] == "default"
    assert settings.DATABASE_ROUTERS == []  # XDD_REPLICA_URL is not set in the suite
    assert not dbrouter.enabled()
    with dbrouter.replica_reads():
        assert dbrouter.read_alias(Organization) == "default"
        assert dbrouter.read_connection().alias == "default"


@ROUTED
@pytest.mark.django_db
def test_router_decisions():
    router = dbrouter.PrimaryReplicaRouter()
    assert dbrouter.enabled()
    # Outside a replica request (CLI, worker, other pages): the primary.
    assert router.db_for_read(Organization) == "default"
    with dbrouter.replica_reads():
        assert router.db_for_read(Organization) == "replica"
        assert dbrouter.read_connection().alias == "replica"
        # The request's own session and account, jobs: where they were just written.
        assert router.db_for_read(Session) == "default"
        assert router.db_for_read(get_user_model()) == "default"
        # An action's checks read inside its transaction on the primary.
        with transaction.atomic():
            assert router.db_for_read(Organization) == "default"
            assert dbrouter.read_connection().alias == "default"
        assert router.db_for_read(Organization) == "replica"
        # Bookkeeping writes (a report view's audit entry, the session) do not pin the request...
        assert router.db_for_write(AuditEntry) == "default"
        assert router.db_for_write(Session) == "default"
        assert router.db_for_read(Organization) == "replica"
        # ...a write of data does: the rest of the request reads the primary.
        assert router.db_for_write(DataVersion) == "default"
        assert router.db_for_read(Organization) == "default"
        assert dbrouter.read_connection().alias == "default"
    assert router.allow_migrate("default", "members") is True
    assert router.allow_migrate("replica", "members") is False
    a, b = Organization(), Organization()
    a._state.db, b._state.db = "default", "replica"
    assert router.allow_relation(a, b) is True


def _touching(captured, table: str) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if table in q["sql"]]


@ROUTED
@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_queries_land_on_the_alias_the_router_names(tree):
    org_table = Organization._meta.db_table
    with dbrouter.replica_reads():
        with CaptureQueriesContext(connections["replica"]) as on_replica:
            with CaptureQueriesContext(connections["default"]) as on_primary:
                codes = set(Organization.objects.values_list("code", flat=True))
                c1 = Organization.objects.get(code="C1")
        assert {"P", "U1", "C1"} <= codes  # the mirror sees the committed rows
        assert _touching(on_replica, org_table) and not _touching(on_primary, org_table)
        assert c1._state.db == "replica"
        # A write goes to the primary even for an object read from the replica, and pins the reads.
        with CaptureQueriesContext(connections["replica"]) as on_replica:
            with CaptureQueriesContext(connections["default"]) as on_primary:
                DataVersion.objects.create(key="test.dbrouter", value=1)
                assert Organization.objects.filter(code="C1").exists()
        assert _touching(on_primary, DataVersion._meta.db_table) and _touching(on_primary, org_table)
        assert not on_replica.captured_queries
    # Outside: the primary.
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert Organization.objects.filter(code="P").exists()
    assert not on_replica.captured_queries
