"""A grant on a dissolved organization (issue 15): its subtree as it was on the eve of the
dissolution, read-only; the members' dossiers up to the day they left it (docs/security.md §4)."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.accounts import scope
from xaydungdang.core.errors import PermissionDenied
from xaydungdang.organizations.tests.merger import MERGER_DAY, build_merger

D = dt.date
EVE = MERGER_DAY - dt.timedelta(days=1)


@pytest.fixture
def merger(db):
    return build_merger()


def _client(client, user):
    client.logout()
    client.force_login(user)
    return client


def test_scope_of_a_dissolved_grant_is_the_old_subtree_read_only(merger):
    orgs, staff = merger["orgs"], merger["users"]["staff_st"]
    with scope.request_cache():
        view = scope.scope_for(staff, scope.VIEW)
        assert not view.org_ids  # today: nothing
        old = {orgs[c].id for c in ("ST", "ST.H", "ST.X", "ST.C1", "ST.C2")}
        assert view.past_org_ids == old
        assert view.past_until(orgs["ST.C1"].id) == MERGER_DAY
        assert view.covers_on(orgs["ST.C1"].id, EVE)
        assert not view.covers_on(orgs["ST.C1"].id, MERGER_DAY)
        assert not view.covers_on(orgs["CT"].id, EVE) and not view.covers_on(orgs["HG.GC"].id, EVE)
        for action in (scope.RECORD, scope.CHANGE, scope.ADMIN):
            assert scope.scope_for(staff, action).empty
            assert not scope.scope_for(staff, action).past
        # Today's lists: no member, the old organizations only in the organization queries.
        from xaydungdang.members.models import Member, MemberEvent
        from xaydungdang.organizations.models import Organization

        assert not Member.objects.restrict(staff).exists()
        assert not MemberEvent.objects.restrict(staff).exists()
        assert set(Organization.objects.restrict(staff).values_list("id", flat=True)) == old


def test_a_dissolved_grant_writes_nothing(merger):
    from xaydungdang.members import actions as members
    from xaydungdang.organizations import actions as orgs

    o, staff = merger["orgs"], merger["users"]["staff_st"]
    with pytest.raises(PermissionDenied):
        members.transfer(merger["members"]["an"], o["ST.C2"], D(2025, 8, 1), acting_user=staff)
    with pytest.raises(PermissionDenied):
        orgs.update(o["ST.C1"], name="Chi bộ khác", locality=None, note="", expected_version=1, acting_user=staff)
    with pytest.raises(PermissionDenied):
        orgs.found("ST.C9", "Chi bộ mới", "cell", o["ST.X"], D(2025, 1, 1), acting_user=staff)
    with pytest.raises(PermissionDenied):
        scope.require_org(staff, o["ST"].id, scope.VIEW)  # today's check: unchanged


def test_dissolved_grant_web_read_only(client, merger):
    m = merger["members"]
    c = _client(client, merger["users"]["staff_st"])
    page = c.get(reverse("web:org_detail", args=["ST.C1"]), {"nam": "2026"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-history-until="2025-07-01"' in text and "30/06/2025" in text
    assert reverse("web:member_admit") not in text and "Thay đổi tổ chức" not in text
    for name in ("web:org_update", "web:org_move", "web:org_dissolve", "web:org_merge"):
        assert c.get(reverse(name, args=["ST.C1"])).status_code in (403, 404)
        assert c.post(reverse(name, args=["ST.C1"]), {}).status_code in (403, 404)
    assert c.get(reverse("web:org_detail", args=["CT"])).status_code == 404
    assert c.get(reverse("web:org_detail", args=["HG.GC"])).status_code == 404
    assert c.get(reverse("web:member_event", args=[m["an"].pk, "chuyen-sinh-hoat"])).status_code in (403, 404)
    # Today's member list is empty; the dossier of someone who was there opens up to the eve.
    listing = c.get(reverse("web:member_list")).content.decode()
    assert "Nguyễn Văn An" not in listing
    old_cell = c.get(reverse("web:org_detail", args=["ST.C2"])).content.decode()
    assert 'id="dang-vien-ngay"' in old_cell and "Đảng viên ngày 30/06/2025 (1)" in old_cell
    assert reverse("web:member_detail", args=[m["chi"].pk]) in old_cell
    dossier = c.get(reverse("web:member_detail", args=[m["chi"].pk]))
    assert dossier.status_code == 200
    text = dossier.content.decode()
    assert "Lý Thị Chi" in text and 'data-history-until="2025-07-01"' in text
    assert "Bệnh viện Ninh Kiều" not in text  # where she went after the merger
    assert "5/QĐ-ĐU" not in text
    # Someone never in ST's subtree: not found.
    assert c.get(reverse("web:member_detail", args=[m["duc"].pk])).status_code == 404
    # The API reads today's scope only.
    assert c.get(reverse("web:api_member", args=[m["an"].pk])).status_code in (403, 404)


def test_dissolved_grant_reports_of_the_past_only(merger):
    from xaydungdang.reports import service

    staff = merger["users"]["staff_st"]
    report = service.build("ST", D(2024, 1, 1), D(2024, 12, 31), user=staff)
    assert report.data["indicators"]["members.total"] == 3
    assert service.build("ST.C1", D(2025, 1, 1), EVE, user=staff)
    with pytest.raises(PermissionDenied):
        service.build("ST.C1", D(2025, 1, 1), D(2025, 12, 31), user=staff)
    with pytest.raises(PermissionDenied):
        service.build("CT", MERGER_DAY, D(2025, 12, 31), user=staff)


def test_today_staff_find_members_wherever_they_are(client, merger):
    m = merger["members"]
    c = _client(client, merger["users"]["staff_ct"])
    listing = c.get(reverse("web:member_list"), {"q": "Lý Thị Chi"}).content.decode()
    assert "Lý Thị Chi" in listing and "Chi bộ Bệnh viện Ninh Kiều" in listing
    listing = c.get(reverse("web:member_list"), {"q": "an"}).content.decode()
    assert "Nguyễn Văn An" in listing and "Chi bộ ấp Mỹ Thuận" in listing
    text = c.get(reverse("web:member_detail", args=[m["chi"].pk])).content.decode()
    assert "data-history-until" not in text and "Bệnh viện Ninh Kiều" in text


def test_viewer_on_a_living_commune_keeps_today_scope(client, merger):
    """ST.X was not dissolved (it moved under CT with ST.H): its viewer reads it as of today."""
    viewer, o = merger["users"]["viewer_stx"], merger["orgs"]
    with scope.request_cache():
        view = scope.scope_for(viewer)
        assert view.covers(o["ST.C1"].id) and not view.past
