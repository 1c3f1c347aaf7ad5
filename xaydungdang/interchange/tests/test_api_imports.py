"""API v1 of imports: upload for a dry run (a job with progress), commit the file of a dry run
that passed, cancel; only staff and admins; a job is its user's (404 to others)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from xaydungdang.interchange.models import ImportJob
from xaydungdang.interchange.tests.test_uploads import good_zip, media  # noqa: F401  (fixture)
from xaydungdang.organizations.models import Organization
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
NEW = "code,name,kind,parent_code,established_on\nNEW,Chi bộ Mới,grassroots_cell,U1,2020-01-01\n"


def upload(client, content: bytes, name="du-lieu.zip"):
    return client.post("/api/v1/imports/", {"file": SimpleUploadedFile(name, content, "application/zip")})


def test_dry_run_then_commit(client_for, users, media):
    client = client_for("admin")
    response = upload(client, good_zip(NEW))
    assert response.status_code == 202, response.content
    job = response.json()
    # The test settings run tasks at once: the dry run has finished.
    job = client.get(f"/api/v1/imports/{job['id']}/").json()
    assert job["dry_run"] is True and job["state"] == "done" and job["percent"] == 100
    assert job["ok"] is True, job["result"]
    assert not Organization.objects.filter(code="NEW").exists()
    response = client.post(f"/api/v1/imports/{job['id']}/commit/")
    assert response.status_code == 202, response.content
    real = response.json()
    assert real["dry_run"] is False and real["source"] == job["id"]
    assert client.get(f"/api/v1/imports/{real['id']}/").json()["state"] == "done"
    assert Organization.objects.filter(code="NEW").exists()
    # The same dry run cannot be committed twice.
    again = client.post(f"/api/v1/imports/{job['id']}/commit/")
    assert again.status_code == 400 and again.json()["message"]
    listed = client.get("/api/v1/imports/").json()
    assert {j["id"] for j in listed["results"]} == {job["id"], real["id"]}


def test_failed_dry_run_cannot_be_committed_and_cancel(client_for, users, media):
    client = client_for("admin")
    bad = upload(client, good_zip("code,name\nX,\n")).json()
    assert client.get(f"/api/v1/imports/{bad['id']}/").json()["ok"] is False
    response = client.post(f"/api/v1/imports/{bad['id']}/commit/")
    assert response.status_code == 400 and "chạy thử thành công" in response.json()["message"]
    good = upload(client, good_zip(NEW)).json()
    response = client.post(f"/api/v1/imports/{good['id']}/cancel/")
    assert response.status_code == 200
    response = client.post(f"/api/v1/imports/{good['id']}/commit/")  # its file is gone
    assert response.status_code == 400 and "tải tệp lên lại" in response.json()["message"]


def test_only_staff_and_only_ones_own_jobs(client_for, users, media):
    response = upload(client_for("viewer_u1"), good_zip(NEW))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert client_for("secretary_c1").get("/api/v1/imports/").status_code == 403
    job = ImportJob.objects.create(user=users["staff_p"], filename="a.zip", path="/nonexistent")
    assert client_for("staff_u1").get(f"/api/v1/imports/{job.pk}/").status_code == 404
    assert client_for("staff_u1").post(f"/api/v1/imports/{job.pk}/commit/").status_code == 404
    assert client_for("staff_p").get(f"/api/v1/imports/{job.pk}/").status_code == 200
    response = upload(client_for("staff_u1"), b"not a zip", name="x.exe")
    assert response.status_code == 400 and "file" in response.json()["fields"]
