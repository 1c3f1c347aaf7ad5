from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "xaydungdang.members"
    label = "members"
    verbose_name = "Đảng viên"
