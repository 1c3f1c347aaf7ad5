"""The alerts page: the overview keeps its sections; one list opened in full is a table that
sorts, pages and downloads as a spreadsheet (audited); the lists stay within the scope."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.alerts import rules
from xaydungdang.conftest import person
from xaydungdang.core.dates import add_months, today
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import actions
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
NAMES = ["Ánh Văn Một", "Bùi Văn Hai", "Cao Văn Ba"]  # the rules list them by given name: Ba, Hai, Một
BY_GIVEN_NAME = NAMES[::-1]


@pytest.fixture
def probationers(tree):
    joined = add_months(today(), -12) - dt.timedelta(days=10)  # probation ended ten days ago
    return [
        actions.admit(person(f"P{i}", name, birth_date=dt.date(1995, 1, 1)), tree["C1"], joined)
        for i, name in enumerate(NAMES)
    ]


def _order(text: str) -> list[str]:
    return sorted((n for n in NAMES if n in text), key=text.index)


def test_overview_keeps_every_section(client_for, people, probationers):
    page = client_for("admin").get(reverse("web:alerts")).content.decode()
    for title in (
        "Đảng viên dự bị đến hạn",
        "Chi bộ có dưới 3 đảng viên chính thức",
        "Đảng viên vắng sinh hoạt",
        "Đi làm ăn xa quá 12 tháng",
        "Đề nghị tặng Huy hiệu Đảng",
        "Rà soát, sàng lọc chưa có kết quả",
    ):
        assert title in page
    assert "Chi bộ ấp Hai (C2)" in page
    assert _order(page) == BY_GIVEN_NAME
    assert "?danh_sach=du-bi&amp;xuat=xlsx" in page
    assert "sort=" not in page  # the overview shows the first rows of each list, unsorted


def test_full_list_sorts_and_pages(client_for, probationers, monkeypatch):
    from xaydungdang.alerts import views

    monkeypatch.setattr(views, "PAGE_ROWS", 2)
    client = client_for("staff_u1")
    url = reverse("web:alerts")
    first = client.get(url, {"danh_sach": "du-bi"}).content.decode()
    assert _order(first) == BY_GIVEN_NAME[:2] and "Trang sau" in first and "sort=label" in first
    assert _order(client.get(url, {"danh_sach": "du-bi", "page": 2}).content.decode()) == BY_GIVEN_NAME[2:]
    assert _order(client.get(url, {"danh_sach": "du-bi", "sort": "label"}).content.decode()) == NAMES[:2]
    assert _order(client.get(url, {"danh_sach": "du-bi", "sort": "label", "page": 2}).content.decode()) == NAMES[2:]
    assert client.get(url, {"danh_sach": "khong-co"}).status_code == 404


def test_full_list_downloads_as_a_spreadsheet(client_for, tree, probationers):
    before = AuditEntry.objects.filter(action="member.export").count()
    response = client_for("staff_u1").get(
        reverse("web:alerts"), {"danh_sach": "du-bi", "to_chuc": "U1", "xuat": "xlsx", "sort": "label"}
    )
    assert response.status_code == 200 and "canh-bao-du-bi" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Cảnh báo: Đảng viên dự bị") and "Đảng bộ huyện Một (U1)" in rows[1][0]
    assert list(rows[3]) == ["Đảng viên", "Chi bộ", "Nội dung"]
    assert [r[0].split(" (")[0] for r in rows[4:]] == NAMES and {r[1] for r in rows[4:]} == {"Chi bộ ấp Một"}
    assert AuditEntry.objects.filter(action="member.export").count() == before + 1


def test_lists_stay_within_the_root_and_the_scope(tree, users, people, probationers):
    admin, staff_u1 = users["admin"], users["staff_u1"]
    within_g1 = rules.collect(admin, tree["G1"].id)
    assert {a.org_id for a in within_g1.small_cells} <= {tree["C1"].id, tree["C2"].id}
    assert {a.org_id for a in within_g1.probation} == {tree["C1"].id, tree["C2"].id}  # and Dũng, still probationary
    within_u2 = rules.collect(admin, tree["U2"].id)
    assert {a.org_id for a in within_u2.small_cells} == {tree["GC"].id}
    assert {a.org_id for a in within_u2.probation} == {tree["GC"].id}
    outside = rules.collect(staff_u1, tree["U2"].id)  # a root outside the user's scope: nothing
    assert outside.small_cells == [] and outside.probation == [] and outside.total == 0


def test_spreadsheet_text_never_runs_as_a_formula(client_for, tree):
    from xaydungdang.organizations import actions as org

    cell = type(tree["C1"]).objects.get(pk=tree["C1"].pk)
    org.update(cell, name="@SUM(1)", locality=None, note="", expected_version=cell.version)
    joined = add_months(today(), -12) - dt.timedelta(days=10)
    actions.admit(person("H1", "=cmd|' /C calc'!A0", birth_date=dt.date(1995, 1, 1)), tree["C1"], joined)
    response = client_for("admin").get(reverse("web:alerts"), {"danh_sach": "du-bi", "xuat": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[4][0].startswith("'=cmd") and rows[4][1] == "'@SUM(1)"
