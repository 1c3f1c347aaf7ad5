"""The password policy speaks Vietnamese (Django's own catalogue left one message in English)."""

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils import translation

ENGLISH = ("password", "too", "short", "common", "numeric", "similar", "must")


@pytest.mark.parametrize(
    "password, expected",
    [
        ("abc", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự"),
        ("password123", "Mật khẩu này quá phổ biến, dễ bị đoán"),
        ("98765432109876", "Mật khẩu không được chỉ gồm chữ số"),
        ("nguyenvanan2", "Mật khẩu quá giống tên đăng nhập"),
    ],
)
def test_messages_are_vietnamese(password, expected):
    user = get_user_model()(username="nguyenvanan", first_name="Nguyễn Văn An")
    with translation.override("vi"):
        with pytest.raises(ValidationError) as err:
            password_validation.validate_password(password, user)
    assert expected in err.value.messages
    for message in err.value.messages:
        assert not any(word in message.lower().split() for word in ENGLISH), message


def test_help_texts_are_vietnamese():
    texts = password_validation.password_validators_help_texts()
    assert len(texts) == 4 and all("mật khẩu" in t.lower() for t in texts)


def test_a_good_password_passes():
    password_validation.validate_password("Chi-bo-ap-Mot-2025", get_user_model()(username="an"))
