from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xaydungdang.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from xaydungdang.core import dbsetup

        dbsetup.install()

        from django.db.models.signals import post_delete, post_save

        from xaydungdang.core import workdays
        from xaydungdang.core.models import DayOff

        post_save.connect(workdays.day_changed, sender=DayOff, dispatch_uid="workdays-dayoff-save")
        post_delete.connect(workdays.day_changed, sender=DayOff, dispatch_uid="workdays-dayoff-delete")
