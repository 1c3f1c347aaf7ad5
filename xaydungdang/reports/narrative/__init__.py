"""The Vietnamese prose of a report, built from indicator values by small section functions."""

from xaydungdang.reports.narrative.compose import compose
from xaydungdang.reports.narrative.context import Context

__all__ = ["Context", "compose"]
