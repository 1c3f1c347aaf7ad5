"""Forms that record inspections, supervisions and disciplines. Each turns its cleaned data into
the `values` its action takes."""

from django import forms

from xaydungdang.core.forms import OrgChoiceField, VNDateField
from xaydungdang.inspections.models import DisciplineLevel, InspectionKind
from xaydungdang.members.recordforms import ActivityForm, SubjectFields, blank
from xaydungdang.organizations.models import Organization


class InspectionForm(ActivityForm, SubjectFields):
    field_order = ["org", "kind", "subject_type", "member_no", "subject_org", "started_on", "concluded_on"]
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp kiểm tra, giám sát")
    kind = forms.ChoiceField(label="Hình thức", choices=blank(InspectionKind.choices))
    started_on = VNDateField(label="Ngày bắt đầu")
    concluded_on = VNDateField(label="Ngày kết luận", required=False)
    violation = forms.ChoiceField(
        label="Kết luận có vi phạm",
        required=False,
        choices=[("", "Chưa kết luận"), ("yes", "Có vi phạm"), ("no", "Không vi phạm")],
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        violation = {"yes": True, "no": False}.get(d.get("violation") or "")
        return {
            "org_id": d["org"].id,
            "kind": d["kind"],
            "started_on": d["started_on"],
            "concluded_on": d["concluded_on"],
            "violation": violation,
            "note": d["note"],
        } | self.subject_values()


class DisciplineForm(ActivityForm, SubjectFields):
    field_order = ["decided_by", "subject_type", "member_no", "subject_org", "level", "decided_on"]
    owner_field = "decided_by"
    decided_by = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp quyết định")
    level = forms.ChoiceField(label="Hình thức kỷ luật", choices=blank(DisciplineLevel.choices))
    decided_on = VNDateField(label="Ngày quyết định")
    reason = forms.CharField(label="Lý do", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        return {
            "decided_by_id": d["decided_by"].id,
            "level": d["level"],
            "decided_on": d["decided_on"],
            "reason": d["reason"],
        } | self.subject_values()
