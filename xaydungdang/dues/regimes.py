"""The dues regimes, dated: one definition of what a member owes for a month (issue 16 item 3).

- 342-QĐ/TW (28/12/2010, in force 1/4/2011) applies to every month up to February 2026.
- 01-QĐ/TW (Bộ Chính trị, 3/2/2026) applies from **March 2026**: it came into force on 3/2, after
  February had begun; the issue and rules.md §5 put 342 "until 2/2026", and a month's dues follow one
  regime, so February 2026 is the last month under 342 and 2026-03 the first under 01-QĐ/TW.

Rates are in basis points (1/100 of a percent: 100 = 1%) so the arithmetic stays in integers.
Amounts are integer đồng. Rounding: `base × rate` is rounded half up to the whole đồng; no text
read fixes another rule, so `settings.DUES_ROUND_TO` (default 1) rounds the result half up to a
multiple (set 1000 where a unit collects in thousands). The fixed amounts and the shares that the
sources leave open are settings (`DUES_FIXED_AMOUNTS`, `DUES_SHARES`); their defaults are below.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

SALARIED, BENEFIT, PENSIONER, STUDENT, OTHER = "salaried", "benefit", "pensioner", "student", "other"


@dataclass(frozen=True)
class Regime:
    code: str
    title: str
    first_month: dt.date  # the first month it applies to (a first day of month)
    rates: dict  # category -> basis points of the base
    fixed: dict  # category -> đồng per month (defaults; settings.DUES_FIXED_AMOUNTS overrides)
    reductions: bool  # whether 30/50/70% reductions exist
    shares: dict = field(default_factory=dict)  # unit class -> percent kept (see share_kept_pct)

    def fixed_amount(self, category: str) -> int:
        overrides = getattr(settings, "DUES_FIXED_AMOUNTS", {}).get(self.code, {})
        return int(overrides.get(category, self.fixed[category]))

    def share(self, unit_class: str) -> int:
        overrides = getattr(settings, "DUES_SHARES", {}).get(self.code, {})
        return int(overrides.get(unit_class, self.shares[unit_class]))


# Unit classes for the share kept (rules.md §5, the 342 table).
CELL_UNDER_COMMITTEE = "cell"  # chi bộ trực thuộc đảng bộ cơ sở: keeps 30–50%
COMMUNE_GRASSROOTS = "commune_grassroots"  # TCCSĐ of xã/phường: keeps 90%
OTHER_GRASSROOTS = "grassroots"  # other TCCSĐ: keeps 70%
HIGHER = "higher"  # every level above: keeps 50%

R342 = Regime(
    "342-QĐ/TW",
    "Quyết định 342-QĐ/TW ngày 28/12/2010 của Bộ Chính trị",
    dt.date(2011, 4, 1),
    {SALARIED: 100, BENEFIT: 100, PENSIONER: 50},
    # 03-HD/VPTW (2016): others of working age pay 10.000 / 8.000 / 6.000 / 4.000 đ by area; the
    # default is the "other areas" amount (6.000 đ). Students without salary: 3.000 đ is our reading
    # of the same guidance, not confirmed by two sources [U]; both are settings.
    {STUDENT: 3000, OTHER: 6000},
    reductions=False,
    # The lower bound of the 30–50% a cell keeps is the default (a grassroots committee decides).
    shares={CELL_UNDER_COMMITTEE: 30, COMMUNE_GRASSROOTS: 90, OTHER_GRASSROOTS: 70, HIGHER: 50},
)
R01 = Regime(
    "01-QĐ/TW",
    "Quy định 01-QĐ/TW ngày 03/02/2026 của Bộ Chính trị",
    dt.date(2026, 3, 1),
    {SALARIED: 100, BENEFIT: 100, PENSIONER: 50},
    # Students 5.000 đ (rules.md §5, C). Other members: no source read gives the amount [U]; the
    # 342 default is kept until it is known (settings.DUES_FIXED_AMOUNTS["01-QĐ/TW"]["other"]).
    {STUDENT: 5000, OTHER: 6000},
    reductions=True,
    # New shares not found [U]: the 342 table until the guidance is known (settings.DUES_SHARES).
    shares={CELL_UNDER_COMMITTEE: 30, COMMUNE_GRASSROOTS: 90, OTHER_GRASSROOTS: 70, HIGHER: 50},
)
REGIMES = (R342, R01)
MAX_REDUCTION_MONTHS = 12


def regime_for(month: dt.date) -> Regime | None:
    """The regime of the month containing `month` (None before 342 applied)."""
    first = month.replace(day=1)
    found = None
    for regime in REGIMES:
        if regime.first_month <= first:
            found = regime
    return found


def _round_half_up(numerator: int, denominator: int) -> int:
    return (numerator + denominator // 2) // denominator


def round_amount(amount: int) -> int:
    step = int(getattr(settings, "DUES_ROUND_TO", 1)) or 1
    return amount if step == 1 else _round_half_up(amount, step) * step


def monthly_amount(
    regime: Regime, category: str, base: int | None, *, reduction_pct: int = 0, exempt: bool = False
) -> int:
    """What a member owes for one month under `regime`, in đồng (0 when exempt)."""
    if exempt:
        return 0
    if category in regime.rates:
        amount = _round_half_up((base or 0) * regime.rates[category], 10_000)
    else:
        amount = regime.fixed_amount(category)
    if reduction_pct and regime.reductions:
        amount = _round_half_up(amount * (100 - reduction_pct), 100)
    return round_amount(amount)


def unit_class(kind: str, locality_kind: str | None) -> str:
    """The class of a unit in the share table, from its kind and its locality's kind."""
    if kind in ("cell", "sub_committee"):
        return CELL_UNDER_COMMITTEE
    if kind in ("grassroots_committee", "grassroots_cell"):
        return COMMUNE_GRASSROOTS if locality_kind == "commune" else OTHER_GRASSROOTS
    return HIGHER


def split(regime: Regime, paid: int, cls: str) -> tuple[int, int]:
    """(kept by the unit, sent up) of `paid` đồng; the kept part rounds down, so nothing is lost."""
    kept = paid * regime.share(cls) // 100
    return kept, paid - kept
