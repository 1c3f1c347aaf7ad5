"""Forms that record quality ratings and screenings. Each turns its cleaned data into the
`values` its action takes."""

from django import forms

from xaydungdang.core.forms import VNDateField, member_search_attrs
from xaydungdang.members.recordforms import ActivityForm, SubjectFields, blank
from xaydungdang.reviews.models import RatingLevel, ScreeningOutcome


class RatingForm(ActivityForm, SubjectFields):
    field_order = ["year", "subject_type", "member_no", "subject_org", "level", "score"]
    owner_field = None
    year = forms.IntegerField(label="Năm", min_value=1930, max_value=2200)
    level = forms.ChoiceField(label="Mức xếp loại", choices=blank(RatingLevel.choices))
    score = forms.IntegerField(label="Điểm (thang 100, từ năm 2025)", required=False, min_value=0, max_value=100)
    rated_by = forms.CharField(label="Cấp xếp loại", max_length=64, required=False)

    def values(self):
        d = self.cleaned_data
        return {
            "year": d["year"],
            "level": d["level"],
            "score": d["score"],
            "rated_by": d["rated_by"],
        } | self.subject_values()


class ScreeningForm(ActivityForm):
    owner_field = None
    member_no = forms.CharField(
        label="Đảng viên",
        max_length=200,
        widget=forms.TextInput(attrs=member_search_attrs(record=True)),
        help_text="Gõ họ tên (không cần dấu) rồi chọn, hoặc nhập số lý lịch.",
    )
    listed_on = VNDateField(label="Ngày đưa vào danh sách")
    outcome = forms.ChoiceField(
        label="Kết quả", required=False, choices=[("", "Chưa có kết quả")] + ScreeningOutcome.choices
    )
    outcome_on = VNDateField(label="Ngày có kết quả", required=False)
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        member = self.resolve_member("member_no")
        return {
            "member_id": member.id if member else None,
            "listed_on": d["listed_on"],
            "outcome": d["outcome"] or "",
            "outcome_on": d["outcome_on"],
            "note": d["note"],
        }
