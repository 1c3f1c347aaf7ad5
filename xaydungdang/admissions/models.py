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


# ---------------------------------------------------------------------------------------------
# Candidates (quần chúng ưu tú) and the dated steps of their admission (issue 14 item 2).


class Union(models.TextChoices):
    """The mass organization that introduces the candidate (rules.md §2: Đoàn or Công đoàn)."""

    YOUTH = "doan", "Đoàn Thanh niên"
    TRADE = "cong_doan", "Công đoàn"
    NONE = "none", "Không là đoàn viên (hai đảng viên chính thức giới thiệu)"


class StepKind(models.TextChoices):
    """The steps after the candidate is identified (the Candidate row itself), in their order."""

    AWARENESS = "awareness", "Học lớp bồi dưỡng nhận thức về Đảng"
    DOSSIER = "dossier", "Đơn và hồ sơ xin vào Đảng"
    VERIFICATION = "verification", "Thẩm tra lý lịch"
    CELL_RESOLUTION = "cell_resolution", "Nghị quyết chi bộ đề nghị kết nạp"
    DECISION = "decision", "Quyết định kết nạp của cấp ủy có thẩm quyền"
    CEREMONY = "ceremony", "Lễ kết nạp"


STEP_ORDER = list(StepKind.values)


class Candidate(VoidableRecord):
    """A quần chúng ưu tú followed by a cell toward admission. The personal data becomes the
    member's at the ceremony (members.actions.admit)."""

    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "cell"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("cell_id",)
    cell = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="candidates", verbose_name="chi bộ")
    full_name = models.CharField("họ và tên", max_length=255)
    gender = models.CharField("giới tính", max_length=8)
    birth_date = models.DateField("ngày sinh")
    ethnicity = models.CharField("dân tộc", max_length=64, default="Kinh")
    religion = models.CharField("tôn giáo", max_length=64, blank=True)
    national_id = models.CharField("số định danh cá nhân", max_length=12, blank=True)
    hometown = models.CharField("quê quán", max_length=255, blank=True)
    residence = models.CharField("nơi cư trú", max_length=255, blank=True)
    general_education = models.CharField("giáo dục phổ thông", max_length=16, blank=True)
    occupation = models.CharField("nghề nghiệp", max_length=24, blank=True)
    admission_exception = models.BooleanField("ngoài độ tuổi (có văn bản đồng ý của cấp có thẩm quyền)", default=False)
    identified_on = models.DateField("ngày đưa vào danh sách quần chúng ưu tú")
    note = models.TextField("ghi chú", blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["cell", "identified_on", "id"]
        verbose_name = "quần chúng ưu tú"
        verbose_name_plural = "quần chúng ưu tú"

    def __str__(self) -> str:
        return self.full_name


class CandidateStep(VoidableRecord):
    """One dated step of a candidate's admission. Only the last active step may be voided."""

    scope_path = "candidate__cell"
    authority_fields = ("org_id",)
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="steps", verbose_name="quần chúng")
    # The candidate's cell, copied (authority, scope of the audit entry).
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="chi bộ")
    kind = models.CharField("bước", max_length=24, choices=StepKind.choices)
    on = models.DateField("ngày")
    number = models.CharField("số văn bản", max_length=64, blank=True)
    # awareness: the certificate's number is `number`, its date `on` (valid 5 years).
    # dossier: the papers and the introducers.
    application_on = models.DateField("ngày làm đơn", null=True, blank=True)
    background_on = models.DateField("ngày khai lý lịch", null=True, blank=True)
    introducer1 = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="đảng viên giới thiệu thứ nhất",
    )
    introducer2 = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="đảng viên giới thiệu thứ hai",
    )
    union = models.CharField("đoàn thể giới thiệu", max_length=16, choices=Union.choices, blank=True)
    union_resolution_on = models.DateField("ngày nghị quyết giới thiệu của đoàn thể", null=True, blank=True)
    residence_comments_on = models.DateField("ngày nhận xét của chi ủy nơi cư trú", null=True, blank=True)
    # cell_resolution: the vote.
    members_total = models.PositiveIntegerField("số đảng viên chính thức", null=True, blank=True)
    members_present = models.PositiveIntegerField("số đảng viên chính thức có mặt", null=True, blank=True)
    votes_for = models.PositiveIntegerField("số tán thành", null=True, blank=True)
    # decision: who decides, and when the cell received it.
    deciding_org = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cấp ủy quyết định",
    )
    delegated = models.BooleanField("đảng ủy cơ sở được ủy quyền kết nạp", default=False)
    committee_resolution_on = models.DateField("ngày nghị quyết của đảng ủy cơ sở", null=True, blank=True)
    committee_resolution_no = models.CharField("số nghị quyết của đảng ủy cơ sở", max_length=64, blank=True)
    received_on = models.DateField("ngày chi bộ nhận quyết định", null=True, blank=True)
    # ceremony: the member it made (members.actions.admit).
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="đảng viên"
    )
    note = models.TextField("ghi chú", blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["candidate", "on", "id"]
        verbose_name = "bước kết nạp"
        verbose_name_plural = "bước kết nạp"
        indexes = [models.Index(fields=["kind", "on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"
