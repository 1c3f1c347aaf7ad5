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


class ApiToken(models.Model):
    """A personal API token: the secret is shown once at creation and kept only as its SHA-256
    (a random 256-bit secret needs no slow hash); the prefix identifies it in lists and the audit
    trail. An optional organization narrows the token to that subtree within the user's roles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="người dùng"
    )
    name = models.CharField("tên gợi nhớ", max_length=100)
    prefix = models.CharField("tiền tố", max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    org = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="giới hạn trong tổ chức",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc")
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class UserSettings(models.Model):
    """One's own settings: the daily e-mail of open deadlines (`xdd digest`, docs/procedures.md)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xdd_settings", verbose_name="người dùng"
    )
    deadline_digest = models.BooleanField("nhận thư nhắc hạn cần xử lý hằng ngày", default=False)
    changed_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "cài đặt của người dùng"
        verbose_name_plural = "cài đặt của người dùng"
