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
        # Bootstrap paints every cell with its own background (--bs-table-bg), which hides a
        # colour given to the row alone: the row carries table-danger, whose variable the
        # cells read, and alert-row-late (app.css) sets it on the cells themselves.
        row_attrs = {
            "class": lambda record: "table-danger alert-row-late" if record["late"] else "",
            "data-late": lambda record: "1" if record["late"] else None,
        }

    def render_label(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("web:member_detail", args=[record["member_id"]]), value)

    def render_detail(self, value, record):
        # The rule's text already says "Quá hạn …" (alerts/rules.py): bold, not said twice.
        if record["late"]:
            return format_html("<strong>{}</strong>", value)
        return value

    def value_label(self, value):
        return value


class CellAlertTable(BaseTable):
    label = tables.Column(verbose_name="Chi bộ", order_by=("label_key",))
    detail = tables.Column(verbose_name="Tình hình")

    class Meta(BaseTable.Meta):
        empty_text = "Không có."
