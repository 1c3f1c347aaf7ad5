"""Reminders: the deadline registry (core/deadlines.py) as the user sees it — the "Hạn cần xử lý"
page, the dashboard panel, the e-mail digest and `xdd due` all read `open_deadlines`; nothing here
computes a deadline. The panel is cached per scope, organization, day and data version (a DayOff
change writes an audit entry about no organization, which changes every organization's version;
the calendar's own version is in the key too, for rows written outside the actions)."""

import datetime as dt
import io

from openpyxl import Workbook

from xaydungdang.core import deadlines, versions, workdays
from xaydungdang.core.cache import cached, scope_signature
from xaydungdang.core.dates import today
from xaydungdang.core.spreadsheet import safe_cell, safe_row

PANEL_NEXT = 5


def deadlines_for(user, root_org_id=None, on: dt.date | None = None, kinds=None) -> list[deadlines.Deadline]:
    return deadlines.open_deadlines(on=on or today(), root_org_id=root_org_id, user=user, kinds=kinds)


def days_left(deadline: deadlines.Deadline, on: dt.date) -> str:
    days = (deadline.due_on - on).days
    if days < 0:
        return f"Quá hạn {-days} ngày"
    if days == 0:
        return "Hết hạn hôm nay"
    return f"Còn {days} ngày"


def panel_for(user, root_org_id) -> dict:
    """The dashboard panel: counts per bucket and the next five open deadlines."""
    day = today()

    def compute():
        found = deadlines_for(user, root_org_id, day)
        groups = deadlines.grouped(found, day)
        upcoming = [d for d in found if not d.overdue(day)][:PANEL_NEXT]
        return {
            "day": day,
            "total": len(found),
            "groups": [(code, label, len(items)) for code, label, items in groups],
            "next": [
                {
                    "label": d.label,
                    "subject": d.subject,
                    "url": d.url,
                    "due_on": d.due_on,
                    "left": days_left(d, day),
                }
                for d in upcoming
            ],
        }

    parts = (scope_signature(user), root_org_id, day.isoformat(), versions.get(workdays.VERSION_KEY))
    return cached("deadlines_panel", parts, compute, org_id=root_org_id)


COLUMNS = ["Nhóm", "Loại việc", "Đảng viên / tổ chức", "Số lý lịch", "Chi bộ, tổ chức", "Hạn", "Tình trạng", "Căn cứ"]


def workbook(found: list[deadlines.Deadline], on: dt.date, title_lines: list[str]) -> bytes:
    """The list as XLSX, every cell through core.spreadsheet.safe_cell."""
    labels = dict(deadlines.BUCKETS)
    book = Workbook(write_only=True)
    ws = book.create_sheet("Hạn cần xử lý")
    for line in title_lines:
        ws.append([safe_cell(line)])
    ws.append(safe_row(COLUMNS))
    for d in found:
        ws.append(
            safe_row(
                [
                    labels[deadlines.bucket(d, on)],
                    d.label,
                    d.subject,
                    d.member_no or "",
                    d.org_code or "",
                    d.due_on.strftime("%d/%m/%Y"),
                    days_left(d, on),
                    d.basis,
                ]
            )
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_json(found: list[deadlines.Deadline], on: dt.date) -> list[dict]:
    """The `xdd due` format (docs/cli.md): kind, member_no or org_code, due_on, overdue, basis."""
    rows = []
    for d in found:
        row = {"kind": d.kind}
        if d.member_no:
            row["member_no"] = d.member_no
        if d.org_code:
            row["org_code"] = d.org_code
        row |= {
            "due_on": d.due_on.isoformat(),
            "overdue": d.overdue(on),
            "basis": d.basis,
            "label": d.label,
            "subject": d.subject,
        }
        rows.append(row)
    return rows
