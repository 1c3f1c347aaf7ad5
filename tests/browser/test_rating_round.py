"""A newcomer runs a rating round for a cell in the browser (issue 16): from the cell's page to the
round, chooses the period, types the scores from the keyboard (Enter moves down the column), marks
one member not rated with a reason, saves, and sees the results and the levels derived from them."""

import datetime as dt

import pytest

from tests.browser.conftest import grid_ready, login, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.slow
def test_newcomer_runs_a_rating_round(page, live_server, province):
    from xaydungdang.reviews.models import Rating

    made = province["members"]
    an, binh, chau = made["ST0001"], made["ST0002"], made["ST0003"]
    year = dt.date.today().year - 1
    base = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    login(page, base, "canbo_phuong1")
    page.goto(base + "/to-chuc/ST.TP.P1.K1/")
    page.get_by_role("link", name="Ghi xếp loại cả chi bộ").click()
    page.get_by_label("Kỳ đánh giá").select_option(str(year))
    page.get_by_role("button", name="Xem").click()
    assert page.get_by_role("heading", name=f"Xếp loại chất lượng đảng viên năm {year}").is_visible()
    assert page.get_by_text("Thang điểm 100 (366-QĐ/TW)").is_visible()

    page.get_by_label("Ngày quyết định").fill(f"20/12/{year}")
    # Self-assessment scores down the first column, from the keyboard.
    grid_ready(page)
    page.get_by_label("Tự đánh giá: điểm của Nguyễn Văn An").focus()
    page.keyboard.type("92")
    page.keyboard.press("Enter")
    page.keyboard.type("75")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"tdg_diem_{chau.id}"
    # The committee's decision: scores, the level derived by the system.
    page.get_by_label("Cấp ủy quyết định: điểm của Nguyễn Văn An").focus()
    page.keyboard.type("85")
    page.keyboard.press("Enter")
    page.keyboard.type("45")
    page.get_by_label("Lý do không xếp loại Trần Minh Châu").select_option("suspended")
    screenshot(page, "xep-loai-ca-chi-bo")
    page.get_by_role("button", name="Ghi xếp loại cả chi bộ").click()

    assert page.get_by_text(f"Đã ghi xếp loại chất lượng năm {year} cho 3 đảng viên").is_visible()
    assert page.get_by_text("Đã ghi: Hoàn thành tốt nhiệm vụ (85 điểm); tự đánh giá: — (92)").is_visible()
    assert page.get_by_text("Đã ghi: Không hoàn thành nhiệm vụ (45 điểm)").is_visible()
    assert page.get_by_text("không xếp loại — Đang bị đình chỉ sinh hoạt đảng").is_visible()
    got = {r.subject_member_id: (r.level, r.score, r.not_rated) for r in Rating.objects.filter(year=year)}
    assert got == {an.id: ("good", 85, ""), binh.id: ("incomplete", 45, ""), chau.id: ("", None, "suspended")}
    assert not errors
