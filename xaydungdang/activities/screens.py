"""The activity app's tables on the generic screens (core/generic.py): list, export, record, void."""

from xaydungdang.activities import actions, filtersets, forms, tables
from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.core.generic import ActivitySpec, register
from xaydungdang.organizations.models import TemporaryArrival

register(
    ActivitySpec(
        10,
        "lop-hoc",
        "Lớp học, học tập, quán triệt",
        "Ghi lớp học",
        TrainingClass,
        forms.ClassForm,
        tables.ClassTable,
        filtersets.ClassFilterSet,
        actions.record_class,
        actions.void,
        "started_on",
        ("org",),
    )
)
register(
    ActivitySpec(
        70,
        "doi-thoai",
        "Đối thoại trực tiếp với Nhân dân",
        "Ghi buổi đối thoại",
        Dialogue,
        forms.DialogueForm,
        tables.DialogueTable,
        filtersets.DialogueFilterSet,
        actions.record_dialogue,
        actions.void,
        "held_on",
        ("org",),
    )
)
register(
    ActivitySpec(
        80,
        "van-ban",
        "Văn bản",
        "Ghi văn bản",
        Document,
        forms.DocumentForm,
        tables.DocumentTable,
        filtersets.DocumentFilterSet,
        actions.record_document,
        actions.void,
        "issued_on",
        ("org",),
    )
)
register(
    ActivitySpec(
        90,
        "khen-thuong",
        "Khen thưởng",
        "Ghi khen thưởng",
        Award,
        forms.AwardForm,
        tables.AwardTable,
        filtersets.AwardFilterSet,
        actions.record_award,
        actions.void,
        "granted_on",
        ("granted_by", "subject_member", "subject_org"),
    )
)
register(
    ActivitySpec(
        100,
        "can-bo",
        "Công tác cán bộ",
        "Ghi công tác cán bộ",
        CadreAction,
        forms.CadreForm,
        tables.CadreTable,
        filtersets.CadreFilterSet,
        actions.record_cadre_action,
        actions.void,
        "on",
        ("org",),
    )
)
register(
    ActivitySpec(
        110,
        "sinh-hoat-tam-thoi",
        "Tiếp nhận sinh hoạt đảng tạm thời",
        "Ghi tiếp nhận sinh hoạt đảng tạm thời",
        TemporaryArrival,
        forms.ArrivalForm,
        tables.ArrivalTable,
        filtersets.ArrivalFilterSet,
        actions.record_arrival,
        actions.void,
        "on",
        ("org",),
    )
)
