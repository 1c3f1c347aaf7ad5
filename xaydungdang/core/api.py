"""Helpers every app's JSON endpoints share (Django REST framework)."""

from rest_framework.exceptions import ValidationError

from xaydungdang.core.dates import parse_date
from xaydungdang.core.views import MAX_YEAR, MIN_YEAR


def query_day(request, name, default):
    """A date query parameter (YYYY-MM-DD or DD/MM/YYYY), else `default`; 400 naming the
    parameter when it is not a date or lies outside MIN_YEAR..MAX_YEAR."""
    raw = request.query_params.get(name, "")
    if not raw:
        return default
    try:
        value = parse_date(raw[:20])
    except ValueError:
        value = None
    if value is None:
        raise ValidationError({name: f'Ngày "{raw[:20]}" không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY).'})
    if not MIN_YEAR <= value.year <= MAX_YEAR:  # 0001-01-01 or 9999-12-31 overflow the period arithmetic
        raise ValidationError(
            {
                name: f'Ngày "{raw[:20]}" (tham số {name}) nằm ngoài khoảng cho phép: từ năm '
                f"{MIN_YEAR} đến năm {MAX_YEAR}."
            }
        )
    return value
