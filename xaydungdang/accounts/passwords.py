"""Password validators with Vietnamese messages.

Django's Vietnamese catalogue lacks a usable plural form for the length message, so it came
out in English; the others are translated but we keep all wording here in one place.
"""

from django.contrib.auth import password_validation as base
from django.core.exceptions import ValidationError


class MinimumLengthValidator(base.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password or "") < self.min_length:
            raise ValidationError(
                f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return f"Mật khẩu phải có ít nhất {self.min_length} ký tự."


class CommonPasswordValidator(base.CommonPasswordValidator):
    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError("Mật khẩu này quá phổ biến, dễ bị đoán", code="password_too_common")

    def get_help_text(self):
        return "Không dùng mật khẩu phổ biến."


class NumericPasswordValidator(base.NumericPasswordValidator):
    def validate(self, password, user=None):
        if (password or "").isdigit():
            raise ValidationError("Mật khẩu không được chỉ gồm chữ số", code="password_entirely_numeric")

    def get_help_text(self):
        return "Mật khẩu không được chỉ gồm chữ số."


class UserAttributeSimilarityValidator(base.UserAttributeSimilarityValidator):
    LABELS = {"username": "tên đăng nhập", "first_name": "họ tên", "last_name": "họ tên", "email": "thư điện tử"}

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as exc:
            field = (exc.params or {}).get("verbose_name", "")
            label = (
                next(
                    (v for k, v in self.LABELS.items() if str(field) == str(user._meta.get_field(k).verbose_name)),
                    "thông tin cá nhân",
                )
                if user is not None
                else "thông tin cá nhân"
            )
            raise ValidationError(f"Mật khẩu quá giống {label}", code="password_too_similar")

    def get_help_text(self):
        return "Mật khẩu không được giống tên đăng nhập hay họ tên."
