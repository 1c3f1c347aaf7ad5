"""Log in and out with Vietnamese labels; django-axes counts failures and locks out."""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(label="Tên đăng nhập", max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username",
                                                             "class": "form-control"}))
    password = forms.CharField(label="Mật khẩu", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password",
                                                                 "class": "form-control"}))
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Cần nhập tên đăng nhập."
        self.fields["password"].error_messages["required"] = "Cần nhập mật khẩu."


login = auth_views.LoginView.as_view(template_name="web/auth/login.html", authentication_form=LoginForm,
                                     redirect_authenticated_user=True,
                                     extra_context={"title": "Đăng nhập"})
logout = auth_views.LogoutView.as_view()
