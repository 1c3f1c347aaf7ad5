"""Party organizations with a dated tree, and localities for coverage figures.

The source of truth is the organization (founding date, first parent, dissolution date)
and its dated moves; `OrgLink` intervals are derived from them (see projection.py).
"""

from django.db import models

from xaydungdang.core.constraints import not_before
from xaydungdang.core.models import ActiveQuerySet, RestrictedQuerySet, VoidableRecord
from xaydungdang.core.text import fold, vi_sort_key


class OrgKind(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCIAL = "provincial", "Đảng bộ tỉnh, thành phố"
    UPPER = "upper", "Đảng bộ cấp trên trực tiếp của cơ sở"
    GRASSROOTS_COMMITTEE = "grassroots_committee", "Đảng bộ cơ sở"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
    SUB_COMMITTEE = "sub_committee", "Đảng bộ bộ phận"
    CELL = "cell", "Chi bộ trực thuộc"


# Which parent kinds each kind may hang under (interchange.md).
ALLOWED_PARENTS: dict[str, tuple[str, ...]] = {
    OrgKind.CENTRAL: (),
    OrgKind.PROVINCIAL: (OrgKind.CENTRAL,),
    OrgKind.UPPER: (OrgKind.PROVINCIAL,),
    OrgKind.GRASSROOTS_COMMITTEE: (OrgKind.UPPER, OrgKind.PROVINCIAL),
    OrgKind.GRASSROOTS_CELL: (OrgKind.UPPER, OrgKind.PROVINCIAL),
    OrgKind.SUB_COMMITTEE: (OrgKind.GRASSROOTS_COMMITTEE,),
    OrgKind.CELL: (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.SUB_COMMITTEE),
}


class UnitType(models.TextChoices):
    """Loại hình cơ sở of a grassroots organization (Biểu 5-BTCTW; spec/forms.md §Categories)."""

    COMMUNE = "commune", "Xã"
    WARD = "ward", "Phường"
    TOWNSHIP = "township", "Thị trấn"
    PARTY_MASS = "party_mass", "Cơ quan Đảng, MTTQ, đoàn thể CT-XH"
    STATE_AGENCY = "state_agency", "Cơ quan Nhà nước"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp công lập"
    PRIVATE_SERVICE = "private_service", "Đơn vị sự nghiệp ngoài công lập"
    ARMY = "army", "Quân đội"
    POLICE = "police", "Công an"
    STATE_100 = "state_100", "Doanh nghiệp Nhà nước nắm giữ 100% vốn điều lệ"
    STATE_MAJORITY = "state_majority", "Doanh nghiệp Nhà nước nắm giữ từ 50% vốn điều lệ trở lên"
    STATE_MINORITY = "state_minority", "Doanh nghiệp Nhà nước nắm giữ dưới 50% vốn điều lệ"
    JOINT_STOCK = "joint_stock", "Công ty Cổ phần"
    PRIVATE_ENTERPRISE = "private_enterprise", "Doanh nghiệp tư nhân"
    LLC = "llc", "Công ty trách nhiệm hữu hạn"
    PARTNERSHIP = "partnership", "Công ty hợp danh"
    FOREIGN_INVESTED = "foreign_invested", "Doanh nghiệp có vốn nước ngoài"
    FOREIGN_100 = "foreign_100", "Doanh nghiệp 100% vốn nước ngoài"
    COOPERATIVE = "cooperative", "Hợp tác xã"
    ABROAD = "abroad", "Tổ chức cơ sở đảng ở ngoài nước"
    OTHER = "other", "Loại hình cơ sở khác"


CELL_KINDS = (OrgKind.GRASSROOTS_CELL, OrgKind.CELL)
GRASSROOTS_KINDS = (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL)


def org_sort_key(name: str) -> str:
    """The stored sort key of an organization name: Vietnamese order, hex so that every
    database collation compares it like bytes."""
    return vi_sort_key(name or "").hex()[:1024]


class Organization(models.Model):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "id"
    objects = RestrictedQuerySet.as_manager()
    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    # Vietnamese order of the name (core/text.vi_sort_key as hex), for SQL ordering: org_sort_key().
    sort_key = models.CharField(max_length=1024, db_index=True, editable=False, blank=True, default="", db_default="")
    kind = models.CharField("loại", max_length=24, choices=OrgKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="founded_children",
        verbose_name="trực thuộc (khi thành lập)",
    )
    established_on = models.DateField("ngày thành lập")
    dissolved_on = models.DateField("ngày giải thể", null=True, blank=True)
    # Hợp nhất, sáp nhập: the organization that took over a dissolved one (optional; set by
    # actions.merge, or by actions.dissolve when the decision names one).
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="absorbed",
        verbose_name="hợp nhất, sáp nhập vào",
    )
    locality = models.ForeignKey(
        "Locality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_by",
        verbose_name="địa bàn lãnh đạo",
    )
    # Loại hình cơ sở (Biểu 5-BTCTW): classifies a grassroots organization and everything under it.
    unit_type = models.CharField("loại hình cơ sở", max_length=24, choices=UnitType.choices, blank=True)
    decision_no = models.CharField("số quyết định", max_length=64, blank=True)
    note = models.TextField("ghi chú", blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        # organizations/rules.py check_tree: dissolved after established.
        constraints = [not_before("established_on", "dissolved_on", "org_dissolved_after_established", strict=True)]
        verbose_name = "tổ chức đảng"
        verbose_name_plural = "tổ chức đảng"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        self.sort_key = org_sort_key(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def refresh_sort_keys(cls, ids=None) -> int:
        """Recompute the stored Vietnamese sort keys (after a bulk insert, or when the collation
        changes); returns how many rows changed."""
        qs = cls.objects.all() if ids is None else cls.objects.filter(pk__in=list(ids))
        changed = [
            cls(pk=pk, sort_key=org_sort_key(name))
            for pk, name, key in qs.values_list("pk", "name", "sort_key").iterator(chunk_size=5000)
            if key != org_sort_key(name)
        ]
        cls.objects.bulk_update(changed, ["sort_key"], batch_size=2000)
        return len(changed)

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS

    def exists_on(self, day) -> bool:
        return self.established_on <= day and (self.dissolved_on is None or day < self.dissolved_on)


class OrgMove(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    """Re-parenting from a date on (sắp xếp tổ chức)."""

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="moves", verbose_name="tổ chức")
    new_parent = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="trực thuộc mới"
    )
    moved_on = models.DateField("ngày chuyển")
    decision_no = models.CharField("số quyết định", max_length=64, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["moved_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(org=models.F("new_parent")),
                name="orgmove_not_under_itself",
                violation_error_message="Tổ chức không thể trực thuộc chính nó.",
            )
        ]
        verbose_name = "sắp xếp tổ chức"
        verbose_name_plural = "sắp xếp tổ chức"

    def __str__(self) -> str:
        return f"{self.org.code} → {self.new_parent.code} ({self.moved_on:%d/%m/%Y})"


class TemporaryArrival(VoidableRecord):
    """Tiếp nhận sinh hoạt đảng tạm thời: a party member from another organization (usually outside
    the dataset) active in this cell for a while. Not counted in the host's đảng số (rules.md §2);
    counted in Biểu 7-BTCTW IV.1 (spec/forms.md)."""

    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    # The organizations whose decision this record is (accounts/authority.py).
    authority_fields = ("org_id",)
    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="temporary_arrivals", verbose_name="chi bộ tiếp nhận"
    )
    on = models.DateField("ngày tiếp nhận", db_index=True)
    full_name = models.CharField("họ và tên", max_length=255)
    home_org = models.CharField("nơi sinh hoạt chính thức", max_length=255, blank=True)
    until = models.DateField("đến ngày", null=True, blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "id"]
        constraints = [not_before("on", "until", "arrival_until_after_on")]
        verbose_name = "tiếp nhận sinh hoạt tạm thời"
        verbose_name_plural = "tiếp nhận sinh hoạt đảng tạm thời"

    def __str__(self) -> str:
        return f"{self.full_name} ({self.on:%d/%m/%Y})"


class OrgLink(models.Model):
    """Derived: `org` hangs under `parent` during [start, end). Rebuilt from the records above."""

    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    objects = RestrictedQuerySet.as_manager()

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="links")
    parent = models.ForeignKey(Organization, null=True, on_delete=models.CASCADE, related_name="child_links")
    start = models.DateField()
    end = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["parent", "start"]), models.Index(fields=["start", "end"])]


class LocalityKind(models.TextChoices):
    COMMUNE = "commune", "Xã, phường, thị trấn"
    VILLAGE = "village", "Thôn, ấp, tổ dân phố"
    SCHOOL = "school", "Trường học"
    CLINIC = "clinic", "Cơ sở y tế"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    AGENCY = "agency", "Cơ quan"
    OTHER = "other", "Khác"


class Locality(models.Model):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    objects = RestrictedQuerySet.as_manager()
    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=LocalityKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="thuộc địa bàn"
    )
    org = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="localities",
        verbose_name="tổ chức đảng",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["code"]
        verbose_name = "địa bàn"
        verbose_name_plural = "địa bàn, đơn vị"

    def __str__(self) -> str:
        return self.name
