"""Forms of the user, role, audit and second-factor pages. Validation of business rules
stays in actions.py / user_rules.py; these only read and check the typed values."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from xaydungdang.accounts import audit_trail, scope
from xaydungdang.accounts.models import Role
from xaydungdang.core.dates import parse_date
from xaydungdang.core.forms import StyledForm, member_search_attrs, org_search_attrs
from xaydungdang.core.text import fold, hidden_chars_message
from xaydungdang.members.models import Member
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class DayField(forms.CharField):
    """A day typed as DD/MM/YYYY or YYYY-MM-DD."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs=TEXT | {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            day = parse_date(text)
        except ValueError:
            day = None
        if day is None or not 1900 <= day.year <= 2200:
            raise ValidationError(f'Ngày "{text}" không hợp lệ (ví dụ 31/12/2024).')
        return day


def org_in_scope(user, code: str, action: str = scope.VIEW) -> Organization:
    """An organization by code, only if the user's scope covers it; otherwise the same
    message as for a code that does not exist (existence outside the scope is not revealed)."""
    code = (code or "").strip()
    org = Organization.objects.filter(code=code[:40]).first() if code else None
    if org is None or not scope.scope_for(user, action).covers(org.id):
        # A name typed without accents ("ke sach") names the organization too (issue 12).
        found, candidates = pickers.find_one(user, code[:200], action) if code else (None, [])
        if found is not None:
            return found
        if candidates:
            raise ValidationError(f"Có nhiều tổ chức khớp “{code[:200]}”: {'; '.join(candidates)}. Hãy chọn một.")
        raise ValidationError(f'Không có tổ chức mã "{code[:40]}" trong phạm vi được phân quyền.')
    return org


class AuditFilterForm(forms.Form):
    nguoi_dung = forms.CharField(label="Tài khoản", required=False, max_length=150, widget=forms.TextInput(attrs=TEXT))
    to_chuc = forms.CharField(
        label="Tổ chức (gồm cả cấp dưới)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT | org_search_attrs()),
    )
    dang_vien = forms.CharField(
        label="Đảng viên (số lý lịch hoặc họ tên)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT | member_search_attrs()),
    )
    thao_tac = forms.ChoiceField(label="Thao tác", required=False, widget=forms.Select(attrs=SELECT))
    tu_ngay = DayField(label="Từ ngày")
    den_ngay = DayField(label="Đến ngày")

    GROUPS = [
        ("", "Tất cả"),
        ("login", "Đăng nhập, đăng xuất"),
        ("user", "Người dùng"),
        ("role", "Phân quyền"),
        ("member", "Hồ sơ đảng viên"),
        ("event", "Biến động đảng viên"),
        ("org", "Tổ chức đảng"),
        ("audit", "Xuất nhật ký"),
        ("system", "Hệ thống"),
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["thao_tac"].choices = self.GROUPS + [
            (code, label) for code, label in sorted(audit_trail.VERBS.items(), key=lambda kv: kv[1])
        ]

    def clean_to_chuc(self):
        code = self.cleaned_data["to_chuc"].strip()
        return org_in_scope(self.user, code) if code else None

    def clean_dang_vien(self):
        number = self.cleaned_data["dang_vien"].strip()
        if not number:
            return None
        visible = scope.restrict(Member.objects.all(), self.user)
        member = visible.filter(member_no=number[:32]).first()
        if member is None and fold(number):  # a name: the one member of that name
            named = list(visible.search(number[:200])[:2])
            member = named[0] if len(named) == 1 else None
        if member is None:
            raise ValidationError(f'Không có đảng viên số lý lịch "{number[:32]}" trong phạm vi được phân quyền.')
        return member

    def clean(self):
        data = super().clean()
        if data.get("tu_ngay") and data.get("den_ngay") and data["tu_ngay"] > data["den_ngay"]:
            self.add_error("den_ngay", "Ngày kết thúc phải sau ngày bắt đầu.")
        return data

    def to_filter(self) -> audit_trail.AuditFilter:
        data = self.cleaned_data
        return audit_trail.AuditFilter(
            user=data.get("nguoi_dung") or "",
            org_id=data["to_chuc"].id if data.get("to_chuc") else None,
            member_id=data["dang_vien"].id if data.get("dang_vien") else None,
            action=data.get("thao_tac") or "",
            since=data.get("tu_ngay"),
            until=data.get("den_ngay"),
        )


class PasswordPairMixin:
    """Two password fields that must match and pass the password policy."""

    def _check_pair(self, user):
        first, second = self.cleaned_data.get("mat_khau"), self.cleaned_data.get("nhap_lai")
        if first and second and first != second:
            self.add_error("nhap_lai", "Hai lần nhập mật khẩu không khớp.")
            return
        if first:
            try:
                password_validation.validate_password(first, user)
            except ValidationError as exc:
                self.add_error("mat_khau", exc)


def _password_field(label):
    return forms.CharField(
        label=label,
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs=TEXT | {"autocomplete": "new-password"}),
    )


class UserCreateForm(PasswordPairMixin, forms.Form):
    ten_dang_nhap = forms.RegexField(
        label="Tên đăng nhập",
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": "Tên đăng nhập chỉ gồm chữ, số và các ký tự . @ + - _"},
        widget=forms.TextInput(attrs=TEXT | {"autocomplete": "off"}),
    )
    ho_ten = forms.CharField(label="Họ và tên", max_length=150, required=False, widget=forms.TextInput(attrs=TEXT))
    to_chuc = forms.CharField(
        label="Tổ chức đảng (quyền phủ cả cấp dưới)",
        max_length=200,
        widget=forms.TextInput(attrs=TEXT | org_search_attrs()),
    )
    vai_tro = forms.ChoiceField(label="Vai trò", widget=forms.Select(attrs=SELECT))
    mat_khau = _password_field("Mật khẩu")
    nhap_lai = _password_field("Nhập lại mật khẩu")

    def __init__(self, *args, actor=None, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["vai_tro"].choices = [(r, Role(r).label) for r in roles]
        self.fields["mat_khau"].help_text = " ".join(password_validation.password_validators_help_texts())

    def clean_to_chuc(self):
        return org_in_scope(self.actor, self.cleaned_data["to_chuc"], scope.CHANGE)

    def clean_ho_ten(self):
        message = hidden_chars_message("Họ và tên", self.cleaned_data["ho_ten"])
        if message:
            raise ValidationError(message)
        return self.cleaned_data["ho_ten"]

    def clean_ten_dang_nhap(self):
        name = self.cleaned_data["ten_dang_nhap"].strip()
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise ValidationError(f"Tên đăng nhập {name} đã có.")
        return name

    def clean(self):
        data = super().clean()
        self._check_pair(
            get_user_model()(username=data.get("ten_dang_nhap") or "", first_name=(data.get("ho_ten") or "")[:150])
        )
        return data


class GrantForm(forms.Form):
    to_chuc = forms.CharField(
        label="Tổ chức đảng", max_length=200, widget=forms.TextInput(attrs=TEXT | org_search_attrs())
    )
    vai_tro = forms.ChoiceField(label="Vai trò", widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, actor=None, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["vai_tro"].choices = [(r, Role(r).label) for r in roles]

    def clean_to_chuc(self):
        return org_in_scope(self.actor, self.cleaned_data["to_chuc"], scope.CHANGE)


class PasswordResetForm(PasswordPairMixin, forms.Form):
    mat_khau = _password_field("Mật khẩu mới")
    nhap_lai = _password_field("Nhập lại mật khẩu mới")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["mat_khau"].help_text = " ".join(password_validation.password_validators_help_texts())

    def clean(self):
        data = super().clean()
        self._check_pair(self.user)
        return data


class PasswordChangeForm(PasswordResetForm):
    mat_khau_cu = forms.CharField(
        label="Mật khẩu hiện tại",
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs=TEXT | {"autocomplete": "current-password"}),
    )
    field_order = ["mat_khau_cu", "mat_khau", "nhap_lai"]

    def clean_mat_khau_cu(self):
        if not self.user.check_password(self.cleaned_data["mat_khau_cu"]):
            raise ValidationError("Mật khẩu hiện tại không đúng.")
        return ""


class TokenForm(forms.Form):
    ma = forms.CharField(
        label="Mã xác thực (6 chữ số trên ứng dụng)",
        max_length=16,
        widget=forms.TextInput(
            attrs=TEXT | {"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_ma(self):
        digits = "".join(ch for ch in self.cleaned_data["ma"] if ch.isdigit())
        if len(digits) != 6:
            raise ValidationError("Mã xác thực gồm 6 chữ số.")
        return digits


class LoginForm(AuthenticationForm):
    """Signing in, with Vietnamese labels and messages (django-axes counts failures and locks out)."""

    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "class": "form-control"}),
    )
    password = forms.CharField(
        label="Mật khẩu",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
    )
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Cần nhập tên đăng nhập."
        self.fields["password"].error_messages["required"] = "Cần nhập mật khẩu."


class ApiTokenForm(forms.Form):
    """A new personal API token: a name, a life in days and an optional organization narrowing it."""

    name = forms.CharField(
        label="Tên gợi nhớ",
        max_length=100,
        widget=forms.TextInput(attrs=TEXT | {"placeholder": "ví dụ: Đồng bộ Sổ tay đảng viên"}),
    )
    days = forms.IntegerField(
        label="Thời hạn (ngày)", min_value=1, max_value=3650, initial=90, widget=forms.NumberInput(attrs=TEXT)
    )
    org = forms.ModelChoiceField(
        label="Chỉ trong tổ chức (để trống: toàn bộ phạm vi quyền của anh/chị)",
        queryset=Organization.objects.none(),
        required=False,
        to_field_name="code",
        widget=forms.TextInput(attrs=TEXT | {"placeholder": "mã tổ chức, ví dụ U1"}),
        error_messages={"invalid_choice": "Không có tổ chức mang mã này trong phạm vi quyền của anh/chị."},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.restrict(user)


class DigestForm(StyledForm):
    """One's daily e-mail of open deadlines (accounts/usersettings.py)."""

    deadline_digest = forms.BooleanField(label="Nhận thư nhắc hạn cần xử lý hằng ngày", required=False)
    email = forms.CharField(
        label="Địa chỉ thư điện tử",
        max_length=254,
        required=False,
        help_text="Thư gửi các hạn còn mở trong phạm vi được phân quyền của anh/chị.",
    )
