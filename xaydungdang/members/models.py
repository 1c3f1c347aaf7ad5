"""Members, their append-only event log, and the intervals derived from it."""

from django.db import models

from xaydungdang.core.constraints import not_before
from xaydungdang.core.dates import date_ord
from xaydungdang.core.models import ActiveQuerySet, RestrictedQuerySet, VoidableRecord
from xaydungdang.core.text import fold, name_sort_key, nfc
from xaydungdang.members.attributes import is_ethnic_minority, is_religious
from xaydungdang.organizations.models import Organization


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Qualification(models.TextChoices):
    NONE = "none", "Chưa qua đào tạo"
    ELEMENTARY = "elementary", "Sơ cấp, công nhân kỹ thuật, nhân viên nghiệp vụ"
    INTERMEDIATE = "intermediate", "Trung cấp"  # version 1: `vocational`
    COLLEGE = "college", "Cao đẳng"
    BACHELOR = "bachelor", "Đại học"
    MASTER = "master", "Thạc sĩ"
    DOCTOR = "doctor", "Tiến sĩ"


class PoliticalTheory(models.TextChoices):
    NONE = "none", "Chưa qua đào tạo"
    ELEMENTARY = "elementary", "Sơ cấp"
    INTERMEDIATE = "intermediate", "Trung cấp"
    ADVANCED = "advanced", "Cao cấp"
    BACHELOR = "bachelor", "Cử nhân"


class Occupation(models.TextChoices):
    # The rows of Forms 2 and 3 (spec/forms.md §Categories), in the forms' order; `retired` is
    # Form 3 II.1.b. Version 1's `civil_servant` reads as `state_official`.
    STATE_OFFICIAL = "state_official", "Cán bộ, công chức cơ quan Nhà nước (từ cấp huyện trở lên)"
    PARTY_OFFICIAL = "party_official", "Cán bộ, công chức cơ quan Đảng, MTTQ, đoàn thể (từ cấp huyện trở lên)"
    COMMUNE_OFFICIAL = "commune_official", "Cán bộ, công chức, người hoạt động không chuyên trách cấp xã"
    VILLAGE_WORKER = "village_worker", "Người hoạt động không chuyên trách thôn, tổ dân phố"
    PUBLIC_EMPLOYEE = "public_employee", "Viên chức đơn vị sự nghiệp công lập"
    PRIVATE_SERVICE = "private_service", "Người lao động đơn vị sự nghiệp ngoài công lập"
    ENTERPRISE_MANAGER = "enterprise_manager", "Lãnh đạo, quản lý doanh nghiệp"
    ENTERPRISE = "enterprise", "Nhân viên doanh nghiệp, gián tiếp sản xuất"
    WORKER = "worker", "Công nhân, lao động trực tiếp sản xuất"
    FARMER = "farmer", "Nông, lâm, ngư nghiệp"
    ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
    STUDENT = "student", "Sinh viên"
    PUPIL = "pupil", "Học sinh"
    OTHER = "other", "Khác"
    RETIRED = "retired", "Nghỉ hưu"


class AcademicTitle(models.TextChoices):
    ASSOCIATE_PROFESSOR = "associate_professor", "Phó Giáo sư"
    PROFESSOR = "professor", "Giáo sư"


# Version-1 codes and what they read as (importer, data migration 0006).
OCCUPATION_V1 = {"civil_servant": Occupation.STATE_OFFICIAL}
QUALIFICATION_V1 = {"vocational": Qualification.INTERMEDIATE}


class EventType(models.TextChoices):
    OPENING = "opening", "Số dư đầu kỳ"  # internal: a members row with org_code (interchange)
    ADMITTED = "admitted", "Kết nạp"
    RECOGNIZED_OFFICIAL = "recognized_official", "Công nhận đảng viên chính thức"
    TRANSFERRED = "transferred", "Chuyển sinh hoạt đảng chính thức"
    TRANSFERRED_IN = "transferred_in", "Chuyển đến"
    TRANSFERRED_OUT = "transferred_out", "Chuyển đi"
    AWAY_STARTED = "away_started", "Đi làm ăn xa"
    AWAY_ENDED = "away_ended", "Trở về"
    EXEMPTED = "exempted", "Miễn công tác và sinh hoạt đảng"
    EXEMPTION_ENDED = "exemption_ended", "Thôi miễn công tác và sinh hoạt đảng"
    STRUCK_OFF = "struck_off", "Xóa tên"
    DISMISSED = "dismissed", "Cho ra khỏi Đảng"
    DIED = "died", "Từ trần"
    BADGE_AWARDED = "badge_awarded", "Trao Huy hiệu Đảng"
    CARD_ISSUED = "card_issued", "Phát thẻ đảng viên"
    RESTORED = "restored", "Phục hồi đảng tịch"
    CARD_REISSUED = "card_reissued", "Cấp lại thẻ đảng viên (do mất)"
    CARD_REPLACED = "card_replaced", "Đổi thẻ đảng viên (do hỏng)"
    TEMPORARY_OUT = "temporary_out", "Chuyển sinh hoạt đảng tạm thời"
    TEMPORARY_RETURNED = "temporary_returned", "Trở về sau sinh hoạt tạm thời"


class Counterpart(models.TextChoices):
    """Where the other side of a transfer outside the dataset is (Biểu 1-BTCTW B2a/B2b, C5a/C5b)."""

    OTHER_PROVINCE = "other_province", "Tỉnh khác"
    SAME_PROVINCE = "same_province", "Huyện khác trong tỉnh"


# Events exchanged through member_events (the opening balance travels on the members row).
PUBLIC_EVENT_TYPES = [t for t in EventType.values if t != EventType.OPENING]
ENTRY_TYPES = {EventType.OPENING, EventType.ADMITTED, EventType.TRANSFERRED_IN}
EXIT_TYPES = {EventType.TRANSFERRED_OUT, EventType.STRUCK_OFF, EventType.DISMISSED, EventType.DIED}
REMOVAL_TYPES = {EventType.STRUCK_OFF, EventType.DISMISSED, EventType.DIED}
EVENTS_WITH_CELL = {
    EventType.OPENING,
    EventType.ADMITTED,
    EventType.TRANSFERRED,
    EventType.TRANSFERRED_IN,
    EventType.RESTORED,
}
# The events that may name the other side of a transfer outside the dataset (`counterpart`).
COUNTERPART_TYPES = {EventType.TRANSFERRED_IN, EventType.TRANSFERRED_OUT}
# The events that carry the introduction letter (số, ngày giấy giới thiệu sinh hoạt đảng), and those
# that name the other side of the move (other_org in the system, or other_place outside it).
TRANSFER_LETTER_TYPES = {
    EventType.TRANSFERRED,
    EventType.TRANSFERRED_IN,
    EventType.TRANSFERRED_OUT,
    EventType.TEMPORARY_OUT,
}
PLACE_TYPES = {EventType.TRANSFERRED_IN, EventType.TRANSFERRED_OUT, EventType.TEMPORARY_OUT}
# A card issued, reissued after a loss, exchanged when damaged: `reason` is the card's number.
CARD_TYPES = (EventType.CARD_ISSUED, EventType.CARD_REISSUED, EventType.CARD_REPLACED)


class RemovalReason(models.TextChoices):
    ABANDONED_ACTIVITIES = "abandoned_activities", "Bỏ sinh hoạt đảng"
    UNPAID_DUES = "unpaid_dues", "Không đóng đảng phí"
    PROBATION_FAILED = "probation_failed", "Không được công nhận chính thức"
    NOT_QUALIFIED = "not_qualified", "Không đủ tư cách"
    OWN_REQUEST = "own_request", "Xin ra khỏi Đảng"
    OTHER = "other", "Lý do khác"


class MemberState(models.TextChoices):
    ACTIVE = "active", "Đang sinh hoạt"
    TRANSFERRED_OUT = "transferred_out", "Đã chuyển đi"
    REMOVED = "removed", "Đã ra khỏi Đảng"
    DIED = "died", "Đã từ trần"
    NONE = "none", "Chưa có biến động"


class Status(models.TextChoices):
    PROBATIONARY = "probationary", "Dự bị"
    OFFICIAL = "official", "Chính thức"


class MemberQuerySet(RestrictedQuerySet):
    def search(self, text: str):
        folded = fold(text)
        if not folded:
            return self
        qs = self
        for word in folded.split(" "):
            qs = qs.filter(name_folded__contains=word)
        return qs


# A member's personal data, in the order of the interchange `members` table: one list for the actions,
# the forms, the API and the exporter.
PERSONAL_DATA = (
    "member_no",
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "national_id",
    "hometown",
    "residence",
    "general_education",
    "qualification",
    "political_theory",
    "occupation",
)
# The attributes the statistical forms added (spec/forms.md "Interchange additions").
FORM_ATTRIBUTES = (
    "youth_union_from",
    "youth_union_until",
    "business_owner",
    "foreign_marriage",
    "family_planning_violation",
    "academic_title",
)


class Member(models.Model):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "current_cell"
    member_no = models.CharField("số lý lịch", max_length=32, unique=True)
    full_name = models.CharField("họ và tên", max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    sort_key = models.CharField(max_length=512, db_index=True, editable=False)
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices)
    birth_date = models.DateField("ngày sinh")
    ethnicity = models.CharField("dân tộc", max_length=64)
    # Derived from `ethnicity` by members.attributes.is_ethnic_minority (the one definition), so
    # SQL counts and filters follow it; written by save(), the importer and `xdd rebuild`.
    ethnic_minority = models.BooleanField("dân tộc thiểu số", default=False, editable=False)
    religion = models.CharField("tôn giáo", max_length=64, blank=True)
    national_id = models.CharField("số định danh cá nhân", max_length=12, unique=True, null=True, blank=True)
    hometown = models.CharField("quê quán", max_length=255, blank=True)
    residence = models.CharField("nơi cư trú", max_length=255, blank=True)
    general_education = models.CharField("giáo dục phổ thông", max_length=16, blank=True)
    qualification = models.CharField("chuyên môn", max_length=16, choices=Qualification.choices, blank=True)
    political_theory = models.CharField("lý luận chính trị", max_length=16, choices=PoliticalTheory.choices, blank=True)
    occupation = models.CharField("nghề nghiệp", max_length=24, choices=Occupation.choices, blank=True)
    academic_title = models.CharField("học hàm", max_length=24, choices=AcademicTitle.choices, blank=True)
    youth_union_from = models.DateField("ngày vào Đoàn", null=True, blank=True)
    youth_union_until = models.DateField("ngày ra khỏi Đoàn", null=True, blank=True)
    business_owner = models.BooleanField("chủ doanh nghiệp tư nhân", default=False)
    foreign_marriage = models.BooleanField("có quan hệ hôn nhân với người nước ngoài", default=False)
    family_planning_violation = models.BooleanField("vi phạm chính sách KHHGĐ khi kết nạp", default=False)
    joined_on = models.DateField("ngày vào Đảng", db_index=True)  # admissions of a period (engine)
    official_on = models.DateField("ngày chính thức", null=True, blank=True)
    # The new members' course (lớp bồi dưỡng lý luận chính trị cho đảng viên mới), needed before
    # recognition (rules.md §2): classes are recorded per unit with a head count, not per member.
    new_member_course_on = models.DateField("ngày hoàn thành lớp bồi dưỡng đảng viên mới", null=True, blank=True)
    card_no = models.CharField("số thẻ đảng viên", max_length=32, blank=True)
    admission_exception = models.BooleanField(
        "kết nạp ngoài độ tuổi (có văn bản đồng ý của cấp có thẩm quyền)", default=False
    )
    # Derived from the events (projection.py): where the member is now, or was last.
    current_cell = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="chi bộ"
    )
    state = models.CharField(
        "tình trạng", max_length=16, choices=MemberState.choices, default=MemberState.NONE, db_index=True
    )
    status = models.CharField("loại đảng viên", max_length=16, choices=Status.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"
        indexes = [models.Index(fields=["current_cell", "state"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.member_no})"

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.name_folded = fold(self.full_name)
        self.sort_key = name_sort_key(self.full_name)
        self.ethnic_minority = is_ethnic_minority(self.ethnicity)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "ethnicity" in update_fields:
            kwargs["update_fields"] = {*update_fields, "ethnic_minority"}
        super().save(*args, **kwargs)
        if update_fields is None or set(update_fields) & _SPAN_SOURCES:  # the spans' copies follow the row
            MemberSpan.objects.filter(member_id=self.pk).update(**span_copies(lambda name: getattr(self, name)))

    @property
    def masked_national_id(self) -> str:
        return mask_national_id(self.national_id)


def mask_national_id(value: str | None) -> str:
    if not value:
        return ""
    return "•" * (len(value) - 3) + value[-3:]


class MemberEvent(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "member__current_cell"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("org_id", "from_cell_id", "to_cell_id")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="events", verbose_name="đảng viên")
    type = models.CharField("loại biến động", max_length=24, choices=EventType.choices, db_index=True)
    on = models.DateField("ngày hiệu lực", db_index=True)
    org = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="chi bộ"
    )
    reason = models.CharField("lý do", max_length=255, blank=True)
    decision_no = models.CharField("số quyết định", max_length=64, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    # transferred_in / transferred_out: the other side's class when it is outside the dataset.
    counterpart = models.CharField("nơi chuyển đến/đi", max_length=16, choices=Counterpart.choices, blank=True)
    # Transfers (TRANSFER_LETTER_TYPES): the other side of the move, an organization in the system
    # or written out when it is outside (PLACE_TYPES), and the letter (giấy giới thiệu sinh hoạt đảng).
    other_org = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tổ chức đảng nơi đến, nơi đi",
    )
    other_place = models.CharField("nơi đến, nơi đi (ngoài hệ thống)", max_length=255, blank=True)
    letter_no = models.CharField("số giấy giới thiệu", max_length=64, blank=True)
    letter_on = models.DateField("ngày giấy giới thiệu", null=True, blank=True)
    # Derived (projection.py): the cell the member was in just before and just after.
    from_cell = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_cell = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["on", "id"]
        verbose_name = "biến động đảng viên"
        verbose_name_plural = "biến động đảng viên"
        # The last index answers "admissions per cell and year" (the report's chart series)
        # from the index alone.
        indexes = [
            models.Index(fields=["member", "on"]),
            models.Index(fields=["type", "on"]),
            models.Index(
                fields=["on", "to_cell"],
                name="event_admitted_on_cell",
                condition=models.Q(type="admitted", voided_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.on:%d/%m/%Y}"


class ChangeField(models.TextChoices):
    """The attributes a dated change may carry (member_changes.field, spec/forms.md)."""

    OCCUPATION = "occupation", "Nghề nghiệp"
    GENERAL_EDUCATION = "general_education", "Giáo dục phổ thông"
    QUALIFICATION = "qualification", "Chuyên môn"
    POLITICAL_THEORY = "political_theory", "Lý luận chính trị"
    ACADEMIC_TITLE = "academic_title", "Học hàm"
    RELIGION = "religion", "Tôn giáo"
    BUSINESS_OWNER = "business_owner", "Chủ doanh nghiệp tư nhân"
    FOREIGN_MARRIAGE = "foreign_marriage", "Có quan hệ hôn nhân với người nước ngoài"


class MemberChange(VoidableRecord):
    """Thay đổi thông tin đảng viên: from `on`, the member's `field` holds `value` (text as the
    interchange writes it: a category code, the education as written, `yes`/`no`, or empty).

    The members row holds the values in force when the member entered the records; the value at
    a date is members.attributes.attribute_at.
    """

    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "member__current_cell"
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="changes", verbose_name="đảng viên")
    field = models.CharField("thông tin", max_length=24, choices=ChangeField.choices)
    value = models.CharField("giá trị mới", max_length=64, blank=True)
    on = models.DateField("từ ngày", db_index=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["on", "id"]
        verbose_name = "thay đổi thông tin đảng viên"
        verbose_name_plural = "thay đổi thông tin đảng viên"
        indexes = [models.Index(fields=["member", "field", "on"])]

    def __str__(self) -> str:
        return f"{self.get_field_display()} {self.on:%d/%m/%Y}"


# The member row's values each span carries as they are, so the statistical forms count from one
# scan of the spans (indicators/statforms.py). The spans are rewritten from the member by the
# projection (members/projection.py) and refreshed by Member.save; dated changes (MemberChange)
# are applied by the readers.
SPAN_COPIED = (
    "ethnicity", "religion", "occupation", "general_education", "qualification", "political_theory",
    "academic_title", "youth_union_from", "youth_union_until", "business_owner", "foreign_marriage",
    "family_planning_violation",
)  # fmt: skip
_BOOLEAN_COPIED = frozenset({"business_owner", "foreign_marriage", "family_planning_violation"})
_DATE_COPIED = frozenset({"youth_union_from", "youth_union_until"})
_SPAN_SOURCES = frozenset({*SPAN_COPIED, "gender", "ethnicity", "religion", "birth_date", "joined_on"})


def copied_values(get) -> tuple:
    """The values of SPAN_COPIED from `get(field)` (a member row or an import's values), stored as
    the members columns store them (text never NULL, flags as booleans)."""
    out = []
    for name in SPAN_COPIED:
        value = get(name)
        if name in _BOOLEAN_COPIED:
            value = bool(value)
        elif name not in _DATE_COPIED:
            value = value or ""
        out.append(value)
    return tuple(out)


# The span columns that copy the member row: span_copies gives them in this order.
SPAN_COPY_COLUMNS = ("female", "minority", "religious", "birth_ord", "joined_on", *SPAN_COPIED)


def span_copies(get) -> dict:
    """Every column of a span that copies its member's row (MemberSpan), by name, from `get(field)`
    (`getattr` of a Member, or `.get` of an import's values)."""
    return {
        "female": get("gender") == "female",
        "minority": is_ethnic_minority(get("ethnicity")),
        "religious": is_religious(get("religion")),
        "birth_ord": date_ord(get("birth_date")),
        "joined_on": get("joined_on"),
        **dict(zip(SPAN_COPIED, copied_values(get), strict=True)),
    }


class MemberSpan(models.Model):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "member__current_cell"
    objects = RestrictedQuerySet.as_manager()
    """Derived: during [start, end) the member is in `cell` with this status and flags.

    Attributes used by counts are copied in so "members at T" is one scan of this table.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="spans")
    cell = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True)
    official = models.BooleanField()
    exempt = models.BooleanField(default=False)
    away = models.BooleanField(default=False)
    female = models.BooleanField()
    minority = models.BooleanField()
    religious = models.BooleanField()
    birth_ord = models.IntegerField()
    joined_on = models.DateField()
    # The member row's values the statistical forms read (projection.SPAN_COPIED), so Forms 2-4 count
    # from one scan of this table instead of joining the members table (indicators/statforms.py).
    ethnicity = models.CharField(max_length=64, blank=True, default="")
    religion = models.CharField(max_length=64, blank=True, default="")
    occupation = models.CharField(max_length=24, blank=True, default="")
    general_education = models.CharField(max_length=16, blank=True, default="")
    qualification = models.CharField(max_length=16, blank=True, default="")
    political_theory = models.CharField(max_length=16, blank=True, default="")
    academic_title = models.CharField(max_length=24, blank=True, default="")
    youth_union_from = models.DateField(null=True, blank=True)
    youth_union_until = models.DateField(null=True, blank=True)
    business_owner = models.BooleanField(default=False)
    foreign_marriage = models.BooleanField(default=False)
    family_planning_violation = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["start", "end"]),
            models.Index(fields=["member", "start"]),
            models.Index(fields=["cell", "start"]),
        ]
        constraints = [not_before("start", "end", "memberspan_not_empty", strict=True)]
