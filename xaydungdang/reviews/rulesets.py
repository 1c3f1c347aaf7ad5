"""Rating periods and the dated rule sets that judge them (issue 16 item 1): the one definition.

A rating belongs to a period, written as in the interchange:
  - a year: ``2025``;
  - a quarter: ``2025-Q3``;
  - a term (nhiệm kỳ): ``2020-2025``;
  - ad hoc (khi cần thiết), with its date: ``2025-10-15``.
A period ends on a day (31/12, the quarter's last day, 31/12 of the term's last year, the date); the
rule set in force on that day judges the rating. Boundary (docs/ratings.md): Quy định 366-QĐ/TW
(30/8/2025) applies to every period ending on or after 30/8/2025; the first yearly rating under it
is the 2025 year-end rating, as Hướng dẫn 43-HD/BTCTW says. A quarter ending 30/6/2025 or an ad hoc
rating dated 29/8/2025 is still judged by 124-QĐ/TW.

Under 366 the level follows the 100-point score: ≥ 90 xuất sắc (only with 100% of tasks on time,
≥ 30% of targets exceeded and no discipline; otherwise tốt), 70–<90 tốt, 50–<70 hoàn thành, < 50 or a
listed violation không hoàn thành. Before 366 the four levels stand alone and there is no score.

The cap on "xuất sắc" (≤ 20% of those rated "tốt" in each grassroots organization, Hướng dẫn
21-HD/BTCTW 2019) is applied to yearly ratings from 2019. Whether 366 keeps it is not settled
(domain/rules.md §4: U); we assume it does, the same 20% as civil servants (Nghị định 335/2025), and
only warn: the cap never refuses a rating.
"""

import datetime as dt
import re
from dataclasses import dataclass

D = dt.date

YEAR, QUARTER, TERM, AD_HOC = "year", "quarter", "term", "ad_hoc"
PERIOD_KIND_LABELS = {YEAR: "năm", QUARTER: "quý", TERM: "nhiệm kỳ", AD_HOC: "khi cần thiết"}

EXCELLENT, GOOD, COMPLETE, INCOMPLETE = "excellent", "good", "complete", "incomplete"
LEVEL_ORDER = (EXCELLENT, GOOD, COMPLETE, INCOMPLETE)

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_TERM = re.compile(r"^(\d{4})-(\d{4})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    kind: str
    text: str  # canonical: 2025, 2025-Q3, 2020-2025, 2025-10-15
    start: dt.date
    end: dt.date

    @property
    def year(self) -> int:
        """The year a rating of this period is filed under (the year it ends)."""
        return self.end.year

    @property
    def label(self) -> str:
        if self.kind == YEAR:
            return f"năm {self.start.year}"
        if self.kind == QUARTER:
            return f"quý {(self.start.month - 1) // 3 + 1} năm {self.start.year}"
        if self.kind == TERM:
            return f"nhiệm kỳ {self.start.year}–{self.end.year}"
        return f"khi cần thiết, ngày {self.end:%d/%m/%Y}"


class PeriodError(ValueError):
    pass


def parse_period(text) -> Period:
    """A period from its text; PeriodError with a Vietnamese message when it is not one."""
    raw = str(text).strip() if text is not None else ""
    bad = (
        f'Kỳ đánh giá "{raw[:20]}" không hợp lệ: ghi 2025 (năm), 2025-Q3 (quý), 2020-2025 (nhiệm kỳ) '
        "hoặc 2025-10-15 (khi cần thiết)."
    )
    if m := _YEAR.match(raw):
        y = int(m[1])
        if not 1930 <= y <= 2200:
            raise PeriodError(bad)
        return Period(YEAR, str(y), D(y, 1, 1), D(y, 12, 31))
    if m := _QUARTER.match(raw):
        y, q = int(m[1]), int(m[2])
        if not 1930 <= y <= 2200:
            raise PeriodError(bad)
        start = D(y, 3 * q - 2, 1)
        end = D(y, 12, 31) if q == 4 else D(y, 3 * q + 1, 1) - dt.timedelta(days=1)
        return Period(QUARTER, f"{y}-Q{q}", start, end)
    if m := _TERM.match(raw):
        a, b = int(m[1]), int(m[2])
        if not 1930 <= a < b <= 2200 or b - a > 5:
            raise PeriodError(bad)
        return Period(TERM, f"{a}-{b}", D(a, 1, 1), D(b, 12, 31))
    if m := _DATE.match(raw):
        try:
            day = D(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise PeriodError(bad) from None
        if day.year < 1930:
            raise PeriodError(bad)
        return Period(AD_HOC, day.isoformat(), day, day)
    raise PeriodError(bad)


def stored_period(text: str | None, year: int) -> str:
    """What Rating.period holds: "" for the yearly rating of `year` (as version-1 rows), else the text."""
    if not text:
        return ""
    period = parse_period(text)
    return "" if period.kind == YEAR and period.year == year else period.text


def period_of(rating_period: str, year: int) -> Period:
    return parse_period(rating_period or str(year))


@dataclass(frozen=True)
class RuleSet:
    code: str
    title: str
    cite: str
    effective_from: dt.date
    effective_to: dt.date | None  # exclusive
    scored: bool  # the 100-point scale
    cap_pct: int | None  # "xuất sắc" at most this % of "tốt" per grassroots organization (yearly)
    cap_cite: str = ""
    six_months_exempt: bool = True  # members admitted under 6 months before the period's end are not rated

    def in_force(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)


BOUNDARY_366 = D(2025, 8, 30)
CAP_TEXT = (
    "số đảng viên xếp loại “Hoàn thành xuất sắc nhiệm vụ” không quá 20% số đảng viên xếp loại "
    "“Hoàn thành tốt nhiệm vụ” trong mỗi tổ chức cơ sở đảng"
)

RULESETS = (
    RuleSet(
        "rating_132",
        "Bốn mức xếp loại (132-QĐ/TW)",
        "Quy định 132-QĐ/TW (8/3/2018); Hướng dẫn 21-HD/BTCTW (2019)",
        D(1930, 1, 1),
        D(2023, 10, 4),
        False,
        20,
        "Hướng dẫn 21-HD/BTCTW (2019): " + CAP_TEXT,
    ),
    RuleSet(
        "rating_124",
        "Bốn mức xếp loại (124-QĐ/TW)",
        "Quy định 124-QĐ/TW (4/10/2023)",
        D(2023, 10, 4),
        BOUNDARY_366,
        False,
        20,
        "Hướng dẫn 21-HD/BTCTW (2019), vẫn áp dụng: " + CAP_TEXT,
    ),
    RuleSet(
        "rating_366",
        "Thang điểm 100 (366-QĐ/TW)",
        "Quy định 366-QĐ/TW (30/8/2025); Hướng dẫn 43-HD/BTCTW",
        BOUNDARY_366,
        None,
        True,
        20,
        "giả định: Quy định 366-QĐ/TW giữ tỷ lệ của Hướng dẫn 21-HD/BTCTW (2019) — " + CAP_TEXT,
    ),
)
BY_CODE = {r.code: r for r in RULESETS}

# Lower bound inclusive.
SCORE_BANDS = ((EXCELLENT, 90), (GOOD, 70), (COMPLETE, 50), (INCOMPLETE, 0))
CAP_FROM_YEAR = 2019


def ruleset_for(period: Period) -> RuleSet:
    """The rule set in force on the day the period ends."""
    for rs in RULESETS:
        if rs.in_force(period.end):
            return rs
    return RULESETS[0]


def level_for_score(score: int, *, tasks_on_time=None, exceeding_targets=None, disciplined=False, violation=False):
    """The level a 366 score gives. Unknown extra conditions (None) do not lower a score ≥ 90 (rows
    of version 1 carry none); a condition recorded as not met, or a discipline, does."""
    if violation:
        return INCOMPLETE
    level = next(lvl for lvl, floor in SCORE_BANDS if score >= floor)
    if level == EXCELLENT and (tasks_on_time is False or exceeding_targets is False or disciplined):
        level = GOOD
    return level


def cap_applies(rs: RuleSet, period: Period) -> bool:
    return rs.cap_pct is not None and period.kind == YEAR and period.year >= CAP_FROM_YEAR


def cap_limit(rs: RuleSet, good: int) -> int:
    """How many "xuất sắc" the cap allows for this many "tốt"."""
    return good * (rs.cap_pct or 0) // 100
