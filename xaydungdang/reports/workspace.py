"""What the report workspace writes and shows: the written sections, next year's targets, the
frozen figures and the document built from a draft (reports/models.py, reports/actions.py).

The written sections are those no database can write (the report's assessment, causes, lessons,
directions, restructuring of the apparatus, internal political protection, anti-corruption...);
they are inserted into the rendered report (DOCX, PDF, HTML) after the computed parts, each as a
part of its own, followed by next year's targets.
"""

import datetime as dt
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from xaydungdang.core.formatting import number as vn_number
from xaydungdang.reports.blocks import Heading, Para

# (key, title): the order of the parts in the document.
SECTIONS = [
    ("assessment", "Đánh giá chung"),
    ("causes", "Nguyên nhân của ưu điểm, hạn chế"),
    ("lessons", "Bài học kinh nghiệm"),
    ("restructuring", "Sắp xếp tổ chức bộ máy"),
    ("protection", "Bảo vệ chính trị nội bộ"),
    ("anticorruption", "Phòng, chống tham nhũng, tiêu cực"),
    ("directions", "Phương hướng, nhiệm vụ"),
]
SECTION_TITLES = dict(SECTIONS)

# Next year's numeric targets: (key, label, unit).
TARGETS = [
    ("admissions", "Kết nạp đảng viên mới", "đảng viên"),
    ("orgs_good_pct", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%"),
    ("members_good_pct", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "%"),
    ("inspections", "Cuộc kiểm tra, giám sát của cấp ủy", "cuộc"),
]
TARGET_LABELS = {key: label for key, label, _unit in TARGETS}
TARGET_UNITS = {key: unit for key, _label, unit in TARGETS}

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]

# Figures shown beside a subordinate unit's text (computed by the upper level itself).
KEY_FIGURES = [
    "members.total",
    "members.official",
    "members.probationary",
    "admissions.total",
    "orgs.grassroots",
    "orgs.subordinate_cells",
]


def jsonable(data: dict) -> dict:
    """The engine's data as stored (dates as ISO strings)."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def next_year(end: dt.date) -> int:
    return end.year + 1


def written_blocks(sections: dict, targets: dict, body_levels: int, year: int) -> list:
    """The written parts as report blocks, numbered after the `body_levels` computed parts."""
    blocks: list = []
    n = body_levels
    for key, title in SECTIONS:
        text = (sections.get(key) or "").strip()
        if not text:
            continue
        blocks.append(Heading(1, f"{ROMAN[n]}. {title.upper()}"))
        n += 1
        blocks.extend(Para(line.strip()) for line in text.splitlines() if line.strip())
    lines = []
    for key, label, unit in TARGETS:
        value = targets.get(key)
        if value in (None, ""):
            continue
        shown = vn_number(value) if not isinstance(value, str) else value
        lines.append(f"- {label}: {shown}{'%' if unit == '%' else ' ' + unit}.")
    if lines:
        blocks.append(Heading(1, f"{ROMAN[n]}. CHỈ TIÊU NĂM {year}"))
        blocks.extend(Para(line, "item") for line in lines)
    return blocks


def insert_written(report, sections: dict, targets: dict) -> None:
    """Insert the written parts into the report's body, before its closing line."""
    body = list(report.body)
    levels = sum(1 for b in body if isinstance(b, Heading) and b.level == 1)
    at = next(
        (i for i in range(len(body) - 1, -1, -1) if isinstance(body[i], Para) and body[i].style == "closing"), len(body)
    )
    body[at:at] = written_blocks(sections, targets, levels, next_year(report.end))
    report.body = body


def build(draft, user=None):
    """The Report of a draft: live figures from the engine until it is issued, then the frozen ones."""
    from xaydungdang.reports import service
    from xaydungdang.reports.document import assemble
    from xaydungdang.reports.issuer import OrgName

    if draft.frozen:
        frozen = draft.frozen
        chain = [OrgName(name, kind) for name, kind in frozen["chain"]]
        report = assemble(
            frozen["data"],
            draft.kind,
            chain,
            number=draft.number,
            issued_on=draft.issued_on,
            signer=draft.signer,
        )
    else:
        report = service.build(
            draft.org.code,
            draft.start,
            draft.end,
            kind=draft.kind,
            user=user,
            number=draft.number,
            issued_on=draft.issued_on,
            signer=draft.signer,
        )
    insert_written(report, draft.sections or {}, draft.targets or {})
    return report


def freeze(draft) -> dict:
    """The figures of a draft as they are now, with the organization chain they are issued under."""
    from xaydungdang.reports import service

    report = service.build(draft.org.code, draft.start, draft.end, kind=draft.kind)
    chain = service._chain(draft.org, draft.end)
    return {"data": jsonable(report.data), "chain": [[c.name, c.kind] for c in chain]}


def data_version(org_id: int) -> str:
    """The data version of the organization's subtree (the keys web/cache.py bumps on every write)."""
    from xaydungdang.core import versions

    return versions.subtree_version(org_id)


def previous_text(draft) -> dict:
    """The written sections of the previous report of the same unit and kind (the latest issued one
    of an earlier period, else the latest issued edition of this period), for the writer to see."""
    from xaydungdang.reports.models import ReportDraft

    issued = ReportDraft.objects.filter(org_id=draft.org_id, kind=draft.kind, issued_at__isnull=False).exclude(
        pk=draft.pk
    )
    earlier = issued.filter(end__lt=draft.start).order_by("-end", "-edition").first()
    found = earlier or issued.filter(start=draft.start, end=draft.end).order_by("-edition").first()
    return {"draft": found, "sections": (found.sections if found else {}) or {}}


def unit_status(request, day: dt.date) -> list[dict]:
    """For each unit of a request: its answering draft (latest edition), submitted or not, late or not."""
    from xaydungdang.reports.models import ReportDraft

    drafts = {}
    for draft in ReportDraft.objects.filter(request=request).order_by("edition"):
        drafts[draft.org_id] = draft
    rows = []
    for ru in request.units.select_related("unit").all():
        draft = drafts.get(ru.unit_id)
        submitted = draft.submitted_at if draft else None
        if submitted is not None:
            late = timezone.localdate(submitted) > request.deadline
            status = "Nộp muộn" if late else "Đã nộp"
        else:
            late = day > request.deadline
            status = "Quá hạn, chưa nộp" if late else "Chưa nộp"
        rows.append({"unit": ru.unit, "draft": draft, "submitted": submitted, "late": late, "status": status})
    from xaydungdang.core.text import vi_sort_key

    rows.sort(key=lambda r: vi_sort_key(r["unit"].name))
    return rows
