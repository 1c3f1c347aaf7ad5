from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xaydungdang.reports"
    label = "reports"
    verbose_name = "Báo cáo"
