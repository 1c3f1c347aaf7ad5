"""The dues ledger: what each member owes and paid for a month, and their arrears.

`arrears_months` of a member at a month = the consecutive months up to and including it in which
less was paid than due (a month with nothing due — exempt, or before the member's first dues
base — ends the run). Three of them raise the alert (alerts/rules.py: xóa tên after three months
unpaid without reason, 01-QĐ/TW).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum

from xaydungdang.core.dates import add_months
from xaydungdang.dues import regimes
from xaydungdang.dues.models import DuesBase, DuesPayment

ALERT_MONTHS = 3


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def parse_month(text: str) -> dt.date | None:
    """'2026-03' (or '03/2026', or a day of the month '2026-03-01') -> 2026-03-01; None if it is not a month."""
    text = (text or "").strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        text = text[:7]
    try:
        if "/" in text:
            month, year = text.split("/")
        else:
            year, month = text.split("-")
        if len(year) != 4:
            return None
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class BaseRow:
    valid_from: dt.date
    category: str
    base: int | None
    reduction_pct: int
    exempt: bool


def bases_of(member_ids) -> dict[int, list[BaseRow]]:
    rows = defaultdict(list)
    for member_id, *values in (
        DuesBase.objects.active()
        .filter(member_id__in=list(member_ids))
        .order_by("member_id", "valid_from", "id")
        .values_list("member_id", "valid_from", "category", "base", "reduction_pct", "exempt")
    ):
        rows[member_id].append(BaseRow(*values))
    return rows


def base_at(rows: list[BaseRow], month: dt.date) -> BaseRow | None:
    """The row in force for `month`: the last one whose date falls in or before the month."""
    found = None
    for row in rows:
        if month_of(row.valid_from) <= month:
            found = row
    return found


def due(rows: list[BaseRow], month: dt.date) -> int | None:
    """What is due for `month` (None: no base, or no regime, so nothing can be asked)."""
    row = base_at(rows, month)
    regime = regimes.regime_for(month)
    if row is None or regime is None:
        return None
    reduction = row.reduction_pct
    if reduction and month >= add_months(month_of(row.valid_from), regimes.MAX_REDUCTION_MONTHS):
        reduction = 0
    return regimes.monthly_amount(regime, row.category, row.base, reduction_pct=reduction, exempt=row.exempt)


def paid_by_month(member_ids, until: dt.date | None = None) -> dict[int, dict[dt.date, int]]:
    qs = DuesPayment.objects.active().filter(member_id__in=list(member_ids))
    if until is not None:
        qs = qs.filter(month__lte=until)
    paid = defaultdict(dict)
    for member_id, month, total in (
        qs.values("member_id", "month").annotate(t=Sum("amount")).values_list("member_id", "month", "t")
    ):
        paid[member_id][month] = int(total)
    return paid


def arrears_months(rows: list[BaseRow], paid: dict[dt.date, int], month: dt.date) -> int:
    count = 0
    first = min((month_of(r.valid_from) for r in rows), default=None)
    while first is not None and month >= first:
        owed = due(rows, month)
        if not owed or paid.get(month, 0) >= owed:
            break
        count += 1
        month = add_months(month, -1)
    return count


@dataclass(slots=True)
class LedgerRow:
    member_id: int
    member_no: str
    full_name: str
    cell_id: int | None
    category: str | None
    due: int | None
    paid: int
    arrears_months: int

    def as_contract(self) -> dict:
        return {
            "member_no": self.member_no,
            "category": self.category,
            "due": self.due or 0,
            "paid": self.paid,
            "arrears_months": self.arrears_months,
        }


def members_in_list(org_id: int, month: dt.date, members=None) -> list[tuple]:
    """(member id, member no, name, cell id) of everyone in the organization's list (its cells, at
    any level below) during some day of `month`, in Vietnamese name order."""
    from xaydungdang.members.models import Member, MemberSpan
    from xaydungdang.organizations.tree import load_tree

    start, end = month, add_months(month, 1)
    tree = load_tree()
    cells = set(tree.snapshot(start).subtree(org_id)) | set(tree.snapshot(end - dt.timedelta(days=1)).subtree(org_id))
    spans = (
        MemberSpan.objects.filter(cell_id__in=cells, start__lt=end)
        .filter(Q(end__isnull=True) | Q(end__gt=start))
        .order_by("member_id", "-start")
        .values_list("member_id", "cell_id")
    )
    cell_of = {}
    for member_id, cell_id in spans:
        cell_of.setdefault(member_id, cell_id)  # the latest span in the month
    qs = Member.objects.filter(id__in=list(cell_of)) if members is None else members.filter(id__in=list(cell_of))
    return [
        (m_id, no, name, cell_of[m_id])
        for m_id, no, name in qs.order_by("sort_key", "member_no").values_list("id", "member_no", "full_name")
    ]


def ledger(org_id: int, month: dt.date, members=None) -> list[LedgerRow]:
    """One row per member in the organization's list in `month`."""
    people = members_in_list(org_id, month, members)
    ids = [p[0] for p in people]
    bases = bases_of(ids)
    paid = paid_by_month(ids, until=month)
    out = []
    for member_id, no, name, cell_id in people:
        rows = bases.get(member_id, [])
        row = base_at(rows, month)
        mine = paid.get(member_id, {})
        out.append(
            LedgerRow(
                member_id,
                no,
                name,
                cell_id,
                row.category if row else None,
                due(rows, month),
                mine.get(month, 0),
                arrears_months(rows, mine, month),
            )
        )
    return out


def arrears_of(member_ids, month: dt.date) -> dict[int, int]:
    """Arrears at `month` of the members that have a dues base."""
    bases = bases_of(member_ids)
    paid = paid_by_month(list(bases), until=month)
    return {m: arrears_months(rows, paid.get(m, {}), month) for m, rows in bases.items()}


def history(member_id: int, months: int = 12, until: dt.date | None = None) -> list[dict]:
    """The member's last `months` months: due, paid, arrears (for the dossier panel)."""
    from xaydungdang.core.dates import today

    last = month_of(until or today())
    rows = bases_of([member_id]).get(member_id, [])
    paid = paid_by_month([member_id], until=last).get(member_id, {})
    out = []
    for i in range(months):
        m = add_months(last, -i)
        d = due(rows, m)
        if d is None and not paid.get(m):
            continue
        out.append({"month": m, "due": d, "paid": paid.get(m, 0), "arrears": arrears_months(rows, paid, m)})
    return out
