"""The screens for the forms' data (issue 11 item 1): the dossier's forms for the new events (restoration,
re-admission, card reissue/exchange, temporary activity and its return, the transfer counterpart), the
organization's unit type on found/update, the award kind flag, and the temporary-arrivals table on the
generic screens — each within the user's scope (an inside twin succeeds where the outside is refused).

Tree (xaydungdang/conftest.py): P > U1 > G1 > C1, C2; P > U2 > GC. Members: an, binh, chau (C1),
dung (C2), em, giang (GC)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.activities import actions as activity_actions
from xaydungdang.members import actions
from xaydungdang.members.models import MemberEvent
from xaydungdang.organizations.models import Organization, TemporaryArrival
from xaydungdang.web.tests.conftest import _fast_passwords, client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

D = dt.date


def event_url(member, slug):
    return reverse("web:member_event", args=[member.pk, slug])


def test_dossier_offers_restoration_and_readmission_only_after_a_removal(client_for, people, tree):
    client = client_for("staff_u1")
    page = client.get(reverse("web:member_detail", args=[people["an"].pk])).content.decode()
    assert event_url(people["an"], "sinh-hoat-tam-thoi") in page and event_url(people["an"], "doi-the") in page
    assert event_url(people["an"], "phuc-hoi-dang-tich") not in page
    actions.strike_off(people["binh"], D(2022, 5, 1), "abandoned_activities")
    page = client.get(reverse("web:member_detail", args=[people["binh"].pk])).content.decode()
    assert event_url(people["binh"], "phuc-hoi-dang-tich") in page and event_url(people["binh"], "ket-nap-lai") in page
    assert event_url(people["binh"], "sinh-hoat-tam-thoi") not in page


def test_restoration_through_the_dossier(client_for, people, tree):
    binh = people["binh"]
    actions.strike_off(binh, D(2022, 5, 1), "abandoned_activities")
    client = client_for("staff_u1")
    response = client.post(event_url(binh, "phuc-hoi-dang-tich"), {"org": tree["C2"].pk, "on": "01/03/2023"})
    assert response.status_code == 302
    binh.refresh_from_db()
    assert (binh.state, binh.current_cell.code, binh.status) == ("active", "C2", "probationary")  # as before
    # a second restoration: refused, in Vietnamese, citing the rule
    page = client.post(event_url(binh, "phuc-hoi-dang-tich"), {"org": tree["C2"].pk, "on": "01/04/2023"})
    assert "Chỉ phục hồi đảng tịch cho người đã bị xóa tên" in page.content.decode()


def test_transfer_counterpart_and_temporary_activity_through_the_dossier(client_for, people, tree):
    client = client_for("staff_u1")
    an, dung = people["an"], people["dung"]
    response = client.post(event_url(an, "chuyen-di"), {"on": "01/03/2023", "counterpart": "same_province"})
    assert response.status_code == 302
    assert MemberEvent.objects.get(member=an, type="transferred_out").counterpart == "same_province"
    response = client.post(event_url(dung, "sinh-hoat-tam-thoi"), {"on": "01/03/2023", "org": tree["C1"].pk})
    assert response.status_code == 302
    event = MemberEvent.objects.get(member=dung, type="temporary_out")
    assert event.org.code == "C1" and event.to_cell.code == "C2"
    assert client.post(event_url(dung, "het-sinh-hoat-tam-thoi"), {"on": "01/09/2023"}).status_code == 302
    assert client.post(event_url(dung, "cap-lai-the"), {"on": "01/10/2023", "reason": "01234567"}).status_code == 302
    dung.refresh_from_db()
    assert dung.card_no == "01234567"
    # a host cell the user cannot see is not offered
    page = client.post(event_url(dung, "sinh-hoat-tam-thoi"), {"on": "01/11/2023", "org": tree["GC"].pk})
    assert page.status_code == 200 and "errorlist" in page.content.decode()


def test_unit_type_on_found_and_update(client_for, tree):
    client = client_for("staff_u1")
    response = client.post(
        reverse("web:org_found"),
        {
            "parent": tree["U1"].pk,
            "code": "G9",
            "name": "Đảng bộ Phường Chín",
            "kind": "grassroots_committee",
            "established_on": "01/01/2024",
            "unit_type": "ward",
        },
    )
    assert response.status_code == 302
    g9 = Organization.objects.get(code="G9")
    assert g9.unit_type == "ward"
    response = client.post(
        reverse("web:org_update", args=["G9"]), {"name": g9.name, "unit_type": "commune", "note": "", "version": 1}
    )
    assert response.status_code == 302
    assert Organization.objects.get(code="G9").unit_type == "commune"
    page = client.post(reverse("web:org_update", args=["G9"]), {"name": g9.name, "unit_type": "xyz", "version": 2})
    assert "errorlist" in page.content.decode()


def test_the_award_form_offers_the_flag(client_for, tree):
    page = client_for("staff_u1").get(reverse("web:activity_new", args=["khen-thuong"])).content.decode()
    assert 'value="flag"' in page and "Cờ" in page


def test_temporary_arrivals_are_recorded_listed_exported_and_voided_within_the_scope(client_for, tree):
    outside = activity_actions.record_arrival(
        {
            "org_id": tree["GC"].id,
            "on": D(2023, 2, 1),
            "full_name": "Người Ngoài Phạm Vi",
            "home_org": "",
            "until": None,
        }
    )
    client = client_for("staff_u1")
    new = reverse("web:activity_new", args=["sinh-hoat-tam-thoi"])
    values = {"on": "15/02/2023", "full_name": "Trần Văn Khách", "home_org": "Đảng bộ tỉnh Bạn", "until": ""}
    refused = client.post(new, values | {"org": tree["GC"].pk})  # outside the scope: not a choice
    assert refused.status_code == 200 and not TemporaryArrival.objects.filter(full_name="Trần Văn Khách").exists()
    not_a_cell = client.post(new, values | {"org": tree["G1"].pk})
    assert not_a_cell.status_code == 200
    assert client.post(new, values | {"org": tree["C1"].pk}).status_code == 302  # the inside twin
    inside = TemporaryArrival.objects.get(full_name="Trần Văn Khách")
    assert inside.org.code == "C1" and inside.created_by is not None
    page = client.get(reverse("web:activity_list", args=["sinh-hoat-tam-thoi"])).content.decode()
    assert "Trần Văn Khách" in page and "Người Ngoài Phạm Vi" not in page
    content = client.get(reverse("web:activity_export", args=["sinh-hoat-tam-thoi"])).content
    cells = [c for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True) for c in row]
    assert "Trần Văn Khách" in cells and "Người Ngoài Phạm Vi" not in cells
    assert client.get(reverse("web:activity_void", args=["sinh-hoat-tam-thoi", outside.pk])).status_code == 404
    response = client.post(
        reverse("web:activity_void", args=["sinh-hoat-tam-thoi", inside.pk]), {"reason": "Ghi nhầm", "version": 1}
    )
    assert response.status_code == 302
    inside.refresh_from_db()
    assert inside.is_voided and inside.void_reason == "Ghi nhầm"
