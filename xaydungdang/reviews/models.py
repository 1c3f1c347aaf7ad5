"""Annual quality ratings and screening under Chỉ thị 28-CT/TW."""

from django.db import models

from xaydungdang.core.constraints import not_before, one_subject
from xaydungdang.core.models import ActiveQuerySet, VoidableRecord
from xaydungdang.core.subjects import SubjectRecord
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization


class RatingLevel(models.TextChoices):
    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    COMPLETE = "complete", "Hoàn thành nhiệm vụ"
    INCOMPLETE = "incomplete", "Không hoàn thành nhiệm vụ"


class Rating(SubjectRecord, VoidableRecord):
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("cell_id",)
    year = models.PositiveSmallIntegerField("năm", db_index=True)
    level = models.CharField("mức xếp loại", max_length=12, choices=RatingLevel.choices)
    score = models.PositiveSmallIntegerField("điểm (thang 100)", null=True, blank=True)
    rated_by = models.CharField("cấp xếp loại", max_length=64, blank=True)
    # Derived: a member's cell at 31 December of the year (projection).
    cell = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "id"]
        # The engine reads ratings of one kind of subject for a few years. Members' ratings,
        # counted per year, cell and level, come from the second index alone (an index-only
        # scan, already in group order): nationally 11 million rows in about 1,2 s instead of
        # 3 s reading the table.
        indexes = [
            models.Index(fields=["subject_type", "year"]),
            models.Index(
                fields=["year", "cell", "level"],
                name="rating_member_year_cell_level",
                condition=models.Q(subject_type="member", voided_at__isnull=True),
            ),
        ]
        # One active rating per subject and year (reviews/rules.py says so in Vietnamese first).
        constraints = [
            models.UniqueConstraint(
                fields=["subject_member", "year"],
                name="rating_one_per_member_year",
                condition=models.Q(voided_at__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["subject_org", "year"],
                name="rating_one_per_org_year",
                condition=models.Q(voided_at__isnull=True),
            ),
            one_subject("rating_one_subject"),
            models.CheckConstraint(
                condition=models.Q(score__lte=100),
                name="rating_score_at_most_100",
                violation_error_message="Điểm phải từ 0 đến 100.",
            ),
        ]
        verbose_name = "xếp loại chất lượng"
        verbose_name_plural = "đánh giá, xếp loại chất lượng"

    def __str__(self) -> str:
        return f"{self.year}: {self.get_level_display()}"


class ScreeningOutcome(models.TextChoices):
    PROGRESSED = "progressed", "Công nhận sự tiến bộ"
    CONTINUED = "continued", "Tiếp tục giáo dục, giúp đỡ"
    REMOVED = "removed", "Đưa ra khỏi Đảng"


class Screening(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "member__current_cell"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("cell_id",)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="screenings", verbose_name="đảng viên")
    listed_on = models.DateField("ngày đưa vào danh sách")
    outcome = models.CharField("kết quả", max_length=12, choices=ScreeningOutcome.choices, blank=True)
    outcome_on = models.DateField("ngày có kết quả", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    cell = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-listed_on", "id"]
        constraints = [not_before("listed_on", "outcome_on", "screening_outcome_after_listing")]
        verbose_name = "rà soát, sàng lọc"
        verbose_name_plural = "rà soát, sàng lọc"

    def __str__(self) -> str:
        return f"{self.member} {self.listed_on:%d/%m/%Y}"
