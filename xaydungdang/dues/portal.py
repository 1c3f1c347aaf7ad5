"""Import of the national public-service portal's dues statement (XLSX), matched to members.

The statement's columns (docs/dues.md), found by header name on the first row that names them,
in any order, accents and case ignored:

| Column | Header | Required |
|---|---|---|
| member number | `Số lý lịch` (or `member_no`) | one of the two |
| national ID | `Số định danh cá nhân` (or `CCCD`, `national_id`) | one of the two |
| name | `Họ và tên` (or `name`) | no (checked against the member when given) |
| month | `Tháng` (`2026-03`, `03/2026` or a date in the month; or `month`) | yes |
| amount | `Số tiền` (integer đồng; or `amount`) | yes |
| date paid | `Ngày nộp` (or `paid_on`) | yes |
| transaction id | `Mã giao dịch` (or `transaction_id`) | yes |

`read_statement` checks everything and writes nothing: bad rows (with the column named),
unmatched rows (no member in the user's scope with that number/ID, or a different name), rows
already recorded (the same transaction id). `apply` writes the matched rows through
actions.record_payments (all or nothing) and only when no row is bad.
"""

import datetime as dt
from dataclasses import dataclass, field

from openpyxl import load_workbook

from xaydungdang.core.dates import parse_date
from xaydungdang.core.text import fold
from xaydungdang.dues import actions, ledger
from xaydungdang.dues.models import DuesPayment
from xaydungdang.members.models import Member

HEADERS = {
    "member_no": ("so ly lich", "member_no", "so ll", "ma dang vien"),
    "national_id": ("so dinh danh ca nhan", "national_id", "cccd", "so cccd", "so dinh danh"),
    "name": ("ho va ten", "ho ten", "name", "full_name"),
    "month": ("thang", "month", "ky dong", "thang dong"),
    "amount": ("so tien", "amount", "so tien (dong)"),
    "paid_on": ("ngay nop", "paid_on", "ngay giao dich", "ngay"),
    "transaction_id": ("ma giao dich", "transaction_id", "so giao dich"),
}
LABELS = {
    "member_no": "Số lý lịch",
    "national_id": "Số định danh cá nhân",
    "name": "Họ và tên",
    "month": "Tháng",
    "amount": "Số tiền",
    "paid_on": "Ngày nộp",
    "transaction_id": "Mã giao dịch",
}
MAX_ROWS = 50_000


@dataclass
class Line:
    row: int
    values: dict
    member: Member | None = None
    problem: str = ""


@dataclass
class Statement:
    matched: list[Line] = field(default_factory=list)
    unmatched: list[Line] = field(default_factory=list)
    already: list[Line] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "Dòng 5, cột Số tiền: ..."

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _month(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = _text(value)
    month = ledger.parse_month(text)
    if month is None:
        try:
            day = parse_date(text)
        except ValueError:
            return None
        return day.replace(day=1) if day else None
    return month


def _amount(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value).replace(".", "").replace(" ", "").replace("đ", "")
    return int(text) if text.isdecimal() else None


def read_statement(handle, user) -> Statement:
    out = Statement()
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception:
        out.errors.append("Không đọc được tệp: cần tệp Excel (.xlsx) sao kê của Cổng Dịch vụ công.")
        return out
    rows = book.worksheets[0].iter_rows(values_only=True)
    columns, header_row = None, 0
    for index, row in enumerate(rows, start=1):
        folded = [fold(_text(c)) for c in row]
        found = {key: folded.index(name) for key, names in HEADERS.items() for name in names if name in folded}
        if "month" in found and "amount" in found:
            columns, header_row = found, index
            break
        if index >= 20:
            break
    if columns is None:
        out.errors.append("Không thấy dòng tiêu đề (cần ít nhất các cột Tháng, Số tiền).")
        return out
    missing = [LABELS[k] for k in ("month", "amount", "paid_on", "transaction_id") if k not in columns]
    if "member_no" not in columns and "national_id" not in columns:
        missing.insert(0, "Số lý lịch hoặc Số định danh cá nhân")
    if missing:
        out.errors.append("Thiếu cột: " + ", ".join(missing) + ".")
        return out
    lines = []
    for index, row in enumerate(rows, start=header_row + 1):
        if index - header_row > MAX_ROWS:
            out.errors.append(f"Tệp có hơn {MAX_ROWS} dòng.")
            return out
        cell = {k: (row[i] if i < len(row) else None) for k, i in columns.items()}
        if all(_text(v) == "" for v in cell.values()):
            continue
        line = Line(index, {})
        problems = []
        line.values["member_no"] = _text(cell.get("member_no"))
        line.values["national_id"] = _text(cell.get("national_id"))
        line.values["name"] = _text(cell.get("name"))
        if not line.values["member_no"] and not line.values["national_id"]:
            problems.append(("member_no", "cần số lý lịch hoặc số định danh cá nhân"))
        month = _month(cell.get("month"))
        if month is None:
            problems.append(("month", f'"{_text(cell.get("month"))[:20]}" không phải một tháng (dạng 2026-03)'))
        amount = _amount(cell.get("amount"))
        if amount is None or amount <= 0:
            problems.append(("amount", f'"{_text(cell.get("amount"))[:20]}" không phải số tiền nguyên đồng lớn hơn 0'))
        try:
            paid_on = parse_date(cell.get("paid_on"))
        except ValueError:
            paid_on = None
        if paid_on is None:
            problems.append(("paid_on", f'"{_text(cell.get("paid_on"))[:20]}" không phải một ngày'))
        transaction_id = _text(cell.get("transaction_id"))[:64]
        if not transaction_id:
            problems.append(("transaction_id", "trống"))
        for key, message in problems:
            out.errors.append(f"Dòng {index}, cột {LABELS[key]}: {message}.")
        if problems:
            continue
        line.values |= {"month": month, "amount": amount, "paid_on": paid_on, "transaction_id": transaction_id}
        lines.append(line)
    seen: dict[str, int] = {}
    for line in lines:
        tid = line.values["transaction_id"]
        if tid in seen:
            out.errors.append(f"Dòng {line.row}, cột Mã giao dịch: trùng với dòng {seen[tid]}.")
        seen.setdefault(tid, line.row)
    _match(lines, user, out)
    return out


def _match(lines: list[Line], user, out: Statement) -> None:
    visible = Member.objects.restrict(user)
    by_no = {m.member_no: m for m in visible.filter(member_no__in={ln.values["member_no"] for ln in lines} - {""})}
    by_id = {
        m.national_id: m for m in visible.filter(national_id__in={ln.values["national_id"] for ln in lines} - {""})
    }
    recorded = set(
        DuesPayment.objects.active()
        .filter(transaction_id__in=[ln.values["transaction_id"] for ln in lines])
        .values_list("transaction_id", flat=True)
    )
    for line in lines:
        member = by_no.get(line.values["member_no"]) or by_id.get(line.values["national_id"])
        if member is None:
            line.problem = "không có đảng viên với số lý lịch, số định danh này trong phạm vi quản lý"
        elif line.values["name"] and fold(line.values["name"]) != fold(member.full_name):
            line.problem = f"họ tên khác với đảng viên {member.full_name} ({member.member_no})"
            member = None
        line.member = member
        if member is None:
            out.unmatched.append(line)
        elif line.values["transaction_id"] in recorded:
            out.already.append(line)
        else:
            out.matched.append(line)


def apply(statement: Statement, user) -> list[DuesPayment]:
    """Write the matched rows (all or nothing); refused when the statement has bad rows."""
    if not statement.ok:
        raise actions.DomainError("Tệp có dòng lỗi: chưa ghi dòng nào. Sửa tệp rồi nhập lại.")
    return actions.record_payments(
        [
            {
                "member_id": ln.member.id,
                "month": ln.values["month"],
                "amount": ln.values["amount"],
                "paid_on": ln.values["paid_on"],
                "channel": "portal",
                "transaction_id": ln.values["transaction_id"],
            }
            for ln in statement.matched
        ],
        acting_user=user,
    )
