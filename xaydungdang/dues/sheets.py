"""XLSX files of dues: a month's list (xdd dues --format xlsx) and the yearly report per unit.
Every cell goes through core.spreadsheet.safe_cell (formula-safe)."""

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from xaydungdang.core.dates import add_months
from xaydungdang.core.spreadsheet import safe_row
from xaydungdang.dues import ledger, regimes
from xaydungdang.dues.models import Category, DuesPayment

CATEGORY_LABELS = dict(Category.choices)


def _book(title: str, header: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đảng phí"
    sheet.append(safe_row([title]))
    sheet["A1"].font = Font(bold=True)
    sheet.append(safe_row(header))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def month_xlsx(org, month: dt.date, rows: list[ledger.LedgerRow]) -> bytes:
    return _book(
        f"Đảng phí tháng {month:%m/%Y} — {org.name} ({org.code})",
        [
            "Số lý lịch",
            "Họ và tên",
            "Đối tượng",
            "Phải đóng (đồng)",
            "Đã đóng (đồng)",
            "Số tháng nợ liên tiếp",
            "member_no",
            "category",
            "due",
            "paid",
            "arrears_months",
        ],
        [
            [
                r.member_no,
                r.full_name,
                CATEGORY_LABELS.get(r.category, ""),
                r.due or 0,
                r.paid,
                r.arrears_months,
                r.member_no,
                r.category or "",
                r.due or 0,
                r.paid,
                r.arrears_months,
            ]
            for r in rows
        ],
    )


def yearly(org_id: int, year: int) -> list[dict]:
    """Per unit (cell) of the organization and month of `year`: due, paid, kept and sent up, summed
    over the year. The share is the regime's of that month for the cell's class (regimes.unit_class)."""
    from xaydungdang.organizations.models import Organization

    units: dict[int, dict] = {}
    kinds: dict[int, tuple | None] = {}
    for m in range(12):
        month = dt.date(year, 1, 1) if m == 0 else add_months(dt.date(year, 1, 1), m)
        regime = regimes.regime_for(month)
        rows = ledger.ledger(org_id, month)
        paid_by_cell: dict[int, int] = {}
        for row in rows:
            unit = units.setdefault(row.cell_id, {"due": 0, "paid": 0, "kept": 0, "sent": 0, "members": set()})
            unit["due"] += row.due or 0
            unit["members"].add(row.member_id)
        for cell_id, amount in (
            DuesPayment.objects.active()
            .filter(month=month, member_id__in=[r.member_id for r in rows])
            .values_list("cell_id", "amount")
        ):
            paid_by_cell[cell_id] = paid_by_cell.get(cell_id, 0) + amount
        for cell_id, amount in paid_by_cell.items():
            unit = units.setdefault(cell_id, {"due": 0, "paid": 0, "kept": 0, "sent": 0, "members": set()})
            unit["paid"] += amount
            if regime is not None:
                if cell_id not in kinds:
                    found = Organization.objects.filter(id=cell_id).values_list("kind", "locality__kind")
                    kinds[cell_id] = found.first()
                info = kinds[cell_id]
                kept, sent = regimes.split(regime, amount, regimes.unit_class(*(info or ("cell", None))))
                unit["kept"] += kept
                unit["sent"] += sent
    names = dict(Organization.objects.filter(id__in=[u for u in units if u]).values_list("id", "name"))
    codes = dict(Organization.objects.filter(id__in=[u for u in units if u]).values_list("id", "code"))
    return sorted(
        (
            {
                "code": codes.get(c, ""),
                "name": names.get(c, "(không rõ chi bộ)"),
                "members": len(u["members"]),
                "due": u["due"],
                "paid": u["paid"],
                "kept": u["kept"],
                "sent": u["sent"],
            }
            for c, u in units.items()
        ),
        key=lambda r: r["code"],
    )


def yearly_xlsx(org, year: int) -> bytes:
    rows = yearly(org.id, year)
    body = [
        [r["code"], r["name"], r["members"], r["due"], r["paid"], max(r["due"] - r["paid"], 0), r["kept"], r["sent"]]
        for r in rows
    ]
    total = [sum(r[i] for r in body) for i in range(2, 8)]
    body.append(["", "Tổng cộng", *total])
    return _book(
        f"Báo cáo thu, nộp đảng phí năm {year} — {org.name} ({org.code})",
        [
            "Mã chi bộ",
            "Tên chi bộ",
            "Số đảng viên",
            "Phải đóng (đồng)",
            "Đã đóng (đồng)",
            "Còn thiếu (đồng)",
            "Trích giữ lại (đồng)",
            "Nộp cấp trên (đồng)",
        ],
        body,
    )
