"""The main menu fits the screens staff use (issue 14 and 15 added sections): at 1280 and 1366 px every
section link of an administrator's menu lies inside the window and can be clicked (the menu wraps onto a
second line instead of running off the right edge)."""

import pytest

from tests.browser.conftest import PASSWORD, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 1366])
def test_every_menu_item_is_on_screen(browser, live_server, province, width):
    from xaydungdang.accounts.actions import create_user
    from xaydungdang.core.context import Actor, acting_as

    with acting_as(Actor(via="test")):
        create_user("quantri", province["orgs"]["ST"], "admin", PASSWORD, validate_password=False)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(20000)
    try:
        tab.goto(live_server.url + "/dang-nhap/")
        tab.get_by_label("Tên đăng nhập").fill("quantri")
        tab.get_by_label("Mật khẩu").fill(PASSWORD)
        tab.get_by_role("button", name="Đăng nhập").click()
        tab.wait_for_load_state("domcontentloaded")
        links = tab.locator("#menu-chinh .navbar-nav .nav-link")
        names = links.all_inner_texts()
        assert len(names) >= 12 and "Quản trị" in names and "Báo cáo" in names
        for index in range(links.count()):
            box = links.nth(index).bounding_box()
            assert box is not None and box["width"] > 0, names[index]
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (names[index], box, width)
        logout = tab.get_by_role("button", name="Đăng xuất").bounding_box()
        assert logout is not None and logout["x"] + logout["width"] <= width
        screenshot(tab, f"menu-{width}")
        links.filter(has_text="Biểu thống kê").click()
        tab.wait_for_load_state("domcontentloaded")
        assert "/bieu" in tab.url or "Biểu" in tab.title()
    finally:
        context.close()
