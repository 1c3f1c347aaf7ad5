from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "xaydungdang.reviews"
    label = "reviews"
    verbose_name = "Đánh giá, sàng lọc"

    def ready(self):
        import datetime as dt

        from xaydungdang.members import hooks
        from xaydungdang.reviews import screens  # noqa: F401  (its tables on the generic screens, core/generic.py)
        from xaydungdang.reviews.models import Rating, Screening

        # A screening counts where the member was when listed; a yearly rating where they were on 31/12.
        hooks.register_owner_cell_records(hooks.OwnerCellRecords(Screening, "member", "listed_on"))
        hooks.register_owner_cell_records(
            hooks.OwnerCellRecords(Rating, "subject_member", "year", lambda year: dt.date(year, 12, 31))
        )
        # The member's dossier lists them (members/templates/members/_records.html).
        hooks.register_dossier_records("ratings", lambda m: Rating.objects.filter(subject_member=m).order_by("-year"))
        hooks.register_dossier_records(
            "screenings", lambda m: Screening.objects.filter(member=m).order_by("-listed_on")
        )
