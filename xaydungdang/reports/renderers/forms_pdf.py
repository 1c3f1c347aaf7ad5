"""The statistical forms as PDF through WeasyPrint: the same layout as the XLSX (masthead, form
number, title and period, column headers and column-number row repeated on every page, rows
indented by level, place and date, footer), each form starting a page, A4 portrait (Form 5
landscape), Times New Roman 13 (else Liberation Serif, metric-compatible, else DejaVu Serif)."""

import logging
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from xaydungdang.reports.renderers import forms_layout as layout

CSS_PATH = Path(__file__).resolve().parent.parent / "static" / "reports" / "forms.css"

for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def form_context(form: dict, header: layout.FormsHeader, link=None) -> dict:
    """`link(form, code, column)`: the address a figure links to (the web page), or None."""
    columns = form["columns"]
    headers = layout.column_headers(form)
    rows = []
    for entry in form["rows"]:
        code = str(entry["code"])
        values = entry.get("values") or {}
        rows.append(
            {
                "code": code,
                "label": entry["label"],
                "level": layout.level(code),
                "cells": [layout.display(values.get(key), layout.is_decimal(code, key)) for key in columns],
            }
        )
        if link is not None:
            rows[-1]["linked"] = [(text, link(form, code, key), key) for text, key in zip(rows[-1]["cells"], columns)]
    grouped = layout.grouped(form)
    return {
        "form": form,
        "header": header,
        "number": layout.form_number(form),
        "period_line": layout.period_line(form["period"]),
        "label_header": layout.label_header(form),
        "headers": headers,
        "grouped": grouped,
        "group_title": layout.GROUP_TITLE,
        "group_headers": headers[:3] if grouped else [],
        "rest_headers": headers[3:] if grouped else headers,
        "number_row": layout.number_row(form),
        "rows": rows,
        "landscape": len(columns) > 4,
        "preparer": layout.PREPARER,
        "preparer_note": layout.PREPARER_NOTE,
        "signer_note": layout.SIGNER_NOTE,
    }


def forms_html(forms: list[dict], header: layout.FormsHeader | None = None, link=None) -> str:
    """The forms as <section>s (classes only, no inline style: usable in the web app's pages);
    with `link`, every figure is a link (see form_context)."""
    sections = [form_context(form, header or layout.default_header(form), link) for form in forms]
    return render_to_string("reports/forms.html", {"forms": sections})


def document_html(forms: list[dict], header: layout.FormsHeader | None = None) -> str:
    body = forms_html(forms, header)
    title = f"Biểu thống kê – {forms[0].get('org', {}).get('name', '')}" if forms else "Biểu thống kê"
    return render_to_string(
        "reports/forms_document.html", {"title": title, "css": stylesheet(), "body": mark_safe(body)}
    )


def render(forms: list[dict], header: layout.FormsHeader | None = None) -> bytes:
    from weasyprint import HTML

    if not forms:
        raise ValueError("no forms to render")
    document = HTML(string=document_html(forms, header), base_url=None).render()
    document.metadata.title = f"Biểu thống kê – {forms[0].get('org', {}).get('name', '')}"
    if header is not None:
        document.metadata.authors = [f"{header.parent_line} – {header.name_line}".strip(" –")]
    document.metadata.lang = "vi"
    return document.write_pdf()
