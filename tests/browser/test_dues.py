"""A newcomer records a month of dues for a cell in the browser (issue 16): finds the cell's
dues book from the navigation, fills the amounts from the keyboard, saves, sees the ledger."""

import datetime as dt

import pytest

from tests.browser.conftest import grid_ready, login, screenshot

pytestmark = pytest.mark.browser
D = dt.date


@pytest.mark.slow
def test_newcomer_records_a_month_of_dues(page, live_server, province):
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.dues import actions
    from xaydungdang.dues.models import DuesPayment

    made = province["members"]
    an, binh, chau = made["ST0001"], made["ST0002"], made["ST0003"]
    with acting_as(Actor(via="test")):
        for member, category, base in (
            (an, "salaried", 8_000_000),
            (binh, "pensioner", 6_000_000),
            (chau, "student", None),
        ):
            actions.record_base(
                {"member_id": member.id, "category": category, "base": base, "valid_from": D(2026, 1, 1)}
            )
    base_url = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    login(page, base_url, "canbo_phuong1")
    page.get_by_role("link", name="Đảng phí", exact=True).click()
    page.get_by_label("Mã chi bộ, tổ chức đảng").fill("ST.TP.P1.K1")
    page.get_by_role("button", name="Mở sổ đảng phí").click()
    month = dt.date.today().replace(day=1)
    assert page.get_by_role("heading", name=f"Đảng phí tháng {month:%m/%Y}").is_visible()
    # Under 01-QĐ/TW: 1% of 8.000.000, 0,5% of 6.000.000, a student's 5.000 đ.
    row_an = page.get_by_role("row").filter(has_text="Nguyễn Văn An")
    assert "80.000" in row_an.inner_text()

    # Keyboard: Enter moves down the amounts column.
    grid_ready(page)
    page.get_by_label("Số tiền nộp của Nguyễn Văn An").focus()
    page.keyboard.type("80000")
    page.keyboard.press("Enter")
    amounts = page.evaluate("() => [...document.querySelectorAll('input[id^=\"tien_\"]')].map(x => x.id)")
    assert page.evaluate("document.activeElement.id") == amounts[amounts.index(f"tien_{an.id}") + 1]
    page.get_by_label("Số tiền nộp của Đặng Thị Bình").focus()
    page.keyboard.type("30.000")
    # The rest from the "fill what is owed" button, then Châu is taken out again (she has not paid).
    page.get_by_role("button", name="Điền số còn phải đóng vào các dòng trống").click()
    assert page.get_by_label("Số tiền nộp của Trần Minh Châu").input_value() == "5000"
    page.get_by_label("Số tiền nộp của Trần Minh Châu").fill("")
    page.get_by_label("Số biên lai của Nguyễn Văn An").fill("BL-001")
    page.get_by_label("Số biên lai của Đặng Thị Bình").fill("BL-002")
    screenshot(page, "dang-phi-chi-bo")
    page.get_by_role("button", name=f"Ghi đảng phí tháng {month:%m/%Y}").click()

    assert page.get_by_text("Đã ghi 2 khoản đảng phí").is_visible()
    assert "BL BL-001: 80.000" in page.get_by_role("row").filter(has_text="Nguyễn Văn An").inner_text()
    paid = dict(DuesPayment.objects.values_list("member_id", "amount"))
    assert paid == {an.id: 80_000, binh.id: 30_000}
    # The member's dossier shows the month.
    page.get_by_role("link", name="Nguyễn Văn An").click()
    assert page.locator("#dang-phi").get_by_text(f"{month:%m/%Y}").is_visible()
    assert errors == []
