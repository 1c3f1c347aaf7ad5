"""Indicator figures for pages, from the one engine (indicators.engine), cached per
organization and period on the data version. Nothing here computes a figure itself."""

import datetime as dt

from xaydungdang.indicators.cache import report_data  # noqa: F401  (the pages' figures, cached)

# The tiles of an organization's dashboard: current year against the previous one.
DASHBOARD_KEYS = [
    "members.total",
    "members.official",
    "members.probationary",
    "members.female",
    "members.ethnic_minority",
    "admissions.total",
    "admissions.target",
    "admissions.target_pct",
    "probation.recognized",
    "probation.due",
    "transfers.in",
    "transfers.out",
    "removals.total",
    "members.net_change",
    "orgs.grassroots",
    "orgs.cells_below_3_official",
    "screening.listed",
    "ratings.members.good_or_better_pct",
    "inspection.orgs",
    "inspection.members",
    "discipline.members.total",
]


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def tiles(data: dict) -> list[dict]:
    from xaydungdang.indicators.keys import LABELS, PERCENT_KEYS

    current = data.get("indicators", {})
    previous = (data.get("previous") or {}).get("indicators", {})
    records = data.get("records") or {}
    if records and not records.get("previous_covered", True):
        previous = {}  # the previous year lies (partly) before the records begin: no comparison
    rows = []
    for key in DASHBOARD_KEYS:
        if key not in current:
            continue
        value, before = current.get(key), previous.get(key)
        delta = None
        if isinstance(value, (int, float)) and isinstance(before, (int, float)) and key not in PERCENT_KEYS:
            delta = value - before
        label = LABELS.get(key, key)
        if key == "admissions.target_pct" and _year_not_over(data):
            label += " — năm chưa hết, so với chỉ tiêu cả năm"  # not a shortfall yet
        if key == "members.net_change" and records and not records.get("start_covered", True):
            # The year began before the records: count the change from the data start, not from zero.
            since = records.get("members_at_data_start")
            value = current.get("members.total", 0) - since if since is not None else None
            label = f"Tăng (+), giảm (−) từ ngày {_vn_day(records.get('data_start'))} (bắt đầu có số liệu)"
        rows.append(
            {
                "key": key,
                "label": label,
                "value": value,
                "previous": before,
                "percent": key in PERCENT_KEYS,
                "delta": delta,
            }
        )
    return rows


def _year_not_over(data: dict) -> bool:
    """The figures run to a day after today (the current year's dashboard): year to date."""
    from xaydungdang.core.dates import today

    end = (data.get("period") or {}).get("to")
    return bool(end) and dt.date.fromisoformat(end) > today()


def _vn_day(iso: str | None) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def probation_due_today(tiles: list[dict], count: int, day: dt.date) -> None:
    """Within the current year the dashboard's figures are taken at 31 December, which for
    `probation.due` would count members whose twelve months have not ended yet. Show instead
    the count at `day` from the alert list (alerts.rules.probation_due: the same rule as the
    indicator), so the tile and the alerts agree."""
    for tile in tiles:
        if tile["key"] == "probation.due":
            tile["value"] = count
            before = tile["previous"]
            tile["delta"] = count - before if isinstance(before, int) else None
            tile["label"] = f"{tile['label']} (đến ngày {day:%d/%m/%Y})"


def without_comparison(tiles: list[dict], founding=None) -> None:
    """A unit founded during the year (or shown only up to its dissolution) has no comparable
    year before: no "Năm trước" and no growth on its tiles. Founded: its change is counted from
    what it received at its founding (indicators.founding), not from zero."""
    totals = {tile["key"]: tile["value"] for tile in tiles}
    for tile in tiles:
        tile["previous"] = tile["delta"] = None
        if tile["key"] == "members.net_change" and founding is not None:
            tile["value"] = founding.change_since(totals.get("members.total") or 0)
            tile["label"] = "Tăng (+), giảm (−) từ khi thành lập"


AGE_LABELS = {
    "upto_30": "Đến 30 tuổi",
    "31_40": "31–40",
    "41_50": "41–50",
    "51_60": "51–60",
    "61_70": "61–70",
    "over_70": "Trên 70",
}


def year_label(row: dict) -> str:
    """'2025 (đến 30/6)' for a year cut at the period's end, else '2025'."""
    through = row.get("through")
    if not through:
        return str(row.get("year"))
    day = dt.date.fromisoformat(through)
    return f"{row.get('year')} (đến {day.day}/{day.month})"


def series_tables(data: dict) -> dict:
    """The dashboard's chart figures as labelled rows (also the accessible form of the charts)."""
    from xaydungdang.indicators.keys import RATING_LEVEL_LABELS

    series = data.get("series") or {}
    age = series.get("age") or {}
    ratings = series.get("ratings") or {}
    return {
        "years": [row | {"label": year_label(row)} for row in series.get("years") or []],
        "age": [
            {"label": AGE_LABELS.get(band, band), "male": v.get("male"), "female": v.get("female")}
            for band, v in age.items()
        ],
        "ratings": [
            {
                "label": label,
                "members": (ratings.get("members") or {}).get(level),
                "grassroots": (ratings.get("grassroots") or {}).get(level),
            }
            for level, label in RATING_LEVEL_LABELS
        ]
        if ratings
        else [],
    }
