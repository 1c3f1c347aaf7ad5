from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "xaydungdang.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu tỉnh Sóc Trăng"
