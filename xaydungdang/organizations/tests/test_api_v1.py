"""API v1 of organizations: the tree the caller may see as it stood on `?on=`, an organization's
detail; outside the scope an organization does not exist (404) and a parent above the scope is
not named."""

import datetime as dt

import pytest

from xaydungdang.organizations import actions
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def codes(response):
    return [o["code"] for o in response.json()["results"]]


def test_tree_is_the_callers_subtree_with_members(client_for, people):
    client = client_for("staff_u1")
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 200
    rows = {o["code"]: o for o in response.json()["results"]}
    assert list(rows)[:2] == ["U1", "G1"] and set(rows) == {"U1", "G1", "C1", "C2"}  # tree order
    assert rows["U1"]["parent"] is None  # P is above the caller's scope: not named
    assert rows["C1"]["parent"] == "G1" and rows["C1"]["members"] == 3 and rows["U1"]["members"] == 4
    everything = codes(client_for("admin").get("/api/v1/organizations/", {"page_size": 100}))
    assert set(everything) == {"P", "U1", "U2", "G1", "C1", "C2", "GC"}


def test_tree_as_of_a_date(client_for, people, tree):
    g2 = actions.found("G2", "Đảng bộ xã Hai", "grassroots_committee", tree["U1"], dt.date(2015, 1, 1))
    actions.move(tree["C2"], g2, dt.date(2020, 1, 1))
    client = client_for("staff_u1")
    before = {
        o["code"]: o["parent"] for o in client.get("/api/v1/organizations/", {"on": "2019-06-01"}).json()["results"]
    }
    after = {
        o["code"]: o["parent"] for o in client.get("/api/v1/organizations/", {"on": "2021-06-01"}).json()["results"]
    }
    assert before["C2"] == "G1" and after["C2"] == "G2"
    detail = client.get("/api/v1/organizations/G1/", {"on": "2019-06-01"}).json()
    assert sorted(detail["children"]) == ["C1", "C2"] and detail["on"] == "2019-06-01"
    assert client.get("/api/v1/organizations/G1/", {"on": "2021-06-01"}).json()["children"] == ["C1"]
    bad = client.get("/api/v1/organizations/", {"on": "31/02/2020"})
    assert bad.status_code == 400 and "on" in bad.json()["fields"]


def test_out_of_scope_organization_is_404(client_for, people):
    client = client_for("secretary_c1")
    assert client.get("/api/v1/organizations/C1/").status_code == 200
    for code in ("C2", "U2", "GC", "NOPE"):
        response = client.get(f"/api/v1/organizations/{code}/")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert codes(client.get("/api/v1/organizations/")) == ["C1"]
    assert client_for("nobody").get("/api/v1/organizations/").json()["count"] == 0
