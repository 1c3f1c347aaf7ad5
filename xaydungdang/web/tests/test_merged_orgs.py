"""A merged organization in the UI (issue 15): its page says when and into what, with a link; the
successor's page what it took over; the tree at dates on both sides of the merger."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.organizations.tests.merger import build_merger

D = dt.date


@pytest.fixture
def merger(db):
    return build_merger()


@pytest.fixture
def admin_client(client, merger):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("quantri", password="x-Mat-khau-dai-2024"))
    return client


def test_dissolved_page_links_to_successor_and_back(admin_client):
    text = admin_client.get(reverse("web:org_detail", args=["ST"])).content.decode()
    assert "giải thể 01/07/2025" in text
    assert "Hoạt động đến ngày 30/06/2025; từ ngày 01/07/2025 hợp nhất vào" in text
    assert f'href="{reverse("web:org_detail", args=["CT"])}" data-successor="CT"' in text
    city = admin_client.get(reverse("web:org_detail", args=["CT"])).content.decode()
    for code in ("ST", "HG", "CTO"):
        assert f'data-absorbed="{code}"' in city
    assert "Đảng bộ tỉnh Sóc Trăng</a> (từ ngày 01/07/2025)" in city


def test_tree_on_both_sides_of_the_merger(admin_client):
    before = admin_client.get(reverse("web:org_tree"), {"on": "2025-06-30"}).content.decode()
    assert "Đảng bộ tỉnh Sóc Trăng" in before and "Đảng bộ thành phố Cần Thơ</a>" not in before
    assert 'data-until="2025-07-01"' in before and "đến 30/06/2025" in before
    assert 'type="date"' in before and 'value="2025-06-30"' in before
    after = admin_client.get(reverse("web:org_tree"), {"on": "2025-07-01"}).content.decode()
    assert "Đảng bộ tỉnh Sóc Trăng" not in after and "Đảng bộ thành phố Cần Thơ</a>" in after
    assert "Chi bộ ấp Mỹ Thuận" in after or "mở" in after
    # The old links (?ngay=DD/MM/YYYY) still work.
    old_link = admin_client.get(reverse("web:org_tree"), {"ngay": "30/06/2025"})
    assert "Đảng bộ tỉnh Sóc Trăng" in old_link.content.decode()


def test_dissolved_grant_tree_shows_the_old_subtree_before_only(client, merger):
    client.force_login(merger["users"]["staff_st"])
    before = client.get(reverse("web:org_tree"), {"on": "2025-06-30"}).content.decode()
    assert "Đảng bộ tỉnh Sóc Trăng" in before and "Đảng bộ tỉnh Hậu Giang" not in before
    after = client.get(reverse("web:org_tree"), {"on": "2025-07-01"}).content.decode()
    assert "Đảng bộ tỉnh Sóc Trăng" not in after and "Đảng bộ thành phố Cần Thơ" not in after
    assert "Chi bộ ấp Mỹ Thuận" not in after


def test_dissolve_form_records_a_successor(admin_client, merger):
    from xaydungdang.organizations.models import Organization

    response = admin_client.post(
        reverse("web:org_dissolve", args=["ST.C1"]),
        {"dissolved_on": "01/01/2026", "successor": merger["orgs"]["ST.C2"].pk, "decision_no": "9"},
    )
    # ST.C1 still has members on that day: refused with the rule's message, nothing written.
    assert response.status_code == 200 and "còn 2 đảng viên" in response.content.decode()
    assert Organization.objects.get(code="ST.C1").successor_id is None
    sth = Organization.objects.get(code="ST.H")
    admin_client.post(
        reverse("web:org_dissolve", args=["ST.X"]),
        {"dissolved_on": "01/01/2020", "successor": sth.pk},
    )
    assert Organization.objects.get(code="ST.X").dissolved_on is None  # cells under it live on: refused


def test_dissolve_action_successor_rules(merger):
    from xaydungdang.core.errors import DomainError
    from xaydungdang.organizations import actions

    o = merger["orgs"]
    with pytest.raises(DomainError, match="không tồn tại vào ngày"):
        actions.dissolve(o["HG.GC"], D(2020, 1, 1), successor=o["CT"])  # CT founded 2025
    assert o["ST"].successor_id == o["CT"].id


def test_dossier_and_pickers_name_a_dissolved_cell_and_its_successor(admin_client, merger):
    from xaydungdang.organizations import actions

    o, m = merger["orgs"], merger["members"]
    actions.merge(o["ST.C2"], o["ST.C1"], D(2026, 1, 1))  # empty since Chi left on 1/9/2025
    text = admin_client.get(reverse("web:member_detail", args=[m["chi"].pk])).content.decode()
    assert "Chi bộ ấp Mỹ Lộc (đến 31/12/2025, nay thuộc Chi bộ ấp Mỹ Thuận)" in text
    assert "Bệnh viện Ninh Kiều" in text  # where she is now
    found = admin_client.get(reverse("web:org_pick"), {"q": "my loc"}).json()["results"]
    assert found[0]["label"].startswith("Chi bộ ấp Mỹ Lộc (đến 31/12/2025, nay thuộc Chi bộ ấp Mỹ Thuận)")
    found = admin_client.get(reverse("web:org_pick"), {"q": "soc trang"}).json()["results"]
    assert found[0]["label"].startswith("Đảng bộ tỉnh Sóc Trăng (đến 30/06/2025, nay thuộc Đảng bộ thành phố Cần Thơ)")
