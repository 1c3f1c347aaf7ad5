"""Issue 13, "done when": a newcomer writes, submits, collects and issues a term report for a
commune and its province in the browser (the report workspace, /bao-cao/ho-so/)."""

import datetime as dt
import io
import re

import pytest

from tests.browser.conftest import ARGS, login, screenshot  # noqa: F401

pytestmark = pytest.mark.browser


def _form(tab, heading: str):
    return tab.locator("form", has=tab.get_by_role("heading", name=heading))


@pytest.mark.slow
def test_term_report_written_submitted_collected_and_issued(browser, page, live_server, province):
    from docx import Document

    base = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    today = dt.date.today()

    # The province asks its commune for a term report.
    login(page, base, "canbo_tinh")
    page.get_by_role("link", name="Hồ sơ báo cáo", exact=True).first.click()
    send = _form(page, "Gửi yêu cầu báo cáo cho đơn vị trực thuộc")
    send.get_by_label("Loại báo cáo").select_option("term")
    send.get_by_label("Từ ngày").fill("01/10/2020")
    send.get_by_label("Đến ngày").fill("30/09/2025")
    send.get_by_label(re.compile("Đảng bộ xã Lạc Hòa")).check()
    send.get_by_label("Hạn nộp").fill((today + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    send.get_by_label("Hướng dẫn").fill("Nêu rõ bài học kinh nghiệm của nhiệm kỳ.")
    send.get_by_role("button", name="Gửi yêu cầu").click()
    assert page.get_by_text("Đã gửi yêu cầu báo cáo cho 1 đơn vị").is_visible()
    assert page.get_by_role("cell", name="Chưa nộp").is_visible()
    request_url = page.url

    # The commune's staff see it on /bao-cao/, write their report, submit it and issue it.
    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
    commune = other.new_page()
    commune.set_default_timeout(20000)
    login(commune, base, "canbo_lachoa")
    commune.goto(base + "/bao-cao/")
    assert commune.get_by_role("heading", name="Yêu cầu báo cáo của cấp trên").is_visible()
    commune.get_by_role("link", name="Mở hồ sơ báo cáo").click()
    commune.get_by_role("button", name="Soạn báo cáo").click()
    assert commune.get_by_text("Nêu rõ bài học kinh nghiệm của nhiệm kỳ.").is_visible()
    commune.get_by_label("Đánh giá chung").fill("Đảng bộ xã hoàn thành tốt nhiệm vụ nhiệm kỳ.")
    commune.get_by_label("Bài học kinh nghiệm").fill("Phát huy vai trò của chi bộ ấp trong vùng đồng bào Khmer.")
    commune.get_by_label("Kết nạp đảng viên mới (đảng viên)").fill("3")
    commune.get_by_role("button", name="Lưu dự thảo").click()
    assert commune.get_by_text("Đã lưu dự thảo (lần lưu thứ 1)").is_visible()
    commune.get_by_role("button", name="Nộp báo cáo lên Đảng bộ tỉnh Sóc Trăng").click()
    assert commune.get_by_text("Đã nộp báo cáo lên Đảng bộ tỉnh Sóc Trăng").is_visible()
    issue = _form(commune, "Ban hành")
    issue.get_by_label("Số báo cáo").fill("15")
    issue.get_by_role("button", name="Ban hành báo cáo").click()
    assert commune.get_by_text("Đã ban hành báo cáo số 15").is_visible()
    screenshot(commune, "bao-cao-xa-ban-hanh")
    other.close()

    # The province sees who submitted, reads the text beside its own figures, pulls a passage.
    page.goto(request_url)
    assert page.get_by_role("cell", name="Đã nộp", exact=True).is_visible()
    assert page.get_by_text("Phát huy vai trò của chi bộ ấp").first.is_visible()
    assert page.get_by_role("cell", name="Tổng số đảng viên").is_visible()
    page.get_by_role("button", name="Mở dự thảo báo cáo của Đảng bộ tỉnh Sóc Trăng").click()
    assert page.get_by_role("heading", name=re.compile("Báo cáo nhiệm kỳ của Đảng bộ tỉnh Sóc Trăng")).is_visible()
    page.goto(request_url)
    lessons = page.locator("form", has=page.get_by_text("Phát huy vai trò của chi bộ ấp"))
    lessons.get_by_role("button", name="Đưa vào dự thảo").click()
    assert page.get_by_text("Đã đưa đoạn trích của Đảng bộ xã Lạc Hòa").is_visible()
    screenshot(page, "bao-cao-tong-hop")

    # The province finishes and issues its own report; the DOCX carries the written parts.
    page.get_by_role("link", name="phiên bản 1").click()
    assert "Đảng bộ xã Lạc Hòa: «Phát huy vai trò" in page.get_by_label("Bài học kinh nghiệm").input_value()
    page.get_by_label("Đánh giá chung").fill("Nhiệm kỳ qua, Đảng bộ tỉnh lãnh đạo hoàn thành các chỉ tiêu chủ yếu.")
    page.get_by_role("button", name="Lưu dự thảo").click()
    issue = _form(page, "Ban hành")
    issue.get_by_label("Số báo cáo").fill("120")
    issue.get_by_role("button", name="Ban hành báo cáo").click()
    assert page.get_by_text("Đã ban hành báo cáo số 120").is_visible()
    assert page.get_by_role("button", name="Mở lại thành phiên bản mới").is_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Word (DOCX)").click()
    text = "\n".join(p.text for p in Document(io.BytesIO(info.value.path().read_bytes())).paragraphs)
    assert "120-BC/" in text
    assert "Đảng bộ xã Lạc Hòa: «Phát huy vai trò của chi bộ ấp trong vùng đồng bào Khmer.»" in text
    assert "Nhiệm kỳ qua, Đảng bộ tỉnh lãnh đạo hoàn thành các chỉ tiêu chủ yếu." in text
    screenshot(page, "bao-cao-tinh-ban-hanh")
    assert not errors, errors
