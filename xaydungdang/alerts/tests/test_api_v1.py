"""API v1 of the alerts: the lists of alerts.rules within the caller's scope (and an
organization's subtree), one list on request; each call audited."""

import datetime as dt

import pytest

from xaydungdang.alerts.api import LISTS
from xaydungdang.conftest import person
from xaydungdang.core.dates import add_months, today
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import actions
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def probationers(tree):
    joined = add_months(today(), -12) - dt.timedelta(days=10)  # probation ended ten days ago
    return [
        actions.admit(person("P1", "Ánh Văn Một", birth_date=dt.date(1995, 1, 1)), tree["C1"], joined),
        actions.admit(person("P2", "Bùi Văn Hai", birth_date=dt.date(1995, 1, 1)), tree["GC"], joined),
    ]


def test_alert_lists_within_the_scope(client_for, people, probationers):
    data = client_for("staff_u1").get("/api/v1/alerts/").json()
    assert [entry["key"] for entry in data["lists"]] == list(LISTS)
    probation = next(entry for entry in data["lists"] if entry["key"] == "probation")
    mine = {a["member"]: a for a in probation["alerts"]}
    assert probationers[0].pk in mine and probationers[1].pk not in mine  # GC's is U2's
    assert mine[probationers[0].pk]["org"] == "C1" and mine[probationers[0].pk]["due"]
    assert all(a["org"] in {"C1", "C2"} for a in probation["alerts"])
    assert data["total"] == sum(entry["count"] for entry in data["lists"])
    [entry] = AuditEntry.objects.filter(action="api.read")
    assert entry.after["rows"] == data["total"] and entry.username == "canbo_u1"
    everything = client_for("admin").get("/api/v1/alerts/", {"list": "probation"}).json()
    assert [e["key"] for e in everything["lists"]] == ["probation"]
    assert {p.pk for p in probationers} <= {a["member"] for a in everything["lists"][0]["alerts"]}
    within = client_for("admin").get("/api/v1/alerts/", {"list": "probation", "org": "U2"}).json()
    assert probationers[1].pk in {a["member"] for a in within["lists"][0]["alerts"]}
    assert all(a["org"] == "GC" for a in within["lists"][0]["alerts"])


def test_out_of_scope_organization_and_unknown_list(client_for, people):
    client = client_for("staff_u1")
    assert client.get("/api/v1/alerts/", {"org": "U2"}).status_code == 404
    response = client.get("/api/v1/alerts/", {"list": "nope"})
    assert response.status_code == 400 and "list" in response.json()["fields"]
