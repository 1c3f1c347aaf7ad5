"""Charts of a report (matplotlib, Agg, no network): members over the years, admissions against
target, the age pyramid and rating shares.

`svg(name, series)` returns an SVG string (text drawn as paths, so any viewer shows the
Vietnamese labels), `png(name, series)` PNG bytes; both return None when the series has
nothing to draw. `series` is report_data()["series"]. The web dashboard reuses these.
"""

import base64
import datetime as dt
import io
from decimal import Decimal

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from xaydungdang.core.formatting import integer, pct, percent

RED, GOLD, GREY, BLUE, DARK = "#c8102e", "#e0a800", "#9e9e9e", "#3b6ea5", "#333333"
RATING_COLORS = {"excellent": "#8b0000", "good": RED, "complete": GOLD, "incomplete": GREY}
RATING_LABELS = {
    "excellent": "Hoàn thành xuất sắc",
    "good": "Hoàn thành tốt",
    "complete": "Hoàn thành",
    "incomplete": "Không hoàn thành",
}
AGE_LABELS = {
    "upto_30": "Đến 30",
    "31_40": "31–40",
    "41_50": "41–50",
    "51_60": "51–60",
    "61_70": "61–70",
    "over_70": "Trên 70",
}

_STYLE = {
    "font.family": "DejaVu Sans",  # bundled with matplotlib, covers Vietnamese
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "svg.fonttype": "path",
    "svg.hashsalt": "xaydungdang",  # stable element ids: the same data gives the same SVG
}

_thousands = FuncFormatter(lambda value, _pos: integer(round(value)))


def _abs_thousands(value, _pos):
    return integer(abs(round(value)))


def _figure(width: float = 6.4, height: float = 3.4) -> Figure:
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def year_label(row: dict) -> str:
    """'2024', or '2025\n(đến 30/6)' for a year cut at the report's end (no leading zeros)."""
    through = row.get("through")
    if not through:
        return str(row["year"])
    day = dt.date.fromisoformat(through)
    return f"{row['year']}\n(đến {day.day}/{day.month})"


def members_over_years(series: dict) -> Figure | None:
    years = [row for row in series.get("years") or [] if row.get("members") is not None]
    if not years:
        return None
    figure = _figure()
    ax = figure.add_subplot()
    labels = [year_label(row) for row in years]
    values = [row["members"] for row in years]
    bars = ax.bar(labels, values, color=RED, width=0.6)
    ax.bar_label(bars, labels=[integer(v) for v in values], padding=2, fontsize=8, color=DARK)
    ax.set_title("Số đảng viên qua các năm (cuối năm)")
    ax.yaxis.set_major_formatter(_thousands)
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.set_ylim(0, max(values) * 1.15 or 1)
    return figure


def admissions_against_target(series: dict) -> Figure | None:
    years = [row for row in series.get("years") or [] if row.get("admissions") is not None]
    if not years or not any(row.get("admissions") or row.get("target") for row in years):
        return None
    figure = _figure()
    ax = figure.add_subplot()
    positions = list(range(len(years)))
    width = 0.38
    admitted = [row.get("admissions") or 0 for row in years]
    targets = [row.get("target") for row in years]
    bars = ax.bar([p - width / 2 for p in positions], admitted, width, color=RED, label="Kết nạp")
    ax.bar_label(bars, labels=[integer(v) for v in admitted], padding=2, fontsize=7, color=DARK)
    if any(t is not None for t in targets):
        target_bars = ax.bar(
            [p + width / 2 for p in positions], [t or 0 for t in targets], width, color=GREY, label="Chỉ tiêu"
        )
        # A year cut at the report's end is not set against its whole-year target in percent.
        shares = [
            percent(pct(a, t)) if t and not row.get("through") else "" for a, t, row in zip(admitted, targets, years)
        ]
        ax.bar_label(
            target_bars,
            labels=[integer(t) if t is not None else "" for t in targets],
            padding=2,
            fontsize=7,
            color=DARK,
        )
        for p, share in zip(positions, shares):
            if share:
                ax.annotate(
                    share,
                    (p, 0),
                    xytext=(0, -22),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                    color=RED,
                    annotation_clip=False,
                )
    ax.set_xticks(positions, [year_label(row) for row in years])
    ax.set_title("Kết nạp đảng viên so với chỉ tiêu")
    if any(row.get("through") for row in years):
        ax.text(
            1,
            -0.3,
            "Năm chưa hết: số kết nạp đến ngày báo cáo, chỉ tiêu cả năm",
            transform=ax.transAxes,
            ha="right",
            fontsize=7,
            color=DARK,
        )
    ax.yaxis.set_major_formatter(_thousands)
    ax.yaxis.set_major_locator(MaxNLocator(5))
    top = max(admitted + [t or 0 for t in targets]) or 1
    ax.set_ylim(0, top * 1.18)
    ax.legend(frameon=False, loc="upper left", ncols=2)
    return figure


def age_pyramid(series: dict) -> Figure | None:
    age = series.get("age") or {}
    bands = [band for band in AGE_LABELS if band in age]
    if not bands or not any((age[b].get("male") or 0) + (age[b].get("female") or 0) for b in bands):
        return None
    figure = _figure(6.4, 3.2)
    ax = figure.add_subplot()
    male = [age[b].get("male") or 0 for b in bands]
    female = [age[b].get("female") or 0 for b in bands]
    labels = [AGE_LABELS[b] for b in bands]
    left = ax.barh(labels, [-m for m in male], color=BLUE, label="Nam")
    right = ax.barh(labels, female, color=RED, label="Nữ")
    ax.bar_label(left, labels=[integer(m) for m in male], padding=2, fontsize=7, color=DARK)
    ax.bar_label(right, labels=[integer(f) for f in female], padding=2, fontsize=7, color=DARK)
    widest = max(male + female) or 1
    ax.set_xlim(-widest * 1.3, widest * 1.3)
    ax.xaxis.set_major_formatter(FuncFormatter(_abs_thousands))
    ax.xaxis.set_major_locator(MaxNLocator(6, symmetric=True))
    ax.axvline(0, color=DARK, linewidth=0.6)
    ax.set_title("Cơ cấu đảng viên theo độ tuổi và giới tính")
    ax.set_ylabel("Tuổi đời")
    ax.legend(frameon=False, loc="lower right")
    return figure


def rating_shares(series: dict) -> Figure | None:
    ratings = series.get("ratings") or {}
    subjects = [("grassroots", "Tổ chức cơ sở đảng"), ("members", "Đảng viên")]
    rows = [(label, ratings.get(key) or {}) for key, label in subjects]
    rows = [(label, counts) for label, counts in rows if sum(v or 0 for v in counts.values())]
    if not rows:
        return None
    figure = _figure(6.4, 1.2 + 0.6 * len(rows))
    ax = figure.add_subplot()
    for level, level_label in RATING_LABELS.items():
        lefts, widths, labels = [], [], []
        for _label, counts in rows:
            total = sum(v or 0 for v in counts.values())
            start = sum(
                pct(counts.get(prev) or 0, total) or 0
                for prev in list(RATING_LABELS)[: list(RATING_LABELS).index(level)]
            )
            share = pct(counts.get(level) or 0, total) or 0
            lefts.append(start)
            widths.append(share)
            exact = Decimal(counts.get(level) or 0) * 100 / Decimal(total) if total else Decimal(0)
            labels.append(percent(exact, 1) if share >= 4 else "")
        bars = ax.barh([label for label, _ in rows], widths, left=lefts, color=RATING_COLORS[level], label=level_label)
        ax.bar_label(
            bars,
            labels=labels,
            label_type="center",
            fontsize=7,
            color="white" if level in ("excellent", "good") else DARK,
        )
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v)}%"))
    ax.set_title("Kết quả đánh giá, xếp loại chất lượng")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=4, fontsize=7)
    ax.invert_yaxis()
    return figure


CHARTS = {
    "members": ("Số đảng viên qua các năm", members_over_years),
    "admissions": ("Kết nạp đảng viên so với chỉ tiêu", admissions_against_target),
    "age": ("Cơ cấu đảng viên theo độ tuổi và giới tính", age_pyramid),
    "ratings": ("Kết quả đánh giá, xếp loại chất lượng", rating_shares),
}


def svg(name: str, series: dict) -> str | None:
    with rc_context(_STYLE):
        drawn = CHARTS[name][1](series or {})
        if drawn is None:
            return None
        buffer = io.StringIO()
        drawn.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def png(name: str, series: dict, dpi: int = 200) -> bytes | None:
    with rc_context(_STYLE):
        drawn = CHARTS[name][1](series or {})
        if drawn is None:
            return None
        buffer = io.BytesIO()
        drawn.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def data_uri(svg_text: str) -> str:
    """An <img src> for an SVG: the web app's CSP allows data: images, not inline SVG styles."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode("utf-8")).decode("ascii")
