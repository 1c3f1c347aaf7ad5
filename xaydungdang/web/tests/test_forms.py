"""Forms: success paths through the actions, Vietnamese errors beside the field, voiding,
version conflicts."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.members.models import EventType, Member, MemberEvent

pytestmark = pytest.mark.django_db


def admit_data(cell, **extra):
    data = {
        "org": cell.pk,
        "on": "05/03/2024",
        "member_no": "M100",
        "full_name": "Ngô Thị Lan",
        "gender": "female",
        "birth_date": "12/08/1998",
        "ethnicity": "Kinh",
    }
    data.update(extra)
    return data


def test_admit_creates_probationary_member(client_for, tree):
    client = client_for("staff_u1")
    response = client.post(reverse("web:member_admit"), admit_data(tree["C1"]))
    member = Member.objects.get(member_no="M100")
    assert response.status_code == 302 and response["Location"] == reverse("web:member_detail", args=[member.pk])
    assert member.status == "probationary" and member.current_cell_id == tree["C1"].id
    assert member.joined_on == dt.date(2024, 3, 5)
    assert MemberEvent.objects.get(member=member).type == EventType.ADMITTED


def test_admit_iso_date_is_accepted(client_for, tree):
    client = client_for("staff_u1")
    client.post(reverse("web:member_admit"), admit_data(tree["C1"], on="2024-03-05"))
    assert Member.objects.get(member_no="M100").joined_on == dt.date(2024, 3, 5)


def test_admit_too_young_shows_vietnamese_error_and_writes_nothing(client_for, tree):
    client = client_for("staff_u1")
    response = client.post(reverse("web:member_admit"), admit_data(tree["C1"], birth_date="01/01/2010"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "tuổi" in page.lower()
    assert not Member.objects.filter(member_no="M100").exists()


def test_admit_bad_date_and_missing_fields(client_for, tree):
    client = client_for("staff_u1")
    response = client.post(reverse("web:member_admit"), {"org": tree["C1"].pk, "on": "31/02/2024", "gender": "x"})
    page = response.content.decode()
    assert "Ngày không có thật: 31/02/2024." in page  # the right shape, a day that does not exist
    assert "Cần nhập họ và tên." in page and "Cần nhập số lý lịch." in page
    assert not Member.objects.exists()


def test_duplicate_member_no_shown_next_to_field(client_for, people, tree):
    client = client_for("staff_u1")
    response = client.post(reverse("web:member_admit"), admit_data(tree["C1"], member_no="M001"))
    page = response.content.decode()
    assert 'id="id_member_no_errors"' in page and "Số lý lịch M001 đã có trong hệ thống." in page


def test_record_event_and_lifecycle_error(client_for, people, tree):
    client = client_for("staff_u1")
    an = people["an"]
    url = reverse("web:member_event", args=[an.pk, "di-lam-an-xa"])
    assert client.post(url, {"on": "01/06/2023"}).status_code == 302
    # Returning before leaving breaks the lifecycle rules: the message is shown, nothing written.
    response = client.post(reverse("web:member_event", args=[an.pk, "tro-ve"]), {"on": "01/01/2020"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "alert-danger" in response.content.decode()
    assert not MemberEvent.objects.filter(member=an, type=EventType.AWAY_ENDED).exists()


def test_transfer_moves_member_and_counts(client_for, people, tree):
    client = client_for("staff_u1")
    an = people["an"]
    response = client.post(
        reverse("web:member_event", args=[an.pk, "chuyen-sinh-hoat"]), {"org": tree["C2"].pk, "on": "01/06/2024"}
    )
    assert response.status_code == 302
    an.refresh_from_db()
    assert an.current_cell_id == tree["C2"].id


def test_removal_requires_reason(client_for, people):
    client = client_for("staff_u1")
    response = client.post(reverse("web:member_event", args=[people["an"].pk, "xoa-ten"]), {"on": "01/06/2024"})
    assert "Cần chọn lý do." in response.content.decode()


def test_void_requires_reason_then_keeps_struck_record(client_for, people):
    from xaydungdang.members import actions

    an = people["an"]
    event = actions.record_event(an, EventType.AWAY_STARTED, dt.date(2023, 6, 1))
    client = client_for("staff_u1")
    url = reverse("web:event_void", args=[event.pk])
    response = client.post(url, {"reason": "", "version": event.version})
    assert "Cần nhập lý do hủy." in response.content.decode()
    response = client.post(url, {"reason": "Ghi nhầm người", "version": event.version})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_voided and event.void_reason == "Ghi nhầm người"
    page = client.get(reverse("web:member_detail", args=[an.pk])).content.decode()
    assert 'class="voided"' in page and "Ghi nhầm người" in page and "canbo_u1" in page


def test_void_with_stale_version_is_refused(client_for, people):
    from xaydungdang.members import actions

    event = actions.record_event(people["an"], EventType.AWAY_STARTED, dt.date(2023, 6, 1))
    client = client_for("staff_u1")
    response = client.post(reverse("web:event_void", args=[event.pk]), {"reason": "x", "version": event.version + 5})
    assert "đã được người khác sửa" in response.content.decode()
    event.refresh_from_db()
    assert not event.is_voided


def test_edit_with_version_conflict_keeps_other_change(client_for, people):
    from xaydungdang.members import actions

    an = people["an"]
    client = client_for("staff_u1")
    url = reverse("web:member_edit", args=[an.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"birth_date": "17/05/1990", "joined_on": "01/01/2016", "official_on": "", "hometown": "Cần Thơ"})
    # Someone else saves first.
    actions.update_member(Member.objects.get(pk=an.pk), {"residence": "Sóc Trăng"}, expected_version=an.version)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "đã được người khác sửa sau khi anh/chị mở ra" in response.content.decode()
    an.refresh_from_db()
    assert an.residence == "Sóc Trăng" and an.hometown == ""


def test_edit_keeps_national_id_when_left_empty(client_for, people):
    an = people["an"]
    client = client_for("staff_u1")
    url = reverse("web:member_edit", args=[an.pk])
    page = client.get(url).content.decode()
    assert "012345678901" not in page  # never shown unaudited
    data = {
        "member_no": "M001",
        "full_name": "Nguyễn Văn An",
        "gender": "male",
        "birth_date": "17/05/1990",
        "ethnicity": "Kinh",
        "joined_on": "01/01/2016",
        "hometown": "Cần Thơ",
        "version": an.version,
        "national_id": "",
    }
    assert client.post(url, data).status_code == 302
    an.refresh_from_db()
    assert an.national_id == "012345678901" and an.hometown == "Cần Thơ"


def test_show_national_id_is_audited(client_for, people):
    from xaydungdang.core.models import AuditEntry

    an = people["an"]
    client = client_for("staff_u1")
    page = client.get(reverse("web:member_detail", args=[an.pk])).content.decode()
    assert "012345678901" not in page and "•••••••••901" in page
    page = client.post(reverse("web:member_show_id", args=[an.pk])).content.decode()
    assert "012345678901" in page
    assert AuditEntry.objects.filter(action="member.show_national_id", member_id=an.id).exists()


def test_activity_record_error_and_void(client_for, people, tree):
    from xaydungdang.activities.models import TrainingClass

    client = client_for("staff_u1")
    url = reverse("web:activity_new", args=["lop-hoc"])
    response = client.post(
        url, {"org": tree["G1"].pk, "kind": "thematic", "started_on": "01/01/2010", "participants": "40"}
    )
    assert "không tồn tại ngày 01/01/2010" in response.content.decode()
    response = client.post(
        url,
        {
            "org": tree["G1"].pk,
            "kind": "thematic",
            "started_on": "10/03/2024",
            "participants": "40",
            "title": "Chuyên đề 2024",
        },
    )
    assert response.status_code == 302
    record = TrainingClass.objects.get()
    response = client.post(
        reverse("web:activity_void", args=["lop-hoc", record.pk]), {"reason": "Trùng", "version": record.version}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.is_voided
    page = client.get(reverse("web:activity_list", args=["lop-hoc"])).content.decode()
    assert 'class="voided' in page and "Trùng" in page  # django-tables2 adds even/odd to the row's class


def test_discipline_for_member_resolved_by_member_no(client_for, people, tree):
    from xaydungdang.inspections.models import Discipline

    client = client_for("staff_u1")
    url = reverse("web:activity_new", args=["ky-luat"])
    response = client.post(
        url,
        {
            "decided_by": tree["G1"].pk,
            "subject_type": "member",
            "member_no": "M005",
            "level": "reprimand",
            "decided_on": "01/02/2024",
        },
    )
    assert "Không tìm thấy đảng viên có số lý lịch" in response.content.decode()  # M005 is under U2
    response = client.post(
        url,
        {
            "decided_by": tree["G1"].pk,
            "subject_type": "member",
            "member_no": "M001",
            "level": "reprimand",
            "decided_on": "01/02/2024",
        },
    )
    assert response.status_code == 302
    assert Discipline.objects.get().subject_member_id == people["an"].id


@pytest.mark.parametrize(
    "slug,data",
    [
        ("kiem-tra", {"kind": "inspection", "subject_type": "org", "started_on": "01/02/2024"}),
        ("xep-loai", {"year": "2023", "subject_type": "member", "member_no": "M001", "level": "good"}),
        ("sang-loc", {"member_no": "M001", "listed_on": "01/02/2024"}),
        ("chi-tieu", {"period": "2024", "value": "5"}),
        ("doi-thoai", {"held_on": "01/02/2024", "cases": "3"}),
        ("van-ban", {"type": "plan", "issued_on": "01/02/2024", "concretizes": "05-NQ/TW"}),
        (
            "khen-thuong",
            {"award": "commendation", "subject_type": "member", "member_no": "M002", "granted_on": "01/02/2024"},
        ),
        ("can-bo", {"kind": "planning", "on": "01/02/2024", "count": "2"}),
    ],
)
def test_every_activity_form_records(client_for, people, tree, slug, data):
    from xaydungdang.core.generic import by_slug

    spec = by_slug(slug)
    owner = {
        "kiem-tra": "org",
        "chi-tieu": "org",
        "doi-thoai": "org",
        "van-ban": "org",
        "can-bo": "org",
        "khen-thuong": "granted_by",
    }.get(slug)
    payload = dict(data)
    if owner:
        payload[owner] = tree["G1"].pk
    if payload.get("subject_type") == "org":
        payload["subject_org"] = tree["C1"].pk
    client = client_for("staff_u1")
    response = client.post(reverse("web:activity_new", args=[slug]), payload)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert spec.model.objects.count() == 1


def test_org_found_move_and_dissolve(client_for, tree):
    from xaydungdang.organizations.models import Organization

    client = client_for("staff_p")
    response = client.post(
        reverse("web:org_found"),
        {"parent": tree["G1"].pk, "code": "C3", "name": "Chi bộ ấp Ba", "kind": "cell", "established_on": "01/01/2020"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("web:org_found"),
        {"parent": tree["G1"].pk, "code": "C3", "name": "Lặp", "kind": "cell", "established_on": "01/01/2020"},
    )
    assert "Mã tổ chức C3 đã có." in response.content.decode()
    response = client.post(
        reverse("web:org_move", args=["G1"]), {"new_parent": tree["U2"].pk, "moved_on": "01/07/2023"}
    )
    assert response.status_code == 302
    from xaydungdang.organizations.tree import load_tree

    assert load_tree().parent_at(tree["G1"].id, dt.date(2023, 7, 1)) == tree["U2"].id
    assert load_tree().parent_at(tree["G1"].id, dt.date(2023, 6, 30)) == tree["U1"].id
    c3 = Organization.objects.get(code="C3")
    response = client.post(reverse("web:org_dissolve", args=["C3"]), {"dissolved_on": "01/01/2024"})
    assert response.status_code == 302
    c3.refresh_from_db()
    assert c3.dissolved_on == dt.date(2024, 1, 1)


def test_dissolving_cell_with_members_is_refused(client_for, people):
    client = client_for("staff_p")
    response = client.post(reverse("web:org_dissolve", args=["C1"]), {"dissolved_on": "01/01/2024"})
    assert "còn 3 đảng viên" in response.content.decode()


def test_merge_cells_transfers_members(client_for, people, tree):
    client = client_for("staff_p")
    response = client.post(reverse("web:org_merge", args=["C2"]), {"target": tree["C1"].pk, "on": "01/07/2024"})
    assert response.status_code == 302
    dung = Member.objects.get(pk=people["dung"].pk)
    assert dung.current_cell_id == tree["C1"].id
