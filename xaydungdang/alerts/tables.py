"""The alert lists as django-tables2 tables: one for lists of members, one for lists of cells.
Rows are the rules' `Alert`s turned into plain rows (the cell's name looked up once); a list
opened in full sorts, pages and exports to XLSX (core/tables.py)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from xaydungdang.core.tables import BaseTable
from xaydungdang.core.text import vi_sort_key


def rows(alerts, cell_names: dict[int, str]) -> list[dict]:
    """Plain rows for a table, with Vietnamese sort keys for the name columns."""
    result = []
    for alert in alerts:
        cell = cell_names.get(alert.org_id, "") if alert.org_id else ""
        result.append(
            {
                "member_id": alert.member_id,
                "label": alert.label,
                "label_key": vi_sort_key(alert.label),
                "cell": cell,
                "cell_key": vi_sort_key(cell),
                "detail": alert.detail,
                "late": alert.late,
            }
        )
    return result


class MemberAlertTable(BaseTable):
    label = tables.Column(verbose_name="Đảng viên", order_by=("label_key",))
    cell = tables.Column(verbose_name="Chi bộ", order_by=("cell_key", "label_key"), default="")
    detail = tables.Column(verbose_name="Nội dung")

    class Meta(BaseTable.Meta):
        empty_text = "Không có."
        row_attrs = {"class": lambda record: "alert-row-late" if record["late"] else ""}

    def render_label(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("web:member_detail", args=[record["member_id"]]), value)

    def render_detail(self, value, record):
        if record["late"]:
            return format_html("{} <strong>(quá hạn)</strong>", value)
        return value

    def value_label(self, value):
        return value

    def value_detail(self, value, record):
        return f"{value} (quá hạn)" if record["late"] else value


class CellAlertTable(BaseTable):
    label = tables.Column(verbose_name="Chi bộ", order_by=("label_key",))
    detail = tables.Column(verbose_name="Tình hình")

    class Meta(BaseTable.Meta):
        empty_text = "Không có."
