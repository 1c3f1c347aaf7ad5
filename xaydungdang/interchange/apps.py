from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "xaydungdang.interchange"
    label = "interchange"
    verbose_name = "Trao đổi dữ liệu"
