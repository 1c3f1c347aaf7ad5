from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.record_rules import not_future, ordered, org_exists, subject_exists
from xaydungdang.core.rules import regulation
from xaydungdang.core.subjects import SubjectType
from xaydungdang.inspections.models import DisciplineLevel, InspectionKind

MEMBER_LEVELS = {
    DisciplineLevel.REPRIMAND,
    DisciplineLevel.WARNING,
    DisciplineLevel.DISMISSAL,
    DisciplineLevel.EXPULSION,
}
PROBATIONARY_LEVELS = {DisciplineLevel.REPRIMAND, DisciplineLevel.WARNING}
ORG_LEVELS = {DisciplineLevel.REPRIMAND, DisciplineLevel.WARNING, DisciplineLevel.DISSOLUTION}
INSPECTION_KINDS = frozenset(InspectionKind.values)
DISCIPLINE_LEVELS = frozenset(DisciplineLevel.values)


def check_inspection(values: dict, ctx) -> list[Problem]:
    problems = not_future(values, ctx, "started_on", "concluded_on")
    if values.get("kind") not in INSPECTION_KINDS:
        problems.append(Problem(f'Hình thức "{values.get("kind")}" không hợp lệ (kiểm tra hoặc giám sát).', "kind"))
    started = values.get("started_on")
    if started is None:
        problems.append(Problem("Thiếu ngày bắt đầu.", "started_on"))
    problems += org_exists(ctx, values.get("org_id"), started, "org_code")
    problems += ordered(values, "started_on", "concluded_on", "Ngày kết luận")
    problems += subject_exists(values, ctx, started)
    return problems


def check_discipline(values: dict, ctx) -> list[Problem]:
    problems = not_future(values, ctx, "decided_on")
    decided = values.get("decided_on")
    if decided is None:
        problems.append(Problem("Thiếu ngày quyết định.", "decided_on"))
    problems += org_exists(ctx, values.get("decided_by_id"), decided, "decided_by")
    level = values.get("level")
    kind = values.get("subject_type")
    cite = regulation("discipline_levels").cite
    if level not in DISCIPLINE_LEVELS:
        problems.append(Problem(f'Hình thức kỷ luật "{level}" không hợp lệ.', "level"))
    elif kind == SubjectType.ORG and level not in ORG_LEVELS:
        problems.append(
            Problem(f"Tổ chức đảng chỉ bị khiển trách, cảnh cáo hoặc giải tán — {cite}.", "level", "discipline_levels")
        )
    elif kind == SubjectType.MEMBER and level not in MEMBER_LEVELS:
        problems.append(Problem(f"Giải tán chỉ áp dụng cho tổ chức đảng — {cite}.", "level", "discipline_levels"))
    problems += subject_exists(values, ctx, decided)
    member_id = values.get("subject_member_id")
    if kind == SubjectType.MEMBER and member_id and decided and level in MEMBER_LEVELS - PROBATIONARY_LEVELS:
        result = ctx.member_result(member_id)
        official = any(s.official for s in result.spans if s.start <= decided and (s.end is None or decided < s.end))
        if result.present_on(decided) and not official:
            problems.append(
                Problem(f"Đảng viên dự bị chỉ bị khiển trách hoặc cảnh cáo — {cite}.", "level", "discipline_levels")
            )
        if level == DisciplineLevel.EXPULSION and not result.present_on(decided):
            problems.append(
                Problem(f"{ctx.member_label(member_id)} không còn sinh hoạt đảng ngày {fmt(decided)}.", "decided_on")
            )
    return problems
