"""The lists of quality ratings and screenings (django-tables2)."""

import django_tables2 as tables

from xaydungdang.core.generic import ActivityTable, subject_text
from xaydungdang.core.tables import VNDateColumn
from xaydungdang.reviews.models import Rating, Screening


class RatingTable(ActivityTable):
    year = tables.Column(verbose_name="Năm")
    subject = tables.Column(
        verbose_name="Đối tượng", empty_values=(), order_by=("subject_member__sort_key", "subject_org__sort_key", "id")
    )
    level = tables.Column(verbose_name="Mức", accessor="get_level_display", order_by="level")
    score = tables.Column(verbose_name="Điểm")

    class Meta(ActivityTable.Meta):
        model = Rating
        fields = ()

    def render_subject(self, record):
        return subject_text(record)


class ScreeningTable(ActivityTable):
    listed_on = VNDateColumn(verbose_name="Ngày đưa vào danh sách")
    member = tables.Column(verbose_name="Đảng viên", order_by=("member__sort_key", "id"))
    outcome = tables.Column(verbose_name="Kết quả", empty_values=(), order_by="outcome")
    outcome_on = VNDateColumn(verbose_name="Ngày có kết quả")

    class Meta(ActivityTable.Meta):
        model = Screening
        fields = ()

    def render_member(self, value):
        return f"{value.full_name} ({value.member_no})"

    def render_outcome(self, record):
        return record.get_outcome_display() or "Chưa có kết quả"
