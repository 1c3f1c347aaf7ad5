"""The one definition of each member attribute that counts (spec/indicators.md, spec/forms.md).

Every place that counts, filters or flags by these attributes calls these functions: the
member row's stored `ethnic_minority` flag and the spans' `minority` flag are computed by
`is_ethnic_minority`, so SQL filters on those columns follow this definition too.
"""

import datetime as dt
import re

from xaydungdang.core.text import fold, fold_key

# The majority group, as fold_key() spells it, and its code in the forms' list (01 Kinh).
KINH_KEY = fold_key("Kinh")
KINH_CODES = frozenset({"01", "1"})


def is_kinh(ethnicity: str | None) -> bool:
    """ "Kinh" matched without regard to case, diacritics, spaces and hyphens, or its code 01."""
    key = fold_key(ethnicity)
    return key == KINH_KEY or key in KINH_CODES


def is_ethnic_minority(ethnicity: str | None) -> bool:
    """Dân tộc thiểu số: every ethnicity other than Kinh, including `foreign_origin`, other and
    unknown names (spec/forms.md, "Precise readings"). An empty value is not Kinh either; the
    rules require the field, so only data written around them can hold one."""
    return not is_kinh(ethnicity)


def is_religious(religion: str | None) -> bool:
    """Người theo tôn giáo: a non-empty religion (spec/indicators.md)."""
    return bool((religion or "").strip())


# --- General education (spec/forms.md §Categories) -----------------------------------------

EDUCATION_LEVELS = ("literate", "primary", "lower_secondary", "upper_secondary")
EDUCATION_LABELS = {
    "literate": "Biết đọc, biết viết chữ quốc ngữ",
    "primary": "Tiểu học",
    "lower_secondary": "Trung học cơ sở",
    "upper_secondary": "Trung học phổ thông",
}
# The words staff write for each level, as fold_key() spells them.
_EDUCATION_WORDS = {
    **{fold_key(level): level for level in EDUCATION_LEVELS},
    **{fold_key(label): level for level, label in EDUCATION_LABELS.items()},
    fold_key("Biết đọc, biết viết"): "literate",
    fold_key("Cấp 1"): "primary",
    fold_key("Cấp 2"): "lower_secondary",
    fold_key("Cấp 3"): "upper_secondary",
    fold_key("THCS"): "lower_secondary",
    fold_key("THPT"): "upper_secondary",
}
_GRADE = re.compile(r"^(\d{1,2})/(10|12)$")


def _grade_level(grade: int, system: int) -> str:
    # 12-year system: 12 upper, 9–11 lower, 5–8 primary; 10-year system: 10 upper, 7–9 lower, 4–6 primary.
    upper, lower, primary = (12, 9, 5) if system == 12 else (10, 7, 4)
    if grade >= upper:
        return "upper_secondary"
    if grade >= lower:
        return "lower_secondary"
    if grade >= primary:
        return "primary"
    return "literate"


def education_level(text: str | None) -> str | None:
    """The level of a general education as written: one of EDUCATION_LEVELS, or None when it is
    empty or unknown. `N/12` and `N/10` are grades of the 12- and 10-year systems (N at most the
    system's last grade); the level names and their Vietnamese words are accepted in any case,
    with or without diacritics."""
    key = fold_key(text)
    if not key:
        return None
    grade = _GRADE.match(fold(text).replace(" ", ""))
    if grade:
        number, system = int(grade.group(1)), int(grade.group(2))
        return _grade_level(number, system) if number <= system else None
    return _EDUCATION_WORDS.get(key)


# --- Đoàn TNCS Hồ Chí Minh ------------------------------------------------------------------


def is_youth_union_member(member, day: dt.date) -> bool:
    """Đoàn viên at `day`: joined on or before it, and not left, or left after it (spec/forms.md)."""
    start, end = member.youth_union_from, member.youth_union_until
    return start is not None and start <= day and (end is None or end > day)


def youth_union_q(day: dt.date, prefix: str = ""):
    """The same rule as is_youth_union_member, as a filter on members (or on `prefix`+members)."""
    from django.db.models import Q

    return Q(**{f"{prefix}youth_union_from__isnull": False, f"{prefix}youth_union_from__lte": day}) & (
        Q(**{f"{prefix}youth_union_until__isnull": True}) | Q(**{f"{prefix}youth_union_until__gt": day})
    )


# --- Attributes at a date (member_changes) --------------------------------------------------

# The fields a dated change may carry (members.models.ChangeField), and which of them are yes/no.
CHANGE_FIELDS = (
    "occupation",
    "general_education",
    "qualification",
    "political_theory",
    "academic_title",
    "religion",
    "business_owner",
    "foreign_marriage",
)
BOOLEAN_FIELDS = frozenset({"business_owner", "foreign_marriage"})
YES, NO = "yes", "no"
_YES_WORDS = frozenset({"yes", "co", "true", "1", "x"})
_NO_WORDS = frozenset({"no", "khong", "false", "0"})


def change_value(field: str, value) -> str:
    """The stored text of a change's value (MemberChange.value): `yes`/`no` for the yes/no fields."""
    if field in BOOLEAN_FIELDS:
        return YES if value is True or fold(str(value)) in _YES_WORDS else NO
    return "" if value is None else str(value)


def typed_value(field: str, text: str):
    """A change's stored text as the members row holds it (a bool for the yes/no fields)."""
    return text == YES if field in BOOLEAN_FIELDS else text


def _choices(field: str) -> dict | None:
    """The codes a categorical field accepts (None: free text), with their labels."""
    from xaydungdang.members import models

    return {
        "occupation": dict(models.Occupation.choices),
        "qualification": dict(models.Qualification.choices),
        "political_theory": dict(models.PoliticalTheory.choices),
        "academic_title": {"": "Không", **dict(models.AcademicTitle.choices)},
        "business_owner": {YES: "Có", NO: "Không"},
        "foreign_marriage": {YES: "Có", NO: "Không"},
    }.get(field)


def value_choices(field: str) -> list[tuple[str, str]] | None:
    """(code, label) pairs of a categorical change field, None for the free-text ones."""
    choices = _choices(field)
    return None if choices is None else list(choices.items())


def value_error(field: str, text: str) -> str | None:
    """Why `text` is not a valid value of `field` (Vietnamese), or None when it is."""
    if field not in CHANGE_FIELDS:
        return f"Thông tin không được ghi thay đổi: {field}."
    if field == "general_education":
        if education_level(text) is None:
            return "Trình độ giáo dục phổ thông không đọc được (ví dụ 12/12, 9/10, Trung học cơ sở)."
        return None
    if field == "religion":
        return "Tôn giáo quá dài (tối đa 64 ký tự)." if len(text) > 64 else None
    choices = _choices(field)
    if choices is not None and text not in choices:
        return "Giá trị không hợp lệ; chọn một trong: " + ", ".join(label for label in choices.values()) + "."
    return None


def value_label(field: str, text: str) -> str:
    """How a change's value reads in a page."""
    if field == "general_education":
        level = education_level(text)
        return f"{text} ({EDUCATION_LABELS[level]})" if level and text != level else EDUCATION_LABELS.get(text, text)
    choices = _choices(field)
    if choices is not None:
        return choices.get(text, text) or "Không"
    return text or "Không"


def _row_value(field: str, value):
    return "" if value is None and field not in BOOLEAN_FIELDS else value


def attribute_at(member, field: str, day: dt.date):
    """The member's `field` at `day`: the members row value changed by every active change of
    that field with `on` ≤ day, in date order (spec/forms.md, "Precise readings")."""
    value = _row_value(field, getattr(member, field))
    if field not in CHANGE_FIELDS:
        return value
    from xaydungdang.members.models import MemberChange

    latest = (
        MemberChange.objects.active()
        .filter(member_id=member.pk, field=field, on__lte=day)
        .order_by("-on", "-id")
        .values_list("value", flat=True)
        .first()
    )
    return value if latest is None else typed_value(field, latest)


# Above this many ids, attributes_at reads the tables whole and keeps the wanted rows, rather
# than sending the ids in the query (SQLite limits a statement's parameters).
_IDS_IN_QUERY = 900


def attributes_at(members, fields, day: dt.date) -> dict:
    """attribute_at for many members at once: {member_id: {field: value}}.

    `members` is a queryset of Member or an iterable of member ids; `fields` any Member field
    names (those of CHANGE_FIELDS follow the dated changes, the others are the row's values)."""
    from django.db.models import QuerySet

    from xaydungdang.members.models import Member, MemberChange

    fields = list(fields)
    rows = Member.objects.all()
    changes = MemberChange.objects.active().filter(field__in=[f for f in fields if f in CHANGE_FIELDS], on__lte=day)
    wanted = None
    if isinstance(members, QuerySet):
        ids = members.values("pk")
        rows, changes = rows.filter(pk__in=ids), changes.filter(member_id__in=ids)
    else:
        wanted = set(members)
        if len(wanted) <= _IDS_IN_QUERY:
            rows, changes = rows.filter(pk__in=wanted), changes.filter(member_id__in=wanted)
    result = {}
    for row in rows.values_list("pk", *fields).iterator(chunk_size=5000):
        if wanted is None or row[0] in wanted:
            result[row[0]] = {field: _row_value(field, value) for field, value in zip(fields, row[1:], strict=True)}
    if any(f in CHANGE_FIELDS for f in fields):
        for member_id, field, value in changes.order_by("on", "id").values_list("member_id", "field", "value"):
            if member_id in result:
                result[member_id][field] = typed_value(field, value)
    return result
