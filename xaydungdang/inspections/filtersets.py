"""Filters of the lists of inspections and disciplines (django-filter): the organization, the
year and the state from core.generic, then each table's own."""

import django_filters

from xaydungdang.core.generic import ActivityFilterSet
from xaydungdang.core.subjects import SubjectType
from xaydungdang.inspections.models import DisciplineLevel, InspectionKind


class InspectionFilterSet(ActivityFilterSet):
    kind = django_filters.ChoiceFilter(
        field_name="kind", label="Hình thức", choices=InspectionKind.choices, empty_label="Tất cả"
    )
    violation = django_filters.ChoiceFilter(
        method="filter_violation",
        label="Vi phạm",
        empty_label="Tất cả",
        choices=[("co", "Có"), ("khong", "Không"), ("chua", "Chưa kết luận")],
    )
    subject_type = django_filters.ChoiceFilter(
        field_name="subject_type", label="Đối tượng", choices=SubjectType.choices, empty_label="Tất cả"
    )

    def filter_violation(self, queryset, name, value):
        if value == "chua":
            return queryset.filter(violation__isnull=True)
        return queryset.filter(violation=(value == "co"))


class DisciplineFilterSet(ActivityFilterSet):
    level = django_filters.ChoiceFilter(
        field_name="level", label="Hình thức kỷ luật", choices=DisciplineLevel.choices, empty_label="Tất cả"
    )
    subject_type = django_filters.ChoiceFilter(
        field_name="subject_type", label="Đối tượng", choices=SubjectType.choices, empty_label="Tất cả"
    )
