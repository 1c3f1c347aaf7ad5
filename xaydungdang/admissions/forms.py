"""The form that sets an admission target. It turns its cleaned data into the `values` the
action takes."""

from django import forms

from xaydungdang.core.forms import OrgChoiceField, StyledForm, VNDateField
from xaydungdang.members.models import Gender, Occupation
from xaydungdang.members.recordforms import ActivityForm
from xaydungdang.organizations.models import Organization


class TargetForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Tổ chức")
    period = forms.CharField(label="Kỳ", max_length=16, help_text="Một năm (2025) hoặc một nhiệm kỳ (2020-2025).")
    value = forms.IntegerField(label="Chỉ tiêu kết nạp (số đảng viên)", min_value=0, max_value=10_000_000)

    def values(self):
        d = self.cleaned_data
        return {"org_id": d["org"].id, "period": d["period"], "indicator": "admissions", "value": d["value"]}


# ---------------------------------------------------------------------------------------------
# Candidates (quần chúng ưu tú) and the steps of their admission.


class CandidateForm(StyledForm):
    full_name = forms.CharField(label="Họ và tên", max_length=255)
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—")] + list(Gender.choices))
    birth_date = VNDateField(label="Ngày sinh", past=True)
    ethnicity = forms.CharField(label="Dân tộc", max_length=64, initial="Kinh")
    religion = forms.CharField(label="Tôn giáo", max_length=64, required=False)
    national_id = forms.CharField(label="Số định danh cá nhân", max_length=12, required=False)
    hometown = forms.CharField(label="Quê quán", max_length=255, required=False)
    residence = forms.CharField(label="Nơi cư trú", max_length=255, required=False)
    general_education = forms.CharField(
        label="Giáo dục phổ thông", max_length=16, required=False, help_text="Ví dụ 12/12 hoặc 9/12."
    )
    occupation = forms.ChoiceField(label="Nghề nghiệp", choices=[("", "—")] + list(Occupation.choices), required=False)
    admission_exception = forms.BooleanField(
        label="Trên 60 tuổi, có văn bản đồng ý của cấp có thẩm quyền", required=False
    )
    identified_on = VNDateField(label="Ngày đưa vào danh sách quần chúng ưu tú", past=True)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self, cell) -> dict:
        return dict(self.cleaned_data) | {"cell_id": cell.id}


class StepForm(StyledForm):
    """The fields of one step (`kind`); the form shows only those."""

    FIELDS = {
        "awareness": ("on", "number", "note"),
        "dossier": (
            "on",
            "application_on",
            "background_on",
            "introducer1",
            "introducer2",
            "union",
            "union_resolution_on",
            "residence_comments_on",
            "note",
        ),
        "verification": ("on", "note"),
        "cell_resolution": ("on", "number", "members_total", "members_present", "votes_for", "note"),
        "decision": (
            "on",
            "number",
            "deciding_org",
            "delegated",
            "committee_resolution_no",
            "committee_resolution_on",
            "received_on",
            "note",
        ),
        "ceremony": ("on", "member_no", "note"),
    }
    DATE_LABELS = {
        "awareness": "Ngày cấp giấy chứng nhận",
        "dossier": "Ngày nộp đủ hồ sơ",
        "verification": "Ngày có kết quả thẩm tra lý lịch",
        "cell_resolution": "Ngày họp chi bộ (ngày nghị quyết)",
        "decision": "Ngày ký quyết định kết nạp",
        "ceremony": "Ngày tổ chức lễ kết nạp",
    }
    NUMBER_LABELS = {
        "awareness": "Số giấy chứng nhận",
        "cell_resolution": "Số nghị quyết của chi bộ",
        "decision": "Số quyết định kết nạp",
    }

    on = VNDateField(label="Ngày", past=True)
    number = forms.CharField(label="Số", max_length=64, required=False)
    application_on = VNDateField(label="Ngày làm đơn xin vào Đảng", past=True, required=False)
    background_on = VNDateField(label="Ngày khai lý lịch người xin vào Đảng", past=True, required=False)
    introducer1 = forms.ModelChoiceField(label="Đảng viên giới thiệu thứ nhất", queryset=None, required=False)
    introducer2 = forms.ModelChoiceField(label="Đảng viên giới thiệu thứ hai", queryset=None, required=False)
    union = forms.ChoiceField(label="Đoàn thể giới thiệu", choices=[], required=False)
    union_resolution_on = VNDateField(label="Ngày nghị quyết giới thiệu của đoàn thể", past=True, required=False)
    residence_comments_on = VNDateField(label="Ngày nhận xét của chi ủy nơi cư trú", past=True, required=False)
    members_total = forms.IntegerField(label="Số đảng viên chính thức của chi bộ", min_value=0, required=False)
    members_present = forms.IntegerField(label="Số đảng viên chính thức có mặt", min_value=0, required=False)
    votes_for = forms.IntegerField(label="Số đảng viên chính thức tán thành", min_value=0, required=False)
    deciding_org = forms.ModelChoiceField(label="Cấp ủy quyết định", queryset=None, required=False)
    delegated = forms.BooleanField(label="Đảng ủy cơ sở được ủy quyền quyết định kết nạp", required=False)
    committee_resolution_no = forms.CharField(label="Số nghị quyết của đảng ủy cơ sở", max_length=64, required=False)
    committee_resolution_on = VNDateField(label="Ngày nghị quyết của đảng ủy cơ sở", past=True, required=False)
    received_on = VNDateField(label="Ngày chi bộ nhận quyết định", past=True, required=False)
    member_no = forms.CharField(label="Số lý lịch đảng viên", max_length=32, required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kind: str, introducers=None, committees=None, **kwargs):
        from xaydungdang.admissions.models import Union

        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in list(self.fields):
            if name not in self.FIELDS[kind]:
                del self.fields[name]
        self.fields["on"].label = self.DATE_LABELS[kind]
        if "number" in self.fields:
            self.fields["number"].label = self.NUMBER_LABELS[kind]
        for name in ("introducer1", "introducer2"):
            if name in self.fields:
                self.fields[name].queryset = introducers
                self.fields[name].help_text = "Đảng viên chính thức của chi bộ tại ngày nộp hồ sơ."
        if "union" in self.fields:
            self.fields["union"].choices = [("", "—")] + list(Union.choices)
        if "deciding_org" in self.fields:
            self.fields["deciding_org"].queryset = committees
            self.fields[
                "deciding_org"
            ].help_text = "Đảng ủy cơ sở nếu được ủy quyền; nếu không, ban thường vụ cấp ủy cấp trên trực tiếp."
        if "member_no" in self.fields:
            self.fields["member_no"].required = True
            self.fields["member_no"].error_messages["required"] = "Cần nhập số lý lịch đảng viên."

    def values(self) -> dict:
        d = self.cleaned_data
        values = {k: v for k, v in d.items() if k not in ("introducer1", "introducer2", "deciding_org", "member_no")}
        for name in ("introducer1", "introducer2", "deciding_org"):
            if name in d:
                values[f"{name}_id"] = d[name].id if d[name] is not None else None
        for name in ("members_total", "members_present", "votes_for"):
            if name in values and values[name] is None:
                values.pop(name)
        return values
