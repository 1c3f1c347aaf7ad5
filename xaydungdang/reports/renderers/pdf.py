"""PDF through WeasyPrint from the standalone HTML: A4 portrait body, landscape annex pages
(a named @page), page numbers from page 2 as 36-HD/VPTW asks. Fonts: Times New Roman,
else Liberation Serif (metric-compatible, covers Vietnamese), else DejaVu Serif."""

import logging

from xaydungdang.reports.annex import PRINT_COLUMNS
from xaydungdang.reports.renderers.html import document_html

# WeasyPrint logs every CSS property it ignores; a report is not the place to show them.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def render(report) -> bytes:
    from weasyprint import HTML

    html = document_html(report, per_table=PRINT_COLUMNS, image="svg")
    document = HTML(string=html, base_url=None).render()
    document.metadata.title = report.title
    document.metadata.authors = [report.issuer.body_name]
    document.metadata.lang = "vi"
    return document.write_pdf()
