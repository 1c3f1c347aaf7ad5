"""The JSON API: scoped reads, masked national IDs, writes through the actions, 403/404."""

import base64

import pytest

pytestmark = pytest.mark.django_db


def test_members_search_is_scoped_and_masked(client_for, people):
    client = client_for("staff_u1")
    data = client.get("/api/members/", {"q": "nguyen van an"}).json()
    assert [m["member_no"] for m in data["results"]] == ["M001"]
    assert data["results"][0]["national_id"] == "•••••••••901"
    data = client.get("/api/members/", {"q": "pham thi em"}).json()
    assert data["count"] == 0


def test_member_outside_scope_is_404(client_for, people):
    client = client_for("staff_u1")
    assert client.get(f"/api/members/{people['em'].pk}/").status_code == 404
    assert client.get(f"/api/members/{people['an'].pk}/").status_code == 200
    response = client.post(
        f"/api/members/{people['em'].pk}/events/", {"type": "died", "on": "2024-01-01"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_org_tree_and_indicators(client_for, people):
    client = client_for("staff_u1")
    data = client.get("/api/orgs/").json()
    codes = {o["code"]: o for o in data["organizations"]}
    assert set(codes) == {"U1", "G1", "C1", "C2"}
    assert codes["U1"]["members"] == 4 and codes["C1"]["parent"] == "G1"
    ind = client.get("/api/orgs/U1/indicators/", {"from": "2024-01-01", "to": "2024-12-31"}).json()
    assert ind["indicators"]["members.total"] == 4
    assert client.get("/api/orgs/U2/indicators/").status_code == 404
    assert client.get("/api/orgs/U1/indicators/", {"from": "bad"}).status_code == 400


def test_record_event_and_errors(client_for, people):
    client = client_for("secretary_c1")
    an = people["an"]
    response = client.post(
        f"/api/members/{an.pk}/events/", {"type": "away_started", "on": "2024-02-01"}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["type"] == "away_started"
    response = client.post(
        f"/api/members/{an.pk}/events/", {"type": "away_ended", "on": "2020-02-01"}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["errors"][0]["message"]
    events = client.get("/api/events/", {"member_no": "M001"}).json()
    assert [e["type"] for e in events["results"]] == ["opening", "away_started"]


def test_viewer_cannot_write(client_for, people):
    client = client_for("viewer_u1")
    response = client.post(
        f"/api/members/{people['an'].pk}/events/",
        {"type": "away_started", "on": "2024-02-01"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_admit_with_basic_auth(client, users, tree):
    token = base64.b64encode(b"canbo_u1:Mat-khau-rat-dai-2024!").decode()
    payload = {
        "cell_code": "C2",
        "on": "2024-04-01",
        "member_no": "A1",
        "full_name": "Ngô Bảo Châu",
        "gender": "male",
        "birth_date": "1995-01-01",
        "ethnicity": "Kinh",
    }
    response = client.post(
        "/api/members/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Basic {token}"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "probationary"
    payload["cell_code"] = "GC"
    payload["member_no"] = "A2"
    response = client.post(
        "/api/members/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Basic {token}"
    )
    assert response.status_code == 404
    payload["cell_code"] = "C2"
    payload["birth_date"] = "2015-01-01"
    response = client.post(
        "/api/members/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Basic {token}"
    )
    assert response.status_code == 400 and any(
        e["field"] == "birth_date" or "tuổi" in e["message"] for e in response.json()["errors"]
    )
