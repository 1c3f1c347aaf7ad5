"""A clerk's day (issue 12, "done when"): each role walks its day in a real browser on a small
province built like the demo — the province office, a commune office, a cell secretary and a
reader: sign in, the dashboard, a member found without diacritics, the dossier, a record
(staff: an event; secretary: a whole round of ratings from the keyboard), the alerts, a
download, and for the reader a write refused."""

import datetime as dt
import io
import re
import time

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import PASSWORD, grid_ready, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]
D = dt.date
LATE_RED = "rgb(248, 215, 218)"
# What a code identifier looks like in a text a user reads: snake_case (birth_date, org_code) or
# a dotted key (member.export, probation.due). Organization codes are upper case (ST.TP.P1).
IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]{3,}\.[a-z_]{3,}\b")


@pytest.fixture
def clerk_day(province):
    """The `province` fixture plus a probationer of Khóm 1 overdue for recognition, one of Ấp Âu
    Thọ just due, the secretary of Khóm 1 and a reader of the province."""
    from xaydungdang.accounts.actions import create_user
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.core.dates import add_months, today
    from xaydungdang.members import actions as members

    orgs = province["orgs"]
    with acting_as(Actor(via="test")):

        def probationer(no, name, cell, ended_days_ago):
            joined = add_months(today() - dt.timedelta(days=ended_days_ago), -12)
            data = {
                "member_no": no,
                "full_name": name,
                "gender": "female",
                "birth_date": D(1996, 4, 2),
                "ethnicity": "Kinh",
                "joined_on": joined,
            }
            return members.admit(data, orgs[cell], joined)

        late = probationer("ST0201", "Võ Thị Dự", "ST.TP.P1.K1", 90)
        due = probationer("ST0202", "Danh Thị Sóc", "ST.VC.LH.A1", 5)
        create_user("bithu_khom1", orgs["ST.TP.P1.K1"], "secretary", PASSWORD, validate_password=False)
        create_user("xem_tinh", orgs["ST"], "viewer", PASSWORD, validate_password=False)
    return province | {"late": late, "due": due}


def _tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(20000)
    return context, tab


def _sign_in(tab, base, username):
    tab.goto(base + "/dang-nhap/")
    tab.get_by_label("Tên đăng nhập").fill(username)
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.wait_for_load_state("domcontentloaded")


def _find(tab, typed, name, seen):
    """The quick search in the header, typed without diacritics, then the dossier."""
    tab.get_by_placeholder("Tìm đảng viên…").fill(typed)
    tab.keyboard.press("Enter")
    tab.get_by_role("link", name=name).first.wait_for()
    _read(tab, seen)
    tab.get_by_role("link", name=name).first.click()
    assert tab.get_by_role("heading", name=name).is_visible()
    _read(tab, seen)


def _download(tab, link_name, seen):
    with tab.expect_download() as info:
        tab.get_by_role("link", name=link_name).first.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as fh:
        rows = list(load_workbook(io.BytesIO(fh.read())).active.iter_rows(values_only=True))
    seen.append((download.suggested_filename, _texts(rows)))
    return download.suggested_filename, rows


def _texts(rows):
    return " ".join(str(v) for row in rows for v in row if v is not None)


def _watch(tab, errors):
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)


def _read(tab, seen):
    """The text a user reads on the page now (for the identifier check): the title and the main
    part (the header shows the user's name, which for these test users is their username)."""
    seen.append((tab.url, tab.title() + "\n" + tab.locator("main").inner_text()))


def test_a_clerks_day(browser, live_server, clerk_day):
    from xaydungdang.core.dates import add_months, today
    from xaydungdang.reviews.models import Rating

    base = live_server.url
    errors: list[str] = []
    seen: list[tuple[str, str]] = []  # (page or file, the text a user reads)
    started = time.monotonic()
    timings = {}

    # --- The province office -------------------------------------------------------------------
    context, tab = _tab(browser)
    _watch(tab, errors)
    _sign_in(tab, base, "canbo_tinh")
    assert tab.get_by_role("heading", name="Đảng bộ tỉnh Sóc Trăng").is_visible()
    _read(tab, seen)
    tile = tab.locator('[data-key="probation.due"]').inner_text()
    card = tab.locator(".list-group-item", has_text="quá hạn xét chính thức").locator(".count").inner_text()
    assert tile == card == "2"  # the dashboard figure and the alert list count the same members
    _find(tab, "dang thi binh", "Đặng Thị Bình", seen)
    tab.locator('a[data-event="di-lam-an-xa"]').click()
    _read(tab, seen)
    tab.get_by_label("Ngày hiệu lực").fill(today().strftime("%d/%m/%Y"))
    tab.get_by_role("button", name="Ghi").click()
    assert tab.get_by_text('Đã ghi "Đi làm ăn xa"').is_visible()
    _read(tab, seen)
    tab.get_by_role("link", name="Cảnh báo", exact=True).first.click()
    late_row = tab.locator("tr[data-late='1']", has_text="Võ Thị Dự")
    assert late_row.locator("td").first.evaluate("e => getComputedStyle(e).backgroundColor") == LATE_RED
    assert "(quá hạn)" not in tab.content()
    assert tab.locator("section", has_text="Đảng viên vắng sinh hoạt").get_by_text("Đặng Thị Bình").is_visible()
    assert tab.get_by_role("button", name="In trang này").is_visible()
    screenshot(tab, "ngay-lam-viec-canh-bao-tinh")
    _read(tab, seen)
    name, rows = _download(tab, "Tải Excel theo chi bộ", seen)
    assert name.startswith("canh-bao-theo-chi-bo") and rows[3][0] == "Chi bộ"
    assert "Chi bộ Khóm 1 (ST.TP.P1.K1)" in _texts(rows) and "Đặng Thị Bình" in _texts(rows)
    # The pages of issues 14 and 15 the office reads too (for the identifier check below): the deadlines,
    # the calendar, a cell's candidates, transfers, badges, the data-quality campaign.
    for path in (
        "/han-can-xu-ly/",
        "/lich-ngay-nghi/",
        "/to-chuc/ST.TP.P1.K1/quan-chung-uu-tu/",
        "/chuyen-sinh-hoat/",
        "/huy-hieu-dang/",
        "/ra-soat-du-lieu/",
    ):
        assert tab.goto(base + path).status == 200, path
        _read(tab, seen)
    context.close()
    timings["tỉnh"] = time.monotonic() - started

    # --- A commune office: recognizes the member who is due ------------------------------------
    context, tab = _tab(browser)
    _watch(tab, errors)
    _sign_in(tab, base, "canbo_lachoa")
    assert tab.get_by_role("heading", name="Đảng bộ xã Lạc Hòa").is_visible()
    _read(tab, seen)
    assert tab.locator('[data-key="probation.due"]').inner_text() == "1"
    _find(tab, "danh thi soc", "Danh Thị Sóc", seen)
    tab.locator('a[data-event="cong-nhan-chinh-thuc"]').click()
    official_on = add_months(clerk_day["due"].joined_on, 12)
    _read(tab, seen)
    tab.get_by_label("Ngày hiệu lực").fill(official_on.strftime("%d/%m/%Y"))
    tab.get_by_role("button", name="Ghi").click()
    assert tab.get_by_text('Đã ghi "Công nhận đảng viên chính thức"').is_visible()
    _read(tab, seen)
    tab.goto(base + "/canh-bao/")
    header = tab.locator("#a-du-bi")
    assert header.locator(".count").inner_text() == "0"
    _read(tab, seen)
    tab.get_by_role("link", name="Đảng viên", exact=True).first.click()
    _read(tab, seen)
    name, rows = _download(tab, "Xuất Excel", seen)
    assert "Danh Thị Sóc" in _texts(rows) and "Nguyễn Văn An" not in _texts(rows)  # the commune's members only
    context.close()
    timings["xã"] = time.monotonic() - started - sum(timings.values())

    # --- The secretary of Khóm 1: the cell's page and a whole round of ratings -----------------
    context, tab = _tab(browser)
    _watch(tab, errors)
    _sign_in(tab, base, "bithu_khom1")
    assert tab.get_by_role("heading", name="Chi bộ Khóm 1").is_visible()
    _read(tab, seen)
    assert tab.locator("[data-key]").count() == 0 and "Tổ chức cơ sở đảng" not in tab.content()
    deadline = tab.locator("#han-theo-doi").locator("xpath=..").locator("tr", has_text="Võ Thị Dự")
    assert deadline.locator("td").first.evaluate("e => getComputedStyle(e).backgroundColor") == LATE_RED
    screenshot(tab, "ngay-lam-viec-chi-bo")
    _find(tab, "tran minh chau", "Trần Minh Châu", seen)
    tab.goto(base + "/")
    tab.get_by_role("link", name="Ghi xếp loại cả chi bộ").click()
    # The level the cell decides: the select whose empty choice reads "chưa xếp loại".
    boxes = tab.locator("table[data-grid] select").filter(has=tab.locator("option", has_text="chưa xếp loại"))
    assert boxes.count() == 4  # An, Bình, Châu and Dự
    _read(tab, seen)
    grid_ready(tab)
    boxes.nth(0).focus()
    for key, move in (("2", "Enter"), ("1", "Tab"), ("2", "Enter")):
        tab.keyboard.press(key)
        tab.keyboard.press(move)
    assert tab.evaluate("document.activeElement.id") == boxes.nth(3).get_attribute("id")
    tab.keyboard.press("3")
    screenshot(tab, "ngay-lam-viec-xep-loai")
    tab.get_by_role("button", name="Ghi xếp loại cả chi bộ").click()
    assert tab.get_by_text("Đã ghi xếp loại chất lượng năm").is_visible()
    _read(tab, seen)
    year = today().year if today().month >= 11 else today().year - 1
    levels = sorted(Rating.objects.active().filter(year=year).values_list("level", flat=True))
    assert levels == ["complete", "excellent", "good", "good"]
    tab.goto(base + "/")
    tab.locator("main").get_by_role("link", name="Cảnh báo", exact=True).click()
    assert tab.get_by_role("heading", name="Cảnh báo: Chi bộ Khóm 1").is_visible()
    _read(tab, seen)
    name, rows = _download(tab, "Tải Excel theo chi bộ", seen)
    assert {r[0] for r in rows[4:]} == {"Chi bộ Khóm 1 (ST.TP.P1.K1)"}
    context.close()
    timings["chi bộ"] = time.monotonic() - started - sum(timings.values())

    # --- A reader: reads everything in scope, writes nothing -----------------------------------
    context, tab = _tab(browser)
    _watch(tab, errors)
    _sign_in(tab, base, "xem_tinh")
    assert tab.get_by_role("heading", name="Đảng bộ tỉnh Sóc Trăng").is_visible()
    _read(tab, seen)
    _find(tab, "nguyen van an", "Nguyễn Văn An", seen)
    assert tab.locator("a[data-event]").count() == 0
    member_url = tab.url
    refused = tab.goto(member_url.rstrip("/") + "/bien-dong/di-lam-an-xa/")
    assert refused.status == 403
    _read(tab, seen)
    assert tab.goto(base + "/to-chuc/ST.TP.P1.K1/xep-loai-ca-chi-bo/").status == 403
    tab.goto(base + "/canh-bao/")
    _read(tab, seen)
    name, rows = _download(tab, "Tải Excel theo chi bộ", seen)
    assert rows[0][0] == "Cảnh báo theo chi bộ"
    context.close()
    timings["người xem"] = time.monotonic() - started - sum(timings.values())

    assert [e for e in errors if "403" not in e] == []  # the refused pages log their status only
    # Account names are the users' own data (the dossier's log names the account that wrote).
    accounts = {"canbo_tinh", "canbo_lachoa", "bithu_khom1", "xem_tinh"}
    shown = sorted(
        {(where, m.group(0)) for where, text in seen for m in IDENTIFIER.finditer(text) if m.group(0) not in accounts}
    )
    assert not shown, f"code identifiers on the pages or in the files a clerk sees: {shown}"
    elapsed = time.monotonic() - started
    print(
        "clerk's day:",
        {k: round(v, 1) for k, v in timings.items()},
        f"total {elapsed:.1f} s,",
        f"{len(seen)} pages and files read",
    )
    assert elapsed < 90
