"""Forms for changes to the organization tree (need the CHANGE right)."""

from django import forms

from xaydungdang.core import access
from xaydungdang.core.forms import OrgChoiceField, StyledForm, VNDateField
from xaydungdang.organizations.models import CELL_KINDS, Organization, OrgKind, UnitType

UNIT_TYPE_HELP = "Loại hình của tổ chức cơ sở đảng (Biểu 5-BTCTW); các tổ chức trực thuộc theo loại hình này."


def unit_type_field():
    return forms.ChoiceField(
        label="Loại hình cơ sở",
        choices=[("", "— không ghi —")] + list(UnitType.choices),
        required=False,
        help_text=UNIT_TYPE_HELP,
    )


def changeable_orgs(user, *, exclude_cells: bool = False, cells_only: bool = False):
    qs = Organization.objects.filter(dissolved_on__isnull=True).restrict(user, access.CHANGE)
    if exclude_cells:
        qs = qs.exclude(kind__in=CELL_KINDS)
    if cells_only:
        qs = qs.filter(kind__in=CELL_KINDS)
    return qs.order_by("name")


class FoundForm(StyledForm):
    parent = OrgChoiceField(queryset=Organization.objects.none(), label="Trực thuộc")
    code = forms.CharField(label="Mã tổ chức", max_length=40, help_text="Mã duy nhất, ví dụ ST.TP.P1")
    name = forms.CharField(label="Tên tổ chức", max_length=255)
    kind = forms.ChoiceField(
        label="Loại tổ chức",
        choices=[("", "— chọn —")] + [c for c in OrgKind.choices if c[0] not in (OrgKind.CENTRAL, OrgKind.PROVINCIAL)],
    )
    established_on = VNDateField(label="Ngày thành lập")
    unit_type = unit_type_field()
    decision_no = forms.CharField(label="Số quyết định", max_length=64, required=False)
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = changeable_orgs(user, exclude_cells=True)


class UpdateForm(StyledForm):
    name = forms.CharField(label="Tên tổ chức", max_length=255)
    unit_type = unit_type_field()
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class MoveForm(StyledForm):
    new_parent = OrgChoiceField(queryset=Organization.objects.none(), label="Trực thuộc mới")
    moved_on = VNDateField(label="Ngày chuyển")
    decision_no = forms.CharField(label="Số quyết định", max_length=64, required=False)
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, user, org, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = changeable_orgs(user, exclude_cells=True).exclude(pk=org.pk)


class MergeForm(StyledForm):
    target = OrgChoiceField(queryset=Organization.objects.none(), label="Hợp nhất vào")
    on = VNDateField(label="Ngày hợp nhất")
    decision_no = forms.CharField(label="Số quyết định", max_length=64, required=False)

    def __init__(self, user, org, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = changeable_orgs(user).exclude(pk=org.pk)
        qs = qs.filter(kind__in=CELL_KINDS) if org.kind in CELL_KINDS else qs.exclude(kind__in=CELL_KINDS)
        self.fields["target"].queryset = qs


class DissolveForm(StyledForm):
    dissolved_on = VNDateField(label="Ngày giải thể")
    successor = OrgChoiceField(
        queryset=Organization.objects.none(),
        label="Hợp nhất, sáp nhập vào",
        required=False,
        help_text="Tổ chức tiếp nhận (nếu có); trang của tổ chức giải thể sẽ dẫn sang tổ chức này.",
    )
    decision_no = forms.CharField(label="Số quyết định", max_length=64, required=False)

    def __init__(self, *args, user=None, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Organization.objects.filter(dissolved_on__isnull=True).restrict(user, access.VIEW)
        if org is not None:
            qs = qs.exclude(pk=org.pk)
        self.fields["successor"].queryset = qs.order_by("name")
