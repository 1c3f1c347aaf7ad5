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


class CandidateFilterSet(django_filters.FilterSet):
    """The cell's candidates: by name and by the step reached."""

    q = django_filters.CharFilter(method="filter_name", label="Họ tên")
    stage = django_filters.ChoiceFilter(method="filter_stage", label="Đến bước", choices=[], empty_label="Tất cả")
    admitted = django_filters.ChoiceFilter(
        method="filter_admitted",
        label="Tình trạng",
        choices=[("dang-theo-doi", "Đang theo dõi"), ("da-ket-nap", "Đã kết nạp")],
        empty_label="Tất cả",
    )

    def __init__(self, *args, **kwargs):
        from xaydungdang.admissions.tables import STAGES

        super().__init__(*args, **kwargs)
        self.filters["stage"].extra["choices"] = [(str(n), label) for n, label in STAGES]
        for f in self.form.fields.values():
            f.widget.attrs["class"] = "form-select" if hasattr(f, "choices") else "form-control"

    def filter_name(self, queryset, name, value):
        from xaydungdang.core.text import fold

        words = fold(value[:100]).split()
        for word in words:
            queryset = queryset.filter(full_name__icontains=word) if not word.isascii() else queryset
        if words and all(w.isascii() for w in words):
            ids = [c.pk for c in queryset if all(w in fold(c.full_name) for w in words)]
            queryset = queryset.filter(pk__in=ids)
        return queryset

    def filter_stage(self, queryset, name, value):
        return queryset.filter(steps_done=int(value)) if str(value).isdecimal() else queryset

    def filter_admitted(self, queryset, name, value):
        return queryset.filter(steps_done=6) if value == "da-ket-nap" else queryset.exclude(steps_done=6)
