"""The form that sets an admission target. It turns its cleaned data into the `values` the
action takes."""

from django import forms

from xaydungdang.core.forms import OrgChoiceField
from xaydungdang.members.recordforms import ActivityForm
from xaydungdang.organizations.models import Organization


class TargetForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Tổ chức")
    period = forms.CharField(label="Kỳ", max_length=16, help_text="Một năm (2025) hoặc một nhiệm kỳ (2020-2025).")
    value = forms.IntegerField(label="Chỉ tiêu kết nạp (số đảng viên)", min_value=0, max_value=10_000_000)

    def values(self):
        d = self.cleaned_data
        return {"org_id": d["org"].id, "period": d["period"], "indicator": "admissions", "value": d["value"]}
