from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "xaydungdang.admissions"
    label = "admissions"
    verbose_name = "Phát triển đảng viên"

    def ready(self):
        from xaydungdang.admissions import screens  # noqa: F401  (its table on the generic screens, core/generic.py)
