"""Import jobs: run by the task worker (interchange.jobs); their state and progress live in the
database so any server process can show them. The table keeps the name it had when the model
lived in the web app (migrations interchange 0001 / web 0002 moved it without copying a row)."""

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Lỗi"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    filename = models.CharField("tệp", max_length=255)
    path = models.CharField(max_length=1024)
    size = models.BigIntegerField(default=0)
    dry_run = models.BooleanField("chạy thử", default=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    done = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)
    stage = models.CharField(max_length=255, blank=True)
    ok = models.BooleanField(null=True)
    result = models.JSONField(null=True, blank=True)
    message = models.TextField(blank=True)
    # A real import is started from a successful dry run of the same file.
    source = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "lượt nhập dữ liệu"
        db_table = "web_importjob"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        if not self.total:
            return 0
        return max(0, min(99, int(100 * self.done / self.total)))

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class MirrorState(models.Model):
    """Where `xdd mirror` stands in another instance's change feed: saved in the transaction that applies
    each page, so an interrupted mirror resumes after the last page applied (interchange/mirror.py)."""

    source = models.CharField("nguồn", max_length=1024, unique=True)
    cursor = models.CharField("con trỏ", max_length=64, blank=True)
    applied = models.BigIntegerField("số thay đổi đã áp dụng", default=0)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "trạng thái đồng bộ"

    def __str__(self) -> str:
        return f"{self.source} @ {self.cursor or '(đầu)'}"
