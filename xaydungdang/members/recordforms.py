"""The base of the forms that record a dated record (a class, an inspection, a discipline, a
rating...): the deciding organization and the subject (a member or an organization), chosen
from the acting user's RECORD scope. The activity apps' forms (`<app>/forms.py`) build on it;
each turns its cleaned data into the `values` dict its action function takes."""

from django import forms

from xaydungdang.core import access
from xaydungdang.core.forms import OrgChoiceField, StyledForm, member_search_attrs
from xaydungdang.core.subjects import SubjectType
from xaydungdang.core.text import fold
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization


def blank(choices):
    return [("", "— chọn —")] + list(choices)


def orgs_for(user, action):
    return Organization.objects.restrict(user, action).order_by("name")


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
            self.fields[self.owner_field].queryset = orgs_for(user, access.RECORD).filter(dissolved_on__isnull=True)
        if "subject_org" in self.fields:
            self.fields["subject_org"].queryset = orgs_for(user, access.RECORD)

    def resolve_member(self, field: str):
        number = (self.cleaned_data.get(field) or "").strip()
        if not number:
            return None
        recordable = Member.objects.restrict(self.user, access.RECORD)
        member = recordable.filter(member_no=number[:32]).first()
        if member is None:
            # A name typed without choosing in the box: the one member of that name, if only one.
            named = list(recordable.search(number[:200]).order_by("sort_key", "id")[:2]) if fold(number) else []
            if len(named) == 1:
                return named[0]
            if len(named) > 1:
                self.add_error(
                    field, f"Có nhiều đảng viên tên “{number}”: hãy chọn trong danh sách hoặc nhập số lý lịch."
                )
            else:
                self.add_error(
                    field, f'Không tìm thấy đảng viên có số lý lịch "{number}" trong phạm vi anh/chị được ghi.'
                )
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
    member_no = forms.CharField(
        label="Đảng viên (nếu đối tượng là đảng viên)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=member_search_attrs(record=True)),
        help_text="Gõ họ tên (không cần dấu) rồi chọn, hoặc nhập số lý lịch.",
    )
    subject_org = OrgChoiceField(
        queryset=Organization.objects.none(), required=False, label="Tổ chức đảng (nếu đối tượng là tổ chức)"
    )
