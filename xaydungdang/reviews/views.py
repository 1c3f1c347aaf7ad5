"""A cell's whole round of ratings on one page (issue 12 item 7): one row per member of the
cell, a level per row, saved at once through `actions.record_ratings` (the same scope, rules
and audit rows as one rating; all or nothing, errors under the row)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from xaydungdang.core import access
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.views import int_param, page
from xaydungdang.members.models import Member, MemberState
from xaydungdang.organizations.models import CELL_KINDS
from xaydungdang.organizations.views import org_or_404
from xaydungdang.reviews import actions
from xaydungdang.reviews.models import Rating, RatingLevel

# The number typed on a focused select picks the level (1 excellent ... 4 incomplete).
LEVEL_CHOICES = [(value, f"{i}. {label}") for i, (value, label) in enumerate(RatingLevel.choices, start=1)]
LEVEL_LABELS = dict(RatingLevel.choices)
SCORE_FROM_YEAR = 2025


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


def ratings_by_member(member_ids, year: int) -> dict[int, Rating]:
    return {
        r.subject_member_id: r
        for r in Rating.objects.active().filter(subject_member_id__in=list(member_ids), year=year)
    }


def _score(raw: str):
    """(score or None, problem text or None) from the score box."""
    raw = raw.strip()
    if not raw:
        return None, None
    if not raw.isdigit() or int(raw) > 100:
        return None, f'Điểm "{raw[:10]}" không hợp lệ: nhập số nguyên từ 0 đến 100.'
    return int(raw), None


@page
def rating_round(request, code):
    org = org_or_404(request.user, code)
    if org.kind not in CELL_KINDS:
        raise Http404
    if not access.scope_for(request.user, access.RECORD).covers(org.id):
        raise PermissionDenied
    this_year = today().year
    year = int_param(request, "nam", round_year(today()), low=1930, high=this_year, label="Năm")
    if year is None:
        year = round_year(today())
    members = round_members(request.user, org)
    rated = ratings_by_member([m.id for m in members], year)
    rows = [{"member": m, "rating": rated.get(m.id), "level": "", "score": "", "errors": []} for m in members]
    error = None
    if request.method == "POST":
        values, targets = [], []
        for row in rows:
            if row["rating"] is not None:
                continue
            member_id = row["member"].id
            row["level"] = request.POST.get(f"muc_{member_id}", "")[:20]
            row["score"] = request.POST.get(f"diem_{member_id}", "")[:10]
            score, problem = _score(row["score"])
            if problem:
                row["errors"].append(problem)
            if not row["level"]:
                if row["score"].strip() and not problem:
                    row["errors"].append("Có điểm nhưng chưa chọn mức xếp loại.")
                continue
            values.append(
                {
                    "year": year,
                    "level": row["level"],
                    "score": score,
                    "rated_by": "",
                    "subject_type": "member",
                    "subject_member_id": member_id,
                    "subject_org_id": None,
                }
            )
            targets.append(row)
        if any(row["errors"] for row in rows):
            error = "Chưa ghi dòng nào: có dòng nhập chưa đúng, xem dưới từng dòng rồi ghi lại."
        elif not values:
            error = "Chưa chọn mức xếp loại cho đảng viên nào."
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
                    request, f"Đã ghi xếp loại chất lượng năm {year} cho {len(made)} đảng viên của {org.name}."
                )
                return redirect(reverse("web:rating_round", args=[org.code]) + f"?nam={year}")
    return render(
        request,
        "reviews/round.html",
        {
            "title": f"Xếp loại chất lượng đảng viên năm {year}",
            "org": org,
            "year": year,
            "years": list(range(this_year, this_year - 5, -1)),
            "rows": rows,
            "levels": LEVEL_CHOICES,
            "level_labels": LEVEL_LABELS,
            "with_score": year >= SCORE_FROM_YEAR,
            "error": error,
            "pending": sum(1 for r in rows if r["rating"] is None),
        },
    )
