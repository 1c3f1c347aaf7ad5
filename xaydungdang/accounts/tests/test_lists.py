"""The audit trail and the user list are django-tables2 tables with django-filter filtersets:
sorted by a column, paged with `trang`, filtered as before, and still within the scope."""

import pytest
from django.urls import reverse

from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _as(client, users, name):
    client.force_login(users[name])
    return client


def test_user_list_searches_sorts_and_pages(client, users, monkeypatch):
    from xaydungdang.accounts import views

    client = _as(client, users, "admin")
    text = client.get(reverse("accounts:users"), {"q": "canbo"}).content.decode()
    assert "canbo_u1" in text and "canbo_u2" in text and "canbo_tinh" in text and "bithu_c1" not in text
    assert 'value="canbo"' in text and "Đã khóa" not in text and "Chưa bật" in text
    text = client.get(reverse("accounts:users"), {"q": "canbo", "sort": "-username"}).content.decode()
    assert text.index("canbo_u2") < text.index("canbo_u1") < text.index("canbo_tinh")
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = client.get(reverse("accounts:users"), {"q": "canbo"}).content.decode()
    second = client.get(reverse("accounts:users"), {"q": "canbo", "trang": 2}).content.decode()
    assert "canbo_tinh" in first and "canbo_u1" in first and "canbo_u2" not in first
    assert "canbo_u2" in second and "canbo_tinh" not in second and "trang=1" in second


def test_user_list_stays_in_the_subtree(client, users):
    text = _as(client, users, "staff_u1").get(reverse("accounts:users"), {"sort": "-last_login"}).content.decode()
    assert "bithu_c1" in text and "xem_u1" in text and "canbo_u2" not in text and "quantri" not in text
    assert "Chi bộ ấp Một (C1)" in text  # bithu_c1's role, with its organization


def test_audit_list_sorts_and_pages(client, users, people, monkeypatch):
    from xaydungdang.accounts import views

    client = _as(client, users, "admin")
    page = client.get(reverse("accounts:audit"))
    assert page.status_code == 200
    text = page.content.decode()
    total = AuditEntry.objects.count()
    assert f"{total} dòng." in text and "sort=username" in text
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    newest = AuditEntry.objects.order_by("-at", "-id")[0]
    oldest = AuditEntry.objects.order_by("at", "id")[0]
    first = client.get(reverse("accounts:audit")).content.decode()
    assert newest.object_repr in first and "trang=2" in first
    ascending = client.get(reverse("accounts:audit"), {"sort": "at"}).content.decode()
    assert oldest.object_repr in ascending
    filtered = client.get(reverse("accounts:audit"), {"dang_vien": "M001", "trang": 1}).content.decode()
    assert "Nguyễn Văn An" in filtered and "Đặng Thị Bình" not in filtered
    invalid = client.get(reverse("accounts:audit"), {"tu_ngay": "31/12/2024", "den_ngay": "01/01/2024"})
    assert "Ngày kết thúc phải sau ngày bắt đầu" in invalid.content.decode() and "0 dòng." in invalid.content.decode()


def test_user_list_exports_what_it_lists_and_is_audited(client, users):
    import io

    from openpyxl import load_workbook

    response = _as(client, users, "staff_u1").get(reverse("accounts:users"), {"q": "c1", "xuat": "xlsx"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = [r for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert rows[0][0] == "Người dùng và phân quyền" and rows[1][0] == "Tìm: “c1”"
    assert rows[3][:2] == ("Tên đăng nhập", "Họ và tên")
    names = [r[0] for r in rows[4:]]
    assert names == ["bithu_c1"]  # canbo_u2 and the admin are not the U1 staff's to list
    assert "Bí thư, chi ủy — Chi bộ ấp Một (C1)" in rows[4][2] or "Chi bộ ấp Một (C1)" in rows[4][2]
    entry = AuditEntry.objects.filter(action="user.export").latest("id")
    assert entry.after == {"filters": {"q": "c1"}, "rows": 1}
