"""HTML: the body for the web app (classes only, no inline script or style: the app's CSP is
strict) and the standalone file, which carries the same stylesheet in its <head>."""

import base64
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from xaydungdang.reports import charts
from xaydungdang.reports.annex import printed
from xaydungdang.reports.blocks import Heading, Para

CSS_PATH = Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"
ANNEX_NOTE = (
    "Các chỉ tiêu bằng 0 ở mọi đơn vị và số liệu riêng của từng cấp ủy không in trong phụ lục; "
    "tệp XLSX của báo cáo có đủ các chỉ tiêu."
)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def _blocks(report) -> list[dict]:
    result = []
    for block in report.body:
        if isinstance(block, Heading):
            result.append({"kind": "heading", "level": block.level, "text": block.text})
        elif isinstance(block, Para):
            result.append({"kind": "para", "style": block.style, "text": block.text})
    return result


def annex_tables(report, per_table: int | None) -> list[dict]:
    tables = list(printed(report.annex, per_table))
    numbered = len(tables) > 1
    result = []
    number = 2 if report.comparison else 1
    for part, (header, rows, groups) in enumerate(tables, start=1):
        title = f"Biểu {number}. Các chỉ tiêu của {report.org['name']} và các đơn vị trực thuộc"
        if numbered:
            title += f" (phần {part}/{len(tables)})"
        result.append(
            {
                "title": title,
                "header": header,
                "rows": [{"group": groups.get(i), "cells": row} for i, row in enumerate(rows)],
            }
        )
    return result


def context(report, per_table: int | None, image: str = "svg") -> dict:
    figures = []
    for name in report.chart_names:
        if image == "svg":
            src = charts.data_uri(report.chart_svg(name))
        else:
            src = "data:image/png;base64," + base64.b64encode(report.chart_png(name)).decode("ascii")
        figures.append({"title": report.chart_title(name), "src": src})
    return {
        "report": report,
        "blocks": _blocks(report),
        "comparison": report.comparison,
        "annex_tables": annex_tables(report, per_table),
        "annex_note": ANNEX_NOTE,
        "figures": figures,
        # The statistical forms of the year: printed formats only (per_table), not the page on screen.
        "form_tables": report.annex_extras if per_table else [],
    }


def body_html(report, per_table: int | None = None) -> str:
    """The report as an <article>, for embedding in a page (one wide annex table on screen)."""
    return render_to_string("reports/body.html", context(report, per_table))


def document_html(report, per_table: int | None = None, image: str = "svg") -> str:
    body = render_to_string("reports/body.html", context(report, per_table, image))
    return render_to_string("reports/document.html", {"report": report, "css": stylesheet(), "body": mark_safe(body)})


def render(report) -> bytes:
    return document_html(report).encode("utf-8")
