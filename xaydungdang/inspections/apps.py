from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "xaydungdang.inspections"
    label = "inspections"
    verbose_name = "Kiểm tra, giám sát, kỷ luật"

    def ready(self):
        from xaydungdang.inspections import screens  # noqa: F401  (its tables on the generic screens, core/generic.py)
        from xaydungdang.inspections.models import Discipline, Inspection
        from xaydungdang.members import hooks
        from xaydungdang.members.lifecycle import EXPELLED, Step

        def expulsions(member_id=None):
            """An expulsion (khai trừ) of a member ends the membership on its date."""
            rows = Discipline.objects.active().filter(subject_member__isnull=False, level="expulsion")
            if member_id is not None:
                rows = rows.filter(subject_member_id=member_id)
            for d_id, m_id, on in rows.values_list("id", "subject_member_id", "decided_on"):
                yield m_id, Step(("discipline", d_id), EXPELLED, on)

        hooks.register_step_source(expulsions)
        hooks.register_owner_cell_records(hooks.OwnerCellRecords(Discipline, "subject_member", "decided_on"))
        # The member's dossier lists them (members/templates/members/_records.html).
        hooks.register_dossier_records(
            "disciplines",
            lambda m: Discipline.objects.filter(subject_member=m).select_related("decided_by").order_by("-decided_on"),
        )
        hooks.register_dossier_records(
            "inspections",
            lambda m: Inspection.objects.filter(subject_member=m).select_related("org").order_by("-started_on"),
        )
