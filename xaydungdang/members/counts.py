"""Counts over the derived spans that health checks and alerts share (the engine has its own
single grouped scan and applies the same rules from core.rules)."""

import datetime as dt

from django.db.models import Count, Q

from xaydungdang.members.models import MemberSpan


def official_by_cell(day: dt.date, cell_ids=None) -> dict[int, int]:
    """Official members per cell at the end of `day` (cells without any are absent)."""
    spans = MemberSpan.objects.filter(official=True, start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))
    if cell_ids is not None:
        spans = spans.filter(cell_id__in=list(cell_ids))
    return dict(spans.values("cell_id").annotate(n=Count("id")).values_list("cell_id", "n"))
