"""Transfers of party activity (chuyển sinh hoạt đảng) as a procedure: one record per transfer,
seen by both sides when both are in the system.

The member's history stays in `members` (events TRANSFERRED, TRANSFERRED_OUT, TEMPORARY_OUT,
TEMPORARY_RETURNED and their rules); a Transfer carries the steps around the event: the letter
(giấy giới thiệu sinh hoạt đảng), its presentation at the receiving side, the acceptance that
records the event, a transfer that never arrived, a temporary transfer's return. Events recorded
without a Transfer (imports, the demo, the dossier) stay valid: a Transfer is optional metadata.
"""

from django.db import models
from django.db.models import Q

from xaydungdang.core.constraints import not_before
from xaydungdang.core.models import ActiveQuerySet, VoidableRecord
from xaydungdang.members.models import Counterpart, Member, MemberEvent
from xaydungdang.organizations.models import Organization


class Kind(models.TextChoices):
    OFFICIAL = "official", "Chuyển sinh hoạt đảng chính thức"
    TEMPORARY_WORK = "temporary_work", "Chuyển sinh hoạt đảng tạm thời (công tác, làm việc)"
    TEMPORARY_STUDY = "temporary_study", "Chuyển sinh hoạt đảng tạm thời (học tập)"


TEMPORARY_KINDS = (Kind.TEMPORARY_WORK, Kind.TEMPORARY_STUDY)


class Reason(models.TextChoices):
    NEW_JOB = "new_job", "Chuyển công tác, nhận công tác mới"
    RETIREMENT = "retirement", "Nghỉ hưu"
    DISCHARGE = "discharge", "Xuất ngũ, thôi việc"
    PERMANENT_MOVE = "permanent_move", "Thay đổi nơi cư trú"
    WORK = "work", "Đi công tác, làm việc có thời hạn"
    STUDY = "study", "Đi học tập"
    OTHER = "other", "Lý do khác"


class State(models.TextChoices):
    STARTED = "started", "Đã lập, chờ cấp giấy giới thiệu"
    ISSUED = "issued", "Đã cấp giấy giới thiệu, chờ bên nhận"
    ACCEPTED = "accepted", "Đã tiếp nhận"
    NOT_ARRIVED = "not_arrived", "Bên nhận báo không nhận được"
    RETURNED = "returned", "Đã trở về (sinh hoạt tạm thời)"


class Transfer(VoidableRecord):
    """One transfer: both cells see it (scope_q); each side acts on its own step (actions.py)."""

    # The organizations whose decision this record is (accounts/authority.py): the sending cell.
    authority_fields = ("from_cell_id",)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="transfers", verbose_name="đảng viên")
    kind = models.CharField("hình thức", max_length=16, choices=Kind.choices)
    reason = models.CharField("lý do", max_length=16, choices=Reason.choices)
    moved_on = models.DateField("ngày chuyển (ngày quyết định, nghỉ hưu, xuất ngũ, chuyển nơi ở)", db_index=True)
    decision_no = models.CharField("số quyết định", max_length=64, blank=True)
    until = models.DateField("sinh hoạt tạm thời đến ngày", null=True, blank=True)
    from_cell = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="chi bộ chuyển đi"
    )
    to_cell = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="chi bộ chuyển đến (trong hệ thống)",
    )
    to_place = models.CharField("nơi chuyển đến (ngoài hệ thống)", max_length=255, blank=True)
    counterpart = models.CharField("nơi chuyển đến thuộc", max_length=16, choices=Counterpart.choices, blank=True)
    # The letter (giấy giới thiệu sinh hoạt đảng): the body the rules of its date name (rules.py).
    letter_no = models.CharField("số giấy giới thiệu", max_length=64, blank=True)
    letter_on = models.DateField("ngày giấy giới thiệu", null=True, blank=True, db_index=True)
    issuer = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="cấp giấy"
    )
    issued_by = models.CharField("cơ quan cấp giấy", max_length=255, blank=True)
    # The receiving side: the day the letter was presented (for a place outside the system: the
    # day the confirmation slip came back), the acceptance, or the report that it never arrived.
    presented_on = models.DateField("ngày nộp giấy giới thiệu", null=True, blank=True)
    accepted_on = models.DateField("ngày tiếp nhận", null=True, blank=True)
    not_arrived_on = models.DateField("ngày báo không nhận được", null=True, blank=True)
    returned_on = models.DateField("ngày trở về", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    state = models.CharField("tình trạng", max_length=16, choices=State.choices, default=State.STARTED)
    # The member event this transfer carries (recorded at acceptance, or an existing one).
    event = models.ForeignKey(
        MemberEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="biến động"
    )
    return_event = models.ForeignKey(
        MemberEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="biến động trở về"
    )

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["-moved_on", "-id"]
        verbose_name = "chuyển sinh hoạt đảng"
        verbose_name_plural = "chuyển sinh hoạt đảng"
        constraints = [
            not_before("moved_on", "letter_on", "transfer_letter_after_move"),
            not_before("letter_on", "presented_on", "transfer_presented_after_letter"),
            not_before("moved_on", "until", "transfer_until_after_move"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.member.full_name} ({self.moved_on:%d/%m/%Y})"

    @classmethod
    def scope_q(cls, ids) -> Q:
        """Both sides see it: the sending cell's users and the receiving cell's (core/access.py)."""
        return Q(from_cell_id__in=ids) | Q(to_cell_id__in=ids)

    @property
    def temporary(self) -> bool:
        return self.kind in TEMPORARY_KINDS

    @property
    def destination(self) -> str:
        if self.to_cell_id is not None:
            return self.to_cell.name
        return self.to_place
