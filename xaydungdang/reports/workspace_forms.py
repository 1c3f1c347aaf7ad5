"""Forms of the report workspace (reports/workspace_views.py)."""

from django import forms

from xaydungdang.core import access
from xaydungdang.core.forms import OrgSelect, StyledForm, VNDateField
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization
from xaydungdang.reports import workspace
from xaydungdang.reports.forms import KINDS, default_to_home


class OpenDraftForm(StyledForm):
    to_chuc = forms.ChoiceField(label="Tổ chức đảng", widget=OrgSelect)
    kind = forms.ChoiceField(label="Loại báo cáo", choices=KINDS, initial="annual")
    tu = VNDateField(label="Từ ngày")
    den = VNDateField(label="Đến ngày")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organization.objects.restrict(user, access.CHANGE)
        self.fields["to_chuc"].choices = pickers.code_choices(orgs)
        default_to_home(self, user)

    def clean(self):
        data = super().clean()
        start, end = data.get("tu"), data.get("den")
        if start and end and end < start:
            self.add_error("den", "Ngày kết thúc phải sau ngày bắt đầu.")
        return data


class RequestForm(OpenDraftForm):
    don_vi = forms.MultipleChoiceField(
        label="Đơn vị được yêu cầu", widget=forms.CheckboxSelectMultiple, help_text="Các đơn vị trực thuộc cấp gửi."
    )
    han = VNDateField(label="Hạn nộp")
    ghi_chu = forms.CharField(label="Hướng dẫn", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["to_chuc"].label = "Cấp gửi yêu cầu"
        units = Organization.objects.restrict(user, access.VIEW).exclude(kind="cell").filter(dissolved_on__isnull=True)
        self.fields["don_vi"].choices = pickers.code_choices(units)
        self.fields["don_vi"].widget.choices = self.fields["don_vi"].choices


class IssueForm(StyledForm):
    so = forms.CharField(label="Số báo cáo", max_length=20)
    ngay = VNDateField(label="Ngày báo cáo")
    nguoi_ky = forms.CharField(label="Người ký", max_length=120, required=False)


def section_fields(draft) -> list[tuple[str, str, str]]:
    """(name, title, text) of each written section of a draft."""
    sections = draft.sections or {}
    return [(f"section_{key}", title, sections.get(key, "")) for key, title in workspace.SECTIONS]


def posted_text(post) -> tuple[dict, dict]:
    sections = {key: post.get(f"section_{key}", "") for key, _t in workspace.SECTIONS}
    targets = {key: post.get(f"target_{key}", "").strip() for key, _l, _u in workspace.TARGETS}
    return sections, targets
