"""Form fields shared by every form: Vietnamese dates, organization and member pickers."""

import datetime as dt

from django import forms

from xaydungdang.core.dates import date_shaped, parse_date, today
from xaydungdang.core.formatting import date as fmt_date


class DateInput(forms.TextInput):
    def __init__(self, attrs=None):
        base = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "form-control",
            "maxlength": "10",
        }
        super().__init__(base | (attrs or {}))

    def format_value(self, value):
        if isinstance(value, dt.date):
            return fmt_date(value)
        return super().format_value(value)


class VNDateField(forms.Field):
    """Dates typed as DD/MM/YYYY (YYYY-MM-DD accepted too). A date of the right shape that does
    not exist (31/02/1995) is called so, not a wrong format. `past=True`: a day after today is
    refused under the field ("Ngày quyết định 02/01/2027 ở sau ngày hôm nay.")."""

    widget = DateInput
    default_error_messages = {
        "invalid": 'Ngày "%(value)s" không đúng dạng ngày/tháng/năm (ví dụ 31/12/2023).',
        "nonexistent": "Ngày không có thật: %(value)s.",
        "future": "%(label)s %(value)s ở sau ngày hôm nay.",
        "required": "Cần nhập ngày.",
    }

    def __init__(self, *args, past: bool = False, **kwargs):
        self.past = past
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value
        text = (value or "").strip()
        if not text:
            return None
        try:
            day = parse_date(text[:32])
        except ValueError:
            code = "nonexistent" if date_shaped(text[:32]) else "invalid"
            raise forms.ValidationError(self.error_messages[code], code=code, params={"value": text[:32]})
        if day is None or not 1890 <= day.year <= 2200:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": text[:32]})
        return day

    def validate(self, value):
        super().validate(value)
        if self.past and value is not None and value > today():
            label = str(self.label or "Ngày")
            raise forms.ValidationError(
                self.error_messages["future"], code="future", params={"label": label, "value": fmt_date(value)}
            )


class OrgChoiceField(forms.ModelChoiceField):
    """Organizations shown as "name (code)"."""

    default_error_messages = {
        "invalid_choice": "Tổ chức đã chọn không có trong danh sách được phép.",
        "required": "Cần chọn tổ chức.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "— chọn —")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


def style(form) -> None:
    """Bootstrap classes on every widget (no inline styles anywhere)."""
    for field in form.fields.values():
        widget = field.widget
        css = widget.attrs.get("class", "")
        if isinstance(widget, forms.CheckboxInput):
            wanted = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            wanted = "form-select"
        else:
            wanted = "form-control"
        if wanted not in css:
            widget.attrs["class"] = (css + " " + wanted).strip()


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class StyledForm(forms.Form):
    """Bootstrap look and Vietnamese "required" messages naming the field. Browser-side
    `required` is left off so every message comes from the server, in Vietnamese."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
        for field in self.fields.values():
            if field.label:
                verb = "chọn" if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) else "nhập"
                field.error_messages["required"] = f"Cần {verb} {lower_first(str(field.label))}."


class VoidForm(StyledForm):
    """Voiding a dated record: a reason, and the version the user saw (optimistic locking)."""

    reason = forms.CharField(
        label="Lý do hủy",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bản ghi không bị xóa: nó được đánh dấu đã hủy, kèm lý do và người hủy.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
