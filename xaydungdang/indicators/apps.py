from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "xaydungdang.indicators"
    label = "indicators"
    verbose_name = "Chỉ tiêu thống kê"
