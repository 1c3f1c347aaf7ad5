"""What the section functions read (indicators, previous period, issuer, period phrases) and the
small phrase helpers they share. Numbers always go through core.formatting."""

from dataclasses import dataclass, field
from decimal import Decimal

from xaydungdang.core.formatting import integer, pct, percent
from xaydungdang.indicators.founding import Founding
from xaydungdang.reports.issuer import Issuer
from xaydungdang.reports.periods import PeriodText


@dataclass
class Context:
    indicators: dict
    period: PeriodText
    issuer: Issuer
    previous: dict | None = None  # the previous period's indicators, if computed
    limitations: dict = field(default_factory=dict)
    founding: Founding | None = None  # the issuer was founded within the period (indicators.founding)
    records: dict = field(default_factory=dict)  # from when the data run (indicators.coverage)
    series: dict = field(default_factory=dict)  # per-year admissions and targets (report_data series)

    def v(self, key: str):
        """The value of an indicator (0 for a key the engine left out; None stays None)."""
        return self.indicators.get(key, 0)

    def n(self, key: str) -> int:
        value = self.indicators.get(key)
        return int(value) if value else 0

    def prev(self, key: str):
        if not self.previous:
            return None
        return self.previous.get(key)

    @property
    def is_cell(self) -> bool:
        return self.issuer.is_cell

    @property
    def levels(self) -> str:
        """Who did the work across the subtree, mid-sentence: "cấp ủy các cấp" (a cell is one level)."""
        return "Chi bộ" if self.is_cell else "cấp ủy các cấp"

    @property
    def multi_year(self) -> bool:
        return self.period.end.year > self.period.start.year

    @property
    def previous_covered(self) -> bool:
        """Do the records cover the whole previous period? Only if members were already recorded
        on the day before it began: data entered from an opening balance in 2019 cannot compare
        a 2020–2024 term with 2017–2020, and saying "tăng 106%" would mislead."""
        return covers_previous(self.previous) and self.records.get("previous_covered", True)

    @property
    def net_change(self) -> int | None:
        """Members gained or lost against the period's start, or against the data start when the
        records begin later (None when neither is known: say nothing rather than "tăng" from zero)."""
        if self.records.get("start_covered", True):
            return self.n("members.net_change")
        base = self.records.get("members_at_data_start")
        return None if base is None else self.n("members.total") - base

    @property
    def net_base(self) -> int:
        """The head count the net change is measured from."""
        change = self.net_change or 0
        return self.n("members.total") - change

    def admissions_against_target(self) -> "TargetComparison | None":
        """Admissions against the targets of the same span (see TargetComparison)."""
        return target_comparison(self)

    def change(self, key: str, current=None) -> str:
        """'tăng 4,3% so với năm 2022' against the previous period; '' without a usable base."""
        if not self.previous_covered:
            return ""
        current = self.v(key) if current is None else current
        return change_phrase(current, self.prev(key), self.period.previous_ref)

    def change_of(self, keys: list[str]) -> str:
        """The change of a sum of keys (e.g. organizations + members inspected)."""
        if not self.previous_covered:
            return ""
        current = sum(self.n(k) for k in keys)
        previous = sum(int(self.prev(k) or 0) for k in keys)
        return change_phrase(current, previous, self.period.previous_ref)


@dataclass(frozen=True)
class TargetComparison:
    """Admissions set against targets over one span. `span` is '' when it is the report's own
    period (the JSON's admissions.target_pct), else e.g. "4 năm 2021–2024": the whole years
    inside the period that have a target and are fully recorded."""

    admitted: int
    target: int
    exact_pct: Decimal
    span: str = ""
    partial: str = ""  # "6 tháng đầu năm 2025 kết nạp 700 đảng viên, bằng 46,67% chỉ tiêu cả năm (1.500)"

    @property
    def shortfall(self) -> int:
        return max(self.target - self.admitted, 0)


def _partial_year(ctx: "Context", row: dict) -> str:
    import datetime as dt

    through = dt.date.fromisoformat(row["through"])
    label = (
        f"6 tháng đầu năm {row['year']}"
        if (through.month, through.day) == (6, 30)
        else f"từ đầu năm {row['year']} đến ngày {through:%d/%m/%Y}"
    )
    admitted, target = row.get("admissions") or 0, row.get("target")
    text = f"{label} kết nạp {num(admitted)} đảng viên" if admitted else f"{label} chưa kết nạp đảng viên mới"
    if target:
        text += f", bằng {percent(exact(admitted, target))} chỉ tiêu cả năm {row['year']} ({num(target)} đảng viên)"
    return text


def target_comparison(ctx: "Context") -> TargetComparison | None:
    """Admissions compared with the targets of the same span. The JSON's admissions.target sums
    the targets lying inside the period, but admissions.total counts the whole period (a term to
    30/06/2025 puts 4 years 8½ months against four whole years): when the two spans differ, the
    comparison is made over the whole years that have a target (and are recorded), and a year cut
    at the period's end is stated separately as partial."""
    import datetime as dt

    target = ctx.v("admissions.target")
    if not target:
        return None
    start, end = ctx.period.start, ctx.period.end
    flows_from = dt.date.fromisoformat(ctx.records.get("flows_from") or start.isoformat())
    rows = (ctx.series or {}).get("years") or []
    partial_row = next((r for r in rows if r.get("through") and r.get("year") == end.year), None)
    partial = _partial_year(ctx, partial_row) if partial_row and start < dt.date(end.year, 1, 1) else ""
    whole = [
        r
        for r in rows
        if r.get("target") is not None
        and not r.get("through")
        and dt.date(r["year"], 1, 1) >= max(start, flows_from)
        and dt.date(r["year"], 12, 31) <= end
    ]
    same_span = bool(whole) and (dt.date(whole[0]["year"], 1, 1), dt.date(whole[-1]["year"], 12, 31)) == (start, end)
    recorded = flows_from <= start
    if recorded and (same_span or (not whole and not partial)):
        # The targets' span is the report's own (or cannot be told from yearly rows): the JSON figures.
        total = ctx.n("admissions.total")
        return TargetComparison(total, int(target), exact(total, target))
    if not whole:
        return TargetComparison(0, 0, Decimal(0), "", partial) if partial else None
    admitted = sum(r.get("admissions") or 0 for r in whole)
    years_target = sum(r["target"] for r in whole)
    first, last = whole[0]["year"], whole[-1]["year"]
    span = f"năm {first}" if first == last else f"{last - first + 1} năm {first}–{last}"
    return TargetComparison(admitted, years_target, exact(admitted, years_target), span, partial)


def exact(part, whole) -> Decimal:
    """100 × part / whole, unrounded: round once, when writing it (percent())."""
    return Decimal(part) * 100 / Decimal(whole)


def covers_previous(previous: dict | None) -> bool:
    """Members were recorded on the day before the previous period began (see Context)."""
    if not previous:
        return False
    return (previous.get("members.total") or 0) - (previous.get("members.net_change") or 0) > 0


def num(value) -> str:
    return integer(value)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def join(items: list[str], last: str = " và ") -> str:
    """'a, b và c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


def share(part, whole) -> str:
    """' (30,69%)' of a whole; '' when the whole is zero."""
    value = pct(part or 0, whole or 0)
    return f" ({percent(value)})" if value is not None else ""


def change_phrase(current, previous, ref: str) -> str:
    """'tăng 4,3% so với năm 2022', 'giảm 12,5% ...', 'bằng năm 2022'.

    Empty when the previous value is missing or zero: a jump from nothing usually means
    that the earlier records were never entered, not that the work grew.
    """
    if current is None or not previous:
        return ""
    diff = current - previous
    if diff == 0:
        return "bằng " + ref.removeprefix("so với ").strip()
    word = "tăng" if diff > 0 else "giảm"
    # Rounded once, from the exact ratio (pct() then percent(…, 1) would round twice: 6,549 -> 6,55 -> 6,6).
    return f"{word} {percent(abs(exact(diff, previous)), 1)} {ref}"


def counted(items: list[tuple[int, str]]) -> list[str]:
    """'7 quy định' for each (count, noun) with a count; zero counts are left out."""
    return [f"{num(count)} {noun}" for count, noun in items if count]


VI_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
