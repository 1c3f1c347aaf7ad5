from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.record_rules import not_future, ordered, subject_exists
from xaydungdang.core.rules import regulation
from xaydungdang.reviews import rulesets
from xaydungdang.reviews.models import NotRatedReason, RatingLevel, ScreeningOutcome

# Django rebuilds `Choices.values` on every access; the importer checks hundreds of thousands of rows.
RATING_LEVELS = frozenset(RatingLevel.values)


STAGE_FIELDS = (("self_level", "self_score", "self_on"), ("proposed_level", "proposed_score", "proposed_on"))
NOT_RATED_REASONS = frozenset(NotRatedReason.values)


def prepare_rating(values: dict) -> dict:
    """The values as stored: `period` "" for a yearly rating (version 1) or its canonical text,
    `year` the year the period ends, `ruleset` the rule set in force then and, under 366-QĐ/TW,
    the level derived from the score when none is stated. Values it cannot read are left for
    check_rating to refuse."""
    out = dict(values)
    if "disciplined" in out:
        out["disciplined"] = bool(out["disciplined"])
    text = out.get("period") or ""
    try:
        period = rulesets.parse_period(text) if text else None
    except rulesets.PeriodError:
        return out
    if period is not None and not out.get("year"):
        out["year"] = period.year
    year = out.get("year")
    if not isinstance(year, int):
        return out
    if period is None:
        try:
            period = rulesets.parse_period(str(year))
        except rulesets.PeriodError:
            return out
    out["period"] = "" if period.kind == rulesets.YEAR and period.year == year else period.text
    rs = rulesets.ruleset_for(period)
    out["ruleset"] = rs.code
    score = out.get("score")
    scored = isinstance(score, (int, float)) and 0 <= score <= 100
    if rs.scored and not out.get("level") and not out.get("not_rated") and scored:
        out["level"] = rulesets.level_for_score(
            score,
            tasks_on_time=out.get("tasks_on_time"),
            exceeding_targets=out.get("exceeding_targets"),
            disciplined=bool(out.get("disciplined")),
            violation=bool(out.get("violation")),
        )
    return out


def check_rating(values: dict, ctx) -> list[Problem]:
    problems = []
    text = values.get("period") or ""
    year = values.get("year")
    try:
        period = rulesets.parse_period(text or str(year))
    except rulesets.PeriodError as exc:
        if text:
            return [Problem(str(exc), "period")]
        period = None
    if not year and period is not None:
        year = period.year
    if not year or year < 1930 or year > ctx.today.year:
        return [Problem(f'Năm xếp loại "{year}" không hợp lệ.', "year")]
    if period.year != year:
        return [Problem(f"Kỳ đánh giá {text} kết thúc năm {period.year}, không phải năm {year}.", "period")]
    if period.start > ctx.today:
        return [Problem(f"Kỳ đánh giá {period.label} chưa bắt đầu.", "period")]
    rs = rulesets.ruleset_for(period)
    level, score = values.get("level") or "", values.get("score")
    not_rated = values.get("not_rated") or ""
    if not_rated:
        if not_rated not in NOT_RATED_REASONS:
            problems.append(Problem(f'Lý do không xếp loại "{not_rated}" không hợp lệ.', "not_rated"))
        if level or score is not None:
            problems.append(Problem("Đảng viên không xếp loại thì không ghi mức và điểm.", "not_rated"))
        if not_rated == "other" and not (values.get("not_rated_note") or "").strip():
            problems.append(Problem("Ghi rõ lý do khác của việc không xếp loại.", "not_rated_note"))
    elif not level:
        problems.append(
            Problem("Chọn mức xếp loại" + (", nhập điểm" if rs.scored else "") + " hoặc lý do không xếp loại.", "level")
        )
    elif level not in RATING_LEVELS:
        problems.append(Problem(f'Mức xếp loại "{level}" không hợp lệ.', "level"))
    problems += subject_exists(values, ctx, None, during=(period.start, period.end))
    for field in ("score", "self_score", "proposed_score"):
        value = values.get(field)
        if value is not None and not (isinstance(value, (int, float)) and 0 <= value <= 100):
            problems.append(Problem("Điểm phải từ 0 đến 100.", field))
    for level_field, _score, _on in STAGE_FIELDS:
        if (values.get(level_field) or "") and values[level_field] not in RATING_LEVELS:
            problems.append(Problem(f'Mức "{values[level_field]}" không hợp lệ.', level_field))
    problems += not_future(values, ctx, "self_on", "proposed_on", "decided_on")
    problems += ordered(values, "self_on", "proposed_on", "Ngày chi bộ đề xuất")
    problems += ordered(values, "proposed_on", "decided_on", "Ngày quyết định")
    if problems:
        return problems
    if not rs.scored:
        # Before 366-QĐ/TW the four levels stand alone; a score (version 1 allowed one) is kept, not judged.
        return problems
    if level and score is not None:
        expected = rulesets.level_for_score(
            score,
            tasks_on_time=values.get("tasks_on_time"),
            exceeding_targets=values.get("exceeding_targets"),
            disciplined=bool(values.get("disciplined")),
            violation=bool(values.get("violation")),
        )
        if level != expected:
            problems.append(Problem(_mismatch(score, level, expected, values), "level", rs.code))
    elif level == rulesets.EXCELLENT and (
        values.get("tasks_on_time") is False or values.get("exceeding_targets") is False or values.get("disciplined")
    ):
        problems.append(Problem(_excellent_conditions(), "level", rs.code))
    elif level and level != rulesets.INCOMPLETE and values.get("violation"):
        problems.append(
            Problem(
                "Có vi phạm thuộc trường hợp không hoàn thành nhiệm vụ: mức phải là “Không hoàn thành nhiệm vụ”.",
                "level",
                rs.code,
            )
        )
    return problems


def _excellent_conditions() -> str:
    return (
        "“Hoàn thành xuất sắc nhiệm vụ” cần đủ điều kiện của Quy định 366-QĐ/TW: 100% nhiệm vụ hoàn thành đúng hạn, "
        "ít nhất 30% chỉ tiêu vượt mức và không bị kỷ luật."
    )


def _mismatch(score: int, level: str, expected: str, values: dict) -> str:
    said, due = RatingLevel(level).label, RatingLevel(expected).label
    if values.get("violation") and expected == rulesets.INCOMPLETE:
        why = "có vi phạm thuộc trường hợp không hoàn thành nhiệm vụ"
    elif score >= 90 and expected == rulesets.GOOD:
        return f"Điểm {score} nhưng chưa đủ điều kiện: {_excellent_conditions()} Mức đúng là “{due}”."
    else:
        why = "≥ 90 xuất sắc, 70 đến dưới 90 tốt, 50 đến dưới 70 hoàn thành, dưới 50 không hoàn thành"
    return f"Mức “{said}” không khớp với điểm {score} ({why}): mức đúng là “{due}” theo Quy định 366-QĐ/TW."


def rating_key(values: dict) -> tuple | None:
    """What a rating is unique by: its subject and period (one active rating per subject and period;
    the database holds the same rule as the constraints rating_one_per_member_period / _org_period).
    `values` are prepared (prepare_rating): `period` is "" for a yearly rating."""
    year = values.get("year")
    member, org = values.get("subject_member_id"), values.get("subject_org_id")
    if not year or (member is None and org is None):
        return None
    period = values.get("period") or ""
    return ("member", member, year, period) if member is not None else ("org", org, year, period)


def check_rating_once(values: dict, ctx, earlier: str | None) -> list[Problem]:
    """Refuse a second rating of a subject for a year; `earlier` says where the first one is
    ("đã ghi", "dòng 5"), None when there is none."""
    key = rating_key(values)
    if key is None or earlier is None:
        return []
    kind, subject, year, period = key
    label = ctx.member_label(subject) if kind == "member" else ctx.org_label(subject)
    what = rulesets.period_of(period, year).label
    return [
        Problem(
            f"Đã có xếp loại chất lượng {what} của {label} ({earlier}); mỗi đảng viên, tổ chức đảng "
            f"chỉ có một xếp loại mỗi {'kỳ' if period else 'năm'} — hủy xếp loại cũ trước khi ghi lại.",
            "period" if period else "year",
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
