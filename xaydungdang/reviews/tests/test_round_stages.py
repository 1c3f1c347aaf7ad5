"""The round page with periods, the three stages and the not-rated (issue 16 item 2), the import of
a round from XLSX (all or nothing, row and column named) and the quality forms as XLSX."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.core.dates import today
from xaydungdang.reviews.models import Rating
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
Y = today().year - 1  # a past year: 366 from 2025 on (the tests run from 2026)


def _url(period, name="web:rating_round", code="C1"):
    return reverse(name, args=[code]) + f"?ky={period}"


def test_round_with_stages_and_not_rated(client_for, people):
    an, binh, chau = people["an"], people["binh"], people["chau"]
    client = client_for("secretary_c1")
    page = client.get(_url(Y)).content.decode()
    assert "Thang điểm 100 (366-QĐ/TW)" in page and f'name="tdg_diem_{an.id}"' in page and "Không xếp loại" in page
    response = client.post(
        _url(Y),
        {
            "ngay_tdg": f"05/12/{Y}",
            "ngay_de": f"10/12/{Y}",
            "ngay_qd": f"20/12/{Y}",
            f"tdg_diem_{an.id}": "88",
            f"de_diem_{an.id}": "82",
            f"diem_{an.id}": "80",
            f"diem_{binh.id}": "45",
            f"kxl_{chau.id}": "exempt",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?ky={Y}")
    a = Rating.objects.get(subject_member=an, year=Y)
    assert (a.level, a.score, a.self_score, a.proposed_score, a.ruleset) == ("good", 80, 88, 82, "rating_366")
    assert (a.self_on.day, a.proposed_on.day, a.decided_on.day) == (5, 10, 20)
    assert Rating.objects.get(subject_member=binh, year=Y).level == "incomplete"
    assert Rating.objects.get(subject_member=chau, year=Y).not_rated == "exempt"
    page = client.get(_url(Y)).content.decode()
    assert "không xếp loại — Được miễn công tác, sinh hoạt đảng" in page


def test_quarter_before_366_has_no_score_boxes_and_a_bad_period_is_said(client_for, people):
    client = client_for("secretary_c1")
    page = client.get(_url("2025-Q2")).content.decode()
    assert "quý 2 năm 2025" in page and "124-QĐ/TW" in page and "tdg_diem_" not in page
    an = people["an"]
    assert client.post(_url("2025-Q2"), {f"muc_{an.id}": "good"}).status_code == 302
    assert Rating.objects.get(subject_member=an, period="2025-Q2").ruleset == "rating_124"
    page = client.get(reverse("web:rating_round", args=["C1"]) + "?ky=2025-Q9").content.decode()
    assert "Kỳ đánh giá &quot;2025-Q9&quot; không hợp lệ" in page


def test_mismatch_goes_under_the_row(client_for, people):
    an = people["an"]
    client = client_for("secretary_c1")
    html = client.post(_url(Y), {f"muc_{an.id}": "excellent", f"diem_{an.id}": "75"}).content.decode()
    row = html[html.index(f'id="muc_{an.id}"') :]
    assert row.index("không khớp với điểm 75") < row.index("</tr>")
    assert not Rating.objects.exists()


def _workbook(client, rows):
    content = client.get(_url(Y, "web:rating_round_import") + "&mau=1").content
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    headers = [c.value for c in sheet[2]]
    by_no = {sheet.cell(row=r, column=1).value: r for r in range(3, sheet.max_row + 1)}
    for no, values in rows.items():
        for header, value in values.items():
            sheet.cell(row=by_no[no], column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "dot.xlsx"
    return out, by_no


def test_import_round_all_or_nothing(client_for, people):
    client = client_for("secretary_c1")
    bad, by_no = _workbook(
        client,
        {
            "M001": {"Cấp ủy quyết định: điểm": 80, "Tự đánh giá: điểm": 85, "Ngày quyết định": f"20/12/{Y}"},
            "M002": {"Cấp ủy quyết định: điểm": 75, "Cấp ủy quyết định: mức": "Hoàn thành xuất sắc nhiệm vụ"},
            "M003": {"Cấp ủy quyết định: điểm": "tám mươi"},
        },
    )
    html = client.post(_url(Y, "web:rating_round_import"), {"tep": bad}).content.decode()
    assert f"Dòng {by_no['M003']}, cột “Cấp ủy quyết định: điểm”" in html
    assert not Rating.objects.exists()
    bad, by_no = _workbook(
        client,
        {
            "M001": {"Cấp ủy quyết định: điểm": 80},
            "M002": {"Cấp ủy quyết định: điểm": 75, "Cấp ủy quyết định: mức": "Hoàn thành xuất sắc nhiệm vụ"},
        },
    )
    html = client.post(_url(Y, "web:rating_round_import"), {"tep": bad}).content.decode()
    assert f"Dòng {by_no['M002']}, cột “Cấp ủy quyết định: mức”: Mức “Hoàn thành xuất sắc nhiệm vụ” không khớp" in html
    assert not Rating.objects.exists()
    good, _ = _workbook(
        client,
        {
            "M001": {"Cấp ủy quyết định: điểm": 80, "Tự đánh giá: điểm": 85, "Ngày quyết định": f"20/12/{Y}"},
            "M002": {"Cấp ủy quyết định: mức": "2"},
            "M003": {"Không xếp loại: lý do": "đình chỉ"},
        },
    )
    assert client.post(_url(Y, "web:rating_round_import"), {"tep": good}).status_code == 302
    got = {r.subject_member.member_no: (r.level, r.score, r.not_rated) for r in Rating.objects.all()}
    assert got == {"M001": ("good", 80, ""), "M002": ("good", None, ""), "M003": ("", None, "suspended")}


def test_quality_forms_xlsx(client_for, people):
    client = client_for("secretary_c1")
    client.post(_url(Y), {f"diem_{people['an'].id}": "30", f"diem_{people['binh'].id}": "72"})
    response = client.get(_url(Y, "web:rating_quality_xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    text = "\n".join(str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row if v)
    assert f"Kỳ đánh giá: năm {Y}" in text and "CHẤT LƯỢNG ĐẢNG VIÊN" in text
    assert "Lý do không hoàn thành nhiệm vụ" in text
