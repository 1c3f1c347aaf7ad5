from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "xaydungdang.organizations"
    label = "organizations"
    verbose_name = "Tổ chức đảng"

    def ready(self):
        from xaydungdang.core.forms import register_pickers
        from xaydungdang.organizations import pickers

        # core/forms.py's organization pickers write each organization's path (core sits below us).
        register_pickers(paths=pickers.org_paths, find=pickers.find_one)
