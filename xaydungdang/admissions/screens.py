"""The admission app's table on the generic screens (core/generic.py): list, export, record, void."""

from xaydungdang.admissions import actions, filtersets, forms, tables
from xaydungdang.admissions.models import Target
from xaydungdang.core.generic import ActivitySpec, register

register(
    ActivitySpec(
        60,
        "chi-tieu",
        "Chỉ tiêu kết nạp",
        "Ghi chỉ tiêu kết nạp",
        Target,
        forms.TargetForm,
        tables.TargetTable,
        filtersets.TargetFilterSet,
        actions.set_target,
        actions.void,
        "period_start",
        ("org",),
    )
)
