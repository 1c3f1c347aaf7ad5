from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "xaydungdang.organizations"
    label = "organizations"
    verbose_name = "Tổ chức đảng"
