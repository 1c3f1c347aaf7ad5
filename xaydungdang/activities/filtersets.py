"""Filters of the lists of classes, dialogues, documents, awards and cadre work (django-filter):
the organization, the year and the state from core.generic, then each table's own."""

import django_filters

from xaydungdang.activities.models import AwardKind, CadreKind, ClassKind, DocumentType
from xaydungdang.core.generic import ActivityFilterSet
from xaydungdang.core.subjects import SubjectType


class ClassFilterSet(ActivityFilterSet):
    kind = django_filters.ChoiceFilter(
        field_name="kind", label="Loại lớp", choices=ClassKind.choices, empty_label="Tất cả"
    )


class DialogueFilterSet(ActivityFilterSet):
    host = django_filters.CharFilter(method="filter_host", label="Chủ trì")

    def filter_host(self, queryset, name, value):
        return queryset.filter(host__icontains=value[:100])


class DocumentFilterSet(ActivityFilterSet):
    type = django_filters.ChoiceFilter(
        field_name="type", label="Loại văn bản", choices=DocumentType.choices, empty_label="Tất cả"
    )
    is_review = django_filters.ChoiceFilter(
        method="filter_review",
        label="Sơ kết, tổng kết",
        empty_label="Tất cả",
        choices=[("co", "Có"), ("khong", "Không")],
    )

    def filter_review(self, queryset, name, value):
        return queryset.filter(is_review=(value == "co"))


class AwardFilterSet(ActivityFilterSet):
    award = django_filters.ChoiceFilter(
        field_name="award", label="Hình thức", choices=AwardKind.choices, empty_label="Tất cả"
    )
    subject_type = django_filters.ChoiceFilter(
        field_name="subject_type", label="Đối tượng", choices=SubjectType.choices, empty_label="Tất cả"
    )


class CadreFilterSet(ActivityFilterSet):
    kind = django_filters.ChoiceFilter(
        field_name="kind", label="Loại việc", choices=CadreKind.choices, empty_label="Tất cả"
    )


class ArrivalFilterSet(ActivityFilterSet):
    full_name = django_filters.CharFilter(method="filter_name", label="Họ và tên")

    def filter_name(self, queryset, name, value):
        return queryset.filter(full_name__icontains=value[:100])
