"""The statistical forms in a real browser (issue 11, item 3): open the forms of a unit, click a
figure, get the members behind it; open the reconciliation with the unit's children."""

import datetime as dt

import pytest

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.slow
def test_forms_figure_members_and_reconcile(page, live_server, province):
    base = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    year = dt.date.today().year

    login(page, base, "canbo_tinh")
    page.get_by_role("link", name="Biểu thống kê").first.click()
    assert page.get_by_role("heading", name="Biểu thống kê").is_visible()
    # The unit defaults to the user's own top organization.
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("select#id_to_chuc").input_value() == "ST"
    assert page.get_by_label("Đơn vị").input_value() == "Đảng bộ tỉnh Sóc Trăng"  # the searchable box
    page.get_by_label("Năm", exact=True).fill(str(year))
    page.get_by_label("Kỳ báo cáo").select_option(label="6 tháng đầu năm")
    page.get_by_label("Biểu số 1-BTCTW: Thống kê tăng, giảm đảng viên").check()
    page.get_by_label("Biểu số 4-BTCTW: Thống kê đảng viên chia theo dân tộc, tôn giáo").check()
    page.get_by_role("button", name="Xem biểu").click()
    form1 = page.locator('section.xdd-form[data-form="1"]')
    form1.wait_for(state="visible", timeout=60_000)
    assert page.get_by_role("heading", name="THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN").is_visible()
    assert page.get_by_text(f"6 tháng đầu năm {year}").first.is_visible()
    assert page.locator('section.xdd-form[data-form="3"]').count() == 0
    screenshot(page, "bieu-thong-ke")

    # D (in the list at the period's end) is 7: click it and get the seven members.
    figure = form1.locator('tr[data-code="D"] td[data-column="current"] a')
    assert figure.inner_text() == "7"
    figure.click()
    page.get_by_role("heading", name="Số liệu Biểu số 1-BTCTW").wait_for(state="visible")
    for name in ("Nguyễn Văn An", "Đặng Thị Bình", "Thạch Sô Phol", "Kim Văn Sang"):
        assert page.get_by_role("link", name=name).is_visible()
    assert page.locator("tbody tr").count() == 7
    assert "•••" in page.locator("td.masked").first.inner_text()
    screenshot(page, "bieu-thong-ke-so-lieu")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Excel").click()
    with open(info.value.path(), "rb") as fh:
        assert fh.read(2) == b"PK"

    # Form 4, row 5 (Khơ-me): the three members of ấp Âu Thọ, with their ethnicity.
    page.go_back()
    page.locator('section.xdd-form[data-form="4"] tr[data-code="I.05"] td[data-column="total"] a').click()
    page.get_by_role("heading", name="Số liệu Biểu số 4-BTCTW").wait_for(state="visible")
    assert page.locator("tbody tr").count() == 3
    assert page.get_by_role("cell", name="Khmer").first.is_visible()

    # The reconciliation: the province beside the sum of its two districts.
    page.go_back()
    page.get_by_role("link", name="Đối chiếu với các đơn vị trực thuộc").click()
    page.get_by_role("heading", name="Đối chiếu: Đảng bộ tỉnh Sóc Trăng").wait_for(state="visible", timeout=60_000)
    assert page.get_by_text("Đảng bộ thành phố Sóc Trăng; Đảng bộ thị xã Vĩnh Châu").is_visible()
    row = page.locator('section[data-form="1"] tr[data-code="D"]')
    assert row.locator("td").nth(1).inner_text() == "7"
    assert row.locator('[data-diff="0"]').count() == 1
    assert page.locator('section[data-form="1"] [data-differing="0"]').is_visible()
    row.locator("summary").click()
    assert row.get_by_role("link", name="Đảng bộ thị xã Vĩnh Châu: 3").is_visible()
    assert page.get_by_text("Chưa ghi nghề nghiệp").is_visible()
    screenshot(page, "bieu-thong-ke-doi-chieu")
    assert errors == []
