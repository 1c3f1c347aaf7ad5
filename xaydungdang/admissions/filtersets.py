"""Filters of the list of admission targets (django-filter): the organization, the year (of the
period's start) and the state from core.generic, then the period."""

import django_filters

from xaydungdang.core.generic import ActivityFilterSet


class TargetFilterSet(ActivityFilterSet):
    period = django_filters.CharFilter(
        method="filter_period", label="Kỳ", help_text="Một năm (2025) hoặc một nhiệm kỳ (2020-2025)."
    )

    def filter_period(self, queryset, name, value):
        return queryset.filter(period=value.strip()[:16])
