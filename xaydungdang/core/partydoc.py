"""The party-document page every generated paper shares (Hướng dẫn 36-HD/VPTW, rules.md §10):
A4 with margins 2 / 2 / 3 / 1,5 cm, Times New Roman 13 in every script slot (so Word and
LibreOffice never fall back to a theme font for Vietnamese), the issuer's header block on the left
and "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, the body paragraphs, and the signature block ("Nơi nhận"
on the left, "T/M …" / title / space to sign / name on the right). Used by the admission papers
(admissions/documents.py), the transfer letter and register (transfers/documents.py), the badge list
(badges/documents.py) and the reports, which add their own richer styles (reports/renderers/docx.py).
Core imports no app: everything comes in as plain strings."""

import datetime as dt
import io
from collections.abc import Iterable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from xaydungdang.core.formatting import long_date

FONT = "Times New Roman"
SIZE = 14  # rules.md §10 (36-HD/VPTW): body, number, issuer, place and date in 14
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def set_fonts(element) -> None:
    """Times New Roman in the ascii, hAnsi, complex and East Asian slots of a style, run or
    document-defaults element (the one definition: the reports call it too), theme fonts removed."""
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
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
        set_fonts(defaults.find(qn("w:rPrDefault")))  # tables and untouched styles inherit these
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


def set_widths(table, widths_cm: Iterable[float]) -> None:
    """Column widths in the cells and in the table's grid (w:tblGrid, which LibreOffice follows
    when the two disagree), a fixed layout, and rows never split across two pages."""
    widths_cm = list(widths_cm)
    table.autofit = False
    tbl = table._tbl
    grid = tbl.tblGrid
    for column in list(grid):
        grid.remove(column)
    for width in widths_cm:
        column = OxmlElement("w:gridCol")
        column.set(qn("w:w"), str(int(Cm(width).twips)))
        grid.append(column)
    properties = tbl.tblPr
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")
    total = properties.find(qn("w:tblW"))
    if total is None:
        total = OxmlElement("w:tblW")
        properties.append(total)
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    for row in table.rows:
        cant_split(row)
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def cant_split(row) -> None:
    """A table row is never split across two pages."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        element = OxmlElement("w:cantSplit")
        element.set(qn("w:val"), "true")
        properties.insert(0, element)


def repeat_header(row) -> None:
    """The row is repeated at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:tblHeader")) is None:
        element = OxmlElement("w:tblHeader")
        element.set(qn("w:val"), "true")
        properties.append(element)


def header(
    document, parent: str, issuer: str, number: str, place_date: str, widths: tuple[float, float] = (7.0, 9.5)
) -> None:
    """The header block: the parent committee and the issuer (upper case) with "*" and the
    number on the left; the party's name and, on the number's line, the place and date on the
    right (`widths` in cm: wider on a landscape page so that the party's name stands on the right)."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    if parent:
        line(left, parent.upper(), first=True)
        line(left, issuer.upper(), bold=True)
    else:
        line(left, issuer.upper(), bold=True, first=True)
    line(left, "*")
    line(left, number)
    line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=15, first=True)  # rules.md §10
    # The place and date stand on the number's line, below the parent line when there is one.
    for _ in range(len(left.paragraphs) - 2):
        line(right, "")
    line(right, place_date, italic=True)
    set_widths(table, widths)


def body(document, paragraphs: Iterable[str]) -> list:
    """The body: justified paragraphs with a first-line indent of 1 cm, in the Normal font."""
    made = []
    for text in paragraphs:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.add_run(text)
        made.append(paragraph)
    return made


def signature(
    document,
    recipients: Iterable[str],
    sign_for: str,
    title: str,
    signer: str = "",
    *,
    note: str = "",
    widths: tuple[float, float] = (8.0, 8.5),
):
    """The signature block of a party document (Hướng dẫn 36-HD/VPTW): "Nơi nhận:" and the
    recipients ("- " before each line given, punctuation included by the caller) on the left; on
    the right the authority ("T/M BAN THƯỜNG VỤ") and the signer's title, the space to sign and
    seal, then the signer's name in bold (or `note`, e.g. "(Ký, ghi rõ họ tên)", in italics). Kept
    on one page with the paragraph before it. Returns the table."""
    line(document, "").paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    line(left, "Nơi nhận:", bold=True, italic=True, underline=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    for text in recipients:
        line(left, f"- {text}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, sign_for, bold=True, first=True)
    if title:
        line(right, title, bold=True)
    for _ in range(4):
        line(right, "")
    if signer:
        line(right, signer, bold=True)
    elif note:
        line(right, note, italic=True)
    set_widths(table, widths)
    for cell in table.rows[0].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    return table


def place_date(day: dt.date | None, place: str = "") -> str:
    """ "Sóc Trăng, ngày 5 tháng 3 năm 2026" (core.formatting.long_date: no leading zero except
    the months 01 and 02, as the guide writes it)."""
    text = long_date(day) if day else "ngày ... tháng ... năm ..."
    return f"{place}, {text}" if place else text


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
