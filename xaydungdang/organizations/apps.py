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

        from xaydungdang.core import deadlines
        from xaydungdang.organizations.tree import load_tree

        # The deadline registry's subtree of an organization on a day (core sits below the tree).
        deadlines.register_subtree(
            lambda org_id, on: load_tree().snapshot(on).subtree(org_id),
            tree_on=lambda on: load_tree().snapshot(on),
        )
