"""What the section functions read (indicators, previous period, issuer, period phrases) and the
small phrase helpers they share. Numbers always go through core.formatting."""

from dataclasses import dataclass, field

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
        return covers_previous(self.previous)

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
    return f"{word} {percent(abs(pct(diff, previous)), 1)} {ref}"


def counted(items: list[tuple[int, str]]) -> list[str]:
    """'7 quy định' for each (count, noun) with a count; zero counts are left out."""
    return [f"{num(count)} {noun}" for count, noun in items if count]


VI_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
