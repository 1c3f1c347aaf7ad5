from xaydungdang.activities.models import AwardKind, CadreKind, ClassKind, DocumentType
from xaydungdang.core.errors import Problem
from xaydungdang.core.record_rules import non_negative, not_future, ordered, org_exists, subject_exists
from xaydungdang.organizations.models import CELL_KINDS

# Choices.values builds a new list on each access; the importer checks many rows.
_CODES = {enum: frozenset(enum.values) for enum in (AwardKind, CadreKind, ClassKind, DocumentType)}


def _choice(values: dict, field: str, enum, label: str) -> list[Problem]:
    if values.get(field) not in _CODES[enum]:
        return [Problem(f'{label} "{values.get(field)}" không hợp lệ.', field)]
    return []


def _required_date(values: dict, field: str, label: str) -> list[Problem]:
    return [] if values.get(field) else [Problem(f"Thiếu {label}.", field)]


def check_class(values: dict, ctx) -> list[Problem]:
    return (
        _choice(values, "kind", ClassKind, "Loại lớp")
        + _required_date(values, "started_on", "ngày khai giảng")
        + not_future(values, ctx, "started_on")
        + ordered(values, "started_on", "ended_on", "Ngày bế giảng")
        + org_exists(ctx, values.get("org_id"), values.get("started_on"), "org_code")
        + non_negative(values, "participants")
    )


def check_dialogue(values: dict, ctx) -> list[Problem]:
    return (
        _required_date(values, "held_on", "ngày đối thoại")
        + not_future(values, ctx, "held_on")
        + org_exists(ctx, values.get("org_id"), values.get("held_on"), "org_code")
        + non_negative(values, "cases")
    )


def check_document(values: dict, ctx) -> list[Problem]:
    return (
        _choice(values, "type", DocumentType, "Loại văn bản")
        + _required_date(values, "issued_on", "ngày ban hành")
        + not_future(values, ctx, "issued_on")
        + org_exists(ctx, values.get("org_id"), values.get("issued_on"), "org_code")
    )


def check_award(values: dict, ctx) -> list[Problem]:
    return (
        _choice(values, "award", AwardKind, "Hình thức khen thưởng")
        + _required_date(values, "granted_on", "ngày khen thưởng")
        + not_future(values, ctx, "granted_on")
        + org_exists(ctx, values.get("granted_by_id"), values.get("granted_on"), "granted_by")
        + subject_exists(values, ctx, values.get("granted_on"))
    )


def check_cadre_action(values: dict, ctx) -> list[Problem]:
    problems = (
        _choice(values, "kind", CadreKind, "Loại công tác cán bộ")
        + _required_date(values, "on", "ngày")
        + not_future(values, ctx, "on")
        + org_exists(ctx, values.get("org_id"), values.get("on"), "org_code")
    )
    if values.get("count") is not None and values["count"] < 1:
        problems.append(Problem("Số trường hợp phải từ 1 trở lên.", "count"))
    return problems


def check_temporary_arrival(values: dict, ctx) -> list[Problem]:
    """Tiếp nhận sinh hoạt đảng tạm thời: a named person, received by a cell on a date."""
    problems = _required_date(values, "on", "ngày tiếp nhận") + not_future(values, ctx, "on")
    problems += ordered(values, "on", "until", "Ngày kết thúc sinh hoạt tạm thời")
    if not (values.get("full_name") or "").strip():
        problems.append(Problem("Thiếu họ và tên người đến sinh hoạt tạm thời.", "full_name"))
    found = org_exists(ctx, values.get("org_id"), values.get("on"), "org_code")
    if not found and values.get("org_id") is not None and ctx.org_kind(values["org_id"]) not in CELL_KINDS:
        found = [
            Problem(
                f"{ctx.org_label(values['org_id'])} không phải chi bộ; chỉ chi bộ cơ sở hoặc chi bộ trực thuộc "
                "tiếp nhận đảng viên sinh hoạt tạm thời.",
                "org_code",
                "member_in_cell",
            )
        ]
    return problems + found
