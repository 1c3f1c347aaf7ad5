from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xaydungdang.accounts"
    label = "accounts"
    verbose_name = "Người dùng và phân quyền"
