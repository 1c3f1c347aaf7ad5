"""A committee clerk prepares the Huy hiệu Đảng list of 2/9/2026 in the browser (issue 14 items 5-6):
opens the badge page from the navigation, chooses the unit and the round, flags a seriously ill member
for an early award, downloads the list as Word; then records a card reissued after a loss, refused
first for a number of the wrong shape."""

import datetime as dt
import io

import pytest

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser
D = dt.date


@pytest.mark.slow
def test_clerk_prepares_the_badge_list_and_reissues_a_card(page, live_server, province):
    from docx import Document

    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.members import actions
    from xaydungdang.members.models import MemberEvent

    k1 = province["orgs"]["ST.TP.P1.K1"]
    with acting_as(Actor(via="test")):
        veteran = actions.enter_member(
            {
                "member_no": "ST0030",
                "full_name": "Trương Văn Tâm",
                "gender": "male",
                "birth_date": D(1970, 1, 1),
                "ethnicity": "Kinh",
                "joined_on": D(1996, 8, 1),
                "official_on": D(1997, 8, 1),
            },
            entry="opening",
            cell=k1,
            on=D(2016, 1, 1),
        )
        ill = actions.enter_member(
            {
                "member_no": "ST0031",
                "full_name": "Lâm Thị Tư",
                "gender": "female",
                "birth_date": D(1970, 1, 1),
                "ethnicity": "Kinh",
                "joined_on": D(1997, 3, 1),
                "official_on": D(1998, 3, 1),
            },
            entry="opening",
            cell=k1,
            on=D(2016, 1, 1),
        )
        actions.record_event(veteran, "card_issued", D(2016, 2, 3), reason="10000030")
    base_url = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    login(page, base_url, "canbo_phuong1")
    page.get_by_role("link", name="Huy hiệu Đảng", exact=True).click()
    page.get_by_label("Mã tổ chức đảng").fill("ST.TP.P1")
    page.get_by_label("Đợt trao").select_option("2026-09-02")
    page.get_by_role("button", name="Xem danh sách").click()
    assert page.get_by_role("heading", name="Huy hiệu Đảng đợt 2/9/2026").is_visible()
    proposals = page.locator("#de-nghi")
    assert "Trương Văn Tâm" in proposals.inner_text() and "Lâm Thị Tư" not in proposals.inner_text()

    # Lâm Thị Tư is 29 years 6 months on 2/9/2026: seriously ill, she may receive the 30-year badge early.
    page.get_by_label("Số lý lịch").fill("ST0031")
    page.get_by_label("Trường hợp", exact=True).select_option("early")
    page.get_by_label("Ngày ghi nhận").fill("15/06/2026")
    page.get_by_label("Căn cứ (giấy xác nhận của cơ sở y tế, ...)").fill("Giấy xác nhận của Bệnh viện tỉnh")
    page.get_by_role("button", name="Ghi trường hợp").click()
    assert "Đã ghi trường hợp «Trao sớm (ốm nặng)» cho Lâm Thị Tư" in page.content()
    from xaydungdang.badges.models import BadgeFlag

    assert BadgeFlag.objects.get(member=ill).noted_on == D(2026, 6, 15)
    row = page.locator("#de-nghi").get_by_role("row").filter(has_text="Lâm Thị Tư")
    assert "Trao sớm (ốm nặng)" in row.inner_text() and "29 năm 6 tháng" in row.inner_text()
    screenshot(page, "huy-hieu-dang-dot")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải danh sách (Word)").click()
    download = info.value
    assert download.suggested_filename == "huy-hieu-dang-ST.TP.P1-2026-09-02.docx"
    document = Document(io.BytesIO(open(download.path(), "rb").read()))
    table = "\n".join(c.text for row in document.tables[1].rows for c in row.cells)
    assert "Huy hiệu 30 năm tuổi đảng (2 đồng chí)" in table
    assert "Trương Văn Tâm" in table and "Lâm Thị Tư" in table and "Trao sớm (ốm nặng)" in table

    # The veteran lost his card: a reissue from his dossier.
    page.locator("#de-nghi").get_by_role("link", name="Trương Văn Tâm").click()
    page.get_by_role("link", name="Cấp lại thẻ đảng viên (do mất)").click()
    page.get_by_label("Ngày hiệu lực").fill("10/03/2026")
    page.get_by_label("Số thẻ đảng viên").fill("1000003")
    page.get_by_role("button", name="Ghi").click()
    assert "số thẻ gồm đúng 8 chữ số" in page.content()
    page.get_by_label("Số thẻ đảng viên").fill("10000031")
    page.get_by_role("button", name="Ghi").click()
    assert "Đã ghi" in page.content()
    event = MemberEvent.objects.get(member=veteran, type="card_reissued")
    assert event.reason == "10000031" and event.on == D(2026, 3, 10)
    veteran.refresh_from_db()
    assert veteran.card_no == "10000031"
    assert not errors, errors
