"""Tables of the records behind a figure of the statistical forms (reports/drilldown.py rows):
members, organizations, dated records with their member. National IDs arrive masked."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from xaydungdang.core.tables import BaseTable, VNDateColumn


def _member_link(record, value):
    if not record.get("member_id"):
        return value
    return format_html('<a href="{}">{}</a>', reverse("web:member_detail", args=[record["member_id"]]), value)


class BehindMemberTable(BaseTable):
    full_name = tables.Column(verbose_name="Họ và tên", order_by=("sort_key",))
    member_no = tables.Column(verbose_name="Số lý lịch")
    cell = tables.Column(verbose_name="Chi bộ", default="")
    national_id = tables.Column(
        verbose_name="Số định danh", orderable=False, default="", attrs={"td": {"class": "masked"}}
    )

    class Meta(BaseTable.Meta):
        empty_text = "Không có đảng viên nào trong số liệu này (trong phạm vi được xem)."
        order_by = "full_name"

    def render_full_name(self, value, record):
        return _member_link(record, value)

    def value_full_name(self, value):
        return value


class BehindEventTable(BaseTable):
    on = VNDateColumn(verbose_name="Ngày")
    what = tables.Column(verbose_name="Nội dung")
    full_name = tables.Column(verbose_name="Đảng viên", order_by=("sort_key",), default="")
    member_no = tables.Column(verbose_name="Số lý lịch", default="")
    place = tables.Column(verbose_name="Chi bộ, đơn vị", default="")
    national_id = tables.Column(
        verbose_name="Số định danh", orderable=False, default="", attrs={"td": {"class": "masked"}}
    )

    class Meta(BaseTable.Meta):
        empty_text = "Không có bản ghi nào trong số liệu này (trong phạm vi được xem)."
        order_by = "on"

    def render_full_name(self, value, record):
        return _member_link(record, value)

    def value_full_name(self, value):
        return value


class BehindOrgTable(BaseTable):
    name = tables.Column(verbose_name="Tổ chức đảng", order_by=("sort_key",))
    code = tables.Column(verbose_name="Mã")
    kind = tables.Column(verbose_name="Loại")
    parent = tables.Column(verbose_name="Trực thuộc", default="")
    unit_type = tables.Column(verbose_name="Loại hình cơ sở", default="")

    class Meta(BaseTable.Meta):
        empty_text = "Không có tổ chức nào trong số liệu này (trong phạm vi được xem)."
        order_by = "name"

    def render_name(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("web:org_detail", args=[record["code"]]), value)

    def value_name(self, value):
        return value


def behind_table(found, data=None):
    """The table for a drilldown.BehindRows: its kind's columns, the attribute column named after
    the row's subject (hidden when the row has none)."""
    table_class = {"members": BehindMemberTable, "organizations": BehindOrgTable}.get(found.kind, BehindEventTable)
    extra = [("attribute", tables.Column(verbose_name=found.attribute, default=""))] if found.attribute else []
    # The attribute beside the member, before the national ID.
    sequence = ("...", "attribute", "national_id") if extra else None
    return table_class(found.rows if data is None else data, extra_columns=extra, sequence=sequence)
