"""The report workspace (issue 13 items 4 and 5): a report is a document staff finish.

* `ReportDraft`: one edition of a report of a unit, kind and period. Its computed sections come from
  the engine and stay live until it is issued; its written sections (`sections`, keyed by
  `workspace.SECTIONS`) and next year's targets (`targets`) are typed in the page. Issuing freezes the
  engine's data (`frozen`) with the data version it came from, the number and the date; an issued
  edition is never changed again: reopening makes the next edition (`reopened_from`).
* `ReportRevision`: every save of the written text (the versions kept of an edition).
* `ReportRequest` / `RequestUnit`: an upper level asks units of its subtree for their report of a
  kind and period by a deadline; a unit answers with a draft linked to the request (`request`) and
  submits it (`submitted_at`).
"""

from django.conf import settings
from django.db import models

from xaydungdang.core.models import RestrictedQuerySet
from xaydungdang.organizations.models import Organization

KIND_CHOICES = [("annual", "Báo cáo năm"), ("term", "Báo cáo nhiệm kỳ"), ("charter", "Báo cáo thi hành Điều lệ")]


class ReportRequest(models.Model):
    scope_path = "org"
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="cấp yêu cầu")
    kind = models.CharField("loại báo cáo", max_length=16, choices=KIND_CHOICES)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    deadline = models.DateField("hạn nộp")
    note = models.TextField("hướng dẫn", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người gửi"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Yêu cầu báo cáo #{self.pk}"


class RequestUnit(models.Model):
    scope_path = "unit"
    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="report_request_unit_once")]


class ReportDraft(models.Model):
    scope_path = "org"
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="tổ chức đảng")
    kind = models.CharField("loại báo cáo", max_length=16, choices=KIND_CHOICES)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    edition = models.PositiveIntegerField("phiên bản", default=1)
    reopened_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    request = models.ForeignKey(ReportRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="drafts")
    sections = models.JSONField(default=dict)
    targets = models.JSONField(default=dict)
    revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người lập"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    # Issuing: number and date, the engine's data frozen with the data version it came from.
    issued_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    number = models.CharField("số", max_length=20, blank=True)
    issued_on = models.DateField("ngày báo cáo", null=True, blank=True)
    signer = models.CharField("người ký", max_length=120, blank=True)
    frozen = models.JSONField(null=True, blank=True)
    data_version = models.CharField("phiên bản dữ liệu", max_length=100, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-end", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y} (phiên bản {self.edition})"

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None


class ReportRevision(models.Model):
    scope_path = "draft__org"
    draft = models.ForeignKey(ReportDraft, on_delete=models.CASCADE, related_name="revisions")
    no = models.PositiveIntegerField()
    sections = models.JSONField(default=dict)
    targets = models.JSONField(default=dict)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-no"]
        constraints = [models.UniqueConstraint(fields=["draft", "no"], name="report_revision_once")]
