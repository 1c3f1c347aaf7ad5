"""API v1 of members, events and dated changes: scoped reads (404 outside the scope, filters
cannot widen it), search by unaccented name, national IDs masked unless the role may see them,
writes through members.actions with the JSON errors, and one audit row per read."""

import pytest

from xaydungdang.core.models import AuditEntry
from xaydungdang.members.models import MemberEvent
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
JSON = "application/json"


def reads():
    return list(AuditEntry.objects.filter(action="api.read").order_by("id"))


def test_member_search_by_unaccented_name_is_scoped(client_for, people):
    client = client_for("staff_u1")
    data = client.get("/api/v1/members/", {"q": "dang thi binh"}).json()
    assert [m["member_no"] for m in data["results"]] == ["M002"]
    assert client.get("/api/v1/members/", {"q": "pham thi em"}).json()["count"] == 0  # in U2
    data = client.get("/api/v1/members/").json()
    assert {m["member_no"] for m in data["results"]} == {"M001", "M002", "M003", "M004"}
    # A filter naming an organization outside the scope gives nothing, never U2's members.
    assert client.get("/api/v1/members/", {"to_chuc": "GC"}).json()["count"] == 0
    assert client.get("/api/v1/members/", {"to_chuc": "C2"}).json()["count"] == 1
    [first, *_] = reads()
    assert first.username == "canbo_u1" and first.via == "api" and first.after["rows"] == 1


def test_member_detail_out_of_scope_is_404_json(client_for, people):
    client = client_for("secretary_c1")
    response = client.get(f"/api/v1/members/{people['dung'].pk}/")  # C2: outside C1
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy.", "fields": {}}
    assert client.get("/api/v1/members/99999999999999999999999/").status_code == 404
    assert client.get("/api/v1/members/abc/").status_code == 404
    assert client.get(f"/api/v1/members/{people['an'].pk}/timeline/").status_code == 200
    assert client.get(f"/api/v1/members/{people['dung'].pk}/timeline/").status_code == 404


def test_national_id_masked_unless_the_role_may_see_it(client_for, people):
    an = people["an"]
    viewer = client_for("viewer_u1").get(f"/api/v1/members/{an.pk}/").json()
    assert viewer["national_id"] == "•••••••••901"
    secretary = client_for("secretary_c1").get(f"/api/v1/members/{an.pk}/").json()
    assert secretary["national_id"] == "•••••••••901"
    staff = client_for("staff_u1").get(f"/api/v1/members/{an.pk}/").json()
    assert staff["national_id"] == "012345678901"
    listed = client_for("viewer_u1").get("/api/v1/members/", {"q": "M001"}).json()["results"]
    assert listed[0]["national_id"] == "•••••••••901"


def test_detail_timeline_changes_are_audited_one_row_per_call(client_for, people):
    client = client_for("viewer_u1")
    an = people["an"]
    client.get(f"/api/v1/members/{an.pk}/")
    client.get(f"/api/v1/members/{an.pk}/timeline/")
    client.get(f"/api/v1/members/{an.pk}/changes/")
    rows = reads()
    assert len(rows) == 3 and all(r.member_id == an.id and r.org_id == an.current_cell_id for r in rows)
    assert [r.after["path"] for r in rows] == [
        f"/api/v1/members/{an.pk}/",
        f"/api/v1/members/{an.pk}/timeline/",
        f"/api/v1/members/{an.pk}/changes/",
    ]


def test_record_and_void_event_through_the_actions(client_for, people):
    client = client_for("secretary_c1")
    an = people["an"]
    response = client.post(
        "/api/v1/events/", {"member": an.pk, "type": "away_started", "on": "2024-02-01"}, content_type=JSON
    )
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["type"] == "away_started" and event["member_no"] == "M001" and not event["voided"]
    assert AuditEntry.objects.filter(action="event.away_started", member_id=an.pk).count() == 1
    # A rule of the domain: 400 with its Vietnamese message.
    response = client.post(
        "/api/v1/events/", {"member": an.pk, "type": "away_ended", "on": "2020-02-01"}, content_type=JSON
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] and body["message"] and set(body) == {"code", "message", "fields"}
    # Void it: the reason is required and named.
    response = client.post(f"/api/v1/events/{event['id']}/void/", {}, content_type=JSON)
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    response = client.post(
        f"/api/v1/events/{event['id']}/void/", {"reason": "Ghi nhầm", "version": 1}, content_type=JSON
    )
    assert response.status_code == 200 and response.json()["voided"] is True
    assert MemberEvent.objects.get(pk=event["id"]).void_reason == "Ghi nhầm"


def test_validation_errors_name_the_field(client_for, people):
    client = client_for("secretary_c1")
    response = client.post(
        "/api/v1/events/", {"member": people["an"].pk, "type": "nonsense", "on": "31/02/2024"}, content_type=JSON
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and {"type", "on"} <= set(body["fields"])
    assert "type" in body["message"]
    response = client.post("/api/v1/events/", "{not json", content_type=JSON)
    assert response.status_code == 400 and response.json()["code"] == "parse_error"


def test_writes_outside_the_scope_are_refused(client_for, people):
    client = client_for("secretary_c1")
    # A member outside the scope cannot be written to (nor is it revealed).
    response = client.post(
        "/api/v1/events/", {"member": people["em"].pk, "type": "away_started", "on": "2024-02-01"}, content_type=JSON
    )
    assert response.status_code == 400 and "member" in response.json()["fields"]
    # A viewer may read but not record: 403 with the reason.
    viewer = client_for("viewer_u1")
    response = viewer.post(
        "/api/v1/events/", {"member": people["an"].pk, "type": "away_started", "on": "2024-02-01"}, content_type=JSON
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    # Voiding an event outside the scope: 404.
    opening = MemberEvent.objects.get(member=people["em"])
    response = client.post(f"/api/v1/events/{opening.pk}/void/", {"reason": "x"}, content_type=JSON)
    assert response.status_code == 404


def test_event_list_filters_stay_in_scope(client_for, people):
    client = client_for("secretary_c1")
    data = client.get("/api/v1/events/", {"member_no": "M005"}).json()  # GC's member
    assert data["count"] == 0
    data = client.get("/api/v1/events/", {"type": "opening", "from": "2016-01-01", "to": "2016-12-31"}).json()
    assert {e["member_no"] for e in data["results"]} == {"M001", "M002"}
    response = client.get("/api/v1/events/", {"from": "soon"})
    assert response.status_code == 400 and "from" in response.json()["fields"]


def test_admit_and_dated_change(client_for, people):
    client = client_for("staff_u1")
    response = client.post(
        "/api/v1/members/",
        {
            "cell_code": "C2",
            "on": "2024-03-02",
            "member_no": "M100",
            "full_name": "Võ Thị Mới",
            "gender": "female",
            "birth_date": "1995-04-05",
            "ethnicity": "Kinh",
            "national_id": "079195000123",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    member = response.json()
    assert member["status"] == "probationary" and member["cell"] == "C2"
    assert member["national_id"] == "079195000123"  # staff may see it
    response = client.post(
        "/api/v1/members/",
        {
            "cell_code": "GC",
            "on": "2024-03-02",
            "member_no": "M101",
            "full_name": "A",
            "gender": "male",
            "birth_date": "1995-04-05",
            "ethnicity": "Kinh",
        },
        content_type=JSON,
    )
    assert response.status_code == 400 and "cell_code" in response.json()["fields"]  # GC is outside U1
    response = client.post(
        "/api/v1/member-changes/",
        {"member": member["id"], "field": "political_theory", "value": "intermediate", "on": "2024-06-01"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    change = response.json()
    changes = client.get(f"/api/v1/members/{member['id']}/changes/").json()
    assert [(c["field"], c["value"]) for c in changes] == [("political_theory", "intermediate")]
    response = client.post(f"/api/v1/member-changes/{change['id']}/void/", {"reason": "Nhầm"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["voided"] is True
