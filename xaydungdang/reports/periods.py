"""How a report names its period: "năm 2023", "nhiệm kỳ 2020–2025", "13 năm thi hành Điều lệ Đảng".

Every phrase that depends on the report kind and period lives here, so the narrative
functions never compare dates themselves.
"""

import datetime as dt
from dataclasses import dataclass, replace

from xaydungdang.core.dates import previous_period
from xaydungdang.core.formatting import date as vn_date

KINDS = ("annual", "term", "charter")
KIND_LABELS = {
    "annual": "Báo cáo tổng kết năm (hoặc kỳ) công tác xây dựng Đảng",
    "term": "Báo cáo tổng kết công tác xây dựng Đảng nhiệm kỳ",
    "charter": "Báo cáo tổng kết thi hành Điều lệ Đảng",
}
# Party congress terms run five years from 2020 (2015–2020, 2020–2025, 2025–2030, ...).
TERM_BASE_YEAR = 2020
TERM_YEARS = 5


@dataclass(frozen=True)
class PeriodText:
    kind: str
    start: dt.date
    end: dt.date
    summary: str  # after "BÁO CÁO": "tổng kết công tác xây dựng Đảng năm 2023"
    span: str  # "năm 2023", "nhiệm kỳ 2020–2025", "13 năm thi hành Điều lệ Đảng (2011–2023)"
    opening: str  # starts a sentence: "Năm 2023", "Từ đầu nhiệm kỳ 2020–2025 đến nay"
    within: str  # mid-sentence: "trong năm", "trong nhiệm kỳ", "trong giai đoạn"
    start_ref: str  # a stock figure against the period's start: "so với đầu năm"
    previous_ref: str  # a flow figure against the previous period: "so với năm 2022"
    next_label: str  # "năm 2024", "nhiệm kỳ 2025–2030", "thời gian tới"
    result_heading: str  # "I. KẾT QUẢ THỰC HIỆN ..." without the numeral
    # When the records begin after the period's start (indicators.coverage): the data start and
    # the sentence saying so; `opening`, `within` and `start_ref` then run from that day.
    data_from: dt.date | None = None
    data_note: str = ""

    @property
    def end_text(self) -> str:
        return vn_date(self.end)


def _is_year_start(day: dt.date) -> bool:
    return day.month == 1 and day.day == 1


def _is_year_end(day: dt.date) -> bool:
    return day.month == 12 and day.day == 31


def years_label(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def term_years(start: dt.date) -> tuple[int, int]:
    """The congress term containing `start`: 2020-10-15 -> (2020, 2025)."""
    first = TERM_BASE_YEAR + TERM_YEARS * ((start.year - TERM_BASE_YEAR) // TERM_YEARS)
    return first, first + TERM_YEARS


def parse_term(text: str) -> tuple[int, int]:
    """'2020-2025' or '2020–2025' -> (2020, 2025); ValueError otherwise."""
    parts = text.replace("–", "-").replace(" ", "").split("-")
    if len(parts) != 2 or not all(p.isdecimal() and len(p) == 4 for p in parts):
        raise ValueError(text)
    first, last = int(parts[0]), int(parts[1])
    if last <= first:
        raise ValueError(text)
    return first, last


def _previous_ref(start: dt.date, end: dt.date) -> str:
    prev_start, prev_end = previous_period(start, end)
    if _is_year_start(prev_start) and _is_year_end(prev_end):
        return (
            f"so với {'năm' if prev_start.year == prev_end.year else 'giai đoạn'} "
            f"{years_label(prev_start.year, prev_end.year)}"
        )
    return "so với kỳ trước"


def _annual(start: dt.date, end: dt.date) -> PeriodText:
    whole_years = _is_year_start(start) and _is_year_end(end)
    if whole_years and start.year == end.year:
        year = start.year
        return PeriodText(
            "annual",
            start,
            end,
            f"tổng kết công tác xây dựng Đảng năm {year}",
            f"năm {year}",
            f"Năm {year}",
            "trong năm",
            "so với đầu năm",
            _previous_ref(start, end),
            f"năm {year + 1}",
            "KẾT QUẢ THỰC HIỆN",
        )
    if whole_years:
        label = years_label(start.year, end.year)
        return PeriodText(
            "annual",
            start,
            end,
            f"tổng kết công tác xây dựng Đảng giai đoạn {label}",
            f"giai đoạn {label}",
            f"Giai đoạn {label}",
            "trong giai đoạn",
            "so với đầu giai đoạn",
            _previous_ref(start, end),
            "thời gian tới",
            "KẾT QUẢ THỰC HIỆN",
        )
    if start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 6, 30):
        year = start.year
        return PeriodText(
            "annual",
            start,
            end,
            f"sơ kết công tác xây dựng Đảng 6 tháng đầu năm {year}",
            f"6 tháng đầu năm {year}",
            f"6 tháng đầu năm {year}",
            "trong 6 tháng",
            "so với đầu năm",
            "so với cùng kỳ",
            f"6 tháng cuối năm {year}",
            "KẾT QUẢ THỰC HIỆN",
        )
    dates = f"từ ngày {vn_date(start)} đến ngày {vn_date(end)}"
    return PeriodText(
        "annual",
        start,
        end,
        f"kết quả công tác xây dựng Đảng {dates}",
        dates,
        dates[0].upper() + dates[1:],
        "trong kỳ",
        "so với đầu kỳ",
        _previous_ref(start, end),
        "thời gian tới",
        "KẾT QUẢ THỰC HIỆN",
    )


def _term(start: dt.date, end: dt.date, term: tuple[int, int] | None) -> PeriodText:
    first, last = term or term_years(start)
    label = f"{first}–{last}"
    next_label = f"nhiệm kỳ {last}–{last + (last - first)}"
    return PeriodText(
        "term",
        start,
        end,
        f"tổng kết công tác xây dựng Đảng nhiệm kỳ {label}",
        f"nhiệm kỳ {label}",
        f"Từ đầu nhiệm kỳ {label} đến nay",
        "trong nhiệm kỳ",
        "so với đầu nhiệm kỳ",
        "so với cùng kỳ nhiệm kỳ trước",
        next_label,
        f"KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG NHIỆM KỲ {label}",
    )


def _charter(start: dt.date, end: dt.date) -> PeriodText:
    years = end.year - start.year + 1
    label = years_label(start.year, end.year)
    span = f"{years} năm thi hành Điều lệ Đảng ({label})"
    return PeriodText(
        "charter",
        start,
        end,
        f"tổng kết {span}",
        span,
        f"Qua {years} năm thi hành Điều lệ Đảng ({label})",
        "trong giai đoạn",
        "so với đầu giai đoạn",
        "so với giai đoạn trước",
        "thời gian tới",
        "KẾT QUẢ THI HÀNH ĐIỀU LỆ ĐẢNG",
    )


def _within_records(period: PeriodText, records: dict | None) -> PeriodText:
    """Never compare with a start before the records begin: a period that starts before the data
    start states its flows from the data start, its stock changes against the data start, and
    says from when the data run ("số liệu từ ngày 01/01/2019")."""
    if not records or records.get("start_covered", True) or not records.get("data_start"):
        return period
    first = dt.date.fromisoformat(records["data_start"])
    if first > period.end:
        return period
    first_text = vn_date(first)
    note = (
        f"Số liệu trong báo cáo được tổng hợp từ cơ sở dữ liệu đảng viên, có từ ngày {first_text} "
        "(thời điểm bắt đầu có số liệu); các số liệu tăng, giảm được tính từ ngày này."
    )
    if first <= period.start:
        # Only the day before the start is missing (an opening balance on the first day).
        return replace(period, start_ref=f"so với ngày {first_text}", data_from=first, data_note=note)
    span = f"từ ngày {first_text} đến ngày {vn_date(period.end)}"
    return replace(
        period,
        opening=span[0].upper() + span[1:],
        within=span,
        start_ref=f"so với ngày {first_text}",
        data_from=first,
        data_note=note,
    )


def describe(
    kind: str, start: dt.date, end: dt.date, term: tuple[int, int] | None = None, records: dict | None = None
) -> PeriodText:
    if kind == "term":
        period = _term(start, end, term)
    elif kind == "charter":
        period = _charter(start, end)
    else:
        period = _annual(start, end)
    return _within_records(period, records)
