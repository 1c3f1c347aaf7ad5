from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xaydungdang.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from xaydungdang.core import dbsetup

        dbsetup.install()
