from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "xaydungdang.activities"
    label = "activities"
    verbose_name = "Hoạt động"

    def ready(self):
        from xaydungdang.activities import screens  # noqa: F401  (its tables on the generic screens, core/generic.py)
        from xaydungdang.activities.models import Award
        from xaydungdang.members import hooks

        # The member's dossier lists their awards (members/templates/members/_records.html).
        hooks.register_dossier_records(
            "awards",
            lambda m: Award.objects.filter(subject_member=m).select_related("granted_by").order_by("-granted_on"),
        )
