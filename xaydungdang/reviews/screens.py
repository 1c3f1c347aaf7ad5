"""The review app's tables on the generic screens (core/generic.py): list, export, record, void."""

from xaydungdang.core.generic import ActivitySpec, register
from xaydungdang.reviews import actions, filtersets, forms, tables
from xaydungdang.reviews.models import Rating, Screening

register(
    ActivitySpec(
        40,
        "xep-loai",
        "Đánh giá, xếp loại chất lượng",
        "Ghi kết quả xếp loại",
        Rating,
        forms.RatingForm,
        tables.RatingTable,
        filtersets.RatingFilterSet,
        actions.record_rating,
        actions.void,
        "year",
        ("subject_member", "subject_org"),
    )
)
register(
    ActivitySpec(
        50,
        "sang-loc",
        "Rà soát, sàng lọc đảng viên",
        "Ghi rà soát, sàng lọc",
        Screening,
        forms.ScreeningForm,
        tables.ScreeningTable,
        filtersets.ScreeningFilterSet,
        actions.record_screening,
        actions.void,
        "listed_on",
        ("member",),
    )
)
