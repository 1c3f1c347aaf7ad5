"""Vietnamese formats in templates: dates 31/12/2023, numbers 48.879, percentages 100,05%."""

import datetime as dt

from django import template

from xaydungdang.core import formatting

register = template.Library()


@register.filter
def vndate(value):
    if isinstance(value, dt.datetime):
        return formatting.datetime(value)
    if isinstance(value, dt.date):
        return formatting.date(value)
    if isinstance(value, str) and value:
        try:
            return formatting.date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return ""


@register.filter
def vndatetime(value):
    return formatting.datetime(value) if value else ""


@register.filter
def vnnum(value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "có" if value else "không"
    try:
        if float(value) == int(float(value)):
            return formatting.integer(value)
    except (TypeError, ValueError):
        return value
    return formatting.number(value)


@register.filter
def vnpct(value):
    return formatting.percent(value)


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` for dicts whose keys contain dots (indicator keys)."""
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


SENSITIVE = {"national_id"}
FIELD_LABELS = {
    "member_no": "số lý lịch",
    "full_name": "họ và tên",
    "gender": "giới tính",
    "birth_date": "ngày sinh",
    "ethnicity": "dân tộc",
    "religion": "tôn giáo",
    "national_id": "số định danh",
    "hometown": "quê quán",
    "residence": "nơi cư trú",
    "general_education": "giáo dục phổ thông",
    "qualification": "chuyên môn",
    "political_theory": "lý luận chính trị",
    "occupation": "nghề nghiệp",
    "joined_on": "ngày vào Đảng",
    "official_on": "ngày chính thức",
    "card_no": "số thẻ",
    "admission_exception": "kết nạp ngoài độ tuổi",
    "on": "ngày",
    "cell": "chi bộ",
    "org": "tổ chức",
    "type": "loại",
    "reason": "lý do",
    "decision_no": "số quyết định",
    "voided": "đã hủy",
    "rows": "số dòng",
    "filters": "điều kiện lọc",
}


def _shown(key, value):
    from xaydungdang.members.models import mask_national_id

    if value is None or value == "":
        return "—"
    if key in SENSITIVE:
        return mask_national_id(str(value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return vndate(value)
    return value


@register.filter
def audit_changes(entry) -> list[tuple]:
    """(field, before, after) rows of an audit entry, national IDs masked."""
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    rows = []
    for key in list(after) + [k for k in before if k not in after]:
        rows.append(
            (
                FIELD_LABELS.get(key, key),
                _shown(key, before.get(key)) if key in before else "",
                _shown(key, after.get(key)),
            )
        )
    return rows
