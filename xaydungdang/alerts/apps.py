from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "xaydungdang.alerts"
    label = "alerts"
    verbose_name = "Cảnh báo"
