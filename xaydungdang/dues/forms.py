"""The form that records a member's dues base (mức đóng đảng phí)."""

from django import forms

from xaydungdang.core.forms import StyledForm, VNDateField
from xaydungdang.dues.models import REDUCTIONS, Category, ExemptReason


class BaseForm(StyledForm):
    category = forms.ChoiceField(label="Đối tượng", choices=[("", "— chọn —"), *Category.choices])
    base = forms.IntegerField(
        label="Căn cứ tính (đồng/tháng)",
        required=False,
        min_value=0,
        max_value=100_000_000_000,
        help_text="Tiền lương, phụ cấp đóng bảo hiểm xã hội; lương hưu; trợ cấp ốm đau, thai sản. "
        "Để trống với học sinh, sinh viên và đảng viên khác (mức cố định).",
    )
    valid_from = VNDateField(label="Áp dụng từ ngày", help_text="Áp dụng từ tháng có ngày này.")
    reduction_pct = forms.TypedChoiceField(
        label="Giảm đảng phí",
        coerce=int,
        choices=[(p, f"Giảm {p}% (tối đa 12 tháng)" if p else "Không giảm") for p in REDUCTIONS],
        required=False,
        empty_value=0,
    )
    exempt_reason = forms.ChoiceField(
        label="Miễn đóng đảng phí", required=False, choices=[("", "Không miễn"), *ExemptReason.choices]
    )

    def values(self, member) -> dict:
        d = self.cleaned_data
        return {
            "member_id": member.id,
            "category": d["category"],
            "base": d["base"],
            "valid_from": d["valid_from"],
            "reduction_pct": d["reduction_pct"] or 0,
            "exempt": bool(d["exempt_reason"]),
            "exempt_reason": d["exempt_reason"],
        }
