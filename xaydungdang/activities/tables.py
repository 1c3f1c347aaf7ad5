"""The lists of classes, dialogues, documents, awards and cadre work (django-tables2)."""

import django_tables2 as tables

from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.core.formatting import integer
from xaydungdang.core.generic import ActivityTable, subject_text, yes_no
from xaydungdang.core.tables import VNDateColumn
from xaydungdang.organizations.models import TemporaryArrival


class ClassTable(ActivityTable):
    started_on = VNDateColumn(verbose_name="Ngày khai giảng")
    org = tables.Column(verbose_name="Đơn vị", accessor="org__name", order_by=("org__sort_key", "id"))
    kind = tables.Column(verbose_name="Loại lớp", accessor="get_kind_display", order_by="kind")
    title = tables.Column(verbose_name="Tên lớp")
    participants = tables.Column(verbose_name="Lượt người")

    class Meta(ActivityTable.Meta):
        model = TrainingClass
        fields = ()

    def render_participants(self, value):
        return integer(value)

    def value_participants(self, value):
        return value


class DialogueTable(ActivityTable):
    held_on = VNDateColumn(verbose_name="Ngày")
    org = tables.Column(verbose_name="Cấp ủy", accessor="org__name", order_by=("org__sort_key", "id"))
    host = tables.Column(verbose_name="Chủ trì")
    cases = tables.Column(verbose_name="Vụ việc")

    class Meta(ActivityTable.Meta):
        model = Dialogue
        fields = ()

    def render_cases(self, value):
        return integer(value)

    def value_cases(self, value):
        return value


class DocumentTable(ActivityTable):
    issued_on = VNDateColumn(verbose_name="Ngày ban hành")
    org = tables.Column(verbose_name="Cơ quan ban hành", accessor="org__name", order_by=("org__sort_key", "id"))
    number = tables.Column(verbose_name="Số, ký hiệu")
    type = tables.Column(verbose_name="Loại", accessor="get_type_display", order_by="type")
    title = tables.Column(verbose_name="Trích yếu")
    concretizes = tables.Column(verbose_name="Cụ thể hóa")
    is_review = tables.Column(verbose_name="Sơ kết, tổng kết")

    class Meta(ActivityTable.Meta):
        model = Document
        fields = ()

    def render_is_review(self, value):
        return yes_no(value)

    def value_is_review(self, value):
        return yes_no(value)


class AwardTable(ActivityTable):
    granted_on = VNDateColumn(verbose_name="Ngày")
    granted_by = tables.Column(
        verbose_name="Cấp khen thưởng", accessor="granted_by__name", order_by=("granted_by__sort_key", "id")
    )
    subject = tables.Column(
        verbose_name="Đối tượng", empty_values=(), order_by=("subject_member__sort_key", "subject_org__sort_key", "id")
    )
    award = tables.Column(verbose_name="Hình thức", accessor="get_award_display", order_by="award")

    class Meta(ActivityTable.Meta):
        model = Award
        fields = ()

    def render_subject(self, record):
        return subject_text(record)


class CadreTable(ActivityTable):
    on = VNDateColumn(verbose_name="Ngày")
    org = tables.Column(verbose_name="Cấp ủy", accessor="org__name", order_by=("org__sort_key", "id"))
    kind = tables.Column(verbose_name="Loại việc", accessor="get_kind_display", order_by="kind")
    count = tables.Column(verbose_name="Số trường hợp")
    note = tables.Column(verbose_name="Ghi chú")

    class Meta(ActivityTable.Meta):
        model = CadreAction
        fields = ()

    def render_count(self, value):
        return integer(value)

    def value_count(self, value):
        return value


class ArrivalTable(ActivityTable):
    on = VNDateColumn(verbose_name="Ngày tiếp nhận")
    org = tables.Column(verbose_name="Chi bộ tiếp nhận", accessor="org__name", order_by=("org__sort_key", "id"))
    full_name = tables.Column(verbose_name="Họ và tên")
    home_org = tables.Column(verbose_name="Nơi sinh hoạt chính thức")
    until = VNDateColumn(verbose_name="Đến ngày")

    class Meta(ActivityTable.Meta):
        model = TemporaryArrival
        fields = ()
