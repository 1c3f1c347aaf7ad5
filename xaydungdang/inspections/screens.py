"""The inspection app's tables on the generic screens (core/generic.py): list, export, record, void."""

from xaydungdang.core.generic import ActivitySpec, register
from xaydungdang.inspections import actions, filtersets, forms, tables
from xaydungdang.inspections.models import Discipline, Inspection


def _void_preview(record):
    """Voiding an expulsion gives the member back their membership: say how, and what refuses it."""
    return actions.preview_void(record) if actions.changes_member(record) else None


register(
    ActivitySpec(
        20,
        "kiem-tra",
        "Kiểm tra, giám sát",
        "Ghi cuộc kiểm tra, giám sát",
        Inspection,
        forms.InspectionForm,
        tables.InspectionTable,
        filtersets.InspectionFilterSet,
        actions.record_inspection,
        actions.void,
        "started_on",
        ("org", "subject_member", "subject_org"),
    )
)
register(
    ActivitySpec(
        30,
        "ky-luat",
        "Kỷ luật",
        "Ghi quyết định kỷ luật",
        Discipline,
        forms.DisciplineForm,
        tables.DisciplineTable,
        filtersets.DisciplineFilterSet,
        actions.record_discipline,
        actions.void,
        "decided_on",
        ("decided_by", "subject_member", "subject_org"),
        void_preview=_void_preview,
    )
)
