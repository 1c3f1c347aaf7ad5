"""The forms of a transfer's steps. Each turns its cleaned data into what the action takes; the
rules are the action's (rules.py), shown beside the fields by core.views.apply_domain_error."""

from django import forms

from xaydungdang.core.forms import StyledForm, VNDateField, member_search_attrs
from xaydungdang.members.models import Counterpart
from xaydungdang.organizations.models import CELL_KINDS, Organization
from xaydungdang.transfers.models import Kind, Reason


class StartForm(StyledForm):
    member_no = forms.CharField(
        label="Đảng viên (số lý lịch)", max_length=32, widget=forms.TextInput(attrs=member_search_attrs(record=True))
    )
    kind = forms.ChoiceField(label="Hình thức", choices=[("", "— chọn —"), *Kind.choices])
    reason = forms.ChoiceField(label="Lý do", choices=[("", "— chọn —"), *Reason.choices])
    moved_on = VNDateField(
        label="Ngày chuyển",
        past=True,
        help_text="Ngày quyết định hoặc ngày chuyển (nhận công tác mới, nghỉ hưu, xuất ngũ, chuyển nơi ở, đi học).",
    )
    decision_no = forms.CharField(label="Số quyết định", max_length=64, required=False)
    until = VNDateField(
        label="Sinh hoạt tạm thời đến ngày",
        required=False,
        help_text="Chỉ với chuyển tạm thời: đi làm việc từ 3 tháng đến dưới 1 năm, đi học từ 3 tháng đến 2 năm.",
    )
    to_cell = forms.CharField(
        label="Mã chi bộ chuyển đến (trong hệ thống)",
        max_length=40,
        required=False,
        help_text="Mã của chi bộ nhận trong hệ thống (bên nhận cho biết); để trống nếu nơi đến ở ngoài hệ thống.",
    )
    to_place = forms.CharField(
        label="Hoặc nơi chuyển đến (ngoài hệ thống)",
        max_length=255,
        required=False,
        help_text="Ví dụ: Đảng bộ phường Bến Nghé, Thành phố Hồ Chí Minh.",
    )
    counterpart = forms.ChoiceField(
        label="Nơi ngoài hệ thống thuộc", choices=[("", "—"), *Counterpart.choices], required=False
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_to_cell(self):
        code = (self.cleaned_data.get("to_cell") or "").strip()
        if not code:
            return None
        found = Organization.objects.filter(code=code[:40], kind__in=CELL_KINDS).first()
        if found is None:
            raise forms.ValidationError(f"Không có chi bộ nào mã “{code[:40]}” trong hệ thống.")
        return found

    def values(self) -> dict:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "reason": d["reason"],
            "moved_on": d["moved_on"],
            "decision_no": d.get("decision_no") or "",
            "until": d.get("until"),
            "to_cell_id": d["to_cell"].id if d.get("to_cell") else None,
            "to_place": d.get("to_place") or "",
            "counterpart": d.get("counterpart") or "",
            "note": d.get("note") or "",
        }


class _Versioned(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class IssueForm(_Versioned):
    letter_no = forms.CharField(label="Số giấy giới thiệu", max_length=64)
    letter_on = VNDateField(label="Ngày giấy giới thiệu", past=True)


class AcceptForm(_Versioned):
    presented_on = VNDateField(label="Ngày nộp giấy giới thiệu", past=True)
    accepted_on = VNDateField(
        label="Ngày tiếp nhận",
        past=True,
        required=False,
        help_text="Từ ngày này đảng viên sinh hoạt tại chi bộ (để trống: ngày nộp giấy).",
    )


class NotArrivedForm(_Versioned):
    on = VNDateField(label="Ngày báo", past=True)
    note = forms.CharField(label="Ghi chú", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmForm(_Versioned):
    presented_on = VNDateField(label="Ngày nhận lại phiếu báo đã nhận sinh hoạt đảng", past=True)


class ReturnForm(_Versioned):
    on = VNDateField(label="Ngày trở về", past=True)


class DescribeForm(StyledForm):
    """A Transfer as metadata of a transfer event recorded without the procedure."""

    kind = forms.ChoiceField(label="Hình thức", choices=Kind.choices)
    reason = forms.ChoiceField(label="Lý do", choices=[("", "— chọn —"), *Reason.choices])
    moved_on = VNDateField(
        label="Ngày chuyển",
        past=True,
        required=False,
        help_text="Ngày quyết định hoặc ngày chuyển (trống: ngày biến động).",
    )
    until = VNDateField(label="Sinh hoạt tạm thời đến ngày", required=False)
    presented_on = VNDateField(label="Ngày nộp giấy giới thiệu (hoặc nhận lại phiếu báo)", past=True, required=False)
