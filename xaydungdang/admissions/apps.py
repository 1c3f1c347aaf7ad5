from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "xaydungdang.admissions"
    label = "admissions"
    verbose_name = "Phát triển đảng viên"
