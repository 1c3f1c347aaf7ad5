"""What a new member of committee staff does on the first day, in a real browser."""

import datetime as dt
import re

import pytest

from tests.browser.conftest import login, pick, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.slow
def test_newcomer_path(page, live_server, province):
    base = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    login(page, base, "canbo_tinh")
    # Home is the province's dashboard.
    assert page.get_by_role("heading", name="Đảng bộ tỉnh Sóc Trăng").is_visible()
    total = page.locator('[data-key="members.total"]')
    assert total.inner_text() == "7"
    screenshot(page, "dashboard-tinh")

    # The organization tree, then a commune.
    page.get_by_role("link", name="Tổ chức đảng", exact=True).click()
    page.get_by_label("Tìm theo tên hoặc mã").fill("phuong 1")
    page.get_by_role("button", name="Xem").click()
    assert page.locator("mark", has_text="Đảng bộ Phường 1").is_visible()
    screenshot(page, "cay-to-chuc")

    # Find a member typing without diacritics.
    page.get_by_placeholder("Tìm đảng viên…").fill("dang thi binh")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Đặng Thị Bình").click()
    assert page.get_by_role("heading", name="Đặng Thị Bình").is_visible()
    assert "•••" in page.locator("#so-dinh-danh").inner_text()
    screenshot(page, "ho-so-dang-vien")

    # Record an admission in Chi bộ Khóm 1.
    page.goto(base + "/to-chuc/ST.TP.P1.K1/")
    page.get_by_role("link", name="Kết nạp đảng viên").click()
    today = dt.date.today()
    page.get_by_label("Ngày kết nạp").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Số lý lịch").fill("ST0100")
    page.get_by_label("Họ và tên").fill("Võ Thị Kim Ngân")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Ngày sinh").fill("12/08/2001")
    page.get_by_label("Dân tộc").fill("Kinh")
    screenshot(page, "form-ket-nap")
    page.get_by_role("button", name="Ghi").click()
    assert page.get_by_role("heading", name="Võ Thị Kim Ngân").is_visible()
    assert page.get_by_text("Đã ghi kết nạp đảng viên").is_visible()

    # The count changed on the province dashboard.
    page.goto(base + "/to-chuc/ST/")
    assert page.locator('[data-key="members.total"]').inner_text() == "8"
    assert page.locator('[data-key="admissions.total"]').inner_text() == "1"

    # The annual report: read it in the page, then download it.
    page.get_by_role("link", name="Báo cáo").first.click()
    pick(page, "Tổ chức đảng", "tinh soc trang", "Đảng bộ tỉnh Sóc Trăng")
    page.get_by_label("Từ ngày").fill(f"01/01/{today.year}")
    page.get_by_label("Đến ngày").fill(f"31/12/{today.year}")
    page.get_by_role("button", name="Xem báo cáo").click()
    # The report is computed on the server: wait for it (a loaded machine takes seconds), then check it.
    page.locator("article.xdd-report").wait_for(state="visible", timeout=60_000)
    assert page.locator("article.xdd-report").is_visible()
    screenshot(page, "bao-cao")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Word (DOCX)").click()
    download = info.value
    assert re.search(r"\.docx$", download.suggested_filename)
    with open(download.path(), "rb") as fh:
        assert fh.read(2) == b"PK"
    assert errors == []


def test_bad_form_shows_vietnamese_message(page, live_server, province):
    base = live_server.url
    login(page, base, "canbo_phuong1")
    page.goto(base + "/dang-vien/ket-nap/")
    page.get_by_label("Ngày kết nạp").fill("31/02/2024")
    page.get_by_role("button", name="Ghi").click()
    assert page.get_by_text("Cần nhập họ và tên.").is_visible()
    assert page.get_by_text("Ngày không có thật: 31/02/2024.").is_visible()  # a real format, no such day
    screenshot(page, "form-loi")


def test_commune_user_cannot_open_other_commune_member(page, live_server, province):
    base = live_server.url
    other = province["members"]["ST0005"]  # Lạc Hòa, Vĩnh Châu
    own = province["members"]["ST0001"]  # Phường 1
    login(page, base, "canbo_phuong1")
    response = page.goto(f"{base}/dang-vien/{other.pk}/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Không tìm thấy").is_visible()
    response = page.goto(f"{base}/dang-vien/{own.pk}/")
    assert response.status == 200
    response = page.goto(f"{base}/api/members/{other.pk}/")
    assert response.status == 404
    page.goto(base + "/dang-vien/?q=thach so phol")
    assert page.get_by_text("Không có đảng viên nào khớp điều kiện lọc.").is_visible()


def test_phone_layout_and_keyboard(page, live_server, province):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "canbo_lachoa")
    # Skip link is the first thing a keyboard user reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Bỏ qua điều hướng")
    page.get_by_role("button", name="Mở menu").click()
    assert page.get_by_role("link", name="Đảng viên", exact=True).is_visible()
    screenshot(page, "dien-thoai")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
