"""Thay đổi thông tin đảng viên: the action (validated, scoped like editing, audited, voidable),
the dossier's card and its forms, and the new personal fields of the member forms."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.core.errors import DomainError, PermissionDenied
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import actions
from xaydungdang.members.attributes import attribute_at
from xaydungdang.members.models import Member, MemberChange
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date


def test_record_and_void_a_change(people, users):
    an = people["an"]
    change = actions.record_change(an, "occupation", "retired", D(2024, 7, 1), acting_user=users["staff_u1"])
    assert (change.field, change.value, change.on) == ("occupation", "retired", D(2024, 7, 1))
    assert attribute_at(an, "occupation", D(2024, 7, 1)) == "retired"
    entry = AuditEntry.objects.get(action="memberchange.record")
    assert entry.member_id == an.id and entry.after["value"] == "retired"
    flag = actions.record_change(an, "business_owner", True, D(2023, 1, 1), acting_user=users["staff_u1"])
    assert flag.value == "yes" and attribute_at(an, "business_owner", D(2023, 1, 1)) is True
    actions.void_change(change, "Ghi nhầm", acting_user=users["staff_u1"])
    change.refresh_from_db()
    assert change.is_voided and change.void_reason == "Ghi nhầm"
    assert attribute_at(an, "occupation", D(2024, 7, 1)) == an.occupation
    assert AuditEntry.objects.filter(action="memberchange.void", member_id=an.id).exists()
    with pytest.raises(DomainError):
        actions.void_change(change, "Lần nữa", acting_user=users["staff_u1"])
    with pytest.raises(DomainError):
        actions.void_change(flag, "  ", acting_user=users["staff_u1"])


@pytest.mark.parametrize(
    "field, value, on, problem_field",
    [
        ("occupation", "pilot", D(2020, 1, 1), "value"),
        ("general_education", "13/12", D(2020, 1, 1), "value"),
        ("gender", "female", D(2020, 1, 1), "field"),
        ("occupation", "retired", D(2015, 12, 31), "on"),  # before joining (01/01/2016)
        ("occupation", "retired", D(2200, 1, 1), "on"),
    ],
)
def test_bad_changes_are_refused(people, field, value, on, problem_field):
    with pytest.raises(DomainError) as caught:
        actions.record_change(people["an"], field, value, on)
    assert problem_field in {p.field for p in caught.value.problems}
    assert not MemberChange.objects.exists()


@pytest.mark.parametrize("who", ["secretary_c1", "staff_u2", "viewer_u1"])
def test_only_who_may_edit_the_member_records_a_change(people, users, who):
    with pytest.raises(PermissionDenied):
        actions.record_change(people["an"], "occupation", "retired", D(2024, 1, 1), acting_user=users[who])
    change = actions.record_change(people["an"], "occupation", "retired", D(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        actions.void_change(change, "Sai", acting_user=users[who])


def test_the_dossier_shows_and_records_changes(client_for, people):
    an = people["an"]
    client = client_for("staff_u1")
    page = client.get(reverse("web:member_detail", args=[an.pk])).content.decode()
    assert "Ghi thay đổi thông tin" in page and "Chưa có thay đổi" in page
    url = reverse("web:member_change", args=[an.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"field": "occupation", "choice_value": "occupation:retired", "on": "01/07/2024"})
    assert response.status_code == 302
    assert MemberChange.objects.get().value == "retired"
    page = client.get(reverse("web:member_detail", args=[an.pk])).content.decode()
    assert "01/07/2024" in page and "Nghỉ hưu" in page and "Hiện nay" in page
    # errors under the field, in Vietnamese
    bad = client.post(url, {"field": "general_education", "text_value": "13/12", "on": "01/07/2024"})
    assert bad.status_code == 200 and "không đọc được" in bad.content.decode()
    mismatch = client.post(url, {"field": "qualification", "choice_value": "occupation:retired", "on": "01/07/2024"})
    assert "Chọn giá trị mới của chuyên môn" in mismatch.content.decode()
    early = client.post(url, {"field": "religion", "text_value": "Phật giáo", "on": "01/01/2010"})
    assert "trước ngày vào Đảng" in early.content.decode()
    assert MemberChange.objects.count() == 1
    change = MemberChange.objects.get()
    void_url = reverse("web:member_change_void", args=[change.pk])
    assert client.post(void_url, {"reason": "Ghi nhầm", "version": change.version}).status_code == 302
    assert MemberChange.objects.get().is_voided


def test_viewers_and_secretaries_get_no_change_form(client_for, people):
    an = people["an"]
    change = actions.record_change(an, "religion", "Phật giáo", D(2020, 1, 1))
    for who in ("viewer_u1", "secretary_c1"):
        client = client_for(who)
        page = client.get(reverse("web:member_detail", args=[an.pk])).content.decode()
        assert "Ghi thay đổi thông tin" not in page and "Phật giáo" in page
        assert client.get(reverse("web:member_change", args=[an.pk])).status_code == 403
        assert client.post(reverse("web:member_change_void", args=[change.pk]), {"reason": "x"}).status_code == 403
    assert client_for("staff_u2").get(reverse("web:member_change", args=[an.pk])).status_code == 404


def test_edit_form_carries_the_forms_attributes(client_for, people):
    an = people["an"]
    client = client_for("staff_u1")
    url = reverse("web:member_edit", args=[an.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {
        "birth_date": "17/05/1990",
        "joined_on": "01/01/2016",
        "youth_union_from": "26/03/2005",
        "youth_union_until": "26/03/2020",
        "business_owner": "on",
        "academic_title": "professor",
        "occupation": "party_official",
        "qualification": "intermediate",
    }
    data.pop("official_on", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    an = Member.objects.get(pk=an.pk)
    assert (an.youth_union_from, an.youth_union_until) == (D(2005, 3, 26), D(2020, 3, 26))
    assert an.business_owner and not an.foreign_marriage and an.academic_title == "professor"
    bad = client.post(url, data | {"youth_union_until": "01/01/2004", "version": an.version})
    page = bad.content.decode()
    assert bad.status_code == 200 and "Ngày ra khỏi Đoàn 01/01/2004 phải sau ngày vào Đoàn 26/03/2005" in page
