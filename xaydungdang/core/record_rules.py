"""Checks shared by the rules of every activity table (owner exists on the record's date,
the subject exists, dates not in the future, counts not negative)."""

import datetime as dt

from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.subjects import SubjectType


def not_future(values: dict, ctx, *fields: str) -> list[Problem]:
    problems = []
    for name in fields:
        value = values.get(name)
        if value and value > ctx.today:
            problems.append(Problem(f"Ngày {fmt(value)} ở sau ngày hôm nay.", name, "future_dates"))
    return problems


def org_exists(ctx, org_id, day: dt.date | None, field: str) -> list[Problem]:
    if org_id is None:
        return [Problem("Thiếu tổ chức.", field)]
    if day and not ctx.org_exists_on(org_id, day):
        return [Problem(f"{ctx.org_label(org_id)} không tồn tại ngày {fmt(day)}.", field)]
    return []


def ordered(values: dict, first: str, second: str, label: str) -> list[Problem]:
    a, b = values.get(first), values.get(second)
    if a and b and b < a:
        return [Problem(f"{label} {fmt(b)} trước ngày {fmt(a)}.", second)]
    return []


def non_negative(values: dict, *fields: str) -> list[Problem]:
    problems = []
    for name in fields:
        value = values.get(name)
        if value is not None and value < 0:
            problems.append(Problem("Số lượng không được âm.", name))
    return problems


def subject_exists(
    values: dict, ctx, day: dt.date | None, *, during: tuple | None = None, field: str = "subject"
) -> list[Problem]:
    """The member was in the Party on `day` (or some time `during`), or the organization existed."""
    kind = values.get("subject_type")
    if values.get("subject_member_id") is not None and values.get("subject_org_id") is not None:
        # The one-subject CHECK constraint (core/constraints.py) says the same to the database.
        return [Problem("Chỉ chọn một đối tượng: một đảng viên hoặc một tổ chức, không chọn cả hai.", field)]
    if kind == SubjectType.MEMBER:
        member_id = values.get("subject_member_id")
        if member_id is None:
            return [Problem("Thiếu đảng viên.", field)]
        result = ctx.member_result(member_id)
        if during:
            if not result.present_during(*during):
                return [
                    Problem(
                        f"{ctx.member_label(member_id)} không sinh hoạt đảng trong kỳ "
                        f"{fmt(during[0])}–{fmt(during[1])}.",
                        field,
                    )
                ]
        elif day and not result.present_on(day) and result.cell_at(day) is None:
            return [Problem(f"{ctx.member_label(member_id)} chưa vào Đảng ngày {fmt(day)}.", field)]
        return []
    if kind == SubjectType.ORG:
        org_id = values.get("subject_org_id")
        if org_id is None:
            return [Problem("Thiếu tổ chức được.", field)]
        if during:
            if not ctx.org_exists_during(org_id, *during):
                return [Problem(f"{ctx.org_label(org_id)} không tồn tại trong kỳ.", field)]
        elif day and not ctx.org_exists_on(org_id, day):
            return [Problem(f"{ctx.org_label(org_id)} không tồn tại ngày {fmt(day)}.", field)]
        return []
    return [Problem("Đối tượng phải là đảng viên (member) hoặc tổ chức (org).", "subject_type")]
