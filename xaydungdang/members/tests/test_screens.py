"""The member screens in the members app: the dossier asks the scope through member_or_404's rule
(no copied check), each scope is computed once per request, other apps' records reach the dossier
through members.hooks, the organization filter goes through access.within."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date
MEMBERS = Path(__file__).resolve().parents[1]


def test_the_dossier_lists_the_records_other_apps_register(client_for, people):
    from xaydungdang.members import hooks
    from xaydungdang.reviews import actions as reviews

    assert {"ratings", "screenings", "inspections", "disciplines", "awards"} <= set(hooks.DOSSIER_RECORDS)
    an = people["an"]
    reviews.record_rating({"year": 2023, "subject_type": "member", "subject_member_id": an.id, "level": "excellent"})
    page = client_for("viewer_u1").get(reverse("web:member_detail", args=[an.pk])).content.decode()
    assert "Năm 2023: Hoàn thành xuất sắc nhiệm vụ" in page
    assert "Sửa hồ sơ" not in page and "Ghi biến động" not in page  # a viewer: no links to change or record


def test_the_dossier_links_follow_the_member_rule(client_for, people):
    an = people["an"]
    secretary = client_for("secretary_c1").get(reverse("web:member_detail", args=[an.pk])).content.decode()
    assert "Ghi biến động" in secretary and "Sửa hồ sơ" not in secretary  # RECORD, not CHANGE
    staff = client_for("staff_u1").get(reverse("web:member_detail", args=[an.pk])).content.decode()
    assert "Ghi biến động" in staff and "Sửa hồ sơ" in staff and "Hiện đầy đủ" in staff


def test_each_scope_is_computed_once_per_request(client_for, people, monkeypatch):
    from xaydungdang.accounts import scope

    computed = []
    original = scope._compute_scope

    def counted(user, action):
        computed.append(action)
        return original(user, action)

    monkeypatch.setattr(scope, "_compute_scope", counted)
    client = client_for("staff_u1")
    for url in (
        reverse("web:member_detail", args=[people["an"].pk]),
        reverse("web:member_list"),
        reverse("web:api_member", args=[people["an"].pk]),
    ):
        computed.clear()
        assert client.get(url).status_code == 200
        assert len(computed) == len(set(computed)), (url, computed)


def test_showing_the_national_id_needs_change_on_the_member(client_for, people):
    an = people["an"]
    url = reverse("web:member_show_id", args=[an.pk])
    assert client_for("secretary_c1").post(url).status_code == 403  # may see and record, not change
    assert client_for("staff_u2").post(url).status_code == 404  # outside the scope: not revealed
    response = client_for("staff_u1").post(url)
    assert response.status_code == 200 and "012345678901" in response.content.decode()
    assert AuditEntry.objects.filter(action="member.show_national_id", member_id=an.id).count() == 1


def test_the_organization_filter_takes_the_subtree(client_for, people):
    client = client_for("admin")
    listed = client.get(reverse("web:member_list"), {"to_chuc": "G1"}).content.decode()
    assert "Nguyễn Văn An" in listed and "Lê Văn Dũng" in listed and "Phạm Thị Em" not in listed
    api = client.get(reverse("web:api_members"), {"to_chuc": "U2"}).json()
    assert sorted(m["member_no"] for m in api["results"]) == ["M005", "M006"]
    unknown = client.get(reverse("web:member_list"), {"to_chuc": "KHONG-CO"}).content.decode()
    assert "Không có tổ chức nào có tên hoặc mã" in unknown


def test_the_member_screens_filter_no_subtree_by_hand():
    for name in ("views.py", "filtersets.py", "api.py", "forms.py", "tables.py", "export.py"):
        text = (MEMBERS / name).read_text(encoding="utf-8")
        assert ".subtree(" not in text and "accounts" not in text, name
