"""The report as plain data: headings, paragraphs, tables and figures.

The narrative functions produce these blocks; each renderer (DOCX, HTML/PDF) walks the same
list, so every format states the same sentences in the same order.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """level 1: "I. KẾT QUẢ ...", level 2: "1. Công tác ...", level 3: "a) Về ..."."""

    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    # "body" (justified, first-line indent), "item" (a "- " list line), "closing" (last line)
    style: str = "body"


@dataclass(frozen=True)
class Table:
    """A table of text cells. `groups` are full-width rows (section titles) keyed by row index."""

    title: str
    header: list[str]
    rows: list[list[str]]
    groups: dict[int, str] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """A chart from charts.CHARTS, drawn by the renderer in its own image format."""

    chart: str
    caption: str


Block = Heading | Para | Table | Figure
