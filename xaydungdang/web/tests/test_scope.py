"""A user sees and changes only their own subtree: by URL, in search, export and the API."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_other_subtree_member_is_not_found_by_url(client_for, people):
    client = client_for("staff_u1")
    em = people["em"]  # in GC, under U2
    assert client.get(reverse("web:member_detail", args=[em.pk])).status_code == 404
    assert client.get(reverse("web:member_edit", args=[em.pk])).status_code == 404
    assert client.get(reverse("web:member_event", args=[em.pk, "tu-tran"])).status_code == 404
    assert client.post(reverse("web:member_show_id", args=[em.pk])).status_code == 404
    # Their own member is there.
    assert client.get(reverse("web:member_detail", args=[people["an"].pk])).status_code == 200


def test_other_subtree_org_is_not_found(client_for, tree):
    client = client_for("staff_u1")
    assert client.get(reverse("web:org_detail", args=["U2"])).status_code == 404
    assert client.get(reverse("web:org_detail", args=["GC"])).status_code == 404
    assert client.get(reverse("web:org_detail", args=["P"])).status_code == 404  # above their subtree
    assert client.get(reverse("web:org_update", args=["GC"])).status_code == 404
    assert client.get(reverse("web:alerts") + "?to_chuc=U2").status_code == 404
    assert client.get(reverse("web:org_detail", args=["G1"])).status_code == 200


def test_search_and_tree_stay_inside_subtree(client_for, people):
    client = client_for("staff_u1")
    page = client.get(reverse("web:member_list") + "?q=pham thi em").content.decode()
    assert "Phạm Thị Em" not in page
    page = client.get(reverse("web:member_list") + "?state=").content.decode()
    assert "Nguyễn Văn An" in page and "Lê Văn Dũng" in page and "Hoàng Giang" not in page
    tree_page = client.get(reverse("web:org_tree")).content.decode()
    assert "Chi bộ ấp Một" in tree_page and "Trường Tiểu học" not in tree_page and "Đảng bộ tỉnh" not in tree_page


def test_export_contains_only_visible_members(client_for, people):
    client = client_for("staff_u2")
    response = client.get(reverse("web:member_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {row[1] for row in sheet.iter_rows(min_row=7, values_only=True)}  # below the title lines and header
    assert names == {"Phạm Thị Em", "Hoàng Giang"}


def test_secretary_records_but_cannot_change(client_for, people, tree):
    client = client_for("secretary_c1")
    an = people["an"]
    assert client.get(reverse("web:member_event", args=[an.pk, "di-lam-an-xa"])).status_code == 200
    assert client.get(reverse("web:member_edit", args=[an.pk])).status_code == 403
    assert client.get(reverse("web:org_update", args=["C1"])).status_code == 403
    assert client.get(reverse("web:import_start")).status_code == 403
    # A member of C2 (same committee, other cell) is outside a C1 secretary's subtree.
    assert client.get(reverse("web:member_detail", args=[people["dung"].pk])).status_code == 404


def test_viewer_cannot_record(client_for, people):
    client = client_for("viewer_u1")
    an = people["an"]
    assert client.get(reverse("web:member_detail", args=[an.pk])).status_code == 200
    assert client.get(reverse("web:member_event", args=[an.pk, "tu-tran"])).status_code == 403
    assert client.get(reverse("web:member_admit")).status_code == 403
    assert client.get(reverse("web:activity_new", args=["lop-hoc"])).status_code == 403
    assert client.post(reverse("web:member_show_id", args=[an.pk])).status_code == 403


def test_admission_choices_limited_to_recordable_cells(client_for, tree):
    client = client_for("staff_u1")
    page = client.get(reverse("web:member_admit")).content.decode()
    assert 'data-code="C1">Chi bộ ấp Một — Đảng bộ xã Một' in page and 'data-code="C2">Chi bộ ấp Hai' in page
    assert 'data-code="GC"' not in page
    response = client.post(reverse("web:member_admit"), {"org": tree["GC"].pk, "on": "01/02/2024"})
    assert "Tổ chức đã chọn không có trong danh sách được phép." in response.content.decode()


def test_anonymous_is_sent_to_login(client, people):
    for url in (
        reverse("web:home"),
        reverse("web:member_list"),
        reverse("web:member_detail", args=[people["an"].pk]),
        reverse("web:alerts"),
        reverse("web:reports"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))
    assert client.get("/api/members/").status_code in (401, 403)


def test_void_of_other_subtree_event_is_not_found(client_for, people):
    from xaydungdang.members.models import MemberEvent

    event = MemberEvent.objects.get(member=people["em"])
    client = client_for("staff_u1")
    assert client.get(reverse("web:event_void", args=[event.pk])).status_code == 404
