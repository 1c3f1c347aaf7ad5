"""A transfer walked end to end in the browser (issue 14 item 4): the sending cell's secretary
starts it, the committee the rules name issues the letter and downloads it (DOCX), the receiving
cell's secretary accepts it from the incoming queue and the member moves there."""

import datetime as dt
import io

import pytest

from tests.browser.conftest import PASSWORD, login, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.slow
def test_a_transfer_from_start_to_acceptance(page, live_server, province):
    from docx import Document

    from xaydungdang.accounts.actions import create_user
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.members.models import Member
    from xaydungdang.transfers.models import Transfer

    orgs = province["orgs"]
    with acting_as(Actor(via="test")):
        create_user("bithu_khom1", orgs["ST.TP.P1.K1"], "secretary", PASSWORD, validate_password=False)
        create_user("canbo_thanhpho", orgs["ST.TP"], "staff", PASSWORD, validate_password=False)
        create_user("bithu_authe", orgs["ST.VC.LH.A1"], "secretary", PASSWORD, validate_password=False)
    base = live_server.url
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    today = f"{dt.date.today():%d/%m/%Y}"

    # 1. The sending cell's secretary starts the transfer.
    login(page, base, "bithu_khom1")
    page.get_by_role("link", name="Chuyển sinh hoạt", exact=True).click()
    page.get_by_role("link", name="Lập chuyển sinh hoạt").click()
    page.get_by_label("Đảng viên (số lý lịch)").fill("ST0001")
    page.get_by_label("Hình thức").select_option("official")
    page.get_by_label("Lý do").select_option("new_job")
    page.get_by_label("Ngày chuyển").fill(today)
    page.get_by_label("Mã chi bộ chuyển đến (trong hệ thống)").fill("ST.VC.LH.A1")
    page.get_by_role("button", name="Lập").click()
    assert page.locator("#tinh-trang").inner_text() == "Đã lập, chờ cấp giấy giới thiệu"
    assert "Thành ủy Sóc Trăng" in page.content()  # who issues, by today's rules (294-QĐ/TW)
    assert page.get_by_role("link", name="Cấp giấy giới thiệu sinh hoạt đảng").count() == 0

    # 2. The committee issues the letter and downloads it.
    page.context.clear_cookies()
    login(page, base, "canbo_thanhpho")
    page.get_by_role("link", name="Chuyển sinh hoạt", exact=True).click()
    page.locator("#bang-chuyen-di").get_by_role("link", name="Nguyễn Văn An").click()
    page.get_by_role("link", name="Cấp giấy giới thiệu sinh hoạt đảng").click()
    page.get_by_label("Số giấy giới thiệu").fill("25")
    page.get_by_label("Ngày giấy giới thiệu").fill(today)
    page.get_by_role("button", name="Cấp giấy giới thiệu sinh hoạt đảng").click()
    assert page.locator("#tinh-trang").inner_text() == "Đã cấp giấy giới thiệu, chờ bên nhận"
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải giấy giới thiệu (Word)").click()
    letter = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "Nguyễn Văn An" in text and "Kính gửi: Chi bộ ấp Âu Thọ" in text and "Thành ủy Sóc Trăng" in text

    # 3. The receiving cell's secretary accepts it from the incoming queue.
    page.context.clear_cookies()
    login(page, base, "bithu_authe")
    page.get_by_role("link", name="Chuyển sinh hoạt", exact=True).click()
    queue = page.locator("#bang-chuyen-den")
    assert "Số 25" in queue.inner_text()
    screenshot(page, "chuyen-sinh-hoat-cho-tiep-nhan")
    queue.get_by_role("link", name="Nguyễn Văn An").click()
    page.get_by_role("link", name="Tiếp nhận đảng viên").click()
    page.get_by_label("Ngày nộp giấy giới thiệu").fill(today)
    page.get_by_role("button", name="Tiếp nhận đảng viên").click()
    assert page.locator("#tinh-trang").inner_text() == "Đã tiếp nhận"
    member = Member.objects.get(member_no="ST0001")
    assert member.current_cell_id == orgs["ST.VC.LH.A1"].id
    assert Transfer.objects.get().event.type == "transferred"
    assert not errors, errors
