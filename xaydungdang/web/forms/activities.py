"""Forms for the activity tables of the interchange format. Each form turns its cleaned data
into the `values` dict that the app's action function takes."""

from django import forms

from xaydungdang.accounts import scope
from xaydungdang.activities.models import AwardKind, CadreKind, ClassKind, DocumentType
from xaydungdang.core.subjects import SubjectType
from xaydungdang.inspections.models import DisciplineLevel, InspectionKind
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization
from xaydungdang.reviews.models import RatingLevel, ScreeningOutcome
from xaydungdang.core.forms import OrgChoiceField, StyledForm, VNDateField


def _blank(choices):
    return [("", "— chọn —")] + list(choices)


def orgs_for(user, action):
    return scope.restrict(Organization.objects.all(), user, action).order_by("name")


class ActivityForm(StyledForm):
    """Base: `owner` is the organization that records (needs RECORD); subclasses list fields.

    Every choice (deciding organization, subject organization, subject member) comes from the
    user's RECORD scope, never from the union of their roles: a "view" role elsewhere adds
    nothing to what may be recorded. The actions check the same again (accounts/authority.py)."""

    owner_field = "org"
    aliases: dict = {}

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if self.owner_field in self.fields:
            self.fields[self.owner_field].queryset = orgs_for(user, scope.RECORD).filter(dissolved_on__isnull=True)
        if "subject_org" in self.fields:
            self.fields["subject_org"].queryset = orgs_for(user, scope.RECORD)

    def resolve_member(self, field: str):
        number = (self.cleaned_data.get(field) or "").strip()
        if not number:
            return None
        member = scope.restrict(Member.objects.all(), self.user, scope.RECORD).filter(member_no=number).first()
        if member is None:
            self.add_error(field, f"Không tìm thấy đảng viên có số lý lịch \"{number}\" trong phạm vi anh/chị "
                                  "được ghi.")
        return member

    def subject_values(self) -> dict:
        kind = self.cleaned_data.get("subject_type")
        if kind == SubjectType.MEMBER:
            member = self.resolve_member("member_no")
            if member is None and "member_no" not in self.errors:
                self.add_error("member_no", "Cần nhập số lý lịch của đảng viên.")
            return {"subject_type": kind, "subject_member_id": member.id if member else None, "subject_org_id": None}
        org = self.cleaned_data.get("subject_org")
        if org is None:
            self.add_error("subject_org", "Cần chọn tổ chức đảng.")
        return {"subject_type": kind, "subject_member_id": None, "subject_org_id": org.id if org else None}

    def values(self) -> dict:
        raise NotImplementedError

    def error_aliases(self) -> dict:
        subject = "member_no" if self.cleaned_data.get("subject_type") == SubjectType.MEMBER else "subject_org"
        return {"org_code": self.owner_field, "subject": subject, "subject_type": "subject_type"} | self.aliases


class SubjectFields(forms.Form):
    subject_type = forms.ChoiceField(label="Đối tượng", choices=SubjectType.choices, initial=SubjectType.MEMBER)
    member_no = forms.CharField(label="Số lý lịch đảng viên (nếu đối tượng là đảng viên)", max_length=32, required=False)
    subject_org = OrgChoiceField(queryset=Organization.objects.none(), required=False,
                                 label="Tổ chức đảng (nếu đối tượng là tổ chức)")


class ClassForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Đơn vị tổ chức")
    kind = forms.ChoiceField(label="Loại lớp", choices=_blank(ClassKind.choices))
    title = forms.CharField(label="Tên lớp", max_length=255, required=False)
    started_on = VNDateField(label="Ngày khai giảng")
    ended_on = VNDateField(label="Ngày bế giảng", required=False)
    participants = forms.IntegerField(label="Số lượt người (học viên)", min_value=0, max_value=10_000_000)

    def values(self):
        d = self.cleaned_data
        return {"org_id": d["org"].id, "kind": d["kind"], "title": d["title"], "started_on": d["started_on"],
                "ended_on": d["ended_on"], "participants": d["participants"]}


class InspectionForm(ActivityForm, SubjectFields):
    field_order = ["org", "kind", "subject_type", "member_no", "subject_org", "started_on", "concluded_on"]
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp kiểm tra, giám sát")
    kind = forms.ChoiceField(label="Hình thức", choices=_blank(InspectionKind.choices))
    started_on = VNDateField(label="Ngày bắt đầu")
    concluded_on = VNDateField(label="Ngày kết luận", required=False)
    violation = forms.ChoiceField(label="Kết luận có vi phạm", required=False,
                                  choices=[("", "Chưa kết luận"), ("yes", "Có vi phạm"), ("no", "Không vi phạm")])
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        violation = {"yes": True, "no": False}.get(d.get("violation") or "")
        return {"org_id": d["org"].id, "kind": d["kind"], "started_on": d["started_on"],
                "concluded_on": d["concluded_on"], "violation": violation, "note": d["note"]} | self.subject_values()


class DisciplineForm(ActivityForm, SubjectFields):
    field_order = ["decided_by", "subject_type", "member_no", "subject_org", "level", "decided_on"]
    owner_field = "decided_by"
    decided_by = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp quyết định")
    level = forms.ChoiceField(label="Hình thức kỷ luật", choices=_blank(DisciplineLevel.choices))
    decided_on = VNDateField(label="Ngày quyết định")
    reason = forms.CharField(label="Lý do", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        return {"decided_by_id": d["decided_by"].id, "level": d["level"], "decided_on": d["decided_on"],
                "reason": d["reason"]} | self.subject_values()


class RatingForm(ActivityForm, SubjectFields):
    field_order = ["year", "subject_type", "member_no", "subject_org", "level", "score"]
    owner_field = None
    year = forms.IntegerField(label="Năm", min_value=1930, max_value=2200)
    level = forms.ChoiceField(label="Mức xếp loại", choices=_blank(RatingLevel.choices))
    score = forms.IntegerField(label="Điểm (thang 100, từ năm 2025)", required=False, min_value=0, max_value=100)
    rated_by = forms.CharField(label="Cấp xếp loại", max_length=64, required=False)

    def values(self):
        d = self.cleaned_data
        return {"year": d["year"], "level": d["level"], "score": d["score"], "rated_by": d["rated_by"]} \
            | self.subject_values()


class ScreeningForm(ActivityForm):
    owner_field = None
    member_no = forms.CharField(label="Số lý lịch đảng viên", max_length=32)
    listed_on = VNDateField(label="Ngày đưa vào danh sách")
    outcome = forms.ChoiceField(label="Kết quả", required=False, choices=[("", "Chưa có kết quả")] + ScreeningOutcome.choices)
    outcome_on = VNDateField(label="Ngày có kết quả", required=False)
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        member = self.resolve_member("member_no")
        return {"member_id": member.id if member else None, "listed_on": d["listed_on"], "outcome": d["outcome"] or "",
                "outcome_on": d["outcome_on"], "note": d["note"]}


class TargetForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Tổ chức")
    period = forms.CharField(label="Kỳ", max_length=16, help_text="Một năm (2025) hoặc một nhiệm kỳ (2020-2025).")
    value = forms.IntegerField(label="Chỉ tiêu kết nạp (số đảng viên)", min_value=0, max_value=10_000_000)

    def values(self):
        d = self.cleaned_data
        return {"org_id": d["org"].id, "period": d["period"], "indicator": "admissions", "value": d["value"]}


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
    type = forms.ChoiceField(label="Loại văn bản", choices=_blank(DocumentType.choices))
    issued_on = VNDateField(label="Ngày ban hành")
    title = forms.CharField(label="Trích yếu", max_length=500, required=False)
    concretizes = forms.CharField(label="Cụ thể hóa văn bản số", max_length=64, required=False,
                                  help_text="Số của văn bản cấp trên mà văn bản này cụ thể hóa (nếu có).")
    is_review = forms.BooleanField(label="Văn bản sơ kết, tổng kết", required=False)

    def values(self):
        d = self.cleaned_data
        return {"org_id": d["org"].id, "number": d["number"], "type": d["type"], "issued_on": d["issued_on"],
                "title": d["title"], "concretizes": d["concretizes"], "is_review": d["is_review"]}


class AwardForm(ActivityForm, SubjectFields):
    field_order = ["granted_by", "subject_type", "member_no", "subject_org", "award", "granted_on"]
    owner_field = "granted_by"
    granted_by = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp khen thưởng")
    award = forms.ChoiceField(label="Hình thức", choices=_blank(AwardKind.choices))
    granted_on = VNDateField(label="Ngày khen thưởng")
    reason = forms.CharField(label="Thành tích", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        return {"granted_by_id": d["granted_by"].id, "award": d["award"], "granted_on": d["granted_on"],
                "reason": d["reason"]} | self.subject_values()


class CadreForm(ActivityForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Cấp ủy")
    kind = forms.ChoiceField(label="Loại việc", choices=_blank(CadreKind.choices))
    on = VNDateField(label="Ngày")
    count = forms.IntegerField(label="Số trường hợp", min_value=1, max_value=1_000_000, initial=1)
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self):
        d = self.cleaned_data
        return {"org_id": d["org"].id, "kind": d["kind"], "on": d["on"], "count": d["count"], "note": d["note"]}
