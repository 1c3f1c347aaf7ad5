"""Base models shared by every app, and the append-only audit log."""

from django.conf import settings
from django.db import models


class VoidableRecord(models.Model):
    """A dated record that is never deleted or overwritten: a correction voids it with a reason."""

    created_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người ghi",
    )
    voided_at = models.DateTimeField("thời điểm hủy", null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người hủy",
    )
    void_reason = models.TextField("lý do hủy", blank=True)
    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        abstract = True

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


class RestrictedQuerySet(models.QuerySet):
    """Every scoped model's queryset: `.restrict(user, action)` limits it to what the user may do
    (core/access.py; the rule of each model is its `scope_path` or `scope_q`)."""

    def restrict(self, user, action: str = "view"):
        from xaydungdang.core import access

        return access.restrict(self, user, action)


class ActiveQuerySet(RestrictedQuerySet):
    def active(self):
        return self.filter(voided_at__isnull=True)


class AuditEntry(models.Model):
    """One line of the audit trail. Rows are inserted, never updated or deleted
    (database triggers refuse both)."""

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người dùng",
    )
    username = models.CharField("tài khoản", max_length=150, blank=True, db_index=True)
    ip = models.CharField("địa chỉ", max_length=64, blank=True)
    via = models.CharField("kênh", max_length=16, blank=True)
    request_id = models.CharField("mã yêu cầu", max_length=32, blank=True)
    action = models.CharField("thao tác", max_length=64, db_index=True)
    model = models.CharField("loại đối tượng", max_length=64, blank=True)
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    object_repr = models.CharField("đối tượng", max_length=255, blank=True)
    org_id = models.BigIntegerField("tổ chức", null=True, blank=True, db_index=True)
    member_id = models.BigIntegerField("đảng viên", null=True, blank=True, db_index=True)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    # Scoped in accounts.scope (an entry is about an organization or a member; core knows neither).
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "nhật ký"
        verbose_name_plural = "nhật ký thay đổi"

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Nhật ký chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Nhật ký chỉ được ghi thêm, không được xóa.")


class AuditSeal(models.Model):
    """One link of the hash chain over the audit trail (core/auditchain.py): the SHA-256 of an entry's
    content, and the chain hash = SHA-256(previous link's chain hash + this digest). Written by
    `xdd audit --seal`, in seal order (not entry order: on PostgreSQL an entry may commit after a higher id),
    never updated or deleted (the same triggers as the audit table)."""

    entry_id = models.BigIntegerField("dòng nhật ký", unique=True)
    digest = models.CharField("mã băm nội dung", max_length=64)
    chain = models.CharField("mã băm chuỗi", max_length=64)
    sealed_at = models.DateTimeField("thời điểm niêm phong", auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "niêm phong nhật ký"


class DataVersion(models.Model):
    """Counters bumped by writes so per-process caches (the dated org tree) know to reload."""

    key = models.CharField(max_length=32, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "phiên bản dữ liệu"


class DayOff(models.Model):
    """A day the Government's yearly announcement changes against the `holidays` calendar (VN):
    an extra day off (kind "off") or a weekend day swapped into a working day (kind "working").
    Read by core/workdays.py; written only through core/calendar_actions.py (audited)."""

    OFF, WORKING = "off", "working"
    KIND_CHOICES = [(OFF, "Ngày nghỉ"), (WORKING, "Ngày làm việc bù")]

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=8, choices=KIND_CHOICES, default=OFF)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    changed_at = models.DateTimeField("thời điểm sửa", auto_now=True)

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày nghỉ, ngày làm bù"
        verbose_name_plural = "ngày nghỉ, ngày làm bù"

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"
