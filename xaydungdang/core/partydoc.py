"""The party-document page every generated paper shares (Hướng dẫn 36-HD/VPTW, rules.md §10):
A4 with margins 2 / 2 / 3 / 1,5 cm, Times New Roman 13 in every script slot (so Word and
LibreOffice never fall back to a theme font for Vietnamese), the issuer's header block on the left
and "ĐẢNG CỘNG SẢN VIỆT NAM" on the right. Used by the admission papers (admissions/documents.py)
and the transfer letter and register (transfers/documents.py); the reports keep their own richer
styles (reports/renderers/docx.py)."""

import datetime as dt
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
SIZE = 13
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def set_fonts(element) -> None:
    """Times New Roman in the ascii, hAnsi, complex and East Asian slots of a style or run
    element, theme fonts removed."""
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def new_document(landscape: bool = False):
    """An empty A4 document (portrait, or landscape for registers) in the party-document layout."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE)
    set_fonts(normal.element)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(3)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.left_margin, section.right_margin = Cm(2.0), Cm(1.5)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "xaydungdang"
    properties.language = "vi-VN"
    return document


def line(
    container,
    text="",
    *,
    bold=False,
    italic=False,
    underline=False,
    size=None,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    first=False,
):
    """One paragraph in `container` (a document or a table cell; `first` fills the cell's own
    empty first paragraph instead of adding one)."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
    return paragraph


def header(document, parent: str, issuer: str, number: str, place_date: str) -> None:
    """The header block: the parent committee and the issuer (upper case) with "*" and the
    number on the left; the party's name and the place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    if parent:
        line(left, parent.upper(), first=True)
        line(left, issuer.upper(), bold=True)
    else:
        line(left, issuer.upper(), bold=True, first=True)
    line(left, "*")
    line(left, number)
    line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=14, first=True)
    line(right, "")
    line(right, place_date, italic=True)
    for cell, width in zip(table.rows[0].cells, (7.0, 9.5)):
        cell.width = Cm(width)


def place_date(day: dt.date | None, place: str = "") -> str:
    """ "Sóc Trăng, ngày 5 tháng 3 năm 2026" (no leading zeros, as the guide writes it)."""
    text = f"ngày {day.day} tháng {day.month} năm {day.year}" if day else "ngày ... tháng ... năm ..."
    return f"{place}, {text}" if place else text


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
