"""Dues pages: a cell's month entered at once, the portal statement import (matched, unmatched,
bad rows: nothing written), the dossier panel, the yearly report, scope."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from xaydungdang.dues import actions, portal
from xaydungdang.dues.models import DuesPayment

D = dt.date
pytestmark = pytest.mark.django_db
HEADER = ["Số lý lịch", "Số định danh cá nhân", "Họ và tên", "Tháng", "Số tiền", "Ngày nộp", "Mã giao dịch"]


@pytest.fixture
def bases(people):
    for key, category, amount in (("an", "salaried", 8_000_000), ("binh", "pensioner", 6_000_000)):
        actions.record_base(
            {"member_id": people[key].id, "category": category, "base": amount, "valid_from": D(2026, 1, 1)}
        )
    actions.record_base({"member_id": people["chau"].id, "category": "student", "valid_from": D(2026, 1, 1)})
    return people


def test_a_cell_enters_a_month_at_once(client_for, tree, bases):
    client = client_for("secretary_c1")
    url = "/to-chuc/C1/dang-phi/?thang=2026-03"
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đảng phí tháng 03/2026" in text and "80.000" in text and "30.000" in text and "5.000" in text
    an, binh = bases["an"], bases["binh"]
    bad = client.post(url, {"ngay_nop": "20/03/2026", f"tien_{an.id}": "80.000", f"tien_{binh.id}": "ba mươi"})
    assert bad.status_code == 200 and "không hợp lệ" in bad.content.decode()
    assert not DuesPayment.objects.exists()
    done = client.post(
        url,
        {"ngay_nop": "20/03/2026", f"tien_{an.id}": "80.000", f"bienlai_{an.id}": "BL-01", f"tien_{binh.id}": "30000"},
    )
    assert done.status_code == 302
    rows = {p.member_id: p for p in DuesPayment.objects.all()}
    assert set(rows) == {an.id, binh.id} and rows[an.id].amount == 80_000 and rows[an.id].receipt_no == "BL-01"
    assert rows[an.id].paid_on == D(2026, 3, 20) and rows[an.id].channel == "cash"
    assert rows[an.id].cell_id == tree["C1"].id
    after = client.get(url).content.decode()
    assert "BL BL-01: 80.000" in after
    # The dossier's panel shows the month.
    dossier = client.get(f"/dang-vien/{an.id}/").content.decode()
    assert 'id="dang-phi"' in dossier and "03/2026" in dossier and "Hưởng lương" in dossier


def test_only_those_who_record_for_the_cell_may_enter(client_for, bases):
    an = bases["an"]
    viewer = client_for("viewer_u1")
    assert viewer.get("/to-chuc/C1/dang-phi/?thang=2026-03").status_code == 200
    refused = viewer.post("/to-chuc/C1/dang-phi/?thang=2026-03", {"ngay_nop": "20/03/2026", f"tien_{an.id}": "1"})
    assert refused.status_code == 403
    assert client_for("staff_u2").get("/to-chuc/C1/dang-phi/").status_code == 404
    assert not DuesPayment.objects.exists()


def test_bad_month_falls_back_with_a_message(client_for, bases):
    page = client_for("secretary_c1").get("/to-chuc/C1/dang-phi/?thang=2026-13", follow=True)
    assert page.status_code == 200 and "không hợp lệ" in page.content.decode()


def statement(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(["Sao kê đảng phí"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "sao-ke.xlsx"
    return out


def test_portal_statement_matched_unmatched_and_bad_rows(client_for, users, bases):
    an = bases["an"]
    good = [
        ["M001", "", "Nguyễn Văn An", "2026-03", 80_000, "05/03/2026", "GD001"],
        ["", "012345678901", "", "2026-04", 80_000, D(2026, 4, 5), "GD002"],  # matched by national ID
        ["M002", "", "Đặng Thị Bình", "03/2026", "30.000", "2026-03-06", "GD003"],
        ["M999", "", "Người Lạ", "2026-03", 10_000, "05/03/2026", "GD004"],  # unknown
        ["M003", "", "Trần Văn Khác", "2026-03", 5_000, "05/03/2026", "GD005"],  # name differs
        ["M004", "", "Lê Văn Dũng", "2026-03", 6_000, "05/03/2026", "GD006"],  # outside C1's scope
    ]
    found = portal.read_statement(statement(good), users["secretary_c1"])
    assert found.ok
    assert [ln.values["transaction_id"] for ln in found.matched] == ["GD001", "GD002", "GD003"]
    assert [ln.row for ln in found.unmatched] == [6, 7, 8]
    assert "họ tên khác" in found.unmatched[1].problem
    # A bad row: nothing is written, each error names its row and column.
    bad = good + [["M001", "", "", "tháng ba", -5, "32/13/2026", ""]]
    client = client_for("secretary_c1")
    page = client.post("/to-chuc/C1/dang-phi/nhap-sao-ke/", {"tep": statement(bad), "ghi": "1"})
    text = page.content.decode()
    assert page.status_code == 200 and not DuesPayment.objects.exists()
    for column in ("cột Tháng", "cột Số tiền", "cột Ngày nộp", "cột Mã giao dịch"):
        assert f"Dòng 9, {column}" in text
    # The clean statement is written (matched rows only), through the portal channel.
    page = client.post("/to-chuc/C1/dang-phi/nhap-sao-ke/", {"tep": statement(good), "ghi": "1"})
    assert page.status_code == 200 and "Đã ghi 3 khoản" in page.content.decode()
    assert sorted(DuesPayment.objects.values_list("transaction_id", flat=True)) == ["GD001", "GD002", "GD003"]
    assert DuesPayment.objects.get(transaction_id="GD002").member_id == an.id
    assert set(DuesPayment.objects.values_list("channel", flat=True)) == {"portal"}
    # Imported again: already recorded, nothing doubled.
    again = portal.read_statement(statement(good), users["secretary_c1"])
    assert len(again.already) == 3 and not again.matched
    assert DuesPayment.objects.count() == 3


def test_statement_without_the_columns(users, bases):
    book = Workbook()
    book.active.append(["Tên", "Tiền"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    found = portal.read_statement(out, users["secretary_c1"])
    assert not found.ok and "tiêu đề" in found.errors[0]
    assert not portal.read_statement(io.BytesIO(b"not a workbook"), users["secretary_c1"]).ok


def test_yearly_report_download(client_for, bases):
    actions.record_payment(
        {"member_id": bases["an"].id, "month": D(2026, 3, 1), "amount": 80_000, "paid_on": D(2026, 3, 5)}
    )
    actions.record_base({"member_id": bases["dung"].id, "category": "other", "valid_from": D(2026, 1, 1)})
    response = client_for("staff_u1").get("/to-chuc/G1/dang-phi/bao-cao.xlsx?nam=2026")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["C1"][4] == 80_000 and rows["C1"][6] == 24_000 and rows["C1"][7] == 56_000
    assert rows["C2"][3] == 12 * 6_000
    assert rows[None][1] == "Tổng cộng" and rows[None][4] == 80_000


def test_index_and_navigation(client_for, bases):
    client = client_for("secretary_c1")
    page = client.get("/dang-phi/").content.decode()
    assert "/to-chuc/C1/dang-phi/" in page and 'href="/dang-phi/"' in page
    assert client.get("/dang-phi/?to_chuc=C1").status_code == 302


def test_a_dues_base_from_the_dossier(client_for, people):
    from xaydungdang.dues.models import DuesBase

    an = people["an"]
    client = client_for("secretary_c1")
    assert f"/dang-vien/{an.id}/dang-phi/" in client.get(f"/dang-vien/{an.id}/").content.decode()
    url = f"/dang-vien/{an.id}/dang-phi/"
    bad = client.post(url, {"category": "salaried", "base": "", "valid_from": "01/03/2026", "reduction_pct": "0"})
    assert bad.status_code == 200 and "cần căn cứ tính" in bad.content.decode()
    done = client.post(
        url, {"category": "salaried", "base": "7500000", "valid_from": "01/03/2026", "reduction_pct": "30"}
    )
    assert done.status_code == 302
    row = DuesBase.objects.get()
    assert (row.base, row.reduction_pct, row.valid_from, row.exempt) == (7_500_000, 30, D(2026, 3, 1), False)
    client.post(url, {"category": "pensioner", "base": "4000000", "valid_from": "01/05/2026", "exempt_reason": "poor"})
    assert DuesBase.objects.filter(exempt=True, exempt_reason="poor").count() == 1
    assert client_for("staff_u2").get(url).status_code == 404
