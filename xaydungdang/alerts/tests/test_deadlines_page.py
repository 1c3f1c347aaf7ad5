"""The "Hạn cần xử lý" page, the dashboard panel and the days-off calendar page: they read the
registry (core/deadlines.py) and move with the calendar (core/workdays.py)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.conftest import person
from xaydungdang.core import calendar_actions, deadlines
from xaydungdang.core.dates import add_months, today
from xaydungdang.core.models import AuditEntry, DayOff
from xaydungdang.core.workdays import add_working_days, is_working_day
from xaydungdang.members import actions
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(tree):
    """Probation ended ten days ago in C1: the review is due within 30 working days of the end."""
    joined = add_months(today(), -12) - dt.timedelta(days=10)
    member = actions.admit(person("P1", "Cao Văn Ba", birth_date=dt.date(1995, 1, 1)), tree["C1"], joined)
    return member, add_working_days(add_months(joined, 12), 30)


@pytest.fixture
def overdue(tree):
    joined = add_months(today(), -16)
    return actions.admit(person("P2", "Bùi Văn Hai", birth_date=dt.date(1995, 1, 1)), tree["GC"], joined)


def _rows(page: str, kind="recognition_review") -> list[str]:
    import re

    return re.findall(rf'<tr data-kind="{kind}" data-due="([0-9-]+)" data-member="([^"]+)"', page)


def test_the_page_groups_and_links(client_for, late, overdue):
    member, due = late
    page = client_for("admin").get(reverse("web:deadlines")).content.decode()
    assert (due.isoformat(), "P1") in _rows(page)
    assert "Quá hạn" in page and "Trong 30 ngày tới" in page
    overdue_section = page[page.index('id="nhom-overdue"') : page.index('id="nhom-week"')]
    assert 'data-member="P2"' in overdue_section and 'data-member="P1"' not in overdue_section
    assert reverse("web:member_detail", args=[member.id]) in page
    assert "CHƯA CÓ lớp bồi dưỡng đảng viên mới" in page


def test_scope_unit_and_kind_filters(client_for, late, overdue):
    secretary = client_for("secretary_c1").get(reverse("web:deadlines")).content.decode()
    assert [no for _d, no in _rows(secretary)] == ["P1"]
    admin = client_for("admin")
    by_unit = admin.get(reverse("web:deadlines"), {"to_chuc": "U2"}).content.decode()
    assert [no for _d, no in _rows(by_unit)] == ["P2"]
    by_kind = admin.get(reverse("web:deadlines"), {"loai": "probation_ending"}).content.decode()
    assert _rows(by_kind) == []
    unknown = admin.get(reverse("web:deadlines"), {"to_chuc": "KHONGCO"})
    assert unknown.status_code == 200
    assert "Không có tổ chức mã “KHONGCO” trong phạm vi của anh/chị." in unknown.content.decode()
    outside = client_for("secretary_c1").get(reverse("web:deadlines"), {"to_chuc": "GC"}).content.decode()
    assert "Không có tổ chức mã “GC”" in outside


def test_the_export_is_audited_and_safe(client_for, late, overdue):
    response = client_for("staff_p").get(reverse("web:deadlines"), {"xuat": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    header = rows.index(
        ("Nhóm", "Loại việc", "Đảng viên / tổ chức", "Số lý lịch", "Chi bộ, tổ chức", "Hạn", "Tình trạng", "Căn cứ")
    )
    body = rows[header + 1 :]
    member, due = late
    expected_p1 = dict(deadlines.BUCKETS)[deadlines.bucket(deadlines.Deadline("k", due, ""), today())]
    recognition = [(r[0], r[3], r[5]) for r in body if r[1] == "Xét công nhận đảng viên chính thức"]
    assert recognition[0][:2] == ("Quá hạn", "P2")
    assert recognition[1] == (expected_p1, "P1", f"{due:%d/%m/%Y}")
    entry = AuditEntry.objects.filter(action="deadlines.export").get()
    assert entry.after["rows"] == len(body) and entry.username == "canbo_tinh"


def test_a_day_off_moves_the_deadline_on_the_page_and_the_panel(client_for, late):
    member, due = late
    admin = client_for("admin")
    panel = admin.get(reverse("web:org_detail", args=["G1"])).content.decode()
    assert 'id="han-can-xu-ly"' in panel and f"{due:%d/%m/%Y} · Xét công nhận đảng viên chính thức" in panel
    # A working day before the deadline becomes a day off: the deadline moves to the next working day.
    extra = next(d for d in (due - dt.timedelta(days=n) for n in range(1, 10)) if is_working_day(d) and d > today())
    calendar_actions.do_save_day_off(extra, DayOff.OFF, "Nghỉ bù", acting_user=None)
    moved = add_working_days(due, 1)
    assert moved > due
    page = admin.get(reverse("web:deadlines")).content.decode()
    assert (moved.isoformat(), "P1") in _rows(page)
    panel = admin.get(reverse("web:org_detail", args=["G1"])).content.decode()
    assert f"{moved:%d/%m/%Y} · Xét công nhận đảng viên chính thức" in panel


def test_the_days_off_page(client_for, tree):
    admin = client_for("admin")
    url = reverse("web:days_off")
    page = admin.get(url, {"nam": 2026}).content.decode()
    assert 'data-day="2026-02-17"' in page and "Lunar New Year" in page  # Tết Bính Ngọ from the library
    assert 'data-day="2026-08-22"' in page  # the Saturday worked for Monday 31/8
    bad = admin.post(url, {"them-day": "31/02/2026", "them-kind": "off", "them-note": ""}).content.decode()
    assert 'id="id_them-day_errors"' in bad and "Ngày không có thật: 31/02/2026." in bad
    done = admin.post(url, {"them-day": "03/03/2026", "them-kind": "off", "them-note": "Nghỉ thêm"})
    assert done.status_code == 302
    assert DayOff.objects.get(day=dt.date(2026, 3, 3)).note == "Nghỉ thêm"
    admin.post(url, {"them-day": "03/03/2026", "them-kind": "working", "them-note": "Sửa lại"})
    assert DayOff.objects.get(day=dt.date(2026, 3, 3)).kind == "working"
    page = admin.get(url, {"nam": 2026}).content.decode()
    assert "Quản trị bổ sung" in page and "Sửa lại" in page
    admin.post(url, {"xoa-day": "03/03/2026", "xoa": "1"})
    assert not DayOff.objects.filter(day=dt.date(2026, 3, 3)).exists()
    entries = list(
        AuditEntry.objects.filter(action__startswith="dayoff.").order_by("id").values_list("action", flat=True)
    )
    assert entries == ["dayoff.save", "dayoff.save", "dayoff.remove"]
    # Others read the calendar but may not change it.
    secretary = client_for("secretary_c1")
    assert secretary.get(url).status_code == 200
    assert "Thêm hoặc sửa một ngày" not in secretary.get(url).content.decode()
    assert secretary.post(url, {"them-day": "04/03/2026", "them-kind": "off"}).status_code == 403
    assert admin.get(url, {"nam": "abc"}).status_code == 200


def test_a_long_group_is_cut_with_a_count_and_the_xlsx_has_them_all(client_for, overdue, monkeypatch):
    """A province has thousands of open deadlines: the page shows ROWS_SHOWN a group, says how many
    more there are, and the XLSX carries every one."""
    from xaydungdang.alerts import deadline_views

    for n in range(3):
        newcomer = person(f"Q{n}", f"Hà Văn Q{n}", birth_date=dt.date(1995, 1, 1))
        actions.admit(newcomer, overdue.current_cell, overdue.joined_on)
    monkeypatch.setattr(deadline_views, "ROWS_SHOWN", 2)
    client = client_for("admin")
    page = client.get(reverse("web:deadlines"), {"loai": "recognition_review"}).content.decode()
    overdue_section = page[page.index('id="nhom-overdue"') : page.index('id="nhom-week"')]
    assert len(_rows(overdue_section)) == 2
    assert 'data-more="2"' in overdue_section and "Còn 2 việc nữa" in overdue_section
    assert '<span class="count">4</span>' in overdue_section
    response = client.get(reverse("web:deadlines"), {"loai": "recognition_review", "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    numbers = {str(v) for row in sheet.iter_rows(values_only=True) for v in row if v}
    assert {"P2", "Q0", "Q1", "Q2"} <= numbers
