from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "xaydungdang.transfers"
    label = "transfers"
    verbose_name = "Chuyển sinh hoạt đảng"

    def ready(self):
        from xaydungdang.core import deadlines
        from xaydungdang.members import hooks
        from xaydungdang.transfers import deadlines as transfer_deadlines
        from xaydungdang.transfers.models import Transfer

        # The transfer deadlines in the one registry (core/deadlines.py, docs/procedures.md).
        for kind, label, provider in transfer_deadlines.PROVIDERS:
            deadlines.register(kind, label, provider)
        # The member's dossier lists them (members/templates/members/_records.html).
        hooks.register_dossier_records(
            "transfers",
            lambda m: Transfer.objects.active().filter(member=m).select_related("from_cell", "to_cell"),
        )
