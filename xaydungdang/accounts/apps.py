from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xaydungdang.accounts"
    label = "accounts"
    verbose_name = "Người dùng và phân quyền"

    def ready(self):
        from xaydungdang.accounts import (
            authority,
            scope,
            signals,  # noqa: F401  (login, logout and lockout audit)
        )
        from xaydungdang.core import access

        # The domain apps reach the scope through core/access.py (they sit below accounts).
        access.register(
            scope_for=scope.scope_for,
            can=scope.can,
            restrict=scope.restrict,
            within=scope.within,
            require_org=scope.require_org,
            require_member=scope.require_member,
            require_for_values=authority.require_for_values,
            require_for_record=authority.require_for_record,
            may_correct=authority.may_correct,
            org_in_scope=scope.org_in_scope,
            home_org_ids=scope.home_org_ids,
            member_history_until=scope.member_history_until,
            require_org_on=scope.require_org_on,
        )
