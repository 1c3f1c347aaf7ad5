from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "xaydungdang.web"
    label = "web"
    verbose_name = "Giao diện web"

    def ready(self):
        # The shell wires what the lower apps ask for without importing it: the data version the
        # caches key on (core/cache.py) and the member counts the organization API shows.
        from xaydungdang.core import cache
        from xaydungdang.organizations import hooks
        from xaydungdang.web.cache import data_version
        from xaydungdang.web.counts import members_by_org

        cache.register_data_version(data_version)
        hooks.register(members_by_org=members_by_org)
