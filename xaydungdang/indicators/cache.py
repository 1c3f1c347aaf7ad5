"""The engine's figures cached per organization and period on the data version (core/cache.py):
shared by the dashboard (web/figures.py) and the indicators API."""

import datetime as dt

from xaydungdang.core.cache import cached
from xaydungdang.indicators import engine


def report_data(org_code: str, start: dt.date, end: dt.date, *, annex: bool = False, series: bool = True) -> dict:
    """`indicators.engine.report_data`, cached on the data version."""

    def compute():
        return engine.report_data(org_code, start, end, annex=annex, previous=True, series=series)

    return cached("report_data", (org_code, start.isoformat(), end.isoformat(), annex, series), compute)
