from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "xaydungdang.web"
    label = "web"
    verbose_name = "Giao diện web"
