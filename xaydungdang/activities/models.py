"""Classes, dialogues, documents, awards and cadre work: dated activity records."""

from django.db import models

from xaydungdang.core.constraints import not_before, one_subject
from xaydungdang.core.models import ActiveQuerySet, VoidableRecord
from xaydungdang.core.subjects import SubjectRecord
from xaydungdang.organizations.models import Organization


class ClassKind(models.TextChoices):
    RESOLUTION_STUDY = "resolution_study", "Quán triệt nghị quyết, chỉ thị"
    THEMATIC = "thematic", "Học tập chuyên đề"
    PARTY_AWARENESS = "party_awareness", "Bồi dưỡng nhận thức về Đảng"
    NEW_MEMBER = "new_member", "Lý luận chính trị cho đảng viên mới"
    OTHER = "other", "Lớp khác"


class TrainingClass(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("org_id",)
    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="classes", verbose_name="đơn vị tổ chức"
    )
    kind = models.CharField("loại lớp", max_length=20, choices=ClassKind.choices)
    title = models.CharField("tên lớp", max_length=255, blank=True)
    started_on = models.DateField("ngày khai giảng", db_index=True)
    ended_on = models.DateField("ngày bế giảng", null=True, blank=True)
    participants = models.PositiveIntegerField("số lượt người")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "id"]
        constraints = [not_before("started_on", "ended_on", "class_ends_after_start")]
        verbose_name = "lớp học"
        verbose_name_plural = "lớp học, học tập, quán triệt"

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class Dialogue(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("org_id",)
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="dialogues", verbose_name="cấp ủy")
    held_on = models.DateField("ngày đối thoại", db_index=True)
    host = models.CharField("người chủ trì", max_length=255, blank=True)
    cases = models.PositiveIntegerField("số vụ việc")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name = "buổi đối thoại"
        verbose_name_plural = "đối thoại trực tiếp với Nhân dân"

    def __str__(self) -> str:
        return f"Đối thoại {self.held_on:%d/%m/%Y}"


class DocumentType(models.TextChoices):
    PROGRAM = "program", "Chương trình"
    REGULATION = "regulation", "Quy định"
    DECISION = "decision", "Quyết định"
    CONCLUSION = "conclusion", "Kết luận"
    PLAN = "plan", "Kế hoạch"
    PROJECT = "project", "Đề án"
    DIRECTIVE = "directive", "Chỉ thị"
    RESOLUTION = "resolution", "Nghị quyết"
    REPORT = "report", "Báo cáo"
    GUIDELINE = "guideline", "Hướng dẫn"
    OTHER = "other", "Văn bản khác"


class Document(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("org_id",)
    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="documents", verbose_name="cơ quan ban hành"
    )
    number = models.CharField("số, ký hiệu", max_length=64, blank=True)
    type = models.CharField("loại văn bản", max_length=12, choices=DocumentType.choices)
    issued_on = models.DateField("ngày ban hành", db_index=True)
    title = models.CharField("trích yếu", max_length=500, blank=True)
    concretizes = models.CharField("cụ thể hóa văn bản", max_length=64, blank=True)
    is_review = models.BooleanField("văn bản sơ kết, tổng kết", default=False)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "id"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"

    def __str__(self) -> str:
        return self.number or self.title or self.get_type_display()


class AwardKind(models.TextChoices):
    FLAG = "flag", "Cờ"
    CERTIFICATE_OF_MERIT = "certificate_of_merit", "Bằng khen"
    COMMENDATION = "commendation", "Giấy khen"
    OTHER = "other", "Hình thức khác"


class Award(SubjectRecord, VoidableRecord):
    scope_owner = "granted_by"  # a record about an organization is also seen by the granting body
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("granted_by_id",)
    granted_by = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="awards_granted", verbose_name="cấp khen thưởng"
    )
    award = models.CharField("hình thức", max_length=24, choices=AwardKind.choices)
    granted_on = models.DateField("ngày khen thưởng", db_index=True)
    reason = models.TextField("thành tích", blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_on", "id"]
        constraints = [one_subject("award_one_subject")]
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"

    def __str__(self) -> str:
        return f"{self.get_award_display()} {self.granted_on:%d/%m/%Y}"


class CadreKind(models.TextChoices):
    PERSONNEL = "personnel", "Công tác cán bộ (bổ nhiệm, giới thiệu ứng cử, điều động, luân chuyển)"
    TRAINING = "training", "Cử đi đào tạo, bồi dưỡng"
    PLANNING = "planning", "Quy hoạch"
    CONFIDENCE_VOTE = "confidence_vote", "Lấy phiếu tín nhiệm"
    OTHER = "other", "Khác"


class CadreAction(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("org_id",)
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="cadre_actions", verbose_name="cấp ủy")
    kind = models.CharField("loại việc", max_length=16, choices=CadreKind.choices)
    on = models.DateField("ngày", db_index=True)
    count = models.PositiveIntegerField("số trường hợp", default=1)
    note = models.TextField("ghi chú", blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "id"]
        verbose_name = "công tác cán bộ"
        verbose_name_plural = "công tác cán bộ"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"
