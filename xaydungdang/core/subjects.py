"""Records about either a member or an organization (ratings, inspections, disciplines, awards)."""

from django.db import models
from django.db.models import Q


class SubjectType(models.TextChoices):
    MEMBER = "member", "Đảng viên"
    ORG = "org", "Tổ chức đảng"


class SubjectRecord(models.Model):
    """Exactly one of subject_member / subject_org is set, as subject_type says."""

    subject_type = models.CharField("đối tượng", max_length=8, choices=SubjectType.choices)
    subject_member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)s_set",
        verbose_name="đảng viên",
    )
    subject_org = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)s_subject_set",
        verbose_name="tổ chức",
    )

    # Which organization owns the row, for `.restrict(user, action)` (core/access.py): a record about a
    # member follows the member (in scope while the member's current cell is); a record about an
    # organization is in scope with that organization or with `scope_owner`, the body that decided it.
    scope_owner: str | None = None

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, ids) -> Q:
        about_org = Q(subject_member__isnull=True) & Q(subject_org_id__in=ids)
        if cls.scope_owner:
            about_org |= Q(subject_member__isnull=True) & Q(**{f"{cls.scope_owner}_id__in": ids})
        return Q(subject_member__current_cell_id__in=ids) | about_org

    @property
    def subject(self):
        return self.subject_member if self.subject_type == SubjectType.MEMBER else self.subject_org

    @property
    def subject_code(self) -> str:
        if self.subject_type == SubjectType.MEMBER:
            member = self.subject_member if self.subject_member_id else None
            return member.member_no if member is not None else ""
        org = self.subject_org if self.subject_org_id else None
        return org.code if org is not None else ""
