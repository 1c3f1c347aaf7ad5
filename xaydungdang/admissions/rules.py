import datetime as dt

from xaydungdang.core.dates import add_months
from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.record_rules import non_negative, org_exists

INDICATORS = {"admissions": "Kết nạp đảng viên"}


def check_target(values: dict, ctx) -> list[Problem]:
    problems = org_exists(ctx, values.get("org_id"), None, "org_code") + non_negative(values, "value")
    if values.get("indicator") not in INDICATORS:
        problems.append(
            Problem(f'Chỉ tiêu "{values.get("indicator")}" không được hỗ trợ (chỉ có admissions).', "indicator")
        )
    start, end = values.get("period_start"), values.get("period_end")
    org_id = values.get("org_id")
    if org_id is not None and start and not ctx.org_exists_during(org_id, start, end):
        problems.append(Problem(f"{ctx.org_label(org_id)} không tồn tại trong kỳ {values.get('period')}.", "period"))
    return problems


# ---------------------------------------------------------------------------------------------
# Candidates (issue 14 item 2; rules.md §2, Hướng dẫn 12-HD/BTCTW 2022, Quy định 294-QĐ/TW).


CERTIFICATE_MONTHS = 60  # the awareness class certificate is valid 5 years
DECISION_WORKING_DAYS = 60  # the competent committee decides within 60 working days of the cell resolution
CEREMONY_WORKING_DAYS = 30  # the ceremony within 30 working days of receiving the decision
SOURCE = "Hướng dẫn 12-HD/BTCTW (18/01/2022), Quy định 294-QĐ/TW"
STEP_LABELS = {
    "awareness": "Học lớp bồi dưỡng nhận thức về Đảng",
    "dossier": "Đơn và hồ sơ xin vào Đảng",
    "verification": "Thẩm tra lý lịch",
    "cell_resolution": "Nghị quyết chi bộ đề nghị kết nạp",
    "decision": "Quyết định kết nạp của cấp ủy có thẩm quyền",
    "ceremony": "Lễ kết nạp",
}
ORDER = list(STEP_LABELS)


def certificate_expires(on: dt.date) -> dt.date:
    """The first day a certificate dated `on` is no longer valid (5 years)."""
    return add_months(on, CERTIFICATE_MONTHS)


def certificate_valid(on: dt.date | None, day: dt.date) -> bool:
    return on is not None and on <= day < certificate_expires(on)


def next_kind(done: list[str]) -> str | None:
    """The step that follows the active steps `done` (in order), None after the ceremony."""
    return ORDER[len(done)] if len(done) < len(ORDER) else None


def official_in_cell(result, cell_id, day: dt.date) -> bool:
    """Was the member (replayed history `result`) an official member of the cell on `day`?"""
    return any(
        s.cell_id == cell_id and s.start <= day and (s.end is None or day < s.end) and s.official for s in result.spans
    )


def age_problems(candidate, day: dt.date, orgs) -> list[Problem]:
    """The admission age rule (18–60 in completed months, over 60 only with a written exception),
    judged by the members' lifecycle itself (members.lifecycle.allowed_next) on `day`."""
    from xaydungdang.members.lifecycle import Facts, allowed_next
    from xaydungdang.members.models import EventType

    facts = Facts(
        label=candidate.full_name,
        birth_date=candidate.birth_date,
        joined_on=day,
        official_on=None,
        admission_exception=candidate.admission_exception,
    )
    admitted = EventType.ADMITTED
    found = allowed_next(facts, [], orgs, day, [admitted], with_cell={admitted})[admitted]
    return [Problem(p.message, "on") for p in found if p.rule == "admission_age" or "tuổi" in p.message]


def competent_committee(cell_id, day: dt.date, delegated: bool, kind_of, parent_at) -> tuple[int | None, str]:
    """Who decides an admission from the cell on `day` (rules.md §2): the đảng ủy cơ sở above a
    chi bộ trực thuộc when it was delegated the power, otherwise the ban thường vụ of the direct
    upper committee of the grassroots organization, by the tree of that day. Returns (org id,
    problem) — the problem is "" when an organization was found."""
    grassroots = cell_id
    while grassroots is not None and kind_of(grassroots) not in ("grassroots_committee", "grassroots_cell"):
        grassroots = parent_at(grassroots, day)
    if grassroots is None:
        return None, f"Ngày {fmt(day)} chi bộ không thuộc tổ chức cơ sở đảng nào trong hệ thống."
    if delegated:
        if kind_of(grassroots) != "grassroots_committee":
            return None, "Chi bộ cơ sở không có đảng ủy cơ sở: cấp ủy cấp trên trực tiếp quyết định kết nạp."
        return grassroots, ""
    upper = parent_at(grassroots, day)
    if upper is None:
        return None, f"Ngày {fmt(day)} tổ chức cơ sở đảng không có cấp ủy cấp trên trực tiếp trong hệ thống."
    return upper, ""


def check_step(candidate, kind: str, values: dict, done: dict, ctx) -> list[Problem]:
    """The rules of recording step `kind` of `candidate` after the active steps `done`
    ({kind: step}, in order). `ctx` answers: today, org_label, org_kind, parent_at, org_lookup,
    member_result, member_label."""
    problems: list[Problem] = []
    expected = next_kind(list(done))
    if expected is None:
        return [Problem("Quần chúng này đã được kết nạp; không còn bước nào để ghi.", "kind")]
    if kind != expected:
        return [
            Problem(
                f"Bước tiếp theo là «{STEP_LABELS[expected]}»; chưa thể ghi «{STEP_LABELS.get(kind, kind)}».",
                "kind",
            )
        ]
    on = values.get("on")
    if on is None:
        return [Problem("Cần nhập ngày.", "on")]
    if on > ctx.today:
        problems.append(Problem(f"Ngày {fmt(on)} ở sau ngày hôm nay.", "on"))
    previous = list(done.values())[-1] if done else None
    if kind != "awareness":
        if on < candidate.identified_on:
            problems.append(
                Problem(f"Ngày {fmt(on)} trước ngày đưa vào danh sách {fmt(candidate.identified_on)}.", "on")
            )
        if previous is not None and on < previous.on:
            problems.append(
                Problem(f"Ngày {fmt(on)} trước ngày của bước trước ({previous}: {fmt(previous.on)}).", "on")
            )
    if kind == "dossier":
        problems += _dossier_problems(candidate, values, on, ctx)
    elif kind == "cell_resolution":
        problems += _resolution_problems(candidate, values, on, done, ctx)
    elif kind == "decision":
        problems += _decision_problems(candidate, values, on, ctx)
    elif kind == "ceremony":
        decision = done["decision"]
        received = decision.received_on or decision.on
        if on < received:
            problems.append(
                Problem(f"Lễ kết nạp ngày {fmt(on)} trước ngày chi bộ nhận quyết định {fmt(received)}.", "on")
            )
    return problems


def _dossier_problems(candidate, values: dict, on: dt.date, ctx) -> list[Problem]:
    problems = []
    for field, label in (("application_on", "Ngày làm đơn"), ("background_on", "Ngày khai lý lịch")):
        day = values.get(field)
        if day is None:
            problems.append(Problem(f"Cần nhập {label.lower()}.", field))
        elif day > on:
            problems.append(Problem(f"{label} {fmt(day)} ở sau ngày nộp hồ sơ {fmt(on)}.", field))
    first, second = values.get("introducer1_id"), values.get("introducer2_id")
    for field, member_id in (("introducer1", first), ("introducer2", second)):
        if member_id is None:
            problems.append(Problem("Cần chọn đảng viên chính thức giới thiệu.", field))
        elif not official_in_cell(ctx.member_result(member_id), candidate.cell_id, on):
            problems.append(
                Problem(
                    f"{ctx.member_label(member_id)} không phải đảng viên chính thức của chi bộ ngày {fmt(on)}; "
                    f"người giới thiệu phải là đảng viên chính thức cùng chi bộ — {SOURCE}.",
                    field,
                )
            )
    if first is not None and first == second:
        problems.append(Problem("Hai người giới thiệu phải là hai đảng viên khác nhau.", "introducer2"))
    union = values.get("union") or ""
    if not union:
        problems.append(Problem("Cần chọn đoàn thể giới thiệu (hoặc không là đoàn viên).", "union"))
    elif union != "none" and values.get("union_resolution_on") and values["union_resolution_on"] > on:
        problems.append(
            Problem(
                f"Ngày nghị quyết của đoàn thể {fmt(values['union_resolution_on'])} ở sau ngày nộp hồ sơ.",
                "union_resolution_on",
            )
        )
    elif union == "none" and values.get("union_resolution_on"):
        problems.append(
            Problem("Không là đoàn viên thì không có nghị quyết giới thiệu của đoàn thể.", "union_resolution_on")
        )
    comments = values.get("residence_comments_on")
    if comments is not None and comments > on:
        problems.append(
            Problem(f"Ngày nhận xét nơi cư trú {fmt(comments)} ở sau ngày nộp hồ sơ.", "residence_comments_on")
        )
    return problems


def missing(candidate, done: dict, day: dt.date) -> list[str]:
    """What the dossier lacks for the cell's resolution on `day` (Vietnamese lines)."""
    lines = []
    awareness = done.get("awareness")
    if awareness is None:
        lines.append("Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.")
    elif not certificate_valid(awareness.on, day):
        lines.append(
            f"Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (cấp ngày {fmt(awareness.on)}) "
            f"đã hết hạn ngày {fmt(certificate_expires(awareness.on))} (giá trị 5 năm): cần học lại."
        )
    dossier = done.get("dossier")
    if dossier is None:
        lines.append("Đơn xin vào Đảng, lý lịch người xin vào Đảng, hai đảng viên chính thức giới thiệu.")
    else:
        if dossier.union in ("doan", "cong_doan") and dossier.union_resolution_on is None:
            lines.append(f"Nghị quyết giới thiệu của {dossier.get_union_display()}.")
        if dossier.residence_comments_on is None:
            lines.append("Nhận xét của chi ủy (chi bộ) nơi cư trú.")
    if done.get("verification") is None:
        lines.append("Kết quả thẩm tra lý lịch.")
    return lines


def _resolution_problems(candidate, values: dict, on: dt.date, done: dict, ctx) -> list[Problem]:
    problems = [Problem("Hồ sơ chưa đủ: " + line, "on") for line in missing(candidate, done, on)]
    problems += age_problems(candidate, on, ctx.org_lookup)
    total, present, votes = values.get("members_total"), values.get("members_present"), values.get("votes_for")
    if total is not None and present is not None and present > total:
        problems.append(Problem("Số có mặt lớn hơn số đảng viên chính thức.", "members_present"))
    if present is not None and votes is not None and votes > present:
        problems.append(Problem("Số tán thành lớn hơn số có mặt.", "votes_for"))
    if total and votes is not None and votes * 3 < total * 2:
        problems.append(
            Problem(
                f"{votes}/{total} đảng viên chính thức tán thành, chưa đủ hai phần ba — Điều lệ Đảng, Điều 4.",
                "votes_for",
            )
        )
    return problems


def _decision_problems(candidate, values: dict, on: dt.date, ctx) -> list[Problem]:
    problems = []
    if not (values.get("number") or "").strip():
        problems.append(Problem("Cần nhập số quyết định.", "number"))
    chosen = values.get("deciding_org_id")
    expected, problem = competent_committee(
        candidate.cell_id, on, bool(values.get("delegated")), ctx.org_kind, ctx.parent_at
    )
    if problem:
        problems.append(Problem(problem, "delegated"))
    elif chosen is None:
        problems.append(Problem(f"Cần chọn cấp ủy quyết định ({ctx.org_label(expected)}).", "deciding_org"))
    elif chosen != expected:
        who = "đảng ủy cơ sở (được ủy quyền)" if values.get("delegated") else "ban thường vụ cấp ủy cấp trên trực tiếp"
        problems.append(
            Problem(
                f"Ngày {fmt(on)} cấp có thẩm quyền quyết định kết nạp là {who}: {ctx.org_label(expected)}, "
                f"không phải {ctx.org_label(chosen)} — {SOURCE}.",
                "deciding_org",
            )
        )
    received = values.get("received_on")
    if received is not None and received < on:
        problems.append(
            Problem(f"Ngày nhận quyết định {fmt(received)} trước ngày quyết định {fmt(on)}.", "received_on")
        )
    if received is not None and received > ctx.today:
        problems.append(Problem(f"Ngày nhận quyết định {fmt(received)} ở sau ngày hôm nay.", "received_on"))
    resolution = values.get("committee_resolution_on")
    if resolution is not None and resolution > on:
        problems.append(
            Problem(
                f"Ngày nghị quyết của đảng ủy cơ sở {fmt(resolution)} ở sau ngày quyết định.", "committee_resolution_on"
            )
        )
    return problems


def decision_due(cell_resolution_on: dt.date) -> dt.date:
    from xaydungdang.core.workdays import add_working_days

    return add_working_days(cell_resolution_on, DECISION_WORKING_DAYS)


def ceremony_due(received_on: dt.date) -> dt.date:
    from xaydungdang.core.workdays import add_working_days

    return add_working_days(received_on, CEREMONY_WORKING_DAYS)
