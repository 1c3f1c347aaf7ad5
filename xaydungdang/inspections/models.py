"""Inspection and supervision cases, and party discipline."""

from django.db import models

from xaydungdang.core.constraints import not_before, one_subject
from xaydungdang.core.models import ActiveQuerySet, VoidableRecord
from xaydungdang.core.subjects import SubjectRecord
from xaydungdang.organizations.models import Organization


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", "Kiểm tra"
    SUPERVISION = "supervision", "Giám sát"


class Inspection(SubjectRecord, VoidableRecord):
    scope_owner = "org"  # a record about an organization is also seen by the inspecting body
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("org_id",)
    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="inspections", verbose_name="cấp kiểm tra"
    )
    kind = models.CharField("hình thức", max_length=12, choices=InspectionKind.choices)
    started_on = models.DateField("ngày bắt đầu", db_index=True)
    concluded_on = models.DateField("ngày kết luận", null=True, blank=True)
    violation = models.BooleanField("có vi phạm", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "id"]
        constraints = [
            one_subject("inspection_one_subject"),
            not_before("started_on", "concluded_on", "inspection_concluded_after_start"),
        ]
        verbose_name = "cuộc kiểm tra, giám sát"
        verbose_name_plural = "kiểm tra, giám sát"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on:%d/%m/%Y}"


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DISMISSAL = "dismissal", "Cách chức"
    EXPULSION = "expulsion", "Khai trừ"
    DISSOLUTION = "dissolution", "Giải tán"


class Discipline(SubjectRecord, VoidableRecord):
    scope_owner = "decided_by"  # a record about an organization is also seen by the deciding body
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("decided_by_id",)
    decided_by = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="disciplines_decided", verbose_name="cấp quyết định"
    )
    level = models.CharField("hình thức kỷ luật", max_length=12, choices=DisciplineLevel.choices)
    decided_on = models.DateField("ngày quyết định", db_index=True)
    reason = models.TextField("lý do", blank=True)
    # Derived: the member's cell at decided_on (for an expulsion, the cell left).
    cell = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "id"]
        constraints = [one_subject("discipline_one_subject")]
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.decided_on:%d/%m/%Y}"
