"""The dashboard's "probation due" figure and the alert list count the same members (issue 12
item 7): the list is the indicator's rule at today, the members whose twelve months end
within the look-ahead are a list of their own, and the dashboard of the current year shows
today's count (its other figures are taken at 31 December)."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.alerts import rules
from xaydungdang.conftest import person
from xaydungdang.core.dates import add_months, today
from xaydungdang.core.models import AuditEntry
from xaydungdang.indicators import engine
from xaydungdang.members import actions
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _admit(no, name, cell, days_to_end):
    """A probationary member whose twelve months end `days_to_end` days from today."""
    joined = add_months(today() + dt.timedelta(days=days_to_end), -12)
    return actions.admit(person(no, name, birth_date=dt.date(1995, 1, 1)), cell, joined)


@pytest.fixture
def probation_mix(tree):
    made = {
        "late": _admit("Q1", "Lý Văn Trễ", tree["C1"], -200),
        "due": _admit("Q2", "Lý Văn Đến", tree["C1"], -3),
        "today": _admit("Q3", "Lý Văn Nay", tree["C2"], 0),
        "tomorrow": _admit("Q4", "Lý Văn Mai", tree["GC"], 1),
        "soon": _admit("Q5", "Lý Văn Sắp", tree["C1"], 29),
        "later": _admit("Q6", "Lý Văn Xa", tree["C2"], 45),
        "recognized": _admit("Q7", "Lý Văn Rồi", tree["C1"], -60),
        "gone": _admit("Q8", "Lý Văn Đi", tree["C2"], -40),
    }
    recognized = made["recognized"]
    actions.recognize(recognized, add_months(recognized.joined_on, 12))
    actions.transfer_out(made["gone"], today() - dt.timedelta(days=5))
    return made


def _number(html: str, pattern: str) -> int:
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return int(match.group(1).replace(".", ""))


def test_alert_list_is_the_indicator_rule_at_today(users, tree, probation_mix):
    result = rules.collect(users["admin"], tree["P"].id)
    assert {a.member_id for a in result.probation} == {probation_mix[k].id for k in ("late", "due", "today")}
    assert {a.member_id for a in result.probation_soon} == {probation_mix[k].id for k in ("tomorrow", "soon")}
    late = {a.member_id: a for a in result.probation}[probation_mix["late"].id]
    assert late.late and late.detail.count("hạn") == 2  # "Quá hạn … (hạn cuối …)", no "(quá hạn)" appended
    day = today()
    for code in ("P", "U1", "G1", "C1", "C2", "GC"):
        figure = engine.compute(code, dt.date(day.year, 1, 1), day)["probation.due"]
        assert figure == len(rules.collect(users["admin"], tree[code].id).probation), code


def test_dashboard_tile_card_and_alert_page_agree(client_for, tree, probation_mix):
    client = client_for("staff_p")
    dashboard = client.get(reverse("web:org_detail", args=["P"])).content.decode()
    tile = _number(dashboard, r'data-key="probation\.due">(\d[\d.]*)<')
    card = _number(dashboard, r"quá hạn xét chính thức</span><span class=\"count\">(\d[\d.]*)<")
    alerts = client.get(reverse("web:alerts"), {"to_chuc": "P"}).content.decode()
    listed = _number(alerts, r'id="a-du-bi"><span>[^<]*</span><span class="count">(\d[\d.]*)<')
    assert tile == card == listed == 3
    assert f"(đến ngày {today():%d/%m/%Y})" in dashboard
    assert "Sắp hết thời gian dự bị" in dashboard and "sắp hết thời gian dự bị" in alerts
    # A past year keeps the indicator at 31 December.
    past = client.get(reverse("web:org_detail", args=["P"]), {"nam": today().year - 1}).content.decode()
    assert "(đến ngày" not in past


def test_overdue_rows_are_red_and_say_it_once(client_for, tree, probation_mix):
    html = client_for("admin").get(reverse("web:alerts"), {"danh_sach": "du-bi"}).content.decode()
    row = re.search(r'<tr[^>]*data-late="1"[^>]*>.*?</tr>', html, re.S).group(0)
    assert "table-danger" in row and "Lý Văn Trễ" in row
    assert "(quá hạn)" not in html and html.count("Quá hạn xét công nhận") == 1
    # The note says what to do, not how the data is stored.
    overview = client_for("admin").get(reverse("web:alerts")).content.decode()
    assert "bảng đảng phí" not in overview and "ghi “Trở về” trong hồ sơ đảng viên" in overview
    assert "data-print" in overview  # the print button (web/partials/print_button.html)


def test_export_by_cell(client_for, tree, probation_mix):
    _admit("Q9", "@SUM(1)", tree["C1"], -10)
    before = AuditEntry.objects.filter(action="member.export").count()
    response = client_for("staff_u1").get(reverse("web:alerts"), {"xuat": "xlsx"})
    assert response.status_code == 200 and "canh-bao-theo-chi-bo" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Cảnh báo theo chi bộ" and "Trong phạm vi" in rows[1][0]
    assert rows[3] == ("Chi bộ", "Loại cảnh báo", "Đảng viên", "Nội dung", "Quá hạn")
    body = rows[4:]
    # U1's cells only (GC is U2's); each cell's rows together, cells in Vietnamese order (Hai < Một).
    runs = [r[0] for i, r in enumerate(body) if i == 0 or body[i - 1][0] != r[0]]
    assert runs == ["Chi bộ ấp Hai (C2)", "Chi bộ ấp Một (C1)"]
    late = [r for r in body if r[2] and r[2].startswith("Lý Văn Trễ")]
    assert late and late[0][4] == "Quá hạn" and late[0][1].startswith("Đảng viên dự bị đến hạn")
    assert any(r[2] == "'@SUM(1) (Q9)" for r in body)  # text never runs as a formula
    assert AuditEntry.objects.filter(action="member.export").count() == before + 1
