"""Issue 9, L2: reading personal data is audited — the API member and event listings (one entry
per call, with the filters and the number of rows), a member's dossier on the web and in the API."""

import pytest
from django.urls import reverse

from xaydungdang.accounts.audit_trail import action_label
from xaydungdang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def test_api_member_listing_is_audited_per_call(client_for, people):
    client = client_for("staff_u1")
    data = client.get("/api/members/", {"page_size": 2}).json()
    assert data["count"] == 4 and len(data["results"]) == 2
    client.get("/api/members/", {"page_size": 2, "page": 2, "gender": "male"})
    first, second = entries("member.list")
    assert first.username == "canbo_u1" and first.via == "api"
    assert first.after == {"filters": {"page_size": "2"}, "rows": 2}
    assert second.after == {"filters": {"page_size": "2", "page": "2", "gender": "male"}, "rows": 1}
    assert action_label("member.list") == "Xem danh sách đảng viên"


def test_api_event_listing_is_audited(client_for, people):
    client = client_for("staff_u1")
    data = client.get("/api/events/", {"type": "opening"}).json()
    [entry] = entries("event.list")
    assert entry.after == {"filters": {"type": "opening"}, "rows": len(data["results"])} and entry.after["rows"] == 4
    assert action_label("event.list") == "Xem danh sách biến động đảng viên"


def test_api_member_detail_and_events_are_audited(client_for, people):
    client = client_for("staff_u1")
    an = people["an"]
    assert client.get(f"/api/members/{an.pk}/").status_code == 200
    assert client.get(f"/api/members/{an.pk}/events/").status_code == 200
    [view] = entries("member.view")
    [events] = entries("member.events")
    assert (view.member_id, view.org_id, view.via, view.username) == (an.id, an.current_cell_id, "api", "canbo_u1")
    assert events.member_id == an.id and events.object_repr == str(an)
    # A member outside the scope: 404, and nothing to audit.
    assert client.get(f"/api/members/{people['em'].pk}/").status_code == 404
    assert len(entries("member.view")) == 1


def test_opening_a_dossier_on_the_web_is_audited(client_for, people):
    client = client_for("viewer_u1")
    an = people["an"]
    page = client.get(reverse("web:member_detail", args=[an.pk]))
    assert page.status_code == 200
    [entry] = entries("member.view")
    assert (entry.member_id, entry.org_id, entry.via, entry.username) == (an.id, an.current_cell_id, "web", "xem_u1")
    assert action_label("member.view") == "Xem hồ sơ đảng viên"
    # Reads stay out of the dossier's own history of changes.
    page = client.get(reverse("web:member_detail", args=[an.pk])).content.decode()
    assert "member.view" not in page and len(entries("member.view")) == 2


def test_audited_reads_do_not_change_the_data_version(client_for, people):
    from xaydungdang.web.cache import data_version

    before = data_version()
    client = client_for("staff_u1")
    client.get("/api/members/")
    client.get(reverse("web:member_detail", args=[people["an"].pk]))
    assert data_version() == before
