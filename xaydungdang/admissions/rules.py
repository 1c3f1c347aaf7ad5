from xaydungdang.core.errors import Problem
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
