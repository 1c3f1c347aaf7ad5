"""Roles granted on organizations; a role covers the organization's subtree."""

from django.conf import settings
from django.db import models

from xaydungdang.core.models import RestrictedQuerySet
from xaydungdang.organizations.models import Organization


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    STAFF = "staff", "Cán bộ Ban Xây dựng Đảng"
    SECRETARY = "secretary", "Bí thư, chi ủy"
    VIEWER = "viewer", "Xem báo cáo"


class RoleGrant(models.Model):
    # How a row belongs to an organization, for `.restrict(user, action)` (core/access.py).
    scope_path = "org"
    objects = RestrictedQuerySet.as_manager()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants", verbose_name="người dùng"
    )
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="role_grants", verbose_name="tổ chức")
    role = models.CharField("vai trò", max_length=12, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("user", "org", "role")]
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.org.code}"
