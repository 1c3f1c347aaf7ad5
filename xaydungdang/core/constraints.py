"""Database CHECK constraints for rules that are structural: the rules (each app's rules.py) say
so in Vietnamese first; the constraint guarantees it for every writer (the importer, a shell, a
future bug) on both databases."""

from django.db import models
from django.db.models import F, Q

from xaydungdang.core.subjects import SubjectType


def one_subject(name: str) -> models.CheckConstraint:
    """A record about a member names the member and no organization; one about an organization
    the reverse (core/subjects.py SubjectRecord)."""
    return models.CheckConstraint(
        condition=Q(subject_type=SubjectType.MEMBER, subject_member__isnull=False, subject_org__isnull=True)
        | Q(subject_type=SubjectType.ORG, subject_org__isnull=False, subject_member__isnull=True),
        name=name,
        violation_error_message="Đối tượng phải là đúng một đảng viên hoặc một tổ chức.",
    )


def not_before(first: str, second: str, name: str, *, strict: bool = False) -> models.CheckConstraint:
    """`second` (when set) is on or after `first` (strictly after with `strict`)."""
    later = Q(**{f"{second}__gt" if strict else f"{second}__gte": F(first)})
    return models.CheckConstraint(
        condition=Q(**{f"{second}__isnull": True}) | later,
        name=name,
        violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
    )
