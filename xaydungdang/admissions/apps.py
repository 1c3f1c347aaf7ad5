from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "xaydungdang.admissions"
    label = "admissions"
    verbose_name = "Phát triển đảng viên"

    def ready(self):
        from xaydungdang.admissions import deadlines, screens  # noqa: F401  (screens: its table on core/generic.py)

        deadlines.register()  # admission_decision, admission_ceremony (core/deadlines.py)
