"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) against
pytest-django's live_server, on a small dataset built through the actions."""

import datetime as dt
import os
from pathlib import Path

import pytest

D = dt.date
PASSWORD = "Mat-khau-rat-dai-2024!"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # between page actions are plain synchronous code, so Django's async guard is relaxed here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(20000)
    yield tab
    context.close()


def screenshot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def province(transactional_db):
    """A province with two district-level committees, each with one commune committee and cells,
    a few members, an admissions target, and users of the province and of each commune."""
    from xaydungdang.accounts.actions import create_user
    from xaydungdang.admissions.actions import set_target
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.members import actions as members
    from xaydungdang.organizations import actions as orgs

    with acting_as(Actor(via="test")):
        st = orgs.found("ST", "Đảng bộ tỉnh Sóc Trăng", "provincial", None, D(2015, 1, 1))
        tp = orgs.found("ST.TP", "Đảng bộ thành phố Sóc Trăng", "upper", st, D(2015, 1, 1))
        vc = orgs.found("ST.VC", "Đảng bộ thị xã Vĩnh Châu", "upper", st, D(2015, 1, 1))
        p1 = orgs.found("ST.TP.P1", "Đảng bộ Phường 1", "grassroots_committee", tp, D(2015, 1, 1))
        k1 = orgs.found("ST.TP.P1.K1", "Chi bộ Khóm 1", "cell", p1, D(2015, 1, 1))
        k2 = orgs.found("ST.TP.P1.K2", "Chi bộ Khóm 2", "cell", p1, D(2015, 1, 1))
        lh = orgs.found("ST.VC.LH", "Đảng bộ xã Lạc Hòa", "grassroots_committee", vc, D(2015, 1, 1))
        a1 = orgs.found("ST.VC.LH.A1", "Chi bộ ấp Âu Thọ", "cell", lh, D(2015, 1, 1))
        people = [
            ("ST0001", "Nguyễn Văn An", "male", k1),
            ("ST0002", "Đặng Thị Bình", "female", k1),
            ("ST0003", "Trần Minh Châu", "male", k1),
            ("ST0004", "Lê Thị Dung", "female", k2),
            ("ST0005", "Thạch Sô Phol", "male", a1),
            ("ST0006", "Lâm Thị Hoa", "female", a1),
            ("ST0007", "Kim Văn Sang", "male", a1),
        ]
        made = {}
        for no, name, gender, cell in people:
            made[no] = members.enter_member(
                {
                    "member_no": no,
                    "full_name": name,
                    "gender": gender,
                    "birth_date": D(1980, 3, 9),
                    "ethnicity": "Khmer" if cell is a1 else "Kinh",
                    "joined_on": D(2005, 1, 1),
                    "official_on": D(2006, 1, 1),
                    "national_id": f"09408{no[-4:]}123",
                },
                entry="opening",
                cell=cell,
                on=D(2016, 1, 1),
            )
        this_year = dt.date.today().year
        set_target({"org_id": st.id, "period": str(this_year), "value": 4})
        create_user("canbo_tinh", st, "staff", PASSWORD, validate_password=False)
        create_user("canbo_phuong1", p1, "staff", PASSWORD, validate_password=False)
        create_user("canbo_lachoa", lh, "staff", PASSWORD, validate_password=False)
    return {"orgs": {o.code: o for o in (st, tp, vc, p1, k1, k2, lh, a1)}, "members": made}


def pick(tab, label: str, typed: str, option: str) -> None:
    """Choose in a searchable organization picker (web/js/picker.js): type, then click the option
    whose text starts with `option` (the name; the path above it follows)."""
    tab.wait_for_load_state("domcontentloaded")  # picker.js (deferred) has replaced the select by then
    box = tab.get_by_label(label)
    box.click()
    box.fill(typed)
    tab.get_by_role("option", name=option).first.click()


def login(tab, base: str, username: str) -> None:
    tab.goto(base + "/dang-nhap/")
    tab.get_by_label("Tên đăng nhập").fill(username)
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.wait_for_load_state("domcontentloaded")


def grid_ready(tab) -> None:
    """Wait until the page's keyboard grid (web/js/gridkeys.js, a deferred script) has its keys:
    a click that opens a page returns once the page is committed, maybe before its scripts ran."""
    tab.wait_for_function("() => { const g = document.querySelector('table[data-grid]'); return g && g.xddColumn; }")
