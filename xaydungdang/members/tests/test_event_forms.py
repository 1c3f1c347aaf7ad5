"""Event forms (issue 12 item 5): transfers carry the other side and the letter, notes show in
the timeline, date errors sit under their own field with the right wording, opening balances
read as the admission."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.forms import VNDateField
from xaydungdang.members import actions
from xaydungdang.members.models import EventType, MemberEvent
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date


def event_url(member, slug):
    return reverse("web:member_event", args=[member.pk, slug])


def dossier(client, member) -> str:
    return client.get(reverse("web:member_detail", args=[member.pk])).content.decode()


def test_transfer_out_keeps_destination_letter_and_note(client_for, people):
    client = client_for("staff_u1")
    an = people["an"]
    response = client.get(event_url(an, "chuyen-di"))
    assert response.context["form"]["other_org"].value() is None  # never the user's own unit by default
    page = response.content.decode()
    assert "Số giấy giới thiệu" in page and "ngày hết 12 tháng dự bị" not in page and "quyết định công nhận" not in page
    response = client.post(
        event_url(an, "chuyen-di"),
        {
            "on": "05/03/2024",
            "other_place": "Đảng ủy xã An Bình, TP. Cần Thơ",
            "counterpart": "other_province",
            "letter_no": "12-GGT/ĐU",
            "letter_on": "01/03/2024",
            "note": "Theo đơn xin chuyển của đồng chí.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    event = MemberEvent.objects.get(member=an, type=EventType.TRANSFERRED_OUT)
    assert (event.other_place, event.letter_no, event.letter_on) == (
        "Đảng ủy xã An Bình, TP. Cần Thơ",
        "12-GGT/ĐU",
        D(2024, 3, 1),
    )
    page = dossier(client, an)
    assert "đến Đảng ủy xã An Bình, TP. Cần Thơ" in page
    assert "giấy giới thiệu số 12-GGT/ĐU ngày 01/03/2024" in page
    assert "Ghi chú: Theo đơn xin chuyển của đồng chí." in page


def test_transfer_out_to_an_organization_in_the_system(client_for, people, tree):
    client = client_for("staff_u1")
    dung = people["dung"]
    response = client.post(event_url(dung, "chuyen-di"), {"on": "05/03/2024", "other_org": tree["U2"].pk})
    assert response.status_code == 302, response.context["form"].errors
    assert MemberEvent.objects.get(member=dung, type=EventType.TRANSFERRED_OUT).other_org == tree["U2"]
    assert "đến Đảng bộ huyện Hai" in dossier(client, dung)
    # Both sides at once is refused under the field.
    binh = people["binh"]
    response = client.post(
        event_url(binh, "chuyen-di"), {"on": "05/03/2024", "other_org": tree["U2"].pk, "other_place": "Tỉnh khác"}
    )
    assert response.status_code == 200 and "other_place" in response.context["form"].errors


def test_transfer_within_the_system_carries_the_letter(client_for, people, tree):
    client = client_for("staff_u1")
    an = people["an"]
    response = client.post(
        event_url(an, "chuyen-sinh-hoat"),
        {"org": tree["C2"].pk, "on": "02/04/2024", "letter_no": "7-GGT", "letter_on": "01/04/2024"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert "giấy giới thiệu số 7-GGT ngày 01/04/2024" in dossier(client, an)


def test_a_date_that_does_not_exist_is_called_so_under_its_field(client_for, people):
    client = client_for("staff_u1")
    response = client.post(event_url(people["an"], "di-lam-an-xa"), {"on": "31/02/1995"})
    errors = response.context["form"].errors
    assert errors["on"] == ["Ngày không có thật: 31/02/1995."]
    assert "__all__" not in errors
    response = client.post(event_url(people["an"], "di-lam-an-xa"), {"on": "ngày mai"})
    assert "không đúng dạng" in response.context["form"].errors["on"][0]


def test_future_dates_are_refused_under_their_field(client_for, people):
    client = client_for("staff_u1")
    later = today() + dt.timedelta(days=3)
    text = later.strftime("%d/%m/%Y")
    response = client.post(event_url(people["an"], "cong-nhan-chinh-thuc"), {"on": "01/02/2020", "decided_on": text})
    errors = response.context["form"].errors
    assert errors["decided_on"] == [f"Ngày quyết định {text} ở sau ngày hôm nay."]
    assert "__all__" not in errors
    response = client.post(event_url(people["an"], "chuyen-di"), {"on": text, "letter_on": text})
    errors = response.context["form"].errors
    assert errors["on"] == [f"Ngày chuyển {text} ở sau ngày hôm nay."]
    assert errors["letter_on"] == [f"Ngày giấy giới thiệu {text} ở sau ngày hôm nay."]


def test_admission_dates_under_their_fields(client_for, tree):
    client = client_for("staff_u1")
    later = (today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    data = {
        "org": tree["C1"].pk,
        "member_no": "K001",
        "full_name": "Lý Văn Mới",
        "gender": "male",
        "birth_date": "31/02/1995",
        "ethnicity": "Kinh",
        "on": later,
        "decided_on": later,
    }
    errors = client.post(reverse("web:member_admit"), data).context["form"].errors
    assert errors["birth_date"] == ["Ngày không có thật: 31/02/1995."]
    assert errors["on"] == [f"Ngày kết nạp {later} ở sau ngày hôm nay."]
    assert errors["decided_on"] == [f"Ngày quyết định {later} ở sau ngày hôm nay."]
    assert "__all__" not in errors


def test_the_actions_refuse_what_the_forms_refuse(people, tree):
    later = today() + dt.timedelta(days=3)
    with pytest.raises(DomainError) as caught:
        actions.record_event(people["an"], EventType.AWAY_STARTED, D(2024, 1, 5), other_place="Cần Thơ")
    assert caught.value.problems[0].field == "other_place"
    with pytest.raises(DomainError) as caught:
        actions.transfer_out(people["an"], D(2024, 1, 5), letter_on=later)
    assert caught.value.problems[0].field == "letter_on"
    with pytest.raises(DomainError) as caught:
        actions.transfer_out(people["an"], D(2024, 1, 5), decided_on=later)
    assert caught.value.problems[0].field == "decided_on"


def test_vn_date_field():
    field = VNDateField(label="Ngày sinh", past=True)
    assert field.clean("29/02/2024") == D(2024, 2, 29)
    for text, message in (
        ("29/02/2023", "Ngày không có thật: 29/02/2023."),
        ("2023-13-01", "Ngày không có thật: 2023-13-01."),
        ("3l/12/2023", 'Ngày "3l/12/2023" không đúng dạng ngày/tháng/năm (ví dụ 31/12/2023).'),
    ):
        with pytest.raises(Exception) as caught:
            field.clean(text)
        assert caught.value.messages == [message]
    later = today() + dt.timedelta(days=1)
    with pytest.raises(Exception) as caught:
        field.clean(later.strftime("%d/%m/%Y"))
    assert caught.value.messages == [f"Ngày sinh {later:%d/%m/%Y} ở sau ngày hôm nay."]
    assert VNDateField(required=False).clean(later.strftime("%d/%m/%Y")) == later  # not asked: accepted


def test_an_opening_balance_reads_as_the_admission(client_for, people):
    page = dossier(client_for("staff_u1"), people["chau"])
    assert "Số dư đầu kỳ" not in page
    assert "<strong>01/03/2018</strong> — Kết nạp" in page
    assert "có trong danh sách từ 01/03/2019 (Chi bộ ấp Một)" in page


def test_the_api_records_and_returns_the_transfer_details(client_for, people, tree):
    client = client_for("staff_u1")
    body = {
        "member": people["an"].pk,
        "type": "transferred_out",
        "on": "2024-03-05",
        "other_org_code": "U2",
        "letter_no": "12-GGT",
        "letter_on": "2024-03-01",
    }
    response = client.post("/api/v1/events/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    event = response.json()
    assert (event["other_org_code"], event["letter_no"], event["letter_on"]) == ("U2", "12-GGT", "2024-03-01")
    response = client.post(
        "/api/v1/events/",
        {"member": people["binh"].pk, "type": "transferred_out", "on": "2024-03-05", "other_org_code": "KHONG"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "other_org_code" in response.json()["fields"]
