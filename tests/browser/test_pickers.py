"""Searchable organization pickers in a real browser (issue 12 item 2): typing "ke sach" without
accents finds Đảng bộ xã Kế Sách, shown with the path above it; the choice is what the form sends.
The member filter's box asks the server and filters the list by the commune chosen. Print button."""

import datetime as dt

import pytest

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser
D = dt.date


@pytest.fixture
def ke_sach(province):
    """A district Kế Sách with its commune Kế Sách (a cell named like a cell elsewhere) and one member."""
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.members import actions as members
    from xaydungdang.organizations import actions as orgs

    with acting_as(Actor(via="test")):
        ks = orgs.found("ST.KS", "Đảng bộ huyện Kế Sách", "upper", province["orgs"]["ST"], D(2015, 1, 1))
        xa = orgs.found("ST.KS.X", "Đảng bộ xã Kế Sách", "grassroots_committee", ks, D(2015, 1, 1))
        ap = orgs.found("ST.KS.X.A1", "Chi bộ Khóm 1", "cell", xa, D(2015, 1, 1))
        members.enter_member(
            {
                "member_no": "KS0001",
                "full_name": "Huỳnh Văn Tâm",
                "gender": "male",
                "birth_date": D(1975, 4, 2),
                "ethnicity": "Kinh",
                "joined_on": D(2001, 1, 1),
                "official_on": D(2002, 1, 1),
            },
            entry="opening",
            cell=ap,
            on=D(2016, 1, 1),
        )
    return province


@pytest.mark.slow
def test_typing_ke_sach_picks_the_commune(page, live_server, ke_sach):
    base = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    login(page, base, "canbo_tinh")

    # The report page: the box starts at the user's own unit (the province), not the first in the list.
    page.goto(base + "/bao-cao/")
    page.wait_for_load_state("domcontentloaded")
    box = page.get_by_label("Tổ chức đảng")
    assert box.input_value() == "Đảng bộ tỉnh Sóc Trăng"
    box.click()
    box.fill("ke sach")
    page.get_by_role("option", name="Đảng bộ xã Kế Sách").wait_for(state="visible")
    texts = page.get_by_role("listbox").get_by_role("option").all_inner_texts()
    assert "Đảng bộ xã Kế Sách — Đảng bộ huyện Kế Sách" in texts
    assert all("Kế Sách" in t for t in texts), texts
    screenshot(page, "chon-to-chuc")
    page.get_by_role("option", name="Đảng bộ xã Kế Sách").click()
    assert box.input_value() == "Đảng bộ xã Kế Sách — Đảng bộ huyện Kế Sách"
    assert page.locator("select#id_to_chuc").input_value() == "ST.KS.X"
    # Keyboard: arrows and Enter choose too.
    box.click()
    box.fill("vinh chau")
    box.press("ArrowDown")
    box.press("Enter")
    assert page.locator("select#id_to_chuc").input_value() == "ST.VC"

    # The member filter: the server's matches; the chosen commune filters the list.
    page.goto(base + "/dang-vien/")
    page.wait_for_load_state("domcontentloaded")
    member_box = page.get_by_label("Tổ chức", exact=True)
    member_box.fill("ke sach")
    page.get_by_role("option", name="Đảng bộ xã Kế Sách").click()
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state("domcontentloaded")
    assert "to_chuc=ST.KS.X" in page.url
    assert page.get_by_role("link", name="Huỳnh Văn Tâm").is_visible()
    assert page.get_by_role("link", name="Nguyễn Văn An").count() == 0
    assert page.get_by_label("Tổ chức", exact=True).input_value() == "Đảng bộ xã Kế Sách — Đảng bộ huyện Kế Sách"
    assert page.get_by_role("button", name="In trang này").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="In trang này").is_visible()
    assert page.locator(".print-title").is_visible()
    assert errors == []
