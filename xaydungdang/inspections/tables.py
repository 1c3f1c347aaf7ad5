"""The lists of inspections and disciplines (django-tables2)."""

import django_tables2 as tables

from xaydungdang.core.generic import ActivityTable, subject_text
from xaydungdang.core.tables import VNDateColumn
from xaydungdang.inspections.models import Discipline, Inspection

VIOLATION = {True: "Có", False: "Không"}


class InspectionTable(ActivityTable):
    started_on = VNDateColumn(verbose_name="Ngày bắt đầu")
    org = tables.Column(verbose_name="Cấp kiểm tra", accessor="org__name", order_by=("org__sort_key", "id"))
    kind = tables.Column(verbose_name="Hình thức", accessor="get_kind_display", order_by="kind")
    subject = tables.Column(
        verbose_name="Đối tượng", empty_values=(), order_by=("subject_member__sort_key", "subject_org__sort_key", "id")
    )
    violation = tables.Column(verbose_name="Vi phạm", empty_values=())

    class Meta(ActivityTable.Meta):
        model = Inspection
        fields = ()

    def render_subject(self, record):
        return subject_text(record)

    def render_violation(self, value):
        return VIOLATION.get(value, "Chưa kết luận")


class DisciplineTable(ActivityTable):
    decided_on = VNDateColumn(verbose_name="Ngày quyết định")
    decided_by = tables.Column(
        verbose_name="Cấp quyết định", accessor="decided_by__name", order_by=("decided_by__sort_key", "id")
    )
    subject = tables.Column(
        verbose_name="Đối tượng", empty_values=(), order_by=("subject_member__sort_key", "subject_org__sort_key", "id")
    )
    level = tables.Column(verbose_name="Hình thức", accessor="get_level_display", order_by="level")

    class Meta(ActivityTable.Meta):
        model = Discipline
        fields = ()

    def render_subject(self, record):
        return subject_text(record)
