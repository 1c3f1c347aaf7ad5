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
        hooks.register_dossier_records("transfer_events_bare", _bare_events)


def _bare_events(member):
    """The member's transfer events recorded without a Transfer (their metadata may be added)."""
    from xaydungdang.members.models import EventType, MemberEvent
    from xaydungdang.transfers.models import Transfer

    carried = Transfer.objects.active().filter(member=member, event__isnull=False).values("event_id")
    types = (EventType.TRANSFERRED, EventType.TRANSFERRED_OUT, EventType.TEMPORARY_OUT)
    return MemberEvent.objects.active().filter(member=member, type__in=types).exclude(id__in=carried)
