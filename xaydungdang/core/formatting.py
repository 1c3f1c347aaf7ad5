"""Vietnamese number, percentage and date formats: 48.879, 100,05%, 31/12/2023."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

LOCALE = "vi_VN"


def number(value) -> str:
    if value is None:
        return "–"
    return format_decimal(value, locale=LOCALE, format="#,##0.##")


def integer(value) -> str:
    if value is None:
        return "–"
    return format_decimal(int(value), locale=LOCALE, format="#,##0")


def percent(value, digits: int = 2) -> str:
    """`value` is already a percentage (100.05 -> '100,05%'). Babel's format_percent rounds."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    text = format_decimal(rounded, locale=LOCALE, format=pattern)
    if digits and text.endswith("," + "0" * digits):
        text = text[: -(digits + 1)]
    return text + "%"


def date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%H:%M %d/%m/%Y")


def long_date(value: dt.date) -> str:
    """'ngày 31 tháng 12 năm 2023', 'ngày 5 tháng 3 năm 2024', as party documents write the date line:
    no leading zero, except the months January and February ('tháng 01', 'tháng 02')."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day} tháng {month} năm {value.year}"


def pct(part, whole) -> float | None:
    """100 × part / whole rounded half-up to two decimals; None when whole is 0."""
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def change_phrase(current, previous, unit_year: str | None = None) -> str:
    """'tăng 4,3% so với năm 2022' / 'giảm 12 so với ...' / 'bằng ...'."""
    suffix = f" so với {unit_year}" if unit_year else ""
    if previous is None or current is None:
        return ""
    if previous == 0:
        if current == 0:
            return f"không thay đổi{suffix}"
        return f"tăng {integer(current)}{suffix}"
    diff = current - previous
    if diff == 0:
        return f"bằng{suffix}"
    word = "tăng" if diff > 0 else "giảm"
    share = pct(diff, previous)
    assert share is not None  # previous is not 0 here
    return f"{word} {percent(abs(share), 1)}{suffix}"
