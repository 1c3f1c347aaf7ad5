"""The report form: organization, kind and period (the report page and its downloads)."""

from django import forms

from xaydungdang.core.forms import StyledForm, VNDateField
from xaydungdang.organizations.models import Organization

KINDS = [("annual", "Báo cáo năm"), ("term", "Báo cáo nhiệm kỳ"), ("charter", "Báo cáo thi hành Điều lệ")]


class ReportForm(StyledForm):
    to_chuc = forms.ChoiceField(label="Tổ chức đảng")
    kind = forms.ChoiceField(label="Loại báo cáo", choices=KINDS, initial="annual")
    tu = VNDateField(label="Từ ngày")
    den = VNDateField(label="Đến ngày")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organization.objects.exclude(kind__in=("cell",)).restrict(user).order_by("kind", "name")
        self.fields["to_chuc"].choices = [(o.code, f"{o.name} ({o.code})") for o in orgs.only("code", "name")[:5000]]

    def clean(self):
        data = super().clean()
        start, end = data.get("tu"), data.get("den")
        if start and end and end < start:
            self.add_error("den", "Ngày kết thúc phải sau ngày bắt đầu.")
        return data
