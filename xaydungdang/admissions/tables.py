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


# ---------------------------------------------------------------------------------------------
# The cell's list of candidates.

STAGES = [
    (0, "Đã đưa vào danh sách"),
    (1, "Đã học lớp nhận thức về Đảng"),
    (2, "Đã nộp hồ sơ"),
    (3, "Đã thẩm tra lý lịch"),
    (4, "Chi bộ đã đề nghị kết nạp"),
    (5, "Đã có quyết định kết nạp"),
    (6, "Đã kết nạp (dự bị)"),
]
STAGE_LABELS = dict(STAGES)


class CandidateTable(tables.Table):
    full_name = tables.Column(verbose_name="Họ và tên", linkify=("web:candidate_detail", [tables.A("pk")]))
    birth_date = tables.Column(verbose_name="Ngày sinh")
    identified_on = tables.Column(verbose_name="Đưa vào danh sách")
    steps_done = tables.Column(verbose_name="Đến bước")
    last_on = tables.Column(verbose_name="Ngày của bước", orderable=False, empty_values=())

    class Meta:
        from xaydungdang.admissions.models import Candidate
        from xaydungdang.core.tables import TABLE_ATTRS

        model = Candidate
        fields = ()
        attrs = TABLE_ATTRS
        empty_text = "Chưa có quần chúng ưu tú nào khớp điều kiện lọc."
        order_by = ("identified_on",)

    def render_birth_date(self, value):
        from xaydungdang.core.formatting import date

        return date(value)

    def render_identified_on(self, value):
        from xaydungdang.core.formatting import date

        return date(value)

    def render_steps_done(self, value):
        return STAGE_LABELS.get(value, "")

    def render_last_on(self, value, record):
        from xaydungdang.core.formatting import date

        return date(record.last_on) if getattr(record, "last_on", None) else "—"
