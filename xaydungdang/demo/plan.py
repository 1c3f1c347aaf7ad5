"""The calibration: how many of each movement happen in which window of time.

Counts are fixed here, before any person exists, so the figures the articles quote hold
for every seed by construction (docs/demo.md says where each one comes from):

- 48.879 members at 31/12/2023: the opening balance on 1/1/2019 is derived from it;
- 2.051 admissions in 2023 against a target of 2.050 (100,05%);
- screening in 2023: 79 listed, 37 progressed, 23 continued, 19 removed;
- "nearly 7.000" admissions from the term start (17/10/2020) to 12/3/2024, "more than
  1.800" of them ethnic minority; "nearly 49.000" members on 12/3/2024.
"""

import datetime as dt
from dataclasses import dataclass, field

D = dt.date

OPENING_DAY = D(2019, 1, 1)  # the opening balance (as_of) of the recorded history
FIRST_EVENT_DAY = D(2019, 1, 2)
CALIBRATION_DAY = D(2023, 12, 31)
MEMBERS_AT_CALIBRATION = 48_879
# The XIV congress of the provincial party organization closed on 16/10/2020; its term
# (and the numbering of its documents) starts the next day.
TERM_START = D(2020, 10, 17)
TERM_REPORT_DAY = D(2024, 3, 12)  # the 5-year review conference quoted by TTXVN
REORGANIZATION_DAY = D(2025, 7, 1)
# The provincial Khối ends and the two provincial party organizations that replace it (Đảng bộ các
# cơ quan Đảng tỉnh, Đảng bộ Ủy ban nhân dân tỉnh) are founded. The demo's own date: provinces did
# it between late January and early March 2025 (docs/demo.md, rules.md §12).
KHOI_END_DAY = D(2025, 2, 1)
# Nghị quyết 202/2025/QH15: Sóc Trăng, Hậu Giang and Cần Thơ become thành phố Cần Thơ; the new city
# party organization is founded and the three provincial ones end (rules.md §12).
CITY_DAY = REORGANIZATION_DAY

MINORITY_SHARE = 0.27  # of admissions, every window (exact quota, rounded)

# Flows that change the number of members (plus screening removals, planned separately).
FLOWS = ("admitted", "transferred_in", "restored", "transferred_out", "died", "struck_off", "dismissed", "expelled")
OTHER = ("transferred", "away_started", "exempted", "temporary_out", "card_reissued", "card_replaced")

# Per calendar year. 2020's admissions and 2024's flows are split at the windows below.
YEARS: dict[int, dict[str, int]] = {
    2019: dict(
        admitted=1960,
        transferred_in=210,
        transferred_out=300,
        died=520,
        struck_off=38,
        dismissed=9,
        expelled=7,
        transferred=1300,
        away_started=380,
        exempted=900,
    ),
    2020: dict(
        admitted=2010,
        transferred_in=190,
        transferred_out=280,
        died=540,
        struck_off=35,
        dismissed=8,
        expelled=6,
        transferred=1250,
        away_started=360,
        exempted=320,
    ),
    2021: dict(
        admitted=1990,
        transferred_in=180,
        transferred_out=270,
        died=610,
        struck_off=30,
        dismissed=7,
        expelled=6,
        transferred=1150,
        away_started=300,
        exempted=300,
    ),
    2022: dict(
        admitted=2030,
        transferred_in=200,
        transferred_out=290,
        died=560,
        struck_off=33,
        dismissed=8,
        expelled=9,
        transferred=1280,
        away_started=340,
        exempted=290,
    ),
    2023: dict(
        admitted=2051,
        transferred_in=205,
        transferred_out=295,
        died=570,
        struck_off=31,
        dismissed=7,
        expelled=8,
        transferred=1310,
        away_started=330,
        exempted=300,
    ),
    2024: dict(
        admitted=2080,
        transferred_in=210,
        transferred_out=300,
        died=580,
        struck_off=30,
        dismissed=8,
        expelled=7,
        transferred=1320,
        away_started=320,
        exempted=290,
    ),
    2025: dict(
        admitted=2010,
        transferred_in=190,
        transferred_out=320,
        died=590,
        struck_off=28,
        dismissed=6,
        expelled=6,
        transferred=1250,
        away_started=300,
        exempted=280,
    ),
    2026: dict(
        admitted=1900,
        transferred_in=185,
        transferred_out=285,
        died=575,
        struck_off=22,
        dismissed=6,
        expelled=5,
        transferred=1200,
        away_started=290,
        exempted=265,
    ),
}

# The movements the statistical forms added (spec/forms.md): phục hồi đảng tịch (a few a year,
# none in 2019: nobody had been removed yet), sinh hoạt tạm thời nơi khác of members working away,
# party cards reissued after a loss and exchanged when damaged.
FORM_FLOWS = dict(
    restored=(0, 3, 3, 4, 4, 3, 3, 2),
    temporary_out=(240, 170, 150, 230, 260, 270, 250, 240),
    card_reissued=(45, 40, 42, 48, 46, 44, 40, 38),
    card_replaced=(30, 26, 28, 31, 33, 30, 27, 25),
)
for _type, _counts in FORM_FLOWS.items():
    for _year, _count in zip(sorted(YEARS), _counts, strict=True):
        YEARS[_year][_type] = _count

# Exact counts inside a year's first window (the rest of the year gets the remainder).
SPLITS: dict[int, tuple[dt.date, dict[str, int]]] = {
    # 1/1–16/10/2020 | 17/10–31/12/2020: the year-end push of the congress year.
    2020: (TERM_START, dict(admitted=1391)),
    # 1/1–12/3/2024 | 13/3–31/12/2024: keeps 12/3/2024 just under 49.000 members.
    2024: (
        TERM_REPORT_DAY + dt.timedelta(days=1),
        dict(
            admitted=260,
            transferred_in=30,
            restored=0,
            transferred_out=55,
            died=125,
            struck_off=8,
            dismissed=2,
            expelled=1,
        ),
    ),
}

# Screening (Chỉ thị 28-CT/TW): listed, progressed, continued, removed; the rest stay pending.
SCREENING: dict[int, tuple[int, int, int, int]] = {
    2019: (45, 20, 14, 11),
    2020: (62, 29, 17, 16),
    2021: (70, 33, 20, 17),
    2022: (74, 35, 21, 18),
    2023: (79, 37, 23, 19),
    2024: (68, 33, 19, 16),
    2025: (55, 26, 16, 13),
    2026: (40, 18, 10, 7),
}

# Admission targets of the province (chỉ tiêu kết nạp) and the term target of the XIV congress.
TARGETS = {2019: 1900, 2020: 1950, 2021: 2000, 2022: 2000, 2023: 2050, 2024: 2050, 2025: 2000, 2026: 2000}
TERM_TARGET = ("2020-2025", 10_000)


@dataclass
class Window:
    start: dt.date
    end: dt.date  # inclusive
    counts: dict[str, int] = field(default_factory=dict)
    minority: int = 0  # ethnic-minority admissions in the window (exact)
    screening_removed: int = 0  # struck off after screening, dated in this window


def _year_counts(year: int, today: dt.date) -> dict[str, int]:
    counts = dict(YEARS.get(year) or YEARS[max(YEARS)])
    if year == today.year:
        first = max(D(year, 1, 1), FIRST_EVENT_DAY)
        share = ((today - first).days + 1) / ((D(year, 12, 31) - first).days + 1)
        counts = {k: round(v * share) for k, v in counts.items()}
    return counts


def screening_for(year: int) -> tuple[int, int, int, int]:
    """Listed, progressed, continued, removed; a case whose outcome would fall after today stays pending."""
    return SCREENING.get(year) or SCREENING[max(SCREENING)]


def windows(today: dt.date) -> list[Window]:
    """The windows from the first event day to `today`, each with its exact counts."""
    result = []
    for year in range(OPENING_DAY.year, today.year + 1):
        start = max(D(year, 1, 1), FIRST_EVENT_DAY)
        end = min(D(year, 12, 31), today)
        counts = _year_counts(year, today)
        split = SPLITS.get(year)
        if split and split[0] <= end:
            cut, first_counts = split
            first_days = (cut - start).days
            share = first_days / ((end - start).days + 1)
            first = {k: first_counts.get(k, round(v * share)) for k, v in counts.items()}
            rest = {k: counts[k] - first[k] for k in counts}
            parts = [Window(start, cut - dt.timedelta(days=1), first), Window(cut, end, rest)]
        else:
            parts = [Window(start, end, counts)]
        for part in parts:
            part.minority = round(part.counts["admitted"] * MINORITY_SHARE)
        # Screening removals are decided in the second half of the year (the last window).
        parts[-1].screening_removed = screening_for(year)[3]
        result.extend(parts)
    return result


def net(window: Window) -> int:
    c = window.counts
    return (
        c["admitted"]
        + c["transferred_in"]
        + c.get("restored", 0)
        - c["transferred_out"]
        - c["died"]
        - c["struck_off"]
        - c["dismissed"]
        - c["expelled"]
        - window.screening_removed
    )


def opening_count(today: dt.date) -> int:
    """Members on the opening day such that 31/12/2023 holds exactly MEMBERS_AT_CALIBRATION."""
    return MEMBERS_AT_CALIBRATION - sum(net(w) for w in windows(today) if w.end <= CALIBRATION_DAY)
