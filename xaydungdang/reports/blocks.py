"""The report body as plain data: headings and paragraphs.

The narrative functions produce these blocks; each renderer (DOCX, HTML/PDF) walks the same
list, so every format states the same sentences in the same order. The annex tables and the
charts are laid out by the renderers from `annex.py` and `charts.py`.
"""

from dataclasses import dataclass


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


Block = Heading | Para
