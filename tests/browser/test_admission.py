"""A newcomer secretary follows a candidate (quần chúng ưu tú) from the cell's page through every
step of the admission to the ceremony, and sees the new member on probation (issue 14 item 2)."""

import datetime as dt

import pytest

from tests.browser.conftest import PASSWORD, login, screenshot

pytestmark = pytest.mark.browser
D = dt.date


def _step(page, button: str, fields: dict, choose: dict | None = None) -> None:
    page.get_by_role("link", name=button).click()
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    for label, value in (choose or {}).items():
        page.get_by_label(label).select_option(label=value)
    page.get_by_role("button", name="Ghi").click()


@pytest.mark.slow
def test_secretary_walks_a_candidate_to_the_ceremony(page, live_server, province):
    from xaydungdang.accounts.actions import create_user
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.members.models import Member

    with acting_as(Actor(via="test")):
        create_user("bithu_k1", province["orgs"]["ST.TP.P1.K1"], "secretary", PASSWORD, validate_password=False)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server.url, "bithu_k1")
    page.goto(live_server.url + "/to-chuc/ST.TP.P1.K1/")
    page.get_by_role("link", name="Quần chúng ưu tú").click()
    page.get_by_role("link", name="Thêm quần chúng ưu tú").click()
    page.get_by_label("Họ và tên").fill("Võ Thị Hoa")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Ngày sinh").fill("08/03/2000")
    page.get_by_label("Nơi cư trú").fill("Khóm 1, Phường 1")
    page.get_by_label("Ngày đưa vào danh sách quần chúng ưu tú").fill("06/01/2025")
    page.get_by_role("button", name="Ghi").click()
    assert page.get_by_role("heading", name="Võ Thị Hoa").is_visible()
    assert "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng." in page.locator("#con-thieu").inner_text()

    _step(page, "Ghi bước: Học lớp bồi dưỡng nhận thức về Đảng", {"Ngày cấp giấy chứng nhận": "20/03/2025"})
    # The dossier with the same introducer twice: refused under the field, then corrected.
    page.get_by_role("link", name="Ghi bước: Đơn và hồ sơ xin vào Đảng").click()
    page.get_by_label("Ngày nộp đủ hồ sơ").fill("10/09/2025")
    page.get_by_label("Ngày làm đơn xin vào Đảng").fill("01/09/2025")
    page.get_by_label("Ngày khai lý lịch người xin vào Đảng").fill("03/09/2025")
    page.get_by_label("Đảng viên giới thiệu thứ nhất").select_option(label="Nguyễn Văn An (ST0001)")
    page.get_by_label("Đảng viên giới thiệu thứ hai").select_option(label="Nguyễn Văn An (ST0001)")
    page.get_by_label("Đoàn thể giới thiệu").select_option(label="Đoàn Thanh niên")
    page.get_by_label("Ngày nghị quyết giới thiệu của đoàn thể").fill("05/09/2025")
    page.get_by_label("Ngày nhận xét của chi ủy nơi cư trú").fill("08/09/2025")
    page.get_by_role("button", name="Ghi").click()
    assert page.get_by_text("Hai người giới thiệu phải là hai đảng viên khác nhau.").is_visible()
    page.get_by_label("Đảng viên giới thiệu thứ hai").select_option(label="Đặng Thị Bình (ST0002)")
    page.get_by_role("button", name="Ghi").click()

    _step(page, "Ghi bước: Thẩm tra lý lịch", {"Ngày có kết quả thẩm tra lý lịch": "01/10/2025"})
    _step(
        page,
        "Ghi bước: Nghị quyết chi bộ đề nghị kết nạp",
        {
            "Ngày họp chi bộ (ngày nghị quyết)": "06/10/2025",
            "Số đảng viên chính thức của chi bộ": "3",
            "Số đảng viên chính thức có mặt": "3",
            "Số đảng viên chính thức tán thành": "3",
        },
    )
    assert "Hạn quyết định kết nạp đảng viên" in page.locator("#han").inner_text()
    _step(
        page,
        "Ghi bước: Quyết định kết nạp của cấp ủy có thẩm quyền",
        {
            "Ngày ký quyết định kết nạp": "03/11/2025",
            "Số quyết định kết nạp": "120-QĐ/TU",
            "Ngày chi bộ nhận quyết định": "05/11/2025",
        },
        {"Cấp ủy quyết định": "Đảng bộ thành phố Sóc Trăng"},
    )
    assert "Hạn tổ chức lễ kết nạp đảng viên" in page.locator("#han").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Mẫu 9-KNĐ (Word)").click()
    assert download.value.suggested_filename.startswith("9-KND")
    _step(page, "Ghi bước: Lễ kết nạp", {"Ngày tổ chức lễ kết nạp": "20/11/2025", "Số lý lịch đảng viên": "ST0100"})
    assert page.get_by_role("status").filter(has_text="Đã kết nạp").is_visible()
    screenshot(page, "ket-nap-quan-chung")
    page.get_by_role("link", name="Võ Thị Hoa (ST0100)").click()
    assert "Dự bị" in page.content()
    member = Member.objects.get(member_no="ST0100")
    assert member.status == "probationary" and member.joined_on == D(2025, 11, 20)
    assert errors == []
