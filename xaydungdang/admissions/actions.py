"""Admission targets. Actions take the acting user and check authority and rules inside the
transaction of the write (accounts/authority.py)."""

from xaydungdang.admissions.models import Target, parse_period
from xaydungdang.admissions.rules import check_target
from xaydungdang.core import recording
from xaydungdang.core.access import UNSET, require_for_record, require_for_values, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.members.context import DbContext


def set_target(values: dict, *, acting_user=UNSET) -> Target:
    user = resolve_user(acting_user)
    values = dict(values)
    values.setdefault("indicator", "admissions")
    try:
        values["period_start"], values["period_end"] = parse_period(values.get("period", ""))
    except ValueError:
        raise DomainError(Problem(f'Kỳ "{values.get("period")}" không hợp lệ (ví dụ 2023 hoặc 2020-2025).', "period"))

    def validate():
        require_for_values(user, Target, values)
        problems = check_target(values, DbContext())
        if problems:
            raise DomainError(problems)

    return recording.create(Target, values, action=AuditAction.TARGET_SET, org_id=values["org_id"], check=validate)


def void(target: Target, reason: str, expected_version: int | None = None, *, acting_user=UNSET) -> Target:
    user = resolve_user(acting_user)
    return recording.void(
        target,
        reason,
        expected_version=expected_version,
        org_id=target.org_id,
        check=lambda locked: require_for_record(user, locked),
    )
