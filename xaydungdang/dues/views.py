"""Dues pages (issue 16 item 3): an organization's month ledger (a cell enters the whole month at
once), the portal statement import, the yearly report per unit, and the dues index."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from xaydungdang.core import access
from xaydungdang.core.dates import add_months, parse_date, today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.views import apply_domain_error, int_param, page
from xaydungdang.dues import actions, ledger, portal, sheets
from xaydungdang.dues.forms import BaseForm
from xaydungdang.dues.models import Category, Channel, DuesPayment
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import CELL_KINDS, Organization
from xaydungdang.organizations.views import org_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CATEGORY_LABELS = dict(Category.choices)


def _month_param(request) -> dt.date:
    raw = request.GET.get("thang", "").strip()[:10]
    current = ledger.month_of(today())
    if not raw:
        return current
    month = ledger.parse_month(raw)
    if month is None or not 1930 <= month.year <= 2200:
        messages.warning(request, f'Tháng "{raw}" không hợp lệ (dạng 2026-03); đang hiển thị tháng {current:%m/%Y}.')
        return current
    return month


def _amount(raw: str) -> tuple[int | None, str | None]:
    raw = raw.strip().replace(".", "").replace(" ", "")
    if not raw:
        return None, None
    if not raw.isdecimal() or len(raw) > 10:
        return None, f'Số tiền "{raw[:12]}" không hợp lệ: nhập số nguyên đồng, ví dụ 45000.'
    if int(raw) == 0:
        return None, "Số tiền phải lớn hơn 0."
    return int(raw), None


@page
def index(request):
    """Where dues are kept: the user's units, and a code box."""
    code = request.GET.get("to_chuc", "").strip()[:40]
    if code:
        return redirect("web:dues_ledger", code=code)
    homes = Organization.objects.filter(id__in=access.home_org_ids(request.user)).order_by("sort_key")
    return render(request, "dues/index.html", {"title": "Đảng phí", "homes": homes, "month": ledger.month_of(today())})


@page
def month_ledger(request, code):
    org = org_or_404(request.user, code)
    month = _month_param(request)
    is_cell = org.kind in CELL_KINDS
    can_record = is_cell and access.scope_for(request.user, access.RECORD).covers(org.id)
    rows = ledger.ledger(org.id, month, Member.objects.restrict(request.user))
    entries = {r.member_id: {"amount": "", "receipt": "", "errors": []} for r in rows}
    last_day = min(today(), add_months(month, 1) - dt.timedelta(days=1))
    paid_on_raw = request.POST.get("ngay_nop", "") if request.method == "POST" else f"{last_day:%d/%m/%Y}"
    error = None
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        try:
            paid_on = parse_date(paid_on_raw[:20])
        except ValueError:
            paid_on = None
        values, targets = [], []
        for row in rows:
            entry = entries[row.member_id]
            entry["amount"] = request.POST.get(f"tien_{row.member_id}", "")[:16]
            entry["receipt"] = request.POST.get(f"bienlai_{row.member_id}", "")[:40]
            amount, problem = _amount(entry["amount"])
            if problem:
                entry["errors"].append(problem)
            if amount is None:
                if entry["receipt"].strip() and not problem:
                    entry["errors"].append("Có số biên lai nhưng chưa nhập số tiền.")
                continue
            values.append(
                {
                    "member_id": row.member_id,
                    "month": month,
                    "amount": amount,
                    "paid_on": paid_on,
                    "channel": Channel.CASH,
                    "receipt_no": entry["receipt"].strip(),
                }
            )
            targets.append(entry)
        if paid_on is None:
            error = f'Ngày nộp "{paid_on_raw[:20]}" không hợp lệ (dạng ngày/tháng/năm).'
        elif any(e["errors"] for e in entries.values()):
            error = "Chưa ghi dòng nào: có dòng nhập chưa đúng, xem dưới từng dòng rồi ghi lại."
        elif not values:
            error = "Chưa nhập số tiền cho đảng viên nào."
        else:
            try:
                made = actions.record_payments(values, acting_user=request.user)
            except actions.BatchRefused as exc:
                for index, problems in exc.by_row.items():
                    targets[index]["errors"] += [p.message for p in problems]
                error = exc.message
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(
                    request,
                    f"Đã ghi {len(made)} khoản đảng phí tháng {month:%m/%Y} của {org.name}, "
                    f"tổng {sum(p.amount for p in made):,} đồng.".replace(",", "."),
                )
                return redirect(reverse("web:dues_ledger", args=[org.code]) + f"?thang={month:%Y-%m}")
    receipts = {}
    for member_id, amount, no, channel in (
        DuesPayment.objects.active()
        .filter(member_id__in=[r.member_id for r in rows], month=month)
        .values_list("member_id", "amount", "receipt_no", "channel")
    ):
        receipts.setdefault(member_id, []).append({"amount": amount, "receipt": no, "portal": channel == "portal"})
    table = [
        {
            "row": r,
            "category": CATEGORY_LABELS.get(r.category, ""),
            "owed": max((r.due or 0) - r.paid, 0),
            "entry": entries[r.member_id],
            "payments": receipts.get(r.member_id, []),
        }
        for r in rows
    ]
    return render(
        request,
        "dues/ledger.html",
        {
            "title": f"Đảng phí tháng {month:%m/%Y}",
            "org": org,
            "month": month,
            "previous": add_months(month, -1),
            "next": add_months(month, 1),
            "rows": table,
            "can_record": can_record,
            "paid_on": paid_on_raw,
            "error": error,
            "total_due": sum(r.due or 0 for r in rows),
            "total_paid": sum(r.paid for r in rows),
            "in_arrears": sum(1 for r in rows if r.arrears_months >= ledger.ALERT_MONTHS),
            "no_base": sum(1 for r in rows if r.due is None),
        },
    )


@page
def statement_import(request, code):
    org = org_or_404(request.user, code)
    if not access.scope_for(request.user, access.RECORD).covers(org.id):
        raise PermissionDenied
    statement, written = None, None
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            messages.error(request, "Tệp sao kê: chưa chọn tệp.")
        elif upload.size > 20 * 1024 * 1024:
            messages.error(request, "Tệp sao kê lớn quá 20 MB.")
        else:
            statement = portal.read_statement(upload, request.user)
            if request.POST.get("ghi") and statement.ok and statement.matched:
                try:
                    written = portal.apply(statement, request.user)
                except actions.BatchRefused as exc:
                    statement.errors += [
                        f"Dòng {statement.matched[i].row}: {'; '.join(p.message for p in problems)}"
                        for i, problems in exc.by_row.items()
                    ]
                except DomainError as exc:
                    statement.errors.append(exc.message)
                else:
                    messages.success(request, f"Đã ghi {len(written)} khoản nộp qua Cổng Dịch vụ công.")
    return render(
        request,
        "dues/import.html",
        {"title": "Nhập sao kê đảng phí từ Cổng Dịch vụ công", "org": org, "statement": statement, "written": written},
    )


@page
def yearly_report(request, code):
    org = org_or_404(request.user, code)
    year = int_param(request, "nam", today().year, low=2011, high=today().year + 1, label="Năm")
    content = sheets.yearly_xlsx(org, year)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-dang-phi-{org.code}-{year}.xlsx"'
    return response


@page
def member_base(request, pk):
    """Record a member's dues base from the dossier (a new dated row; earlier rows stay)."""
    from xaydungdang.members.views import member_crumbs, member_or_404

    member = member_or_404(request.user, pk, access.RECORD)
    form = BaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_base(form.values(member), acting_user=request.user)
        except DomainError as exc:
            apply_domain_error(form, exc, {"exempt": "exempt_reason"})
        else:
            messages.success(request, "Đã ghi mức đóng đảng phí.")
            return redirect(reverse("web:member_detail", args=[member.pk]) + "#dang-phi")
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": f"Mức đóng đảng phí: {member.full_name}",
            **member_crumbs(request.user, member, "Mức đóng đảng phí"),
            "intro": "Từ tháng áp dụng, đảng phí được tính theo mức này (1% tiền lương, 0,5% lương hưu, "
            "mức cố định với học sinh, sinh viên và đảng viên khác) cho đến khi có mức mới.",
            "cancel_url": reverse("web:member_detail", args=[member.pk]),
        },
    )
