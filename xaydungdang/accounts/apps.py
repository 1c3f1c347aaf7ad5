from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xaydungdang.accounts"
    label = "accounts"
    verbose_name = "Người dùng và phân quyền"

    def ready(self):
        from xaydungdang.accounts import signals  # noqa: F401  (login, logout and lockout audit)
