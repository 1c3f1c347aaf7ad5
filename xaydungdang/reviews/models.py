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


class NotRatedReason(models.TextChoices):
    EXEMPT = "exempt", "Được miễn công tác, sinh hoạt đảng"
    SUSPENDED = "suspended", "Đang bị đình chỉ sinh hoạt đảng"
    NEW_MEMBER = "new_member", "Kết nạp chưa đủ 6 tháng"
    OTHER = "other", "Lý do khác"


class Rating(SubjectRecord, VoidableRecord):
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("cell_id",)
    year = models.PositiveSmallIntegerField("năm", db_index=True)
    # The period (reviews/rulesets.py): "" for the yearly rating of `year` (version-1 rows), else
    # 2025-Q3, 2020-2025 or 2025-10-15; `year` is the year the period ends.
    period = models.CharField("kỳ đánh giá", max_length=10, blank=True, default="")
    ruleset = models.CharField("quy định áp dụng", max_length=16, blank=True, default="")
    level = models.CharField("mức xếp loại", max_length=12, choices=RatingLevel.choices, blank=True)
    score = models.PositiveSmallIntegerField("điểm (thang 100)", null=True, blank=True)
    rated_by = models.CharField("cấp xếp loại", max_length=64, blank=True)
    not_rated = models.CharField("không xếp loại", max_length=12, choices=NotRatedReason.choices, blank=True)
    not_rated_note = models.CharField("ghi chú không xếp loại", max_length=200, blank=True)
    # 366-QĐ/TW's extra conditions of "xuất sắc" (None: not recorded) and its listed violations.
    tasks_on_time = models.BooleanField("hoàn thành 100% nhiệm vụ đúng hạn", null=True, blank=True)
    exceeding_targets = models.BooleanField("≥ 30% chỉ tiêu vượt mức", null=True, blank=True)
    disciplined = models.BooleanField("bị kỷ luật trong kỳ", default=False)
    violation = models.CharField("vi phạm thuộc trường hợp không hoàn thành", max_length=200, blank=True)
    # The round: the member's self-assessment, the cell's proposal, the committee's decision.
    self_level = models.CharField("tự đánh giá: mức", max_length=12, choices=RatingLevel.choices, blank=True)
    self_score = models.PositiveSmallIntegerField("tự đánh giá: điểm", null=True, blank=True)
    self_on = models.DateField("ngày tự đánh giá", null=True, blank=True)
    proposed_level = models.CharField("chi bộ đề xuất: mức", max_length=12, choices=RatingLevel.choices, blank=True)
    proposed_score = models.PositiveSmallIntegerField("chi bộ đề xuất: điểm", null=True, blank=True)
    proposed_on = models.DateField("ngày chi bộ đề xuất", null=True, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
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
                condition=models.Q(subject_type="member", voided_at__isnull=True, period=""),
            ),
        ]
        # One active rating per subject and period (reviews/rules.py says so in Vietnamese first).
        constraints = [
            models.UniqueConstraint(
                fields=["subject_member", "year", "period"],
                name="rating_one_per_member_period",
                condition=models.Q(voided_at__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["subject_org", "year", "period"],
                name="rating_one_per_org_period",
                condition=models.Q(voided_at__isnull=True),
            ),
            models.CheckConstraint(
                condition=~models.Q(level="") | ~models.Q(not_rated=""),
                name="rating_level_or_not_rated",
                violation_error_message="Chọn mức xếp loại hoặc lý do không xếp loại.",
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
        what = self.get_level_display() or f"không xếp loại ({self.get_not_rated_display()})"
        return f"{self.period or self.year}: {what}"


# The fields of issue 16 after `period`, in the order of the interchange's `ratings` columns.
RATING_ROUND_FIELDS = (
    "not_rated",
    "not_rated_note",
    "tasks_on_time",
    "exceeding_targets",
    "disciplined",
    "violation",
    "self_level",
    "self_score",
    "self_on",
    "proposed_level",
    "proposed_score",
    "proposed_on",
    "decided_on",
)


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
