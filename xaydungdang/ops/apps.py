from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "xaydungdang.ops"
    label = "ops"
    verbose_name = "Vận hành: phục vụ web, sao lưu, khôi phục"
