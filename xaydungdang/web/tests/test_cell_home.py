"""A cell's own page: a cell secretary lands on it (members, deadlines, tasks, the round of
ratings), without the organization-level figures of a committee's dashboard."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.conftest import person
from xaydungdang.core.dates import add_months, today
from xaydungdang.members import actions

pytestmark = pytest.mark.django_db


def test_secretary_lands_on_the_cell_page(client_for, people, tree):
    joined = add_months(today(), -12) - dt.timedelta(days=3)
    due = actions.admit(person("P1", "Võ Văn Đến", birth_date=dt.date(1995, 1, 1)), tree["C1"], joined)
    client = client_for("secretary_c1")
    home = client.get(reverse("web:home"))
    assert home.status_code == 302 and home["Location"] == reverse("web:org_detail", args=["C1"])
    page = client.get(home["Location"]).content.decode()
    for name in ("Nguyễn Văn An", "Đặng Thị Bình", "Trần Minh Châu", "Võ Văn Đến"):
        assert name in page
    assert "Lê Văn Dũng" not in page  # C2's
    assert "Việc cần làm" in page and "Hạn cần theo dõi" in page and "Đảng viên của chi bộ" in page
    assert "Xét công nhận đảng viên chính thức" in page and f"/dang-vien/{due.id}/" in page
    assert "chưa ghi" in page and reverse("web:rating_round", args=["C1"]) in page
    assert "data-key=" not in page and "Tổ chức cơ sở đảng" not in page  # no committee figures


def test_committee_and_past_years_keep_the_dashboard(client_for, people):
    client = client_for("staff_u1")
    assert "Ghi xếp loại cả chi bộ" in client.get(reverse("web:org_detail", args=["C1"])).content.decode()
    assert 'data-key="members.total"' in client.get(reverse("web:org_detail", args=["G1"])).content.decode()
    past = client.get(reverse("web:org_detail", args=["C1"]), {"nam": today().year - 1}).content.decode()
    assert 'data-key="members.total"' in past


def test_reader_sees_the_cell_page_without_write_buttons(client_for, people):
    page = client_for("viewer_u1").get(reverse("web:org_detail", args=["C1"])).content.decode()
    assert "Đảng viên của chi bộ" in page and "Ghi xếp loại cả chi bộ" not in page and "Kết nạp đảng viên" not in page
