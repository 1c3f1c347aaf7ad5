"""Forms that record classes, dialogues, documents, awards and cadre work (the interchange
format's activity tables). Each turns its cleaned data into the `values` its action takes."""

from django import forms

from xaydungdang.activities.models import AwardKind, CadreKind, ClassKind, DocumentType
from xaydungdang.core.forms import OrgChoiceField, VNDateField
from xaydungdang.core.text import nfc
from xaydungdang.members.recordforms import ActivityForm, SubjectFields, blank
from xaydungdang.organizations.models import CELL_KINDS, Organization


class ClassForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Đơn vị tổ chức")
    kind = forms.ChoiceField(label="Loại lớp", choices=blank(ClassKind.choices))
    title = forms.CharField(label="Tên lớp", max_length=255, required=False)
    started_on = VNDateField(label="Ngày khai giảng")
    ended_on = VNDateField(label="Ngày bế giảng", required=False)
    participants = forms.IntegerField(label="Số lượt người (học viên)", min_value=0, max_value=10_000_000)

    def values(self):
        d = self.cleaned_data
        return {
            "org_id": d["org"].id,
            "kind": d["kind"],
            "title": d["title"],
            "started_on": d["started_on"],
            "ended_on": d["ended_on"],
            "participants": d["participants"],
        }


class DialogueForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp ủy")
    held_on = VNDateField(label="Ngày đối thoại")
    host = forms.CharField(label="Người chủ trì", max_length=255, required=False)
    cases = forms.IntegerField(label="Số vụ việc được phản ánh", min_value=0, max_value=1_000_000)

    def values(self):
        d = self.cleaned_data
        return {"org_id": d["org"].id, "held_on": d["held_on"], "host": d["host"], "cases": d["cases"]}


class DocumentForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Cơ quan ban hành")
    number = forms.CharField(label="Số, ký hiệu", max_length=64, required=False)
    type = forms.ChoiceField(label="Loại văn bản", choices=blank(DocumentType.choices))
    issued_on = VNDateField(label="Ngày ban hành")
    title = forms.CharField(label="Trích yếu", max_length=500, required=False)
    concretizes = forms.CharField(
        label="Cụ thể hóa văn bản số",
        max_length=64,
        required=False,
        help_text="Số của văn bản cấp trên mà văn bản này cụ thể hóa (nếu có).",
    )
    is_review = forms.BooleanField(label="Văn bản sơ kết, tổng kết", required=False)

    def values(self):
        d = self.cleaned_data
        return {
            "org_id": d["org"].id,
            "number": d["number"],
            "type": d["type"],
            "issued_on": d["issued_on"],
            "title": d["title"],
            "concretizes": d["concretizes"],
            "is_review": d["is_review"],
        }


class AwardForm(ActivityForm, SubjectFields):
    field_order = ["granted_by", "subject_type", "member_no", "subject_org", "award", "granted_on"]
    owner_field = "granted_by"
    granted_by = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp khen thưởng")
    award = forms.ChoiceField(label="Hình thức", choices=blank(AwardKind.choices))
    granted_on = VNDateField(label="Ngày khen thưởng")
    reason = forms.CharField(
        label="Thành tích", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def values(self):
        d = self.cleaned_data
        return {
            "granted_by_id": d["granted_by"].id,
            "award": d["award"],
            "granted_on": d["granted_on"],
            "reason": d["reason"],
        } | self.subject_values()


class CadreForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp ủy")
    kind = forms.ChoiceField(label="Loại việc", choices=blank(CadreKind.choices))
    on = VNDateField(label="Ngày")
    count = forms.IntegerField(label="Số trường hợp", min_value=1, max_value=1_000_000, initial=1)
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        return {"org_id": d["org"].id, "kind": d["kind"], "on": d["on"], "count": d["count"], "note": d["note"]}


class ArrivalForm(ActivityForm):
    """Tiếp nhận sinh hoạt đảng tạm thời: recorded by the host cell (within the RECORD scope)."""

    org = OrgChoiceField(queryset=Organization.objects.none(), label="Chi bộ tiếp nhận")
    on = VNDateField(label="Ngày tiếp nhận")
    full_name = forms.CharField(label="Họ và tên đảng viên", max_length=255)
    home_org = forms.CharField(
        label="Nơi sinh hoạt chính thức", max_length=255, required=False, help_text="Tổ chức đảng chuyển đến."
    )
    until = VNDateField(label="Sinh hoạt tạm thời đến ngày", required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["org"].queryset = self.fields["org"].queryset.filter(kind__in=CELL_KINDS)

    def values(self):
        d = self.cleaned_data
        return {
            "org_id": d["org"].id,
            "on": d["on"],
            "full_name": nfc(d["full_name"].strip()),
            "home_org": d["home_org"].strip(),
            "until": d["until"],
        }
