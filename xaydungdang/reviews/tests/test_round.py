"""A cell's whole round of ratings on one page: saved through the same action as one rating
(scope, rules, one audit row each), all or nothing, errors under the row, within scope."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.core.dates import today
from xaydungdang.core.models import AuditEntry
from xaydungdang.reviews import actions as reviews
from xaydungdang.reviews.models import Rating
from xaydungdang.reviews.views import round_year
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
YEAR = round_year(today())


def _url(code="C1"):
    return reverse("web:rating_round", args=[code]) + f"?nam={YEAR}"


def test_round_year_is_the_year_end_review():
    assert round_year(dt.date(2026, 11, 1)) == 2026 and round_year(dt.date(2026, 10, 31)) == 2025


def test_secretary_records_the_whole_cell_at_once(client_for, people):
    client = client_for("secretary_c1")
    page = client.get(_url()).content.decode()
    # One row per member of C1 in Vietnamese name order (given name: An, Bình, Châu), none of C2's.
    order = [page.index(n) for n in ("Nguyễn Văn An", "Đặng Thị Bình", "Trần Minh Châu")]
    assert order == sorted(order) and "Lê Văn Dũng" not in page and 'data-grid="xep-loai"' in page
    an, binh, chau, dung = (people[k] for k in ("an", "binh", "chau", "dung"))
    before = AuditEntry.objects.filter(action="rating.record").count()
    response = client.post(
        _url(),
        {f"muc_{an.id}": "good", f"muc_{binh.id}": "excellent", f"muc_{chau.id}": "", f"muc_{dung.id}": "good"},
    )
    assert response.status_code == 302
    got = dict(Rating.objects.active().filter(year=YEAR).values_list("subject_member_id", "level"))
    assert got == {an.id: "good", binh.id: "excellent"}  # the empty row is skipped, another cell's ignored
    assert AuditEntry.objects.filter(action="rating.record").count() == before + 2
    again = client.get(response["Location"]).content.decode()
    assert "Đã ghi xếp loại chất lượng năm" in again and "Đã ghi: Hoàn thành tốt nhiệm vụ" in again
    assert f'name="muc_{an.id}"' not in again and f'name="muc_{chau.id}"' in again


def test_one_bad_row_writes_nothing_and_says_where(client_for, people):
    client = client_for("secretary_c1")
    an, binh, chau = people["an"], people["binh"], people["chau"]
    html = client.post(
        _url(), {f"muc_{an.id}": "good", f"muc_{binh.id}": "la-mot-muc", f"muc_{chau.id}": "good"}
    ).content.decode()
    assert Rating.objects.filter(year=YEAR).count() == 0
    assert "Chưa ghi dòng nào" in html
    row = html[html.index(f'id="muc_{binh.id}"') :]
    assert row.index("không hợp lệ") < row.index("</tr>")  # under Bình's row
    html = client.post(_url(), {f"muc_{an.id}": "good", f"diem_{chau.id}": "chín mươi"}).content.decode()
    assert Rating.objects.filter(year=YEAR).count() == 0
    row = html[html.index(f'id="diem_{chau.id}"') - 2000 :]
    assert "Điểm &quot;chín mươi&quot; không hợp lệ" in row or 'Điểm "chín mươi" không hợp lệ' in row


def test_rule_refusal_from_the_action_goes_under_its_row(client_for, people):
    an, binh = people["an"], people["binh"]
    client = client_for("secretary_c1")
    if YEAR < 2025:
        pytest.skip("scores exist from 2025")
    html = client.post(
        _url(), {f"muc_{an.id}": "good", f"muc_{binh.id}": "excellent", f"diem_{binh.id}": "75"}
    ).content.decode()
    assert Rating.objects.filter(year=YEAR).count() == 0
    row = html[html.index(f'id="muc_{binh.id}"') :]
    assert row.index("không khớp với điểm 75") < row.index("</tr>")


def test_scope(client_for, people, tree):
    assert client_for("secretary_c1").get(_url("C2")).status_code == 404  # not visible
    assert client_for("viewer_u1").get(_url("C1")).status_code == 403  # visible, may not record
    assert client_for("staff_u1").get(_url("C1")).status_code == 200
    assert client_for("staff_u1").get(reverse("web:rating_round", args=["G1"])).status_code == 404  # not a cell


def test_action_is_all_or_nothing(users, people):
    rows = [
        {"year": YEAR, "level": "good", "subject_type": "member", "subject_member_id": people[k].id}
        for k in ("an", "em", "binh")  # Em is in GC, outside U1's scope
    ]
    with pytest.raises(reviews.RoundRefused) as refused:
        reviews.record_ratings(rows, acting_user=users["staff_u1"])
    assert list(refused.value.by_row) == [1]
    assert Rating.objects.count() == 0
    made = reviews.record_ratings([rows[0], rows[2]], acting_user=users["staff_u1"])
    assert len(made) == 2 and Rating.objects.count() == 2
