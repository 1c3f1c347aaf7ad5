"""Huy hiệu Đảng: the staff's flags for an early award (serious illness) or a posthumous one.

A regular badge needs no record before it is awarded: who is due is computed from party age
(members.partyage). A flag says, from its date, that a member may be proposed before the milestone
(rules.md §6: up to 12 months early for 30–65 years and 24 months for 70–90 when seriously ill; up to
12 months early posthumously). The badge itself is a member event (BADGE_AWARDED, `reason` = years).
"""

from django.db import models

from xaydungdang.core.models import ActiveQuerySet, VoidableRecord
from xaydungdang.members.models import Member


class FlagKind(models.TextChoices):
    EARLY = "early", "Trao sớm (ốm nặng)"
    POSTHUMOUS = "posthumous", "Truy tặng"


class BadgeFlag(VoidableRecord):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "member__current_cell"
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="badge_flags", verbose_name="đảng viên")
    kind = models.CharField("trường hợp", max_length=12, choices=FlagKind.choices)
    noted_on = models.DateField("ngày ghi nhận")  # the medical certificate, or the staff's proposal
    note = models.TextField("căn cứ, ghi chú", blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["member", "noted_on", "id"]
        verbose_name = "đề nghị trao sớm, truy tặng Huy hiệu Đảng"
        verbose_name_plural = "đề nghị trao sớm, truy tặng Huy hiệu Đảng"
        indexes = [models.Index(fields=["member", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.noted_on:%d/%m/%Y})"
