"""Form fields shared by every form: Vietnamese dates, organization and member pickers."""

import datetime as dt

from django import forms

from xaydungdang.core.context import current_actor
from xaydungdang.core.dates import date_shaped, parse_date, today
from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.text import vi_sort_key


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


# The organizations app registers how an organization's path is written (core sits below it):
# paths(ids) -> {id: "Đảng bộ xã Kế Sách"}, the names above each organization, nearest first.
_pickers: dict = {}


def register_pickers(**functions) -> None:
    _pickers.update(functions)


def org_paths(ids) -> dict:
    paths = _pickers.get("paths")
    return paths(ids) if paths else {}


def find_org(user, text: str):
    """(the organization `text` names among those the user may view — a code, or a name typed
    without accents — or None, the candidates' labels when several match); registered by the
    organizations app."""
    return _pickers["find"](user, text)


def member_search_attrs(record: bool = False, placeholder: str = "số lý lịch hoặc họ tên") -> dict:
    """Attributes of a member-number box that web/js/picker.js completes from /chon-dang-vien/
    (members the user may see, or record with `record`): typing a name offers the members,
    choosing one sends the member number."""
    from django.urls import reverse_lazy
    from django.utils.functional import lazy

    url = reverse_lazy("web:member_pick")
    return {
        "placeholder": placeholder,
        "autocomplete": "off",
        "data-picker-url": lazy(lambda: f"{url}?quyen=ghi" if record else str(url), str)(),
    }


def org_search_attrs(placeholder: str = "tên hoặc mã, ví dụ: ke sach") -> dict:
    """Attributes of a text box for an organization that web/js/picker.js completes from the
    server (/chon-to-chuc/): typing a name offers the matches, choosing one sends its code."""
    from django.urls import reverse_lazy

    return {
        "type": "search",
        "placeholder": placeholder,
        "autocomplete": "off",
        "data-picker-url": reverse_lazy("web:org_pick"),
    }


PATH_SEP = " — "


class OrgSelect(forms.Select):
    """A <select> of organizations that web/js/picker.js turns into a searchable box (typing
    "ke sach" finds "Đảng bộ xã Kế Sách"); without JavaScript it stays a plain select. Each
    option carries the organization's code, which the box searches too."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-picker": "org"} | (attrs or {}), choices)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-code"] = instance.code
        return option


class OrgChoiceIterator(forms.models.ModelChoiceIterator):
    """The organizations in Vietnamese order (name, then the path above it), each labelled
    "name — path" so that cells of the same name in different communes are told apart."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        orgs = list(self.queryset)
        paths = org_paths([o.pk for o in orgs])
        path_keys: dict[str, bytes] = {}  # paths repeat (every cell of a commune): one key each
        for path in paths.values():
            if path not in path_keys:
                path_keys[path] = vi_sort_key(path)
        keys = {o.pk: (_name_key(o), path_keys.get(paths.get(o.pk, ""), b""), o.code) for o in orgs}
        orgs.sort(key=lambda o: keys[o.pk])
        for org in orgs:
            path = paths.get(org.pk, "")
            label = f"{org.name}{PATH_SEP}{path}" if path else org.name
            yield (forms.models.ModelChoiceIteratorValue(self.field.prepare_value(org), org), label)


def _name_key(org):
    stored = org.__dict__.get("sort_key")
    return bytes.fromhex(stored) if stored else vi_sort_key(org.name)


def home_org_ids(user) -> list:
    """The organizations of the user's roles, highest first (none for a global scope)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    from xaydungdang.core import access

    return access.home_org_ids(user)


class OrgChoiceField(forms.ModelChoiceField):
    """An organization picker: searchable box, "name — path" labels, Vietnamese order, and by
    default the user's own unit (the organization of their role, when it is among the choices;
    the user is the current actor's, set per request by the middleware)."""

    widget = OrgSelect
    iterator = OrgChoiceIterator
    default_error_messages = {
        "invalid_choice": "Tổ chức đã chọn không có trong danh sách được phép.",
        "required": "Cần chọn tổ chức.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "— chọn —")
        super().__init__(*args, **kwargs)
        if self.initial is None:  # after __init__, which would drop the empty choice for an initial
            self.initial = self.home_default

    def label_from_instance(self, obj):
        path = org_paths([obj.pk]).get(obj.pk, "")
        return f"{obj.name}{PATH_SEP}{path}" if path else obj.name

    def home_default(self):
        """The user's own unit if it may be chosen here, else nothing."""
        ids = home_org_ids(current_actor().user)
        if not ids:
            return None
        allowed = set(self.queryset.filter(pk__in=ids).values_list("pk", flat=True))
        return next((pk for pk in ids if pk in allowed), None)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        if getattr(self.initial, "__self__", None) is self:
            result.initial = result.home_default
        return result


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
