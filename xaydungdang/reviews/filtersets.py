"""Filters of the lists of quality ratings and screenings (django-filter): the organization, the
year and the state from core.generic, then each table's own."""

import django_filters

from xaydungdang.core.generic import ActivityFilterSet
from xaydungdang.core.subjects import SubjectType
from xaydungdang.reviews.models import RatingLevel, ScreeningOutcome


class RatingFilterSet(ActivityFilterSet):
    level = django_filters.ChoiceFilter(
        field_name="level", label="Mức xếp loại", choices=RatingLevel.choices, empty_label="Tất cả"
    )
    subject_type = django_filters.ChoiceFilter(
        field_name="subject_type", label="Đối tượng", choices=SubjectType.choices, empty_label="Tất cả"
    )


class ScreeningFilterSet(ActivityFilterSet):
    outcome = django_filters.ChoiceFilter(
        method="filter_outcome",
        label="Kết quả",
        empty_label="Tất cả",
        choices=ScreeningOutcome.choices + [("chua", "Chưa có kết quả")],
    )

    def filter_outcome(self, queryset, name, value):
        return queryset.filter(outcome="" if value == "chua" else value)
