"""Issue 12 items 2 and 8 in the pages: organization pickers that know where the user stands,
Vietnamese order, the member filter by name, print styles and buttons, breadcrumbs, and the member
export's title lines and real dates."""

import datetime as dt
import io
import re
from pathlib import Path

from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.core.dates import today
from xaydungdang.core.formatting import date as fmt_date

D = dt.date
STATIC = Path(__file__).resolve().parents[1] / "static" / "web"


def _options(html: str, name: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of the <select name=...>."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        (value, label, "selected" in attrs)
        for value, attrs, label in re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', select)
    ]


def test_admission_cell_defaults_to_the_secretarys_cell_with_the_path_shown(client_for, tree):
    html = client_for("secretary_c1").get(reverse("web:member_admit")).content.decode()
    assert re.search(r'<select name="org" data-picker="org"', html)
    assert [(label, selected) for _v, label, selected in _options(html, "org")] == [
        ("— chọn —", False),
        ("Chi bộ ấp Một — Đảng bộ xã Một — Đảng bộ huyện Một", True),
    ]
    # A district clerk stands above the cells: no default, the cells in Vietnamese order (Hai before Một).
    html = client_for("staff_u1").get(reverse("web:member_admit")).content.decode()
    options = _options(html, "org")
    assert options[0] == ("", "— chọn —", True)
    assert [label.split(" — ")[0] for _v, label, _s in options[1:]] == ["Chi bộ ấp Hai", "Chi bộ ấp Một"]


def test_report_page_defaults_to_the_users_own_unit(client_for, tree):
    html = client_for("staff_u1").get(reverse("web:reports")).content.decode()
    options = _options(html, "to_chuc")
    assert [o for o in options if o[2]] == [("U1", "Đảng bộ huyện Một", True)]
    assert ("G1", "Đảng bộ xã Một — Đảng bộ huyện Một", False) in options
    assert 'data-picker="org"' in html
    # An explicit choice in the address wins.
    html = client_for("staff_u1").get(reverse("web:reports"), {"to_chuc": "G1"}).content.decode()
    assert [o[0] for o in _options(html, "to_chuc") if o[2]] == ["G1"]


def test_member_filter_takes_an_organization_by_name(client_for, people):
    client = client_for("staff_u1")
    page = client.get(reverse("web:member_list"), {"to_chuc": "xa mot"}).content.decode()
    for name in ("Nguyễn Văn An", "Đặng Thị Bình", "Lê Văn Dũng"):
        assert name in page
    assert 'data-label="Đảng bộ xã Một — Đảng bộ huyện Một"' not in page  # a name typed stays as typed
    page = client.get(reverse("web:member_list"), {"to_chuc": "G1"}).content.decode()
    assert 'data-label="Đảng bộ xã Một — Đảng bộ huyện Một"' in page  # a code shows as the name in the box
    page = client.get(reverse("web:member_list"), {"to_chuc": "chi bo ap"}).content.decode()
    assert "Có nhiều tổ chức khớp" in page and "Chi bộ ấp Hai — Đảng bộ xã Một" in page
    assert "Nguyễn Văn An" not in page
    # Outside the scope a name finds nothing, as a code does.
    page = client.get(reverse("web:member_list"), {"to_chuc": "truong tieu hoc"}).content.decode()
    assert "Không có tổ chức nào có tên hoặc mã" in page and "Phạm Thị Em" not in page


def test_org_pick_endpoint_is_scoped_and_accent_insensitive(client_for, tree):
    client = client_for("staff_u1")
    found = client.get(reverse("web:org_pick"), {"q": "ap mot"}).json()["results"]
    assert found == [
        {"value": "C1", "name": "Chi bộ ấp Một", "label": "Chi bộ ấp Một — Đảng bộ xã Một — Đảng bộ huyện Một"}
    ]
    assert client.get(reverse("web:org_pick"), {"q": "truong tieu hoc"}).json()["results"] == []
    assert client.get(reverse("web:org_pick"), {"q": ""}).json()["results"] == []
    admin = client_for("admin")
    assert [r["value"] for r in admin.get(reverse("web:org_pick"), {"q": "truong tieu hoc"}).json()["results"]] == [
        "GC"
    ]


def test_dashboard_children_and_annex_in_vietnamese_order(client_for, tree):
    from xaydungdang.indicators.engine import report_data
    from xaydungdang.organizations import actions as org_actions

    org_actions.found("U3", "Đảng bộ huyện Đại Ngãi", "upper", tree["P"], D(2015, 1, 1))
    org_actions.found("U4", "Đảng bộ huyện Long Phú", "upper", tree["P"], D(2015, 1, 1))
    expected = ["Đảng bộ huyện Đại Ngãi", "Đảng bộ huyện Hai", "Đảng bộ huyện Long Phú", "Đảng bộ huyện Một"]
    html = client_for("admin").get(reverse("web:org_detail", args=["P"])).content.decode()
    shown = [n for n in re.findall(r'<tr><td><a href="/to-chuc/U\d/">([^<]+)</a>', html)]
    assert shown == expected
    year = today().year - 1
    annex = report_data("P", D(year, 1, 1), D(year, 12, 31), previous=False, series=False)["annex"]
    assert [row["org"]["name"] for row in annex] == expected


def test_member_export_has_title_lines_and_real_dates(client_for, people):
    response = client_for("staff_u1").get(reverse("web:member_export"), {"to_chuc": "G1", "gender": "female"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH ĐẢNG VIÊN"
    assert rows[1][0] == "Đơn vị: Đảng bộ xã Một — Đảng bộ huyện Một"
    assert rows[2][0] == "Điều kiện lọc: Tình trạng: Đang sinh hoạt; Giới tính: Nữ"
    assert rows[3][0] == f"Ngày xuất: {fmt_date(today())} — 1 đảng viên"
    assert all(v is None for v in rows[4])
    assert rows[5][:4] == ("Số lý lịch", "Họ và tên", "Giới tính", "Ngày sinh")
    assert rows[6][1] == "Đặng Thị Bình"
    birth = sheet.cell(row=7, column=4)
    assert isinstance(birth.value, dt.datetime) and birth.value.date() == D(1985, 2, 3)
    assert birth.number_format == "DD/MM/YYYY"
    joined = sheet.cell(row=7, column=11)
    assert isinstance(joined.value, dt.datetime) and joined.number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A7"
    # Without an organization: the units of the user's role.
    rows = list(
        load_workbook(io.BytesIO(client_for("staff_u1").get(reverse("web:member_export")).content)).active.iter_rows(
            values_only=True
        )
    )
    assert rows[1][0] == "Đơn vị: Đảng bộ huyện Một" and rows[2][0] == "Điều kiện lọc: Tình trạng: Đang sinh hoạt"


def test_print_styles_and_print_buttons(client_for, people):
    css = (STATIC / "css" / "app.css").read_text()
    media = css[css.index("@media print") :]
    for rule in (".site-header", ".btn", ".print-title", "width: 100% !important", "table-header-group"):
        assert rule in media
    assert "window.print()" in (STATIC / "js" / "print.js").read_text()
    client = client_for("staff_u1")
    for url in (
        reverse("web:member_list"),
        reverse("web:member_detail", args=[people["an"].pk]),
        reverse("web:org_detail", args=["G1"]),
        reverse("web:activity_list", args=["lop-hoc"]),
    ):
        html = client.get(url).content.decode()
        assert "data-print hidden>In trang này</button>" in html, url
        assert '<p class="print-title">' in html and "/static/web/js/print.js" in html
    year = today().year - 1
    html = client.get(
        reverse("web:reports"), {"to_chuc": "G1", "kind": "annual", "tu": f"01/01/{year}", "den": f"31/12/{year}"}
    ).content.decode()
    assert "data-print hidden>In trang này</button>" in html


def test_breadcrumbs_on_the_dossier_and_its_forms(client_for, people):
    client = client_for("staff_u1")
    an = people["an"]
    html = client.get(reverse("web:member_detail", args=[an.pk])).content.decode()
    crumbs = re.search(r'<ol class="breadcrumb">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r">([^<>]+)</(?:a|li)>", crumbs) == [
        "Đảng bộ huyện Một",
        "Đảng bộ xã Một",
        "Chi bộ ấp Một",
        "Nguyễn Văn An",
    ]
    html = client.get(reverse("web:member_edit", args=[an.pk])).content.decode()
    crumbs = re.search(r'<ol class="breadcrumb">(.*?)</ol>', html, re.S).group(1)
    assert f'href="{reverse("web:member_detail", args=[an.pk])}">Nguyễn Văn An</a>' in crumbs
    assert 'aria-current="page">Sửa hồ sơ</li>' in crumbs
    html = client.get(reverse("web:org_update", args=["G1"])).content.decode()
    assert '<a href="/to-chuc/G1/">Đảng bộ xã Một</a>' in html


def test_activity_filter_and_role_forms_take_an_organization_by_name(client_for, tree, users):
    import pytest
    from django.core.exceptions import ValidationError

    from xaydungdang.accounts.forms import org_in_scope
    from xaydungdang.activities import actions as activities
    from xaydungdang.core.access import CHANGE

    values = {"kind": "other", "participants": 3, "started_on": D(2023, 5, 1), "ended_on": None}
    activities.record_class(values | {"org_id": tree["G1"].id, "title": "Lớp của xã"})
    activities.record_class(values | {"org_id": tree["U1"].id, "title": "Lớp của huyện"})
    client = client_for("staff_u1")
    page = client.get(reverse("web:activity_list", args=["lop-hoc"]), {"to_chuc": "xa mot"}).content.decode()
    assert "Lớp của xã" in page and "Lớp của huyện" not in page
    assert 'data-picker-url="/chon-to-chuc/"' in page
    page = client.get(reverse("web:activity_list", args=["lop-hoc"]), {"to_chuc": "chi bo ap"}).content.decode()
    assert "Có nhiều tổ chức khớp “chi bo ap”" in page and "Lớp của xã" not in page
    # Roles and the audit filter: a name works as the code does, within the user's scope.
    assert org_in_scope(users["staff_u1"], "xa mot", CHANGE) == tree["G1"]
    assert org_in_scope(users["staff_u1"], "G1", CHANGE) == tree["G1"]
    with pytest.raises(ValidationError, match="Có nhiều tổ chức khớp"):
        org_in_scope(users["staff_u1"], "chi bo ap", CHANGE)
    with pytest.raises(ValidationError, match="Không có tổ chức"):
        org_in_scope(users["staff_u1"], "truong tieu hoc", CHANGE)


def test_member_boxes_search_by_name_within_the_scope(client_for, people):
    from xaydungdang.reviews.models import Screening

    client = client_for("staff_u1")
    found = client.get(reverse("web:member_pick"), {"q": "dang thi binh"}).json()["results"]
    assert found == [{"value": "M002", "name": "Đặng Thị Bình", "label": "Đặng Thị Bình — M002 · Chi bộ ấp Một"}]
    assert client.get(reverse("web:member_pick"), {"q": "M002"}).json()["results"][0]["value"] == "M002"
    assert client.get(reverse("web:member_pick"), {"q": "pham thi em"}).json()["results"] == []  # GC: outside
    viewer = client_for("viewer_u1")
    assert viewer.get(reverse("web:member_pick"), {"q": "binh"}).json()["results"][0]["value"] == "M002"
    assert viewer.get(reverse("web:member_pick"), {"q": "binh", "quyen": "ghi"}).json()["results"] == []
    # A recording form: the box completes from the endpoint; a name typed without choosing works when
    # it names one member, and several are refused under the field.
    client = client_for("staff_u1")
    page = client.get(reverse("web:activity_new", args=["sang-loc"])).content.decode()
    assert 'data-picker-url="/chon-dang-vien/?quyen=ghi"' in page
    response = client.post(
        reverse("web:activity_new", args=["sang-loc"]), {"member_no": "dang thi binh", "listed_on": "01/02/2024"}
    )
    assert response.status_code == 302
    assert Screening.objects.get().member == people["binh"]
    response = client.post(
        reverse("web:activity_new", args=["sang-loc"]), {"member_no": "van", "listed_on": "01/02/2024"}
    )
    assert "Có nhiều đảng viên tên “van”" in response.content.decode()


def test_breadcrumbs_on_an_organizations_alerts(client_for, people):
    html = client_for("staff_u1").get(reverse("web:alerts"), {"to_chuc": "G1"}).content.decode()
    crumbs = re.search(r'<ol class="breadcrumb">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r">([^<>]+)</(?:a|li)>", crumbs) == ["Đảng bộ huyện Một", "Đảng bộ xã Một", "Cảnh báo"]
