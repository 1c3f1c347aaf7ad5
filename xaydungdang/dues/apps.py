from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "xaydungdang.dues"
    label = "dues"
    verbose_name = "Đảng phí"

    def ready(self):
        from xaydungdang.dues import ledger
        from xaydungdang.dues.models import DuesBase
        from xaydungdang.members import hooks

        # The member's dossier lists them (members/templates/members/_records.html).
        hooks.register_dossier_records(
            "dues_bases", lambda m: DuesBase.objects.active().filter(member=m).order_by("-valid_from")
        )
        hooks.register_dossier_records("dues_history", lambda m: ledger.history(m.id))
