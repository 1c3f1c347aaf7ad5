"""A merged organization in a real browser (issue 15): the tree at 30/6/2025 and 1/7/2025 chosen
with the date picker, the dissolved province's page with the link to its successor, and the
read-only grant of the old province's staff (its old commune's page up to the eve, no write)."""

import pytest

from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def merger(transactional_db):
    from django.contrib.auth import get_user_model

    from xaydungdang.organizations.tests.merger import PASSWORD, build_merger

    built = build_merger()
    get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    return built


def test_merged_province_on_both_sides(page, live_server, merger):
    base = live_server.url
    login(page, base, "quantri")
    page.goto(base + "/to-chuc/")
    page.locator("#on").fill("2025-06-30")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state("domcontentloaded")
    tree = page.locator("ul.org-tree")
    assert tree.get_by_role("link", name="Đảng bộ tỉnh Sóc Trăng").is_visible()
    assert tree.get_by_role("link", name="Đảng bộ thành phố Cần Thơ", exact=True).count() == 0
    assert "đến 30/06/2025" in tree.inner_text()
    screenshot(page, "merged-tree-2025-06-30")
    page.locator("#on").fill("2025-07-01")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state("domcontentloaded")
    tree = page.locator("ul.org-tree")
    assert tree.get_by_role("link", name="Đảng bộ thành phố Cần Thơ", exact=True).is_visible()
    assert tree.get_by_role("link", name="Đảng bộ tỉnh Sóc Trăng").count() == 0
    screenshot(page, "merged-tree-2025-07-01")

    page.goto(base + "/to-chuc/ST/")
    fate = page.locator(".org-fate")
    assert "Hoạt động đến ngày 30/06/2025" in fate.inner_text()
    fate.get_by_role("link", name="Đảng bộ thành phố Cần Thơ").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("h1").inner_text() == "Đảng bộ thành phố Cần Thơ"
    assert "Đảng bộ tỉnh Sóc Trăng" in page.locator(".org-absorbed").inner_text()
    screenshot(page, "merged-successor")


def test_read_only_grant_of_the_old_province(page, live_server, merger):
    base = live_server.url
    login(page, base, "canbo_soctrang")
    page.goto(base + "/to-chuc/ST.C1/")
    note = page.locator("[data-history-until]")
    assert "30/06/2025" in note.inner_text() and "không ghi" in note.inner_text()
    assert page.get_by_role("link", name="Kết nạp đảng viên").count() == 0
    assert page.get_by_text("Thay đổi tổ chức").count() == 0
    screenshot(page, "merged-read-only-grant")
    response = page.goto(base + "/to-chuc/ST.C1/sua/")
    assert response.status in (403, 404)
    response = page.goto(base + "/to-chuc/CT/")
    assert response.status == 404
