from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "xaydungdang.web"
    label = "web"
    verbose_name = "Giao diện web"

    def ready(self):
        # The shell wires what the lower apps ask for without importing it: the data version the
        # caches key on (core/cache.py) and the member counts the organization API shows.
        from django.db.models.signals import post_save

        from xaydungdang.core import cache, transactions
        from xaydungdang.core.models import AuditEntry
        from xaydungdang.organizations import hooks
        from xaydungdang.web.cache import audit_written, bump_touched, data_version, data_versions
        from xaydungdang.web.counts import members_by_org

        cache.register_data_version(data_version, many=data_versions)
        # Per-subtree data versions: what each write touched (its audit entry) is bumped at its end.
        transactions.register_touched(bump_touched)
        post_save.connect(audit_written, sender=AuditEntry, dispatch_uid="xdd-data-versions")
        # `xdd serve` keeps the dashboards people open computed (web/warm.py).
        from xaydungdang.web import warm

        cache.register_warmer(warm.run)
        hooks.register(members_by_org=members_by_org)
