"""Admission targets (chỉ tiêu kết nạp)."""

from django.db import models

from xaydungdang.core.constraints import not_before
from xaydungdang.core.models import ActiveQuerySet, VoidableRecord
from xaydungdang.organizations.models import Organization


class Target(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("org_id",)
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="targets", verbose_name="tổ chức")
    period = models.CharField("kỳ", max_length=16, help_text="2023 hoặc 2020-2025")
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)
    indicator = models.CharField("chỉ tiêu", max_length=32, default="admissions")
    value = models.PositiveIntegerField("giá trị")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["org", "period_start"]
        constraints = [not_before("period_start", "period_end", "target_period_ordered")]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.org.code} {self.period}: {self.value}"


def parse_period(text: str):
    """'2023' -> (2023-01-01, 2023-12-31); '2020-2025' -> (2020-01-01, 2025-12-31)."""
    import datetime as dt

    text = str(text).strip().replace("–", "-").replace(" ", "")
    if text.endswith(".0"):
        text = text[:-2]
    parts = text.split("-")
    if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) == 4:
        year = int(parts[0])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if len(parts) == 2 and all(p.isdigit() and len(p) == 4 for p in parts) and int(parts[0]) <= int(parts[1]):
        return dt.date(int(parts[0]), 1, 1), dt.date(int(parts[1]), 12, 31)
    raise ValueError(text)
