"""Admission targets."""

from xaydungdang.admissions.models import Target, parse_period
from xaydungdang.admissions.rules import check_target
from xaydungdang.core import recording
from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.members.context import DbContext


def set_target(values: dict) -> Target:
    values = dict(values)
    values.setdefault("indicator", "admissions")
    try:
        values["period_start"], values["period_end"] = parse_period(values.get("period", ""))
    except ValueError:
        raise DomainError(Problem(f"Kỳ \"{values.get('period')}\" không hợp lệ (ví dụ 2023 hoặc 2020-2025).", "period"))
    problems = check_target(values, DbContext())
    if problems:
        raise DomainError(problems)
    return recording.create(Target, values, action="target.set", org_id=values["org_id"])


def void(target: Target, reason: str, expected_version: int | None = None) -> Target:
    return recording.void(target, reason, expected_version=expected_version, org_id=target.org_id)
