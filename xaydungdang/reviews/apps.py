from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "xaydungdang.reviews"
    label = "reviews"
    verbose_name = "Đánh giá, sàng lọc"

    def ready(self):
        import datetime as dt

        from xaydungdang.members import hooks
        from xaydungdang.reviews.models import Rating, Screening

        # A screening counts where the member was when listed; a yearly rating where they were on 31/12.
        hooks.register_owner_cell_records(hooks.OwnerCellRecords(Screening, "member", "listed_on"))
        hooks.register_owner_cell_records(hooks.OwnerCellRecords(Rating, "subject_member", "year",
                                                                 lambda year: dt.date(year, 12, 31)))
