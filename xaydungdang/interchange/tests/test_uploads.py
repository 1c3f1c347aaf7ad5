"""Uploads on the import page (issue 9, M6 and L1): a zip bomb or a damaged zip is refused before
anything is written, with a message under the file field naming the file; a file far over the
limit is refused from its declared length without reading the body; every stored upload is deleted
when its job ends, and one left waiting after a dry run is deleted after the retention."""

import datetime as dt
import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from xaydungdang.interchange.tests.test_zip_limits import bad_crc, bomb, lying

pytestmark = pytest.mark.django_db

ORGS = (
    "code,name,kind,parent_code,established_on\nP,Đảng bộ tỉnh Thử,provincial,,2015-01-01\n"
    "NEW,Chi bộ Mới,grassroots_cell,P,2020-01-01\n"
)


def good_zip(text: str = ORGS) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("organizations.csv", text)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media" / "imports"


@pytest.fixture
def admin_client(client, db):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    return client


def stored(media: Path) -> list:
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*")) if media.exists() else []


def upload(client, name: str, content: bytes):
    return client.post(reverse("web:import_start"), {"file": SimpleUploadedFile(name, content, "application/zip")})


def field_errors(page: str) -> str:
    start = page.find('id="id_file_errors"')
    assert start != -1, "no message under the file field"
    return page[start : page.find("</ul>", start)]


@pytest.mark.parametrize(
    "make, expected",
    [
        (bomb, "nở ra hơn 200 lần"),
        (lambda: lying(bomb(), 1000), "sai mã kiểm tra CRC"),
        (bad_crc, "sai mã kiểm tra CRC"),
    ],
)
def test_bomb_or_damaged_zip_refused_before_anything_is_written(admin_client, media, make, expected):
    from xaydungdang.interchange.models import ImportJob

    response = upload(admin_client, "bom-408kb.zip", make())
    assert response.status_code == 200
    message = field_errors(response.content.decode())
    assert expected in message and "bom-408kb.zip" in message
    assert stored(media) == [] and not ImportJob.objects.exists()


def test_far_over_the_limit_message_under_the_field_without_reading_the_body(db, media):
    from django.contrib.auth import get_user_model

    client = Client(enforce_csrf_checks=True)  # the CSRF check would read the body: it must not run first
    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    # The declared length says 200 MB; the test payload is tiny, so reading the body would fail.
    response = client.post(
        reverse("web:import_start"), {"file": SimpleUploadedFile("to.zip", b"x")}, CONTENT_LENGTH=str(200 * 1024 * 1024)
    )
    assert response.status_code == 200
    assert "Tệp quá lớn (200,0 MB); giới hạn là 100 MB" in field_errors(response.content.decode())
    assert stored(media) == []
    # Within the limit, the CSRF token is still required.
    response = client.post(reverse("web:import_start"), {"file": SimpleUploadedFile("a.zip", good_zip())})
    assert response.status_code == 403


def test_just_over_the_limit_message_under_the_field(admin_client, media, settings):
    settings.XDD_MAX_UPLOAD_BYTES = 1024
    response = upload(admin_client, "vua-qua.zip", os.urandom(1500))
    assert "Tệp quá lớn" in field_errors(response.content.decode())
    assert stored(media) == []


def test_upload_is_private_audited_by_hash_and_deleted_after_the_real_import(admin_client, media):
    from xaydungdang.core.models import AuditEntry
    from xaydungdang.interchange.models import ImportJob

    content = good_zip()
    response = upload(admin_client, "du-lieu.zip", content)
    job = ImportJob.objects.get()
    assert job.ok, job.result
    path = Path(job.path)
    assert path.name == "upload.zip" and path.read_bytes() == content  # kept for the real import, not unpacked
    assert stored(media) == [f"{path.parent.name}", f"{path.parent.name}/upload.zip"]
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    entry = AuditEntry.objects.get(action="interchange.upload")
    assert entry.after == {
        "filename": "du-lieu.zip",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    assert "Hủy, không nhập" in admin_client.get(response["Location"]).content.decode()
    admin_client.post(reverse("web:import_confirm", args=[job.pk]))
    real = ImportJob.objects.exclude(pk=job.pk).get()
    assert real.ok and real.path == ""
    job.refresh_from_db()
    assert job.path == "" and stored(media) == []
    # Confirming again: the file is gone, a message says so.
    response = admin_client.post(reverse("web:import_confirm", args=[job.pk]), follow=True)
    assert "đã được xóa" in response.content.decode() and ImportJob.objects.count() == 2


def test_dry_run_with_errors_deletes_the_file(admin_client, media):
    from xaydungdang.interchange.models import ImportJob

    upload(admin_client, "loi.zip", good_zip("code,name,kind,parent_code,established_on\nP,T,provincial,,31/02/2015\n"))
    job = ImportJob.objects.get()
    assert job.ok is False and job.path == "" and stored(media) == []


def test_failed_job_deletes_the_file(admin_client, media, monkeypatch):
    from xaydungdang.interchange import importer
    from xaydungdang.interchange.models import ImportJob

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(importer, "import_path", boom)
    upload(admin_client, "du-lieu.zip", good_zip())
    job = ImportJob.objects.get()
    assert job.state == "failed" and job.path == "" and stored(media) == []


def test_cancel_deletes_the_file(admin_client, media):
    from xaydungdang.interchange.models import ImportJob

    upload(admin_client, "du-lieu.zip", good_zip())
    job = ImportJob.objects.get()
    assert stored(media)
    response = admin_client.post(reverse("web:import_cancel", args=[job.pk]), follow=True)
    assert "tệp tải lên đã được xóa" in response.content.decode()
    job.refresh_from_db()
    assert job.path == "" and stored(media) == []
    assert "Nhập thật dữ liệu này" not in admin_client.get(reverse("web:import_job", args=[job.pk])).content.decode()


def test_abandoned_dry_run_and_crash_leftovers_purged_on_the_next_visit(admin_client, media, settings):
    from xaydungdang.interchange.models import ImportJob

    upload(admin_client, "cu.zip", good_zip())
    upload(admin_client, "moi.zip", good_zip())
    old, new = ImportJob.objects.order_by("id")
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    running = ImportJob.objects.create(
        user=old.user,
        filename="dang-chay.zip",
        path=str(Path(new.path).parent.parent / "dang-chay" / "upload.zip"),
        state=ImportJob.State.RUNNING,
        dry_run=True,
    )
    Path(running.path).parent.mkdir()
    Path(running.path).write_bytes(b"x")
    leftover = media / "sot-lai"
    leftover.mkdir()
    (leftover / "upload.zip").write_bytes(b"x")
    stamp = (timezone.now() - dt.timedelta(hours=30)).timestamp()
    os.utime(leftover, (stamp, stamp))
    assert admin_client.get(reverse("web:import_start")).status_code == 200
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.path == "" and not Path(old.path or "/khong-co").exists()
    assert new.path and Path(new.path).exists()  # inside the retention: still waiting for confirmation
    assert Path(running.path).exists() and not leftover.exists()
    assert admin_client.post(reverse("web:import_confirm", args=[old.pk])).status_code == 302
    assert ImportJob.objects.filter(source=old).count() == 0
    # A job left running by a restart, beyond the retention: failed, file gone.
    ImportJob.objects.filter(pk=running.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    settings.XDD_IMPORT_RETENTION_HOURS = 24
    admin_client.get(reverse("web:import_start"))
    running.refresh_from_db()
    assert running.state == "failed" and running.path == "" and "bỏ dở" in running.message
    assert stored(media) == [Path(new.path).parent.name, f"{Path(new.path).parent.name}/upload.zip"]
