"""The "Biểu thống kê" pages (issue 11, item 3): the forms on screen with every figure a link, the
downloads, the records behind a figure (scoped, masked, exportable), the reconciliation and its gaps.

Tree of xaydungdang/conftest.py: P > U1 (G1 > C1, C2), U2 (GC); members of web/tests/conftest.py
(C1: An, Bình, Châu; C2: Dũng; GC: Em, Giang), all in the lists since 2016–2021.
"""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.conftest import person
from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import _fast_passwords, client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date
U1_NAMES = ["Nguyễn Văn An", "Đặng Thị Bình", "Trần Minh Châu", "Lê Văn Dũng"]
U2_NAMES = ["Phạm Thị Em", "Hoàng Giang"]


def _query(org="U1", year=2023, **extra) -> dict:
    return {"to_chuc": org, "nam": str(year), "ky": "", **extra}


def _behind(client, org="U1", form="1", row="D", column="current", **extra):
    return client.get(reverse("web:forms_behind"), _query(org, bieu_so=form, dong=row, cot=column, **extra))


def test_page_defaults_to_the_users_top_unit_and_is_in_the_navigation(client_for, people):
    response = client_for("staff_u1").get(reverse("web:forms"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("web:forms")}">Biểu thống kê</a>' in html
    # The path above each unit (the only province left out), no code; Vietnamese order.
    assert re.search(r'<option value="U1" selected>Đảng bộ huyện Một</option>', html)
    assert '<option value="G1">Đảng bộ xã Một — Đảng bộ huyện Một</option>' in html
    # Only what the user may view: not U2, not the province.
    assert 'value="U2"' not in html and 'value="P"' not in html
    assert "Quý I" in html and "6 tháng đầu năm" in html and "Biểu số 7-BTCTW" in html


def test_forms_on_screen_with_every_figure_a_link(client_for, people):
    client = client_for("staff_u1")
    response = client.get(reverse("web:forms"), _query(bieu=["1", "4"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN" in html and "THỐNG KÊ ĐẢNG VIÊN CHIA THEO DÂN TỘC, TÔN GIÁO" in html
    assert "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN" not in html  # only the chosen forms
    # Form 1 D (in the list at the end of 2023) = 4, a link to the members behind it.
    row = re.search(r'data-code="D">(.*?)</tr>', html, re.S).group(1)
    link = re.search(r'data-column="current"><a class="xdd-form__link" href="([^"]+)">4</a>', row)
    assert link, row
    assert "dong=D" in link.group(1) and "cot=current" in link.group(1) and "bieu_so=1" in link.group(1)
    # Percentages of the compared forms are ratios: no list of their own.
    assert 'data-column="pct"><a' not in row
    # Form 4: Khmer (row 5) counts Dũng.
    khmer = re.search(r'data-code="I.05">(.*?)</tr>', html, re.S).group(1)
    assert ">1</a>" in khmer
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and 'style="' not in html  # CSP: nothing inline
    assert AuditEntry.objects.filter(action="forms.view", org_id=people["an"].current_cell.parent.parent_id).exists()


def test_a_bad_period_or_form_is_a_vietnamese_message(client_for, people):
    client = client_for("staff_u1")
    for query, message in (
        (_query(year=10000), "Năm phải trước 2200."),
        (_query(year="abc"), "Năm phải là một số"),
        (_query(ky="Q3"), "Kỳ báo cáo “Q3” không hợp lệ."),
        (_query(bieu="6"), "Không có biểu số “6”."),
    ):
        response = client.get(reverse("web:forms"), query)
        assert response.status_code == 200
        assert message in response.content.decode()
    response = _behind(client, row="ZZ")
    assert response.status_code == 400
    assert "Biểu số 1 không có dòng" in response.content.decode()


def test_outside_the_view_scope_is_404_everywhere(client_for, people):
    client = client_for("staff_u1")
    for org in ("GC", "U2", "P", "NOPE"):
        assert client.get(reverse("web:forms"), _query(org)).status_code == 404
        assert _behind(client, org).status_code == 404
        assert client.get(reverse("web:forms_reconcile"), _query(org)).status_code == 404
        assert client.get(reverse("web:forms_download", args=["xlsx"]), _query(org)).status_code == 404
    assert client.get(reverse("web:forms_download", args=["docx"]), _query()).status_code == 404


def test_members_behind_a_figure_masked_and_scoped(client_for, people):
    response = _behind(client_for("staff_u1"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in U1_NAMES:
        assert name in html
    for name in U2_NAMES:
        assert name not in html
    assert reverse("web:member_detail", args=[people["an"].pk]) in html
    assert "012345678901" not in html and "•••••••••901" in html
    assert "Đơn vị: Đảng bộ huyện Một (U1)" in html and "Cột: Kỳ này" in html
    entry = AuditEntry.objects.get(action="forms.behind")
    assert entry.after["row"] == "D" and entry.after["rows"] == 4


def test_the_attribute_a_row_is_about_is_shown(client_for, people):
    # Form 4 row 5 (Khơ-me): Dũng, with his ethnicity as written.
    html = _behind(client_for("staff_u1"), form="4", row="I.05", column="total").content.decode()
    assert "Lê Văn Dũng" in html and "<th" in html and "Dân tộc" in html and "Khmer" in html
    assert "Nguyễn Văn An" not in html
    # Form 3 age band: the age at the period's end.
    html = _behind(client_for("staff_u1"), form="3", row="II.2.31_35", column="current").content.decode()
    assert "Nguyễn Văn An" in html and "33 tuổi (sinh 17/05/1990)" in html


def test_u1_drilling_into_a_figure_never_sees_u2_members(client_for, people, tree):
    """Hoàng Giang moved from C1 to GC (U2) in 2023: U1's Form 1 counts his transfer out (C5) and
    its A counts him, but a user of U1 sees neither his name nor his number; the province's staff do."""
    from xaydungdang.members import actions

    giang = people["giang"]
    actions.transfer(giang, tree["C1"], D(2022, 6, 1))
    actions.transfer(giang, tree["GC"], D(2023, 6, 1))
    client = client_for("staff_u1")
    for row in ("A", "C5", "C5b", "C"):
        response = _behind(client, row=row)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Hoàng Giang" not in html and "M006" not in html, row
        assert "ngoài phạm vi được phân quyền" in html, row
        export = _behind(client, row=row, xuat="xlsx")
        assert b"Ho\xc3\xa0ng Giang" not in export.content
    # The province's staff see him behind U1's figure.
    html = _behind(client_for("staff_p"), row="C5b").content.decode()
    assert "Hoàng Giang" in html and "Chuyển sinh hoạt đảng chính thức" in html


def test_behind_export_names_unit_form_row_column_period(client_for, people):
    response = _behind(client_for("staff_u1"), form="3", row="I.female", xuat="xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert lines[0] == "Số liệu Biểu số 3-BTCTW: Trong đó: - Nữ"
    assert "Đơn vị: Đảng bộ huyện Một (U1)" in lines
    assert "Dòng: Trong đó: - Nữ (mã I.female)" in lines
    assert "Cột: Kỳ này" in lines
    assert "Kỳ báo cáo: năm 2023 (từ 01/01/2023 đến 31/12/2023)" in lines
    assert "Đặng Thị Bình" in lines and "Nguyễn Văn An" not in lines
    assert AuditEntry.objects.filter(action="forms.behind_export").count() == 1


def test_organizations_and_events_behind_figures(client_for, people, tree):
    from xaydungdang.members import actions

    actions.admit(person("M010", "Võ Thị Kim Ngân", gender="female"), tree["C2"], D(2023, 4, 2))
    client = client_for("staff_u1")
    html = _behind(client, form="2", row="III.1", column="current").content.decode()
    assert "Đảng bộ xã Một" in html and reverse("web:org_detail", args=["G1"]) in html
    html = _behind(client, form="2", row="I.female", column="current").content.decode()
    assert "Võ Thị Kim Ngân" in html and "02/04/2023" in html and "Kết nạp" in html
    html = _behind(client, form="1", row="B1", column="previous").content.decode()
    assert "Võ Thị Kim Ngân" not in html and "Cùng kỳ năm trước" in html


@pytest.mark.parametrize("fmt,magic", [("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_downloads_are_audited(client_for, people, fmt, magic):
    response = client_for("staff_u1").get(reverse("web:forms_download", args=[fmt]), _query(bieu="1"))
    assert response.status_code == 200
    assert response.content[:4].startswith(magic)
    assert "bieu-thong-ke-U1-2023" in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action=f"forms.{fmt}")
    assert entry.after["forms"] == ["1"] and entry.after["period"] == "2023"


def test_reconcile_sums_the_direct_children_and_names_the_gaps(client_for, people, tree):
    response = client_for("staff_p").get(reverse("web:forms_reconcile"), _query("P", bieu=["1", "3", "5"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đảng bộ huyện Hai; Đảng bộ huyện Một" in html  # the children, in Vietnamese order
    assert html.count('data-differing="0"') == 3
    row = re.search(r'data-code="D">(.*?)</tr>', html, re.S).group(1)
    assert ">6</a>" in row and "Đảng bộ huyện Một: 4" in row and "Đảng bộ huyện Hai: 2" in row
    # The average age is not additive.
    avg = re.search(r'data-code="II.2.avg">(.*?)</tr>', html, re.S).group(1)
    assert "Không so sánh" in avg
    # Gaps: nobody has an occupation in the fixture; the six members are named with their dossiers.
    assert 'data-gap-count="6"' in html
    assert reverse("web:member_detail", args=[people["em"].pk]) in html
    assert "Tổ chức cơ sở đảng chưa có loại hình cơ sở" in html
    assert AuditEntry.objects.filter(action="forms.reconcile").exists()


def test_reconcile_marks_transfers_of_a_district_as_not_comparable(client_for, people):
    html = client_for("staff_u1").get(reverse("web:forms_reconcile"), _query(bieu="1")).content.decode()
    row = re.search(r'data-code="C5">(.*?)</tr>', html, re.S).group(1)
    assert "Không so sánh" in row and "đơn vị nhà" in row
    row = re.search(r'data-code="D">(.*?)</tr>', html, re.S).group(1)
    assert "Không so sánh" not in row


def test_reconcile_shows_a_difference(client_for, people, tree):
    """A grassroots cell under the province admits a member, who then moves to C1, and the cell is
    dissolved before the year ends: the province counts the admission, no child at the year's end does."""
    from xaydungdang.members import actions
    from xaydungdang.organizations import actions as orgs

    gx = orgs.found("GX", "Chi bộ Công ty X", "grassroots_cell", tree["P"], D(2015, 1, 1))
    member = actions.admit(person("M020", "Đinh Văn Tư"), gx, D(2023, 2, 1))
    actions.transfer(member, tree["C1"], D(2023, 3, 1))
    orgs.dissolve(gx, D(2023, 4, 1))
    html = client_for("staff_p").get(reverse("web:forms_reconcile"), _query("P", bieu="1")).content.decode()
    assert 'data-differing="0"' not in html
    row = re.search(r'data-code="B1">(.*?)</tr>', html, re.S).group(1)
    assert "table-danger" in html.split('data-code="B1"')[0].rsplit("<tr", 1)[1]
    assert 'data-diff="1"' in row
    row = re.search(r'data-code="D">(.*?)</tr>', html, re.S).group(1)
    assert 'data-diff="0"' in row
