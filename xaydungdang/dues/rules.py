"""Checks of dues records, with Vietnamese messages naming the field (no database writes)."""

import datetime as dt

from xaydungdang.core.errors import Problem
from xaydungdang.dues.models import BASED_CATEGORIES, REDUCTIONS, Category, Channel, ExemptReason

MAX_AMOUNT = 1_000_000_000  # one month's dues above a billion đồng is a typing error


def check_base(values: dict) -> list[Problem]:
    problems = []
    category = values.get("category")
    if category not in Category.values:
        problems.append(Problem("Đối tượng đóng đảng phí không hợp lệ.", "category"))
    base = values.get("base")
    if category in BASED_CATEGORIES and not base:
        problems.append(Problem("Đối tượng này đóng theo tỷ lệ: cần căn cứ tính (đồng/tháng).", "base"))
    if base is not None and (not isinstance(base, int) or base < 0 or base > 100 * MAX_AMOUNT):
        problems.append(Problem("Căn cứ tính phải là số nguyên đồng không âm.", "base"))
    if not isinstance(values.get("valid_from"), dt.date):
        problems.append(Problem("Cần ngày áp dụng.", "valid_from"))
    if values.get("reduction_pct", 0) not in REDUCTIONS:
        problems.append(Problem("Mức giảm chỉ có thể là 30%, 50% hoặc 70%.", "reduction_pct"))
    if values.get("exempt") and values.get("reduction_pct"):
        problems.append(Problem("Đảng viên được miễn thì không ghi mức giảm.", "reduction_pct"))
    reason = values.get("exempt_reason", "")
    if reason and reason not in ExemptReason.values:
        problems.append(Problem("Lý do miễn không hợp lệ.", "exempt_reason"))
    if reason and not values.get("exempt"):
        problems.append(Problem("Có lý do miễn nhưng chưa đánh dấu miễn đóng.", "exempt"))
    return problems


def check_payment(values: dict, today: dt.date) -> list[Problem]:
    problems = []
    amount = values.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0 or amount > MAX_AMOUNT:
        problems.append(Problem("Số tiền phải là số nguyên đồng lớn hơn 0.", "amount"))
    month = values.get("month")
    if not isinstance(month, dt.date) or month.day != 1:
        problems.append(Problem("Tháng không hợp lệ (dạng 2026-03).", "month"))
    paid_on = values.get("paid_on")
    if not isinstance(paid_on, dt.date):
        problems.append(Problem("Cần ngày nộp.", "paid_on"))
    elif paid_on > today:
        problems.append(Problem(f"Ngày nộp {paid_on:%d/%m/%Y} sau ngày hôm nay.", "paid_on"))
    channel = values.get("channel", Channel.CASH)
    if channel not in Channel.values:
        problems.append(
            Problem("Hình thức nộp chỉ có thể là tiền mặt (cash) hoặc Cổng Dịch vụ công (portal).", "channel")
        )
    if len(values.get("receipt_no", "")) > 32:
        problems.append(Problem("Số biên lai dài quá 32 ký tự.", "receipt_no"))
    return problems


# The interchange tables `dues_bases` and `dues_payments` (docs/interchange.md): the same checks,
# with the problems named by the table's columns.
def check_base_row(values: dict, _ctx=None) -> list[Problem]:
    mapped = {
        "category": values.get("category"),
        "base": values.get("base"),
        "valid_from": values.get("from"),
        "reduction_pct": values.get("reduction_pct") or 0,
        "exempt": bool(values.get("exempt")),
    }
    columns = {"valid_from": "from"}
    return [Problem(p.message, columns.get(p.field, p.field)) for p in check_base(mapped)]


def check_payment_row(values: dict, _ctx=None) -> list[Problem]:
    from xaydungdang.core.dates import today

    mapped = {
        "amount": values.get("amount"),
        "month": values.get("month_day"),
        "paid_on": values.get("paid_on"),
        "channel": values.get("channel") or Channel.CASH,
        "receipt_no": values.get("receipt_no") or "",
    }
    problems = check_payment(mapped, today())
    if values.get("month_day") is None:  # resolve_references already named the cell
        problems = [p for p in problems if p.field != "month"]
    return problems


def bases_held(member_numbers) -> set[tuple]:
    """(member number, date) of the active dues bases the database holds for these members."""
    from xaydungdang.dues.models import DuesBase

    return set(
        DuesBase.objects.active()
        .filter(member__member_no__in=list(member_numbers))
        .values_list("member__member_no", "valid_from")
    )
