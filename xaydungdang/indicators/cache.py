"""The engine's figures cached per organization and period on the data version (core/cache.py):
shared by the dashboard (web/figures.py) and the indicators API."""

import datetime as dt

from xaydungdang.core.cache import cached, cached_many
from xaydungdang.indicators import engine
from xaydungdang.organizations.tree import load_tree


def report_data(org_code: str, start: dt.date, end: dt.date, *, annex: bool = False, series: bool = True) -> dict:
    """`indicators.engine.report_data`, cached on the data version of the organization's subtree
    (figures of an organization depend on its subtree only, in any year of the tree)."""

    def compute():
        return engine.report_data(
            org_code, start, end, annex=annex, previous=True, series=series, part_cache=_part_cache
        )

    info = load_tree().get(org_code)
    return cached(
        "report_data",
        (org_code, start.isoformat(), end.isoformat(), annex, series),
        compute,
        org_id=info.id if info is not None else None,
    )


def _part_cache(items: list[tuple], prepare=None) -> list:
    """The engine's counts of each direct unit's organizations (indicators.engine
    Engine.compute_roots), (org_id, parts, compute) each, cached on the version of that unit's
    subtree: after a write in one commune the province's figures count that commune's records (and
    the province's own) again, and take the other communes' counts from here."""
    return cached_many("engine_counts", items, prepare)
