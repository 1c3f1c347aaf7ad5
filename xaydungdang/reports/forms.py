"""The report form: organization, kind and period (the report page and its downloads)."""

from django import forms

from xaydungdang.core.forms import OrgSelect, StyledForm, VNDateField
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization

KINDS = [("annual", "Báo cáo năm"), ("term", "Báo cáo nhiệm kỳ"), ("charter", "Báo cáo thi hành Điều lệ")]


class ReportForm(StyledForm):
    to_chuc = forms.ChoiceField(label="Tổ chức đảng", widget=OrgSelect)
    kind = forms.ChoiceField(label="Loại báo cáo", choices=KINDS, initial="annual")
    tu = VNDateField(label="Từ ngày")
    den = VNDateField(label="Đến ngày")
    # The date line: blank for the office to write when the report is signed, unless given.
    ngay = VNDateField(label="Ngày ký (để trống nếu ghi tay)", required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organization.objects.exclude(kind__in=("cell",)).restrict(user)
        self.fields["to_chuc"].choices = pickers.code_choices(orgs)
        default_to_home(self, user)

    def clean(self):
        data = super().clean()
        start, end = data.get("tu"), data.get("den")
        if start and end and end < start:
            self.add_error("den", "Ngày kết thúc phải sau ngày bắt đầu.")
        return data


# --- The statistical forms (Biểu 1–5 và 7-BTCTW): unit, year, period of the year, which forms

PERIOD_KINDS = [("", "Cả năm"), ("Q1", "Quý I"), ("H1", "6 tháng đầu năm"), ("9M", "9 tháng đầu năm")]


def form_choices() -> list[tuple[str, str]]:
    from xaydungdang.indicators import formrows

    return [(f, f"{formrows.SYMBOLS[f]}: {formrows.TITLES[f].capitalize()}") for f in formrows.FORMS]


def unit_choices(user) -> list[tuple[str, str]]:
    """The organizations the user may view (cells only when nothing else is), in Vietnamese order,
    each with the organization it belongs to."""
    visible = Organization.objects.restrict(user)
    orgs = visible.exclude(kind="cell")
    if not orgs.exists():
        orgs = visible
    return pickers.code_choices(orgs)


def default_to_home(form, user) -> None:
    """An unbound unit choice starts at the user's own unit (the organization of their role)."""
    if form.is_bound or form.initial.get("to_chuc"):
        return
    code = pickers.home_code(user, [c for c, _label in form.fields["to_chuc"].widget.choices])
    if code:
        form.initial["to_chuc"] = code


class StatFormsForm(StyledForm):
    to_chuc = forms.CharField(label="Đơn vị", max_length=40, widget=OrgSelect)
    nam = forms.IntegerField(
        label="Năm",
        min_value=1930,
        max_value=2200,
        error_messages={
            "invalid": "Năm phải là một số (ví dụ 2024).",
            "min_value": "Năm phải từ 1930 trở đi.",
            "max_value": "Năm phải trước 2200.",
        },
    )
    ky = forms.ChoiceField(label="Kỳ báo cáo", choices=PERIOD_KINDS, required=False)
    bieu = forms.MultipleChoiceField(
        label="Biểu", required=False, widget=forms.CheckboxSelectMultiple, help_text="Không chọn: tất cả các biểu."
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].widget.choices = unit_choices(user)
        default_to_home(self, user)
        self.fields["bieu"].choices = form_choices()
        self.fields["bieu"].widget.attrs["class"] = "form-check-input"
        self.fields["bieu"].error_messages["invalid_choice"] = "Không có biểu số “%(value)s”."
        self.fields["ky"].error_messages["invalid_choice"] = "Kỳ báo cáo “%(value)s” không hợp lệ."

    def period(self) -> str:
        """The contract's period code: 2024, 2024-Q1, 2024-H1, 2024-9M."""
        data = self.cleaned_data
        return f"{data['nam']}-{data['ky']}" if data.get("ky") else str(data["nam"])
