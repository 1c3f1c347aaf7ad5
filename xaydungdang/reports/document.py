"""A report ready to render: the engine's data plus everything the document states.

`assemble(data, kind, chain, ...)` is pure (no database): the service looks up the
organization and computes the data, tests pass hand-made dicts.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from xaydungdang.core.formatting import date as vn_date
from xaydungdang.core.formatting import long_date
from xaydungdang.indicators.founding import Founding
from xaydungdang.reports import charts
from xaydungdang.reports.annex import Annex, build_annex, comparison_rows
from xaydungdang.reports.blocks import Block
from xaydungdang.reports.issuer import Issuer, OrgName, issuer_for
from xaydungdang.reports.narrative import Context, compose
from xaydungdang.reports.periods import PeriodText, describe

BLANK_NUMBER = "\u00a0" * 8  # room for the number written by hand after signing
# The date line when no date is given: the office writes it by hand when the report is signed.
BLANK_DATE = "ngày ..... tháng ..... năm ........"  # as the statistical forms' header (forms_layout)
_SLUGS = {"annual": "tong-ket", "term": "nhiem-ky", "charter": "dieu-le"}


def _ascii(text: str) -> str:
    """Letters without marks, case kept: file names that every system accepts ("ĐU-1" -> "DU-1")."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@dataclass
class Report:
    kind: str
    data: dict
    period: PeriodText
    issuer: Issuer
    number: str
    place: str
    issued_on: dt.date | None  # None: left blank for the office (written by hand when signed)
    signer: str
    body: list[Block]
    annex: Annex
    _charts: dict = field(default_factory=dict, repr=False)
    # The statistical forms (spec/forms.md) of a report whose period is a calendar year: a callable
    # computing them, called once by the printed formats (the page on screen does not need them).
    forms_source: object = field(default=None, repr=False)
    _forms: list | None = field(default=None, repr=False)

    @property
    def forms(self) -> list:
        if self._forms is None:
            self._forms = list(self.forms_source()) if callable(self.forms_source) else []
        return self._forms

    @property
    def form_tables(self) -> list:
        from xaydungdang.reports.annex import form_tables

        return form_tables(self.forms)

    @property
    def annex_extras(self) -> list:
        """The printed annex after the indicators: the ratings of the direct units, then the forms."""
        from xaydungdang.reports.annex import ratings_table

        ratings = ratings_table(self.annex)
        return ([ratings] if ratings else []) + self.form_tables

    @property
    def org(self) -> dict:
        return self.data["org"]

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def end(self) -> dt.date:
        return self.period.end

    @property
    def title(self) -> str:
        """ "Báo cáo tổng kết công tác xây dựng Đảng năm 2023"."""
        return f"Báo cáo {self.period.summary}"

    @property
    def summary(self) -> str:
        return self.period.summary

    @property
    def number_line(self) -> str:
        return f"Số {self.number or BLANK_NUMBER}-BC/{self.issuer.symbol}"

    @property
    def number_reference(self) -> str:
        """How the annex names its report: "Báo cáo số 12-BC/TU" or "Báo cáo số    -BC/TU"."""
        return f"Báo cáo số {self.number or BLANK_NUMBER}-BC/{self.issuer.symbol}"

    @property
    def date_line(self) -> str:
        place = f"{self.place}, " if self.place else ""
        if self.issued_on is None:
            return f"{place}{BLANK_DATE}"
        return f"{place}{long_date(self.issued_on)}"

    @property
    def date_line_short(self) -> str:
        if self.issued_on is None:
            return "ngày ..../..../........"
        return f"ngày {vn_date(self.issued_on)}"

    @property
    def created(self) -> dt.datetime:
        """The document's creation time in its properties: the report's date, or now."""
        if self.issued_on is not None:
            return dt.datetime.combine(self.issued_on, dt.time(8, 0))
        return dt.datetime.now().replace(microsecond=0)

    @property
    def issuer_reference(self) -> str:
        return self.issuer.body_name

    @property
    def comparison(self) -> list[list[str]] | None:
        return comparison_rows(self.data)

    @property
    def previous_label(self) -> str:
        """Header of the previous-period column: "Năm 2022" or "Kỳ trước"."""
        period = (self.data.get("previous") or {}).get("period") or {}
        try:
            start, end = dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"])
        except (KeyError, TypeError, ValueError):
            return "Kỳ trước"
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return f"Năm {start.year}" if start.year == end.year else f"{start.year}–{end.year}"
        return "Kỳ trước"

    @property
    def current_label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            return (
                f"Năm {self.start.year}" if self.start.year == self.end.year else f"{self.start.year}–{self.end.year}"
            )
        return "Kỳ báo cáo"

    @property
    def series(self) -> dict:
        return self.data.get("series") or {}

    def chart_svg(self, name: str) -> str | None:
        key = ("svg", name)
        if key not in self._charts:
            self._charts[key] = charts.svg(name, self.series)
        return self._charts[key]

    def chart_png(self, name: str) -> bytes | None:
        key = ("png", name)
        if key not in self._charts:
            self._charts[key] = charts.png(name, self.series)
        return self._charts[key]

    @property
    def chart_names(self) -> list[str]:
        """Charts with something to draw, in report order (drawn once, then cached)."""
        return [name for name in charts.CHARTS if self.chart_svg(name) is not None]

    def chart_title(self, name: str) -> str:
        return charts.CHARTS[name][0]

    def filename(self, extension: str) -> str:
        code = re.sub(r"[^A-Za-z0-9]+", "-", _ascii(self.org["code"])).strip("-") or "to-chuc"
        return f"bao-cao-{_SLUGS[self.kind]}-{code}-{self.start.isoformat()}-{self.end.isoformat()}.{extension}"


def assemble(
    data: dict,
    kind: str,
    chain: list[OrgName],
    *,
    number: str = "",
    place: str | None = None,
    issued_on: dt.date | None = None,
    signer: str = "",
    term: tuple[int, int] | None = None,
    founding: Founding | None = None,
) -> Report:
    start = dt.date.fromisoformat(data["period"]["from"])
    end = dt.date.fromisoformat(data["period"]["to"])
    period = describe(kind, start, end, term, data.get("records"))
    issuer = issuer_for(chain)
    previous = (data.get("previous") or {}).get("indicators")
    context = Context(
        data["indicators"],
        period,
        issuer,
        previous,
        data.get("limitations") or {},
        founding,
        records=data.get("records") or {},
        series=data.get("series") or {},
    )
    return Report(
        kind=kind,
        data=data,
        period=period,
        issuer=issuer,
        number=(number or "").strip(),
        place=issuer.place if place is None else place.strip(),
        issued_on=issued_on,
        signer=(signer or "").strip(),
        body=compose(context),
        annex=build_annex(data),
    )
