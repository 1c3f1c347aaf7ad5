from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "xaydungdang.activities"
    label = "activities"
    verbose_name = "Hoạt động"
