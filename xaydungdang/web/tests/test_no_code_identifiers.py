"""No identifier from the code on a page or in an export (issue 12 item 3): the main pages are
crawled for each role on test data (following the links of the navigation and the pages, one
page per URL shape), and the exports a clerk downloads are read cell by cell (members XLSX,
audit CSV/XLSX, report XLSX, import errors). The checker is web/tests/identifiers.py."""

import datetime as dt
import io
import re
import zipfile
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from xaydungdang.web.tests.identifiers import (
    assert_no_identifiers,
    csv_text,
    find_identifiers,
    page_text,
    xlsx_text,
)

pytestmark = pytest.mark.django_db

D = dt.date
ROLES = ["admin", "staff_p", "staff_u1", "secretary_c1", "viewer_u1"]
MAX_PAGES = 70  # per role: every URL shape the links reach, well beyond the navigation
SKIP = re.compile(r"^/(api|static|media)/|dang-xuat|/xuat|/export|\.xlsx$|\.csv$|\.pdf$|\.docx$|/tai-ve|/in/|/download")


def _shape(path: str) -> str:
    """Pages of one shape (every member's dossier) are crawled once."""
    return re.sub(r"\d+", "N", path)


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"#]+)"', html)


def _allowed():
    """Data typed by people, not code: user names (canbo_tinh, xaydang.kesach)."""
    from django.contrib.auth import get_user_model

    return set(get_user_model().objects.values_list("username", flat=True))


@pytest.fixture
def day(people, users, tree, client):
    """A little of everything the pages show: events, a rating, a report export, a failed import."""
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.members import actions as member_actions

    with acting_as(Actor(user=users["admin"], via="test")):
        member_actions.record_event(people["dung"], "away_started", D(2024, 2, 3), reason="Đi làm ăn xa")
    client.force_login(users["admin"])
    client.get(reverse("web:reports"), {"to_chuc": "P", "nam": "2023"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("dang-vien.csv", "Số lý lịch,Họ và tên,Ngày sinh\nX1,Nguyễn Văn Lỗi,31/02/1990\n")
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("web:import_start"), {"file": SimpleUploadedFile("loi.zip", buffer.getvalue())})
    client.logout()
    return people


def _crawl(client, start_urls, allowed) -> tuple[dict, list]:
    """Pages reached from the start URLs, one per shape: ({url: identifiers found}, URLs read)."""
    seen, queue, problems, count, read = set(), list(start_urls), {}, 0, []
    while queue and count < MAX_PAGES:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
            continue
        key = _shape(parts.path) + ("?" + parts.query if url in start_urls and parts.query else "")
        if key in seen:
            continue
        seen.add(key)
        response = client.get(url, follow=True)  # the home page sends a user to their unit's page
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        count += 1
        read.append(url)
        html = response.content.decode()
        found = find_identifiers(page_text(html), allowed)
        if found:
            problems[url] = found
        queue.extend(link.replace("&amp;", "&") for link in _links(html) if "?" not in link)
    return problems, read


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_pages_show_no_code_identifiers(client_for, day, tree, role):
    client = client_for(role)
    start = [
        "/",
        reverse("web:org_tree"),
        reverse("web:org_detail", args=["C1"]),
        reverse("web:member_list"),
        reverse("web:member_detail", args=[day["chau"].pk]),
        reverse("web:activity_index"),
        reverse("web:alerts"),
        reverse("web:reports"),
        reverse("web:reports") + "?to_chuc=P&nam=2023",
        reverse("web:import_start"),
        reverse("accounts:audit"),
        # Issue 14: reminders, the calendar, candidates, transfers, badges and cards (the pages a role
        # may not open answer 403 and are not read).
        reverse("web:deadlines"),
        reverse("web:days_off"),
        reverse("web:cell_candidates", args=["C1"]),
        reverse("web:transfer_index"),
        reverse("web:transfer_register"),
        reverse("web:badge_index"),
        reverse("web:badge_round", args=["U1"]),
        reverse("web:card_exchange", args=["U1"]),
    ]
    problems, read = _crawl(client, start, _allowed())
    assert len(read) >= 10, read
    assert not problems, "\n".join(f"{url}: {words}" for url, words in problems.items())


def test_login_page_shows_no_code_identifiers(client):
    html = client.get(reverse("web:login")).content.decode()
    assert_no_identifiers(page_text(html), "login page")
    assert "<title>Đăng nhập — Xây dựng Đảng</title>" in html


def test_import_errors_show_no_code_identifiers(client_for, day):
    from xaydungdang.interchange.models import ImportJob

    job = ImportJob.objects.get()
    assert job.state == "done" and not job.ok
    html = client_for("admin").get(reverse("web:import_job", args=[job.pk])).content.decode()
    text = page_text(html)
    assert "«Ngày sinh»" in text  # the user's own column name, the canonical one only in brackets
    assert_no_identifiers(text, "import job page", _allowed())
    workbook = _download(client_for("admin"), reverse("web:import_errors", args=[job.pk]))
    assert "«Ngày sinh» (birth_date)" in xlsx_text(workbook)
    assert_no_identifiers(xlsx_text(workbook), "import errors workbook", _allowed())


def _download(client, url, params=None) -> bytes:
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.slow
def test_exports_show_no_code_identifiers(client_for, day, tree):
    client = client_for("admin")
    allowed = _allowed()
    members = _download(client, reverse("web:member_export"))
    assert_no_identifiers(xlsx_text(members), "members XLSX", allowed)
    audit_csv = _download(client, reverse("accounts:audit-export"), {"dinh_dang": "csv"})
    assert_no_identifiers(csv_text(audit_csv), "audit CSV", allowed)
    audit_xlsx = _download(client, reverse("accounts:audit-export"), {"dinh_dang": "xlsx"})
    assert_no_identifiers(xlsx_text(audit_xlsx), "audit XLSX", allowed)
    # Issue 14: the deadlines, the transfer register 10-SHĐ and the badge proposal list.
    deadlines = _download(client, reverse("web:deadlines"), {"xuat": "xlsx"})
    assert_no_identifiers(xlsx_text(deadlines), "deadlines XLSX", allowed)
    register = _download(client, reverse("web:transfer_register"), {"to_chuc": "P", "nam": "2024"})
    assert_no_identifiers(xlsx_text(register), "transfer register XLSX", allowed)
    badges = _download(client, reverse("web:badge_download", args=["U1", "xlsx"]), {"dot": "2026-09-02"})
    assert_no_identifiers(xlsx_text(badges), "badge proposal XLSX", allowed)


def test_report_xlsx_shows_no_code_identifiers(tree, people):
    from xaydungdang.reports import service

    report = service.build("P", D(2023, 1, 1), D(2023, 12, 31))
    content = service.render(report, "xlsx").content
    assert_no_identifiers(xlsx_text(content), "report XLSX")


def test_the_checker_finds_what_it_should():
    text = page_text(
        "<p>giới tính: female; orgs.direct_committees; member_events</p>"
        "<code>birth_date</code><a href='/x/member_events/'>Biến động</a>"
        "<p>Trang «Đảng viên», cột «Ngày sinh» (birth_date): lỗi; tệp bao-cao.xlsx; http://a.vn/x_y</p>"
        '<input type="submit" value="login.success"><span title="member.view">x</span>'
    )
    assert find_identifiers(text) == [
        "orgs.direct_committees",
        "login.success",
        "member.view",
        "member_events",
        "female",
    ]
    assert find_identifiers("canbo_tinh đăng nhập", allowed={"canbo_tinh"}) == []
