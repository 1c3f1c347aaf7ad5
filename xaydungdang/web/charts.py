"""Dashboard charts: the reports' own drawings (reports.charts, SVG) shown as data: images, so
the page's CSP (no inline styles) does not reach inside them. Drawing costs tens of
milliseconds, so each chart is cached on its series. Every chart's figures are also on the
page as a table (screen readers, and pages where a chart is not drawn)."""

import json
import logging

from xaydungdang.web.cache import cached

logger = logging.getLogger(__name__)
NAMES = ("members", "admissions", "age", "ratings")


def dashboard_charts(data: dict | None) -> dict:
    """{name: data URI} for the charts that have something to draw."""
    if not data:
        return {}
    try:
        from xaydungdang.reports import charts
    except ImportError:
        return {}
    series = data.get("series") or {}
    drawn = {}
    for name in NAMES:

        def draw(name=name):
            try:
                svg = charts.svg(name, series)
            except Exception:  # a drawing problem must not take the dashboard down; the table stays
                logger.exception("chart %s failed", name)
                return ""
            return charts.data_uri(svg) if svg else ""

        uri = cached("chart", (name, json.dumps(series, sort_keys=True, default=str)), draw, version="series")
        if uri:
            drawn[name] = uri
    return drawn
