"""Reorganized units read truthfully (issue 12 item 6): a unit founded during the year shows what
it received at its founding instead of growth from zero (dashboard and report narrative), and an
organization opened from a past tree opens at that date."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date
FOUNDED = D(2024, 7, 1)


@pytest.fixture
def reorganized(tree, people):
    """1/7/2024: a new commune committee N1 under P takes over G1 (and its four members) from U1,
    which is dissolved the same day (its grassroots cell GC is not under it: GC hangs under U2)."""
    from xaydungdang.organizations import actions as org

    n1 = org.found("N1", "Đảng bộ xã Mới", "upper", tree["P"], FOUNDED)
    org.move(tree["G1"], n1, FOUNDED)
    org.dissolve(tree["U1"], FOUNDED)
    return tree | {"N1": n1}


def page(client, code, **query) -> str:
    response = client.get(reverse("web:org_detail", args=[code]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_unit_founded_during_the_year_shows_its_founding(client_for, reorganized):
    text = page(client_for("staff_p"), "N1", nam=2024)
    assert "Thành lập 01/07/2024 (tiếp nhận 4 đảng viên từ Đảng bộ xã Một)." in text
    assert "Năm trước:" not in text and "(+4)" not in text
    assert "(từ khi thành lập)" in text and "Tăng (+), giảm (−) từ khi thành lập" in text
    # The next year is an ordinary year: compared with the last one.
    text = page(client_for("staff_p"), "N1", nam=2025)
    assert "(tiếp nhận" not in text and "Năm trước:" in text


def test_the_report_narrative_says_founded_not_grown(reorganized):
    from xaydungdang.reports import service
    from xaydungdang.reports.blocks import Para

    report = service.build("N1", D(2024, 1, 1), D(2024, 12, 31))
    body = " ".join(b.text for b in report.body if isinstance(b, Para))
    assert "thành lập ngày 01/07/2024, tiếp nhận 4 đảng viên từ Đảng bộ xã Một" in body
    assert "so với đầu năm" not in body.split("thành lập ngày 01/07/2024")[1].split(".")[0]
    assert "tăng 4 đảng viên" not in body
    # An ordinary unit keeps its comparison.
    report = service.build("G1", D(2024, 1, 1), D(2024, 12, 31))
    assert "thành lập ngày" not in " ".join(b.text for b in report.body if isinstance(b, Para))


def test_a_dissolved_unit_opens_at_the_date_of_the_past_tree(client_for, reorganized):
    # (Roles cover today's subtree: a dissolved unit is the administrators' to open.)
    client = client_for("admin")
    text = page(client, "U1", ngay="15/03/2023")
    assert "Tổ chức không tồn tại" not in text
    assert "Chỉ tiêu chủ yếu năm 2023" in text and "Đảng bộ xã Một" in text  # its child then
    # Without a date: the last year it lived through, not "không tồn tại trong năm <this year>".
    text = page(client, "U1")
    assert "Chỉ tiêu chủ yếu năm 2023" in text
    # The year it was dissolved: up to its last day, without a misleading comparison.
    text = page(client, "U1", nam=2024)
    assert "(đến ngày 30/06/2024, trước khi giải thể)" in text and "Năm trước:" not in text
    # A year after it: said plainly, with the date.
    assert "Tổ chức không tồn tại trong năm 2025 (giải thể 01/07/2024)." in page(client, "U1", nam=2025)


def test_the_past_tree_links_carry_its_date(client_for, reorganized):
    client = client_for("admin")
    text = client.get(reverse("web:org_tree"), {"ngay": "15/03/2023"}).content.decode()
    assert f'href="{reverse("web:org_detail", args=["U1"])}?ngay=15/03/2023"' in text
    today_tree = client.get(reverse("web:org_tree")).content.decode()
    assert f'href="{reverse("web:org_detail", args=["N1"])}"' in today_tree  # today: no date in the link
