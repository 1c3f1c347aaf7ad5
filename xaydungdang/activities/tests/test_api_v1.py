"""API v1 of the activity tables (core/generic_api.py): every registered table is listed, read,
recorded and voided through its page's form and action, within the caller's scope."""

import pytest

from xaydungdang.activities.models import TrainingClass
from xaydungdang.core import generic
from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
JSON = "application/json"
CLASS = {"org": "G1", "kind": "thematic", "title": "Chuyên đề 2024", "started_on": "2024-03-01", "participants": 40}


def test_every_activity_table_has_an_endpoint(client_for, people):
    client = client_for("staff_u1")
    slugs = [spec.slug for spec in generic.activities()]
    assert len(slugs) >= 10
    for slug in slugs:
        response = client.get(f"/api/v1/activities/{slug}/")
        assert response.status_code == 200, slug
        assert response.json()["count"] == 0
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert all(f"/api/v1/activities/{slug}/{{id}}/void/" in schema["paths"] for slug in slugs)


def test_record_list_void_a_class(client_for, people):
    client = client_for("staff_u1")
    response = client.post("/api/v1/activities/lop-hoc/", CLASS, content_type=JSON)
    assert response.status_code == 201, response.content
    record = response.json()
    stored = TrainingClass.objects.get(pk=record["id"])
    assert stored.org.code == "G1" and stored.participants == 40 and stored.created_by.username == "canbo_u1"
    assert AuditEntry.objects.filter(action="class.record").count() == 1
    listed = client.get("/api/v1/activities/lop-hoc/", {"nam": "2024"}).json()
    assert [r["id"] for r in listed["results"]] == [record["id"]]
    assert client.get("/api/v1/activities/lop-hoc/", {"nam": "2023"}).json()["count"] == 0
    # Another district's staff neither sees nor voids it.
    other = client_for("staff_u2")
    assert other.get(f"/api/v1/activities/lop-hoc/{record['id']}/").status_code == 404
    assert (
        other.post(f"/api/v1/activities/lop-hoc/{record['id']}/void/", {"reason": "x"}, content_type=JSON).status_code
        == 404
    )
    client = client_for("staff_u1")
    response = client.post(f"/api/v1/activities/lop-hoc/{record['id']}/void/", {}, content_type=JSON)
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    response = client.post(
        f"/api/v1/activities/lop-hoc/{record['id']}/void/", {"reason": "Ghi trùng"}, content_type=JSON
    )
    assert response.status_code == 200 and response.json()["voided"] is True
    assert TrainingClass.objects.get(pk=record["id"]).void_reason == "Ghi trùng"


def test_validation_and_scope_errors_name_the_field(client_for, people):
    client = client_for("staff_u1")
    response = client.post("/api/v1/activities/lop-hoc/", CLASS | {"org": "U2"}, content_type=JSON)
    assert response.status_code == 400 and "org" in response.json()["fields"]
    response = client.post("/api/v1/activities/lop-hoc/", CLASS | {"participants": -1, "kind": "x"}, content_type=JSON)
    assert response.status_code == 400 and {"participants", "kind"} <= set(response.json()["fields"])
    # A discipline of a member outside the caller's scope: the member number is not found.
    response = client.post(
        "/api/v1/activities/ky-luat/",
        {
            "decided_by": "G1",
            "subject_type": "member",
            "member_no": "M005",
            "level": "reprimand",
            "decided_on": "2024-05-01",
        },
        content_type=JSON,
    )
    assert response.status_code == 400 and "member_no" in response.json()["fields"]
    response = client.post(
        "/api/v1/activities/ky-luat/",
        {
            "decided_by": "G1",
            "subject_type": "member",
            "member_no": "M001",
            "level": "reprimand",
            "decided_on": "2024-05-01",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert client_for("staff_u2").get("/api/v1/activities/ky-luat/").json()["count"] == 0


def test_viewer_cannot_record(client_for, people):
    response = client_for("viewer_u1").post("/api/v1/activities/lop-hoc/", CLASS, content_type=JSON)
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert not TrainingClass.objects.exists()
