"""The dossier offers the events that fit the member (issue 12 item 5), in a real browser: an
official member is not offered recognition; a transfer out is recorded with its destination, letter
and note, the timeline shows them, and afterwards only the return is offered."""

import pytest

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser


def offered(tab) -> list[str]:
    return tab.locator("a[data-event]").evaluate_all("links => links.map(a => a.textContent.trim())")


def test_the_dossier_offers_what_fits_and_the_transfer_reads_in_full(page, live_server, province):
    member = province["members"]["ST0001"]
    login(page, live_server.url, "canbo_phuong1")
    page.goto(f"{live_server.url}/dang-vien/{member.pk}/")
    buttons = offered(page)
    assert "Công nhận đảng viên chính thức" not in buttons  # official since 2006
    assert "Chuyển sinh hoạt đi (ra ngoài hệ thống)" in buttons and "Phục hồi đảng tịch" not in buttons
    page.get_by_role("link", name="Chuyển sinh hoạt đi (ra ngoài hệ thống)").click()
    page.get_by_label("Ngày chuyển").fill("05/03/2024")
    page.get_by_label("Nơi chuyển đến (ngoài hệ thống)").fill("Đảng ủy xã An Bình, TP. Cần Thơ")
    page.get_by_label("Số giấy giới thiệu").fill("12-GGT/ĐU")
    page.get_by_label("Ngày giấy giới thiệu").fill("31/02/2024")
    page.get_by_label("Ghi chú").fill("Theo đơn xin chuyển.")
    page.get_by_role("button", name="Ghi", exact=True).click()
    assert page.get_by_text("Ngày không có thật: 31/02/2024.").is_visible()  # under its field
    page.get_by_label("Ngày giấy giới thiệu").fill("01/03/2024")
    page.get_by_role("button", name="Ghi", exact=True).click()
    page.wait_for_url(f"**/dang-vien/{member.pk}/")
    timeline = page.locator("ol.timeline").last.inner_text()
    assert "đến Đảng ủy xã An Bình, TP. Cần Thơ" in timeline
    assert "giấy giới thiệu số 12-GGT/ĐU ngày 01/03/2024" in timeline and "Ghi chú: Theo đơn xin chuyển." in timeline
    assert "Số dư đầu kỳ" not in timeline and "01/01/2005 — Kết nạp" in timeline
    assert offered(page) == ["Chuyển sinh hoạt đến (trở lại)"]
    screenshot(page, "dossier-after-transfer-out")
