import datetime as dt

from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.record_rules import not_future, ordered, subject_exists
from xaydungdang.core.rules import RATING_SCORE_BANDS_366, rating_regulation, regulation
from xaydungdang.reviews.models import RatingLevel, ScreeningOutcome

# Django rebuilds `Choices.values` on every access; the importer checks hundreds of thousands of rows.
RATING_LEVELS = frozenset(RatingLevel.values)


def check_rating(values: dict, ctx) -> list[Problem]:
    problems = []
    year = values.get("year")
    if not year or year < 1930 or year > ctx.today.year:
        return [Problem(f'Năm xếp loại "{year}" không hợp lệ.', "year")]
    if values.get("level") not in RATING_LEVELS:
        problems.append(Problem(f'Mức xếp loại "{values.get("level")}" không hợp lệ.', "level"))
    problems += subject_exists(values, ctx, None, during=(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    score = values.get("score")
    if score is not None:
        reg = rating_regulation(year)
        if not 0 <= score <= 100:
            problems.append(Problem("Điểm phải từ 0 đến 100.", "score"))
        elif reg.code == "rating_366" and values.get("level") in RATING_LEVELS:
            expected = next(level for level, floor in RATING_SCORE_BANDS_366 if score >= floor)
            order = [lvl for lvl, _ in RATING_SCORE_BANDS_366]
            # A lower level than the score allows is possible (violations); a higher one is not.
            if order.index(values["level"]) < order.index(expected):
                problems.append(
                    Problem(
                        f'Điểm {score} chỉ cho phép mức "{RatingLevel(expected).label}" trở xuống — {reg.cite}.',
                        "level",
                        reg.code,
                    )
                )
    return problems


def rating_key(values: dict) -> tuple | None:
    """What a rating is unique by: its subject and year (one active rating per subject and year;
    the database holds the same rule as the constraints rating_one_per_member_year / _org_year)."""
    year = values.get("year")
    member, org = values.get("subject_member_id"), values.get("subject_org_id")
    if not year or (member is None and org is None):
        return None
    return ("member", member, year) if member is not None else ("org", org, year)


def check_rating_once(values: dict, ctx, earlier: str | None) -> list[Problem]:
    """Refuse a second rating of a subject for a year; `earlier` says where the first one is
    ("đã ghi", "dòng 5"), None when there is none."""
    key = rating_key(values)
    if key is None or earlier is None:
        return []
    kind, subject, year = key
    label = ctx.member_label(subject) if kind == "member" else ctx.org_label(subject)
    return [
        Problem(
            f"Đã có xếp loại chất lượng năm {year} của {label} ({earlier}); mỗi đảng viên, tổ chức đảng "
            f"chỉ có một xếp loại mỗi năm — hủy xếp loại cũ trước khi ghi lại.",
            "year",
        )
    ]


def check_screening(values: dict, ctx) -> list[Problem]:
    problems = not_future(values, ctx, "listed_on", "outcome_on")
    listed = values.get("listed_on")
    if listed is None:
        problems.append(Problem("Thiếu ngày đưa vào danh sách.", "listed_on"))
    elif listed < regulation("screening").effective_from:
        problems.append(
            Problem(
                f"Ngày {fmt(listed)} trước khi Chỉ thị 28-CT/TW có hiệu lực (21/01/2019).", "listed_on", "screening"
            )
        )
    outcome = values.get("outcome") or ""
    if outcome and outcome not in ScreeningOutcome.values:
        problems.append(Problem(f'Kết quả "{outcome}" không hợp lệ.', "outcome"))
    if values.get("outcome_on") and not outcome:
        problems.append(Problem("Có ngày kết quả nhưng chưa có kết quả.", "outcome"))
    problems += ordered(values, "listed_on", "outcome_on", "Ngày có kết quả")
    member_id = values.get("member_id")
    if member_id is None:
        problems.append(Problem("Thiếu đảng viên.", "member_no"))
    elif listed:
        result = ctx.member_result(member_id)
        if not result.present_on(listed):
            problems.append(
                Problem(f"{ctx.member_label(member_id)} không sinh hoạt đảng ngày {fmt(listed)}.", "listed_on")
            )
    return problems
