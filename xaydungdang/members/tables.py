"""The member list as a django-tables2 table (Vietnamese headers and dates, core/tables.py)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from xaydungdang.core.tables import BaseTable, VNDateColumn


class MemberTable(BaseTable):
    full_name = tables.Column(verbose_name="Họ và tên", order_by=("sort_key", "id"))
    member_no = tables.Column(verbose_name="Số lý lịch")
    gender = tables.Column(verbose_name="Giới tính", accessor="get_gender_display", order_by="gender")
    birth_date = VNDateColumn(verbose_name="Ngày sinh")
    ethnicity = tables.Column(verbose_name="Dân tộc")
    current_cell = tables.Column(
        verbose_name="Chi bộ",
        accessor="current_cell__name",
        order_by=("current_cell__sort_key", "sort_key"),
        default="",
    )
    status = tables.Column(verbose_name="Loại", accessor="get_status_display", order_by="status", default="")
    state = tables.Column(verbose_name="Tình trạng", accessor="get_state_display", order_by="state")
    joined_on = VNDateColumn(verbose_name="Ngày vào Đảng")
    national_id = tables.Column(
        verbose_name="Số định danh", orderable=False, default="", attrs={"td": {"class": "masked"}}
    )

    class Meta(BaseTable.Meta):
        empty_text = "Không có đảng viên nào khớp điều kiện lọc."
        order_by = "full_name"
        fields = ()

    def render_full_name(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("web:member_detail", args=[record.pk]), value)

    def render_national_id(self, record):
        return record.masked_national_id
