"""The list of admission targets (django-tables2)."""

import django_tables2 as tables

from xaydungdang.admissions.models import Target
from xaydungdang.core.formatting import integer
from xaydungdang.core.generic import ActivityTable


class TargetTable(ActivityTable):
    period = tables.Column(verbose_name="Kỳ", order_by=("period_start", "period_end", "id"))
    org = tables.Column(verbose_name="Tổ chức", accessor="org__name", order_by=("org__name", "id"))
    value = tables.Column(verbose_name="Chỉ tiêu")

    class Meta(ActivityTable.Meta):
        model = Target
        fields = ()

    def render_value(self, value):
        return integer(value)

    def value_value(self, value):
        return value
