"""The audit trail page and user management: scoped to the subtree, changes effective at once."""

import csv
import io

import pytest
from django.urls import reverse

from xaydungdang.accounts.models import RoleGrant
from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import PASSWORD, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def as_user(client, users, name):
    client.force_login(users[name])
    return client


def test_audit_page_shows_only_the_subtree(client, users, people):
    page = as_user(client, users, "staff_u1").get(reverse("accounts:audit"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nguyễn Văn An" in text and "Lê Văn Dũng" in text  # C1, C2 are under U1
    assert "Phạm Thị Em" not in text and "Hoàng Giang" not in text  # GC is under U2
    everything = as_user(client, users, "admin").get(reverse("accounts:audit")).content.decode()
    assert "Phạm Thị Em" in everything


def test_audit_filters(client, users, people):
    client = as_user(client, users, "admin")
    text = client.get(reverse("accounts:audit"), {"to_chuc": "GC"}).content.decode()
    assert "Phạm Thị Em" in text and "Nguyễn Văn An" not in text
    text = client.get(reverse("accounts:audit"), {"dang_vien": "M001"}).content.decode()
    assert "Nguyễn Văn An" in text and "Đặng Thị Bình" not in text
    text = client.get(reverse("accounts:audit"), {"tu_ngay": "31/12/2024", "den_ngay": "01/01/2024"}).content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu" in text
    text = client.get(reverse("accounts:audit"), {"tu_ngay": "30/02/2024"}).content.decode()
    assert "không hợp lệ" in text


def test_audit_filter_cannot_reach_outside_the_scope(client, users, people):
    client = as_user(client, users, "staff_u1")
    text = client.get(reverse("accounts:audit"), {"to_chuc": "GC"}).content.decode()
    assert "trong phạm vi được phân quyền" in text and "Phạm Thị Em" not in text
    text = client.get(reverse("accounts:audit"), {"dang_vien": "M005"}).content.decode()
    assert "trong phạm vi được phân quyền" in text and "Phạm Thị Em" not in text
    export = client.get(reverse("accounts:audit-export"), {"dinh_dang": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Nguyễn Văn An" in body and "Phạm Thị Em" not in body


def test_audit_page_is_for_staff_and_admins_only(client, users):
    for name in ("secretary_c1", "viewer_u1", "nobody"):
        assert as_user(client, users, name).get(reverse("accounts:audit")).status_code == 403
    client.logout()
    assert client.get(reverse("accounts:audit")).status_code == 302


def test_audit_export_is_itself_audited(client, users, people):
    client = as_user(client, users, "admin")
    response = client.get(reverse("accounts:audit-export"), {"dinh_dang": "csv", "to_chuc": "C1"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm" and len(rows) > 1
    org = rows[0].index("Tổ chức")
    assert all(row[org] == "" or row[org].endswith("(C1)") for row in rows[1:])
    entry = AuditEntry.objects.filter(action="audit.export").latest("id")
    assert (
        entry.username == "quantri"
        and entry.after["format"] == "csv"
        and entry.after["filters"] == {"org_id": people["an"].current_cell_id}
    )
    xlsx = client.get(reverse("accounts:audit-export"), {"dinh_dang": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "Thời điểm" and sheet.max_row > 1


def test_changes_are_shown_readably(client, users, people):
    from xaydungdang.members import actions

    an = people["an"]
    actions.update_member(an, {"hometown": "Sóc Trăng", "birth_date": "1990-05-18"}, expected_version=an.version)
    text = (
        as_user(client, users, "admin").get(reverse("accounts:audit"), {"thao_tac": "member.update"}).content.decode()
    )
    assert "Sửa hồ sơ đảng viên" in text and "Sóc Trăng" in text
    assert "17/05/1990" in text and "18/05/1990" in text  # dates the Vietnamese way


def test_staff_manage_users_of_their_subtree_only(client, users):
    client = as_user(client, users, "staff_u1")
    text = client.get(reverse("accounts:users")).content.decode()
    assert "bithu_c1" in text and "xem_u1" in text
    assert "canbo_u2" not in text and "canbo_tinh" not in text and "quantri" not in text
    assert client.get(reverse("accounts:user", args=[users["staff_u2"].pk])).status_code == 404
    assert client.get(reverse("accounts:user", args=[users["admin"].pk])).status_code == 404
    response = client.post(
        reverse("accounts:user-password", args=[users["staff_p"].pk]),
        {"mat_khau": "Mot-mat-khau-moi-1", "nhap_lai": "Mot-mat-khau-moi-1"},
    )
    assert response.status_code == 404
    users["staff_p"].refresh_from_db()
    assert users["staff_p"].check_password(PASSWORD)


def test_staff_grant_up_to_staff_within_subtree(client, users, tree):
    client = as_user(client, users, "staff_u1")
    target = users["viewer_u1"]
    url = reverse("accounts:user-grant", args=[target.pk])
    client.post(url, {"to_chuc": "C1", "vai_tro": "secretary"})
    assert RoleGrant.objects.filter(user=target, org=tree["C1"], role="secretary").exists()
    client.post(url, {"to_chuc": "C1", "vai_tro": "admin"})  # not offered, refused
    client.post(url, {"to_chuc": "GC", "vai_tro": "viewer"})  # outside U1
    assert not RoleGrant.objects.filter(user=target, role="admin").exists()
    assert not RoleGrant.objects.filter(user=target, org=tree["GC"]).exists()


def test_staff_create_user_in_subtree(client, users, tree):
    client = as_user(client, users, "staff_u1")
    form = {
        "ten_dang_nhap": "moi_c2",
        "ho_ten": "Người Mới",
        "to_chuc": "C2",
        "vai_tro": "viewer",
        "mat_khau": "Mat-khau-moi-dai-1",
        "nhap_lai": "Mat-khau-moi-dai-1",
    }
    response = client.post(reverse("accounts:user-create"), form)
    assert response.status_code == 302
    assert RoleGrant.objects.filter(user__username="moi_c2", org=tree["C2"], role="viewer").exists()
    outside = dict(form, ten_dang_nhap="moi_gc", to_chuc="GC")
    text = client.post(reverse("accounts:user-create"), outside).content.decode()
    assert "trong phạm vi được phân quyền" in text
    weak = dict(form, ten_dang_nhap="yeu", mat_khau="123", nhap_lai="123")
    assert "Mật khẩu quá ngắn" in client.post(reverse("accounts:user-create"), weak).content.decode()


def test_revoking_a_role_takes_effect_on_the_next_request(client, users, people):
    from django.test import Client

    secretary = Client()
    secretary.force_login(users["secretary_c1"])
    member_url = reverse("web:member_detail", args=[people["an"].pk])
    assert secretary.get(member_url).status_code == 200

    manager = as_user(client, users, "staff_u1")
    grant = RoleGrant.objects.get(user=users["secretary_c1"])
    manager.post(reverse("accounts:user-revoke", args=[users["secretary_c1"].pk, grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert AuditEntry.objects.filter(action="role.revoke").exists()
    assert secretary.get(member_url).status_code in (403, 404)
    assert "Nguyễn Văn An" not in secretary.get(reverse("web:member_list")).content.decode()


def test_deactivating_a_user_ends_their_session(client, users):
    from django.test import Client

    viewer = Client()
    viewer.force_login(users["viewer_u1"])
    assert viewer.get(reverse("web:member_list")).status_code == 200
    as_user(client, users, "staff_u1").post(
        reverse("accounts:user-active", args=[users["viewer_u1"].pk]), {"kich_hoat": "0"}
    )
    users["viewer_u1"].refresh_from_db()
    assert not users["viewer_u1"].is_active
    assert viewer.get(reverse("web:member_list")).status_code == 302  # back to the login page
    assert AuditEntry.objects.filter(action="user.deactivate").exists()


def test_no_self_revoke_and_no_self_lock(client, users):
    client = as_user(client, users, "staff_u1")
    own = RoleGrant.objects.get(user=users["staff_u1"])
    client.post(reverse("accounts:user-revoke", args=[users["staff_u1"].pk, own.pk]))
    assert RoleGrant.objects.filter(pk=own.pk).exists()
    client.post(reverse("accounts:user-active", args=[users["staff_u1"].pk]), {"kich_hoat": "0"})
    users["staff_u1"].refresh_from_db()
    assert users["staff_u1"].is_active


def test_own_password_change(client, users):
    client = as_user(client, users, "viewer_u1")
    response = client.post(
        reverse("accounts:password"),
        {"mat_khau_cu": "sai", "mat_khau": "Moi-rat-dai-123", "nhap_lai": "Moi-rat-dai-123"},
    )
    assert "Mật khẩu hiện tại không đúng" in response.content.decode()
    response = client.post(
        reverse("accounts:password"),
        {"mat_khau_cu": PASSWORD, "mat_khau": "Moi-rat-dai-123", "nhap_lai": "Moi-rat-dai-123"},
    )
    assert response.status_code == 302
    users["viewer_u1"].refresh_from_db()
    assert users["viewer_u1"].check_password("Moi-rat-dai-123")
    assert client.get(reverse("web:member_list")).status_code == 200  # still logged in
