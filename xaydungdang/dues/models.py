"""Party dues (đảng phí): each member's dated dues base and the payments of each month.

Money is integer đồng everywhere (never floats). The amount due for a month is not stored: it is
computed by the regime of that month (dues/regimes.py) from the base in force (dues/ledger.py).
"""

from django.db import models

from xaydungdang.core.models import ActiveQuerySet, VoidableRecord
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization


class Category(models.TextChoices):
    SALARIED = "salaried", "Hưởng lương, tham gia bảo hiểm xã hội"
    BENEFIT = "benefit", "Hưởng trợ cấp ốm đau, thai sản"
    PENSIONER = "pensioner", "Hưởng lương hưu, trợ cấp bảo hiểm xã hội"
    STUDENT = "student", "Học sinh, sinh viên"
    OTHER = "other", "Đảng viên khác"


# Categories whose amount is a percentage of a base (the base is required); the others pay fixed amounts.
BASED_CATEGORIES = (Category.SALARIED, Category.BENEFIT, Category.PENSIONER)
REDUCTIONS = (0, 30, 50, 70)


class ExemptReason(models.TextChoices):
    PARTY_AGE = "party_age", "Có 50 năm tuổi đảng trở lên"
    SOCIAL_PENSION = "social_pension", "Hưởng trợ cấp hưu trí xã hội"
    POOR = "poor", "Thuộc hộ nghèo, cận nghèo"
    ILLNESS = "illness", "Mắc bệnh hiểm nghèo"
    OTHER = "other", "Lý do khác"


class Channel(models.TextChoices):
    CASH = "cash", "Tiền mặt, nộp cho chi bộ"
    PORTAL = "portal", "Cổng Dịch vụ công Quốc gia"


class DuesBase(VoidableRecord):
    """From `valid_from` (its month counts) the member pays by this category and base, until the
    next active row of the member. A reduction lasts at most 12 months from the row's month."""

    scope_path = "member__current_cell"
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_bases", verbose_name="đảng viên")
    category = models.CharField("đối tượng", max_length=16, choices=Category.choices)
    base = models.PositiveBigIntegerField("căn cứ tính (đồng/tháng)", null=True, blank=True)
    valid_from = models.DateField("áp dụng từ ngày")
    reduction_pct = models.PositiveSmallIntegerField(
        "giảm (%)", default=0, choices=[(p, f"{p}%" if p else "Không giảm") for p in REDUCTIONS]
    )
    exempt = models.BooleanField("miễn đóng", default=False)
    exempt_reason = models.CharField("lý do miễn", max_length=16, choices=ExemptReason.choices, blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["member", "valid_from", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "valid_from"],
                name="duesbase_one_per_member_day",
                condition=models.Q(voided_at__isnull=True),
            ),
            models.CheckConstraint(
                condition=models.Q(reduction_pct__in=REDUCTIONS),
                name="duesbase_reduction_known",
                violation_error_message="Mức giảm chỉ có thể là 30%, 50% hoặc 70%.",
            ),
        ]
        verbose_name = "mức đóng đảng phí"
        verbose_name_plural = "mức đóng đảng phí"

    def __str__(self) -> str:
        return f"{self.member} từ {self.valid_from:%d/%m/%Y}: {self.get_category_display()}"


class DuesPayment(VoidableRecord):
    """Dues paid by a member for one month (`month` is the month's first day). A month may have
    several payments (a remainder paid later); portal payments keep the portal's transaction id."""

    scope_path = "member__current_cell"
    authority_fields = ("cell_id",)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_payments", verbose_name="đảng viên")
    month = models.DateField("tháng", db_index=True)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    paid_on = models.DateField("ngày nộp")
    channel = models.CharField("hình thức", max_length=8, choices=Channel.choices, default=Channel.CASH)
    receipt_no = models.CharField("số biên lai", max_length=32, blank=True)
    transaction_id = models.CharField("mã giao dịch", max_length=64, blank=True)
    # Derived: the member's cell in that month, for the cell's ledger and the unit report.
    cell = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["month", "member", "id"]
        indexes = [models.Index(fields=["member", "month"]), models.Index(fields=["cell", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["transaction_id"],
                name="duespayment_transaction_once",
                condition=models.Q(voided_at__isnull=True) & ~models.Q(transaction_id=""),
                violation_error_message="Giao dịch này đã được ghi.",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="duespayment_amount_positive",
                violation_error_message="Số tiền phải lớn hơn 0.",
            ),
        ]
        verbose_name = "khoản thu đảng phí"
        verbose_name_plural = "thu đảng phí"

    def __str__(self) -> str:
        return f"{self.member} tháng {self.month:%m/%Y}: {self.amount} đ"
