"""Web forms refuse names with bidi controls or zero-width characters (finding L5), beside the field."""

import pytest
from django.urls import reverse

from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization

pytestmark = pytest.mark.django_db
MESSAGE = "có ký tự ẩn hoặc ký tự đảo chiều"


def test_admit_form_refuses_right_to_left_override(client_for, tree):
    client = client_for("staff_u1")
    data = {
        "org": tree["C1"].pk,
        "on": "05/03/2024",
        "member_no": "M100",
        "full_name": "Ngô Thị \u202enaL",
        "gender": "female",
        "birth_date": "12/08/1998",
        "ethnicity": "Kinh",
    }
    response = client.post(reverse("web:member_admit"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Họ và tên {MESSAGE} (U+202E) — hãy gõ lại." in page
    assert not Member.objects.filter(member_no="M100").exists()
    client.post(reverse("web:member_admit"), dict(data, full_name="Ngô Thị Lan"))
    assert Member.objects.get(member_no="M100").full_name == "Ngô Thị Lan"


def test_org_update_form_refuses_zero_width_space(client_for, tree):
    client = client_for("staff_u1")
    c1 = tree["C1"]
    response = client.post(
        reverse("web:org_update", args=["C1"]), {"name": "Chi bộ\u200b ấp Một", "note": "", "version": c1.version}
    )
    assert response.status_code == 200
    assert f"Tên tổ chức {MESSAGE} (U+200B)" in response.content.decode()
    assert Organization.objects.get(pk=c1.pk).name == "Chi bộ ấp Một"


def test_user_create_form_refuses_hidden_characters(client_for, tree):
    from django.contrib.auth import get_user_model

    client = client_for("staff_u1")
    form = {
        "ten_dang_nhap": "moi_c2",
        "ho_ten": "Người\u2060 Mới",
        "to_chuc": "C2",
        "vai_tro": "viewer",
        "mat_khau": "Mat-khau-moi-dai-1",
        "nhap_lai": "Mat-khau-moi-dai-1",
    }
    response = client.post(reverse("accounts:user-create"), form)
    assert response.status_code == 200
    assert f"Họ và tên {MESSAGE} (U+2060)" in response.content.decode()
    assert not get_user_model().objects.filter(username="moi_c2").exists()
