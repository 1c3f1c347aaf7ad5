"""DOCX with python-docx, editable in Word: real Heading 1–3 styles for the sections, real
tables for the annex, charts as PNG pictures, Times New Roman 14 throughout (rFonts ascii,
hAnsi, cs and eastAsia are all set, and the theme fonts removed, or Word falls back to Calibri
/ Cambria for Vietnamese runs), A4 with the margins of Hướng dẫn 36-HD/VPTW."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from xaydungdang.core import partydoc
from xaydungdang.reports.annex import PRINT_COLUMNS, printed
from xaydungdang.reports.blocks import Heading, Para
from xaydungdang.reports.renderers.html import ANNEX_NOTE

FONT = partydoc.FONT
BODY_STYLE = "Báo cáo – nội dung"
TABLE_STYLE = "Báo cáo – bảng"
TEXT_WIDTH_CM = 16.5  # A4 21 cm − left 3 cm − right 1,5 cm
LANDSCAPE_TEXT_WIDTH_CM = 25.7  # 29,7 cm − left 2,5 cm − right 1,5 cm


def _set_fonts(rpr_parent, size: float | None = None) -> None:
    """Times New Roman on every script slot, theme fonts dropped (core.partydoc.set_fonts), and
    the size in points (w:sz, w:szCs)."""
    partydoc.set_fonts(rpr_parent)
    rpr = rpr_parent.find(qn("w:rPr"))
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), str(int(size * 2)))


def _set_language(style) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")


def _setup_styles(document) -> None:
    # Document defaults first: tables and any style not touched below inherit them.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            _set_fonts(rpr_default, 14)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element, 14)
    _set_language(normal)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15

    body = document.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1)
    body.paragraph_format.space_after = Pt(6)
    body.paragraph_format.widow_control = True

    table = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    table.font.size = Pt(10)
    _set_fonts(table.element, 10)
    table.paragraph_format.line_spacing = 1.0

    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(14)
        style.font.bold = True
        style.font.italic = level == 3
        style.font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(style.element, 14)
        fmt = style.paragraph_format
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(3)
        fmt.first_line_indent = Cm(1)
        fmt.left_indent = Cm(0)
        fmt.keep_with_next = True
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.line_spacing = 1.15


def _paragraph(
    container,
    text: str = "",
    *,
    bold=False,
    italic=False,
    underline=False,
    size=None,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    style=None,
):
    paragraph = container.add_paragraph(style=style)
    paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
    return paragraph


# The grid, fixed layout and unsplittable rows of core.partydoc (one definition).
_widths = partydoc.set_widths
_cant_split = partydoc.cant_split
_repeat_header = partydoc.repeat_header


def _page_number(section) -> None:
    """Page numbers at the top centre from page 2 (36-HD/VPTW)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _masthead(document, report) -> None:
    issuer = report.issuer
    partydoc.header(document, issuer.parent_line, issuer.name_line, report.number_line, report.date_line)

    _paragraph(document, "")
    _paragraph(document, "BÁO CÁO", bold=True, size=16)
    _paragraph(document, report.summary, bold=True)
    _paragraph(document, "-----")
    _paragraph(document, "")


def _body(document, report) -> None:
    ids = {name: document.styles[name].style_id for name in ("Heading 1", "Heading 2", "Heading 3", BODY_STYLE)}
    last = None
    for block in report.body:
        if isinstance(block, Heading):
            last = document.add_paragraph(block.text)
            last._p.style = ids[f"Heading {block.level}"]
        elif isinstance(block, Para):
            last = document.add_paragraph(block.text)
            last._p.style = ids[BODY_STYLE]
    if last is not None:
        # The closing paragraph goes with the signature: never a signature alone on a page.
        last.paragraph_format.keep_with_next = True
        last.paragraph_format.keep_together = True


def _signature(document, report) -> None:
    partydoc.signature(
        document, report.issuer.recipients, report.issuer.sign_for, report.issuer.sign_title, report.signer or ""
    )


def _table(document, header: list[str], rows: list[list[str]], groups: dict, widths: list[float]) -> None:
    group_count = len(groups)
    table = document.add_table(rows=1 + len(rows) + group_count, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_rows = table.rows
    # Setting the style id directly: Paragraph.style looks the style up by name each time (slow).
    style_id = document.styles[TABLE_STYLE].style_id
    _repeat_header(table_rows[0])
    for row in table_rows:
        _cant_split(row)
    for cell, text in zip(table_rows[0].cells, header):
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    position = 1
    for index, row in enumerate(rows):
        if index in groups:
            cells = table_rows[position].cells
            merged = cells[0].merge(cells[-1])
            paragraph = merged.paragraphs[0]
            paragraph._p.style = style_id
            paragraph.add_run(groups[index]).bold = True
            position += 1
        for column, (cell, text) in enumerate(zip(table_rows[position].cells, row)):
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if column == 0 else WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(text)
        position += 1
    _widths(table, widths)


def _annex(document, report) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(1.5)
    section.different_first_page_header_footer = False

    _paragraph(document, "PHỤ LỤC", bold=True).paragraph_format.keep_with_next = True
    _paragraph(
        document,
        f"(Kèm theo {report.number_reference}, {report.date_line_short} của {report.issuer_reference})",
        italic=True,
        size=12,
    )
    number = 1
    if report.comparison:
        _paragraph(
            document,
            f"Biểu {number}. Một số chỉ tiêu chủ yếu so với kỳ trước",
            bold=True,
            size=12,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        ).paragraph_format.keep_with_next = True
        _table(
            document,
            ["Chỉ tiêu", report.current_label, report.previous_label, "Tăng (+), giảm (−)"],
            report.comparison,
            {},
            [12.0, 4.0, 4.0, 5.7],
        )
        number += 1
    tables = list(printed(report.annex, PRINT_COLUMNS))
    for part, (header, rows, groups) in enumerate(tables, start=1):
        title = f"Biểu {number}. Các chỉ tiêu của {report.org['name']} và các đơn vị trực thuộc"
        if len(tables) > 1:
            title += f" (phần {part}/{len(tables)})"
        heading = _paragraph(document, title, bold=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        # Each part starts a page, as in the PDF, except the first when nothing precedes it on the
        # annex's first page ("PHỤ LỤC" alone on a page otherwise).
        heading.paragraph_format.page_break_before = part > 1 or bool(report.comparison)
        heading.paragraph_format.keep_with_next = True
        label_width = 8.5
        other = (LANDSCAPE_TEXT_WIDTH_CM - label_width) / max(len(header) - 1, 1)
        _table(document, header, rows, groups, [label_width] + [other] * (len(header) - 1))
    _paragraph(document, ANNEX_NOTE, italic=True, size=10, align=WD_ALIGN_PARAGRAPH.LEFT)

    # The ratings of the direct units, the statistical forms of the year (spec/forms.md): each from a new page.
    for form in report.annex_extras:
        title = _paragraph(document, form.title, bold=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        title.paragraph_format.page_break_before = True
        title.paragraph_format.keep_with_next = True
        label_width = 12.0 if form.title.startswith("Biểu") else 8.0
        other = (LANDSCAPE_TEXT_WIDTH_CM - label_width) / max(len(form.header) - 1, 1)
        _table(document, form.header, form.rows, {}, [label_width] + [other] * (len(form.header) - 1))

    names = report.chart_names
    if names:
        _paragraph(document, "")
        charts_title = _paragraph(document, "Biểu đồ", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        charts_title.paragraph_format.keep_with_next = True
        for index, name in enumerate(names, start=1):
            picture = _paragraph(document, "")
            picture.add_run().add_picture(io.BytesIO(report.chart_png(name)), width=Cm(13))
            picture.paragraph_format.keep_with_next = True
            _paragraph(document, f"Hình {index}. {report.chart_title(name)}", italic=True, size=12)


def render(report) -> bytes:
    document = Document()
    _setup_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    _page_number(section)

    # python-docx's template says "python-docx" and 2013: every property is set here.
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.issuer.committee
    properties.author = report.issuer.body_name
    properties.last_modified_by = report.issuer.body_name
    properties.language = "vi-VN"
    properties.keywords = "báo cáo, xây dựng Đảng"
    properties.comments = ""
    properties.category = "Báo cáo"
    properties.created = properties.modified = report.created
    properties.last_printed = report.created
    properties.revision = 1

    _masthead(document, report)
    _body(document, report)
    _signature(document, report)
    _annex(document, report)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
