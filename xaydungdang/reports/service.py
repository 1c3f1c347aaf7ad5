"""The reports service: build a report for an organization and period, render it in a format.

Used by `xdd report` and the web app (these names are its contract):
- `build(org_code, start, end, kind="annual", user=None, ...) -> Report`
- `render(report, fmt) -> RenderedFile(content, content_type, filename)` for json, docx, pdf, xlsx, html
- `body_html(report) -> str`, the report as an <article> for the web page (classes only).
Every figure comes from indicators.engine.report_data, the same as every other output.
"""

import datetime as dt
from dataclasses import dataclass

from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.dates import parse_date
from xaydungdang.core.errors import DomainError
from xaydungdang.core.formatting import date as vn_date
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.indicators.founding import founding_in
from xaydungdang.reports.blocks import Para
from xaydungdang.reports.document import Report, assemble
from xaydungdang.reports.issuer import OrgName
from xaydungdang.reports.periods import KINDS, parse_term
from xaydungdang.reports.succession import succession

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": XLSX_CONTENT_TYPE,
    "html": "text/html; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)
KIND_NAMES = {"annual": "báo cáo năm", "term": "báo cáo nhiệm kỳ", "charter": "báo cáo thi hành Điều lệ"}


@dataclass(frozen=True)
class RenderedFile:
    content: bytes
    content_type: str
    filename: str


def as_date(value, field: str, label: str) -> dt.date:
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is None:
        raise DomainError(
            f"{label} không hợp lệ: «{value}». Hãy ghi theo dạng YYYY-MM-DD hoặc DD/MM/YYYY "
            "(ví dụ 2023-12-31 hoặc 31/12/2023).",
            field,
        )
    return day


def _chain(info, end: dt.date) -> list[OrgName]:
    from xaydungdang.organizations.tree import load_tree

    tree = load_tree()
    ids = tree.snapshot(end).ancestors(info.id) or [info.id]
    return [OrgName(tree.orgs[i].name, tree.orgs[i].kind) for i in ids]


def _locality_place(info) -> str | None:
    """The commune or ward a cell works in, from its locality ("Trường THCS Đại Tâm" under
    "xã Đại Tâm" -> "Đại Tâm"): a school cell attached to the district still dates its report from
    its commune, not the district. None when the locality does not lead to a commune."""
    from xaydungdang.organizations.models import CELL_KINDS, Locality, LocalityKind
    from xaydungdang.reports.issuer import place_name

    if info.kind not in CELL_KINDS or not info.locality_id:
        return None
    seen, loc_id = set(), info.locality_id
    while loc_id is not None and loc_id not in seen and len(seen) < 10:
        seen.add(loc_id)
        loc = Locality.objects.filter(pk=loc_id).values("name", "kind", "parent_id").first()
        if loc is None:
            return None
        if loc["kind"] == LocalityKind.COMMUNE:
            place = place_name([OrgName(f"Đảng bộ {loc['name']}", "grassroots_committee")])
            # A numbered ward ("Phường 2") is not a place name on its own.
            return None if not place or place[0].isdigit() else place
        loc_id = loc["parent_id"]
    return None


def build(
    org_code,
    start,
    end,
    kind: str = "annual",
    user=None,
    *,
    number: str = "",
    place: str | None = None,
    issued_on=None,
    signer: str = "",
    term: str | None = None,
) -> Report:
    """Compute and compose a report. Unknown organization, bad dates or kind: DomainError in Vietnamese;
    a user without the right to view the organization: PermissionDenied."""
    from xaydungdang.indicators.engine import report_data
    from xaydungdang.organizations.tree import load_tree

    if kind not in KINDS:
        raise DomainError(
            f"Loại báo cáo không hợp lệ: «{kind}». Chọn một trong: annual (năm), term (nhiệm kỳ), "
            "charter (thi hành Điều lệ).",
            "kind",
        )
    start = as_date(start, "from", "Ngày bắt đầu")
    end = as_date(end, "to", "Ngày kết thúc")
    if start > end:
        raise DomainError(f"Ngày bắt đầu {vn_date(start)} sau ngày kết thúc {vn_date(end)}.", "from")
    code = str(org_code or "").strip()
    info = load_tree().get(code)
    if info is None:
        raise DomainError(f"Không tìm thấy tổ chức đảng có mã «{code}».", "org")
    requested_end = end
    if not info.exists_on(end) and info.dissolved_on and info.established_on < info.dissolved_on <= end:
        if start < info.dissolved_on:
            # A period running past the dissolution covers the unit's life in it: up to the eve
            # (ST's 2025 is its half year to 30/6/2025); the figures at the end are those of the eve.
            end = info.dissolved_on - dt.timedelta(days=1)
    if user is not None:
        from xaydungdang.accounts.scope import require_org_on

        # Today's scope, or a grant on a dissolved organization for a period before it (read-only).
        require_org_on(user, info.id, end)
    if not info.exists_on(end):
        if info.established_on > end:
            raise DomainError(
                f"{info.name} thành lập ngày {vn_date(info.established_on)}, sau ngày kết thúc kỳ "
                f"báo cáo ({vn_date(end)}).",
                "to",
            )
        raise DomainError(
            f"{info.name} đã giải thể ngày {vn_date(info.dissolved_on)}; hãy chọn ngày kết thúc kỳ "
            "báo cáo trước ngày đó.",
            "to",
        )
    term_years = None
    if term:
        try:
            term_years = parse_term(term)
        except ValueError:
            raise DomainError(f"Nhiệm kỳ không hợp lệ: «{term}» (ví dụ 2020-2025).", "term") from None
    issued = as_date(issued_on, "date", "Ngày báo cáo") if issued_on else None
    data = report_data(code, start, end, annex=True, previous=True, series=True)
    report = assemble(
        data,
        kind,
        _chain(info, end),
        number=number,
        place=place if place is not None else _locality_place(info),
        issued_on=issued,
        signer=signer,
        term=term_years,
        founding=founding_in(info.id, start, end),  # a unit founded within the period (indicators.founding)
    )
    if end != requested_end:
        # The period asked for, kept beside the one covered ("period"): a new key only.
        report.data = {**report.data, "requested_period": {"from": start.isoformat(), "to": requested_end.isoformat()}}
    crossing = succession(info.id, start, end)
    if crossing is not None:
        # A dissolution or merger across the period or before today: both sides named (succession.py).
        report.data = {**report.data, "succession": crossing}  # a new dict: the data may be cached
        report.body = [Para(text, "body") for text in crossing["text"]] + list(report.body)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        report.forms_source = lambda: _year_forms(code, start.year)
    return report


def _year_forms(code: str, year: int) -> list[dict]:
    """The statistical forms (spec/forms.md) of the report's year, for its annex."""
    from xaydungdang.indicators.statforms import compute_forms

    return compute_forms(code, str(year))


def _renderer(fmt: str):
    if fmt == "json":
        from xaydungdang.reports.renderers import json as module
    elif fmt == "docx":
        from xaydungdang.reports.renderers import docx as module
    elif fmt == "pdf":
        from xaydungdang.reports.renderers import pdf as module
    elif fmt == "xlsx":
        from xaydungdang.reports.renderers import xlsx as module
    else:
        from xaydungdang.reports.renderers import html as module
    return module


def _audit(report: Report, action: AuditAction, **extra) -> None:
    org = report.org
    audit.record(
        action,
        model="organizations.organization",
        object_id=org["id"],
        object_repr=org["name"],
        org_id=org["id"],
        after={"kind": report.kind, "from": report.start.isoformat(), "to": report.end.isoformat(), **extra},
    )


def render(report: Report, fmt: str) -> RenderedFile:
    if fmt not in CONTENT_TYPES:
        raise DomainError(f"Định dạng không hỗ trợ: «{fmt}». Chọn một trong: {', '.join(FORMATS)}.", "format")
    content = _renderer(fmt).render(report)
    _audit(report, AuditAction.of(f"report.{fmt}"), format=fmt, bytes=len(content))
    return RenderedFile(content, CONTENT_TYPES[fmt], report.filename(fmt))


def body_html(report: Report) -> str:
    """The report as an <article class="xdd-report"> with one wide annex table; style it with
    the static file reports/report.css."""
    from xaydungdang.reports.renderers.html import body_html as render_body

    html = render_body(report)
    _audit(report, AuditAction.REPORT_VIEW)
    return html
