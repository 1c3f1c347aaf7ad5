"""A cell's whole round of ratings on one page (issue 12 item 7): one row per member of the
cell, a level per row, saved at once through `actions.record_ratings` (the same scope, rules
and audit rows as one rating; all or nothing, errors under the row)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from xaydungdang.core import access
from xaydungdang.core.dates import parse_date, today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.views import int_param, page
from xaydungdang.members.models import Member, MemberState
from xaydungdang.organizations.models import CELL_KINDS
from xaydungdang.organizations.views import org_or_404
from xaydungdang.reviews import actions, quality, quality_xlsx, roundimport, rulesets
from xaydungdang.reviews.models import NotRatedReason, Rating, RatingLevel

# The number typed on a focused select picks the level (1 excellent ... 4 incomplete).
LEVEL_CHOICES = [(value, f"{i}. {label}") for i, (value, label) in enumerate(RatingLevel.choices, start=1)]
LEVEL_LABELS = dict(RatingLevel.choices)


def round_year(day: dt.date) -> int:
    """The year a cell is rating: the current one from November (the year-end review), else the last."""
    return day.year if day.month >= 11 else day.year - 1


def round_members(user, org) -> list[Member]:
    """The members the round is about: those active in the cell now, in Vietnamese name order."""
    return list(
        Member.objects.restrict(user)
        .filter(current_cell_id=org.id, state=MemberState.ACTIVE)
        .order_by("sort_key", "member_no")
    )


def ratings_by_member(member_ids, year: int, period: str = "") -> dict[int, Rating]:
    return {
        r.subject_member_id: r
        for r in Rating.objects.active().filter(subject_member_id__in=list(member_ids), year=year, period=period)
    }


def _score(raw: str):
    """(score or None, problem text or None) from the score box."""
    raw = raw.strip()
    if not raw:
        return None, None
    if not raw.isdecimal() or int(raw) > 100:
        return None, f'Điểm "{raw[:10]}" không hợp lệ: nhập số nguyên từ 0 đến 100.'
    return int(raw), None


# The round's stages: (prefix of the boxes, values' level field, score field, date field, heading).
STAGES = (
    ("tdg_", "self_level", "self_score", "self_on", "Tự đánh giá"),
    ("de_", "proposed_level", "proposed_score", "proposed_on", "Chi bộ đề xuất"),
    ("", "level", "score", "decided_on", "Cấp ủy quyết định"),
)
DATE_BOXES = (
    ("ngay_tdg", "self_on", "Ngày tự đánh giá"),
    ("ngay_de", "proposed_on", "Ngày chi bộ đề xuất"),
    ("ngay_qd", "decided_on", "Ngày quyết định"),
)
NOT_RATED_CHOICES = list(NotRatedReason.choices)


def period_choices(day: dt.date) -> list[tuple[str, str]]:
    """The periods offered: the last five years, this year's and last year's quarters, the term."""
    out = [(str(y), f"Năm {y}") for y in range(day.year, day.year - 5, -1)]
    for y in (day.year, day.year - 1):
        for q in range(4, 0, -1):
            p = rulesets.parse_period(f"{y}-Q{q}")
            if p.start <= day:
                out.append((p.text, p.label.capitalize()))
    return out


def _period_param(request):
    """The period asked for (?ky=2025-Q3, or ?nam=2025 as before), and a problem text if unreadable."""
    raw = (request.GET.get("ky_khac") or request.GET.get("ky") or "").strip()[:20]
    if not raw:
        year = int_param(request, "nam", round_year(today()), low=1930, high=today().year, label="Năm")
        return rulesets.parse_period(str(year or round_year(today()))), None
    try:
        period = rulesets.parse_period(raw)
    except rulesets.PeriodError as exc:
        return rulesets.parse_period(str(round_year(today()))), str(exc)
    if period.start > today():
        return rulesets.parse_period(str(round_year(today()))), f"Kỳ {period.label} chưa bắt đầu."
    return period, None


def _round_url(org, period) -> str:
    return reverse("web:rating_round", args=[org.code]) + f"?ky={period.text}"


def _row_values(post, member_id: int, row: dict, scored: bool) -> dict | None:
    """The values of one member's row from the posted boxes (row gets what was typed and its
    problems); None when the row was left empty."""
    values = {}
    for prefix, level_field, score_field, _date, _heading in STAGES:
        level = post.get(f"{prefix}muc_{member_id}", "")[:20]
        raw = post.get(f"{prefix}diem_{member_id}", "")[:10] if scored else ""
        row[f"{prefix}muc"], row[f"{prefix}diem"] = level, raw
        score, problem = _score(raw)
        if problem:
            row["errors"].append(problem)
        values[level_field], values[score_field] = level, score
    reason = post.get(f"kxl_{member_id}", "")[:20]
    row["kxl"] = reason
    values["not_rated"] = reason
    values["not_rated_note"] = post.get(f"kxl_ghi_{member_id}", "")[:200].strip()
    row["kxl_ghi"] = values["not_rated_note"]
    if not any(v not in ("", None) for v in values.values()):
        return None
    if not values["level"] and values["score"] is None and not reason:
        row["errors"].append("Chưa có kết quả của cấp ủy: chọn mức, nhập điểm hoặc lý do không xếp loại.")
    return values


def _cells(row: dict, scored: bool) -> list[dict]:
    """The boxes of a row, left to right, each with its grid column (grid.js moves down a column)."""
    member, cells, col = row["member"], [], 0
    for prefix, _lf, _sf, _df, heading in STAGES:
        if scored:
            cells.append(
                {
                    "kind": "score",
                    "name": f"{prefix}diem_{member.id}",
                    "value": row.get(f"{prefix}diem", ""),
                    "col": col,
                    "label": f"{heading}: điểm của {member.full_name}",
                }
            )
            col += 1
        cells.append(
            {
                "kind": "level",
                "name": f"{prefix}muc_{member.id}",
                "value": row.get(f"{prefix}muc", ""),
                "col": col,
                "label": f"{heading}: mức của {member.full_name}",
                "fill": prefix == "",
            }
        )
        col += 1
    cells.append(
        {
            "kind": "not_rated",
            "name": f"kxl_{member.id}",
            "value": row.get("kxl", ""),
            "col": col,
            "label": f"Lý do không xếp loại {member.full_name}",
            "note": row.get("kxl_ghi", ""),
        }
    )
    return cells


@page
def rating_round(request, code):
    org = org_or_404(request.user, code)
    if org.kind not in CELL_KINDS:
        raise Http404
    if not access.scope_for(request.user, access.RECORD).covers(org.id):
        raise PermissionDenied
    period, period_problem = _period_param(request)
    rs = rulesets.ruleset_for(period)
    stored = "" if period.kind == rulesets.YEAR else period.text
    members = round_members(request.user, org)
    rated = ratings_by_member([m.id for m in members], period.year, stored)
    rows = [{"member": m, "rating": rated.get(m.id), "errors": []} for m in members]
    error = period_problem
    dates = {box: "" for box, _f, _l in DATE_BOXES}
    if request.method == "POST" and not period_problem:
        day_values, date_errors = {}, []
        for box, field_name, label in DATE_BOXES:
            dates[box] = request.POST.get(box, "")[:20]
            try:
                day_values[field_name] = parse_date(dates[box])
            except ValueError:
                date_errors.append(
                    f'{label} "{dates[box]}" không hợp lệ: ghi ngày/tháng/năm, ví dụ 15/12/{period.year}.'
                )
        values, targets = [], []
        for row in rows:
            if row["rating"] is not None:
                continue
            found = _row_values(request.POST, row["member"].id, row, rs.scored)
            if found is None:
                continue
            values.append(
                found
                | day_values
                | {
                    "year": period.year,
                    "period": stored,
                    "rated_by": "",
                    "subject_type": "member",
                    "subject_member_id": row["member"].id,
                    "subject_org_id": None,
                }
            )
            targets.append(row)
        if date_errors:
            error = " ".join(date_errors)
        elif any(row["errors"] for row in rows):
            error = "Chưa ghi dòng nào: có dòng nhập chưa đúng, xem dưới từng dòng rồi ghi lại."
        elif not values:
            error = "Chưa nhập kết quả cho đảng viên nào."
        else:
            try:
                made = actions.record_ratings(values, acting_user=request.user)
            except actions.RoundRefused as exc:
                for index, problems in exc.by_row.items():
                    targets[index]["errors"] += [p.message for p in problems]
                error = exc.message
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(
                    request, f"Đã ghi xếp loại chất lượng {period.label} cho {len(made)} đảng viên của {org.name}."
                )
                return redirect(_round_url(org, period))
    for row in rows:
        if row["rating"] is None:
            row["cells"] = _cells(row, rs.scored)
    cap = []
    if rulesets.cap_applies(rs, period):
        cap = quality.cap_warnings(period.year, quality.grassroots_ids_under(org.id, period.end))
    return render(
        request,
        "reviews/round.html",
        {
            "title": f"Xếp loại chất lượng đảng viên {period.label}",
            "org": org,
            "year": period.year,
            "period": period,
            "periods": period_choices(today()),
            "ruleset": rs,
            "rows": rows,
            "levels": LEVEL_CHOICES,
            "level_labels": LEVEL_LABELS,
            "not_rated_choices": NOT_RATED_CHOICES,
            "stages": STAGES,
            "with_score": rs.scored,
            "dates": dates,
            "date_boxes": DATE_BOXES,
            "cap_warnings": cap,
            "cap_applies": rulesets.cap_applies(rs, period),
            "error": error,
            "pending": sum(1 for r in rows if r["rating"] is None),
        },
    )


def _round_org(request, code):
    org = org_or_404(request.user, code)
    if org.kind not in CELL_KINDS:
        raise Http404
    if not access.scope_for(request.user, access.RECORD).covers(org.id):
        raise PermissionDenied
    return org


@page
def rating_round_import(request, code):
    """A round from an XLSX file: the template (?mau=1) with the cell's members, then the upload,
    written all or nothing; every problem names its row and column."""
    org = _round_org(request, code)
    period, error = _period_param(request)
    members = round_members(request.user, org)
    if request.GET.get("mau") and not error:
        return HttpResponse(
            roundimport.template(org, period, members),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="xep-loai-{org.code}-{period.text}.xlsx"'},
        )
    problems = []
    if request.method == "POST" and not error:
        upload = request.FILES.get("tep")
        if upload is None:
            problems = ["Chưa chọn tệp Excel."]
        elif upload.size > 5 * 1024 * 1024:
            problems = ["Tệp quá lớn (tối đa 5 MB)."]
        else:
            try:
                n = roundimport.import_round(upload.read(), org, period, members, acting_user=request.user)
            except roundimport.RoundFileError as exc:
                problems = exc.problems
            else:
                messages.success(request, f"Đã nhập xếp loại {period.label} của {n} đảng viên từ tệp.")
                return redirect(_round_url(org, period))
    return render(
        request,
        "reviews/round_import.html",
        {
            "title": f"Nhập xếp loại {period.label} từ Excel",
            "org": org,
            "period": period,
            "error": error,
            "problems": problems,
        },
    )


@page
def rating_quality_xlsx(request, code):
    """The annual quality forms of an organization's subtree for a period, as XLSX."""
    org = org_or_404(request.user, code)
    period, error = _period_param(request)
    if error:
        raise Http404
    content = quality_xlsx.render(quality.quality_forms(org, period.text))
    return HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="bieu-chat-luong-{org.code}-{period.text}.xlsx"'},
    )
