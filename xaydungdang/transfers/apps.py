from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "xaydungdang.transfers"
    label = "transfers"
    verbose_name = "Chuyển sinh hoạt đảng"

    def ready(self):
        from xaydungdang.core import deadlines
        from xaydungdang.transfers import deadlines as transfer_deadlines

        # The transfer deadlines in the one registry (core/deadlines.py, docs/procedures.md).
        for kind, label, provider in transfer_deadlines.PROVIDERS:
            deadlines.register(kind, label, provider)
