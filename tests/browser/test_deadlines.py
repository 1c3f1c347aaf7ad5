"""A recognition deadline follows the calendar (issue 14 items 1-4): the secretary of a cell sees a
probationary member's recognition deadline on "Hạn cần xử lý"; an administrator adds a day off on the
calendar page (refused first under the field for a day that does not exist); the secretary's deadline
moves to the next working day, and the row opens the member's page."""

import datetime as dt

import pytest

from tests.browser.conftest import PASSWORD, login, screenshot

pytestmark = pytest.mark.browser


def _due_cell(tab, member_no: str) -> str:
    row = tab.locator(f'tr[data-kind="recognition_review"][data-member="{member_no}"]')
    return row.get_attribute("data-due")


@pytest.mark.slow
def test_a_day_off_moves_the_recognition_deadline(browser, page, live_server, province):
    from django.contrib.auth import get_user_model

    from xaydungdang.accounts.actions import create_user
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.core.dates import add_months, today
    from xaydungdang.core.workdays import add_working_days, is_working_day
    from xaydungdang.members import actions

    k1 = province["orgs"]["ST.TP.P1.K1"]
    joined = add_months(today(), -12) - dt.timedelta(days=5)  # probation ended five days ago
    with acting_as(Actor(via="test")):
        newcomer = actions.admit(
            {
                "member_no": "ST0050",
                "full_name": "Huỳnh Thị Mai",
                "gender": "female",
                "birth_date": dt.date(1998, 4, 2),
                "ethnicity": "Kinh",
                "joined_on": joined,
            },
            k1,
            joined,
        )
        create_user("bithu_k1", k1, "secretary", PASSWORD, validate_password=False)
        get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    due = add_working_days(add_months(joined, 12), 30)
    extra = next(d for d in (today() + dt.timedelta(days=n) for n in range(1, 40)) if is_working_day(d) and d < due)
    moved = add_working_days(due, 1)
    base = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # The secretary opens the reminders from the navigation.
    login(page, base, "bithu_k1")
    page.get_by_role("link", name="Hạn cần xử lý").first.click()
    page.wait_for_load_state("domcontentloaded")
    assert _due_cell(page, "ST0050") == due.isoformat()
    assert "CHƯA CÓ lớp bồi dưỡng đảng viên mới" in page.content()

    # The administrator adds a day off from the Government's announcement.
    admin_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = admin_context.new_page()
    admin.set_default_timeout(20000)
    login(admin, base, "quantri")
    admin.goto(f"{base}/lich-ngay-nghi/?nam={extra.year}")
    admin.locator("#id_them-day").fill(f"31/02/{extra.year}")
    admin.get_by_role("button", name="Ghi ngày").click()
    admin.wait_for_load_state("domcontentloaded")
    assert admin.locator("#id_them-day_errors").inner_text().strip() == f"Ngày không có thật: 31/02/{extra.year}."
    admin.locator("#id_them-day").fill(f"{extra:%d/%m/%Y}")
    admin.locator("#id_them-kind").select_option("off")
    admin.locator("#id_them-note").fill("Nghỉ bù theo thông báo của Chính phủ")
    admin.get_by_role("button", name="Ghi ngày").click()
    admin.wait_for_load_state("domcontentloaded")
    assert f"Đã ghi ngày {extra:%d/%m/%Y}" in admin.content()
    assert admin.locator(f'tr[data-day="{extra.isoformat()}"]').get_attribute("data-working") == "0"
    screenshot(admin, "lich-ngay-nghi")
    admin_context.close()

    # The secretary's deadline moved by one working day; the row opens the member.
    page.reload()
    page.wait_for_load_state("domcontentloaded")
    assert _due_cell(page, "ST0050") == moved.isoformat()
    screenshot(page, "han-can-xu-ly")
    page.get_by_role("link", name="Huỳnh Thị Mai (ST0050)").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith(f"/dang-vien/{newcomer.id}/")
    assert "Huỳnh Thị Mai" in page.locator("h1").inner_text()
    assert errors == []
