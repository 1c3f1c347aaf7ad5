"""Counts on pages equal the engine's; export is audited and formula-safe; the import page runs
a dry run then the real import."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.indicators import engine

pytestmark = pytest.mark.django_db


def test_navigator_counts_equal_engine_total(users, people, tree):
    from xaydungdang.web.navigator import tree_tokens

    day = dt.date(2024, 12, 31)
    tokens, _ = tree_tokens(users["admin"], day)
    assert len([t for t in tokens if t[1] is not None]) == 7
    for _kind, node in tokens:
        if node is not None:
            assert node.members == engine.compute(node.code, dt.date(2024, 1, 1), day)["members.total"], node.code


def test_tree_search_folded_and_dated(client_for, tree):
    client = client_for("admin")
    page = client.get(reverse("web:org_tree"), {"q": "ap hai"}).content.decode()
    assert "<mark>Chi bộ ấp Hai</mark>" in page and "Chi bộ ấp Một" not in page
    page = client.get(reverse("web:org_tree"), {"ngay": "01/01/2010"}).content.decode()
    assert "Không có tổ chức đảng nào tồn tại" in page


def test_dashboard_shows_engine_figures(client_for, people):
    client = client_for("staff_u1")
    page = client.get(reverse("web:org_detail", args=["U1"]), {"nam": "2024"}).content.decode()
    assert 'data-key="members.total">4<' in page


def test_export_is_audited_and_neutralizes_formulas(client_for, people):
    from xaydungdang.core.models import AuditEntry
    from xaydungdang.members import actions
    from xaydungdang.members.models import Member

    an = Member.objects.get(pk=people["an"].pk)
    actions.update_member(an, {"hometown": '=HYPERLINK("http://x")'}, expected_version=an.version)
    client = client_for("staff_u1")
    response = client.get(reverse("web:member_export"), {"q": "an", "state": ""})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH ĐẢNG VIÊN" and rows[5][0] == "Số lý lịch"  # title lines, a blank, the header
    assert all(not (isinstance(v, str) and v.startswith("=")) for row in rows for v in row)
    assert any("•••" in (row[6] or "") for row in rows[6:])
    entry = AuditEntry.objects.filter(action="member.export").latest("id")
    assert entry.username == "canbo_u1" and entry.after["filters"]["q"] == "an"


def _dataset_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(
            "organizations.csv",
            "code,name,kind,parent_code,established_on\n"
            "P,Đảng bộ tỉnh Thử,provincial,,2015-01-01\n"
            "NEW,Chi bộ Mới,grassroots_cell,P,2020-01-01\n",
        )
    return buffer.getvalue()


def test_import_dry_run_then_confirm(client, db):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xaydungdang.interchange.models import ImportJob
    from xaydungdang.organizations.models import Organization

    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    response = client.post(
        reverse("web:import_start"), {"file": SimpleUploadedFile("du-lieu.zip", _dataset_zip(), "application/zip")}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:import_job", args=[job.pk])
    assert job.dry_run and job.state == "done"
    page = client.get(response["Location"]).content.decode()
    status = client.get(reverse("web:import_status", args=[job.pk])).json()
    assert status["finished"] is True
    assert job.ok, job.result
    assert job.result["counts"]["organizations"] == 2
    assert not Organization.objects.filter(code="NEW").exists()
    assert "Nhập thật dữ liệu này" in page
    client.post(reverse("web:import_confirm", args=[job.pk]))
    real = ImportJob.objects.exclude(pk=job.pk).get()
    assert real.state == "done" and not real.dry_run and real.ok
    assert Organization.objects.filter(code="NEW").exists()


def test_import_errors_listed_with_table_row_column(client, db):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xaydungdang.interchange.models import ImportJob

    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("organizations.csv", "code,name,kind,parent_code,established_on\nP,Tỉnh,provincial,,31/02/2015\n")
    response = client.post(
        reverse("web:import_start"), {"file": SimpleUploadedFile("loi.zip", buffer.getvalue(), "application/zip")}
    )
    job = ImportJob.objects.get()
    assert job.state == "done" and job.ok is False
    error = job.result["errors"][0]
    assert error["table"] == "organizations" and error["row"] == 2 and error["column"]
    page = client.get(response["Location"]).content.decode()
    assert "organizations" in page and "Nhập thật dữ liệu này" not in page
    assert client.post(reverse("web:import_confirm", args=[job.pk])).status_code == 302
    assert ImportJob.objects.count() == 1


def test_import_rejects_bad_files(client_for, tree, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("admin")
    page = client.post(
        reverse("web:import_start"), {"file": SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")}
    ).content.decode()
    assert "Chỉ nhận tệp Excel .xlsx hoặc tệp .zip" in page
    page = client.post(
        reverse("web:import_start"), {"file": SimpleUploadedFile("hong.xlsx", b"not a zip", "application/octet-stream")}
    ).content.decode()
    assert "không phải tệp Excel .xlsx hợp lệ" in page
    settings.XDD_MAX_UPLOAD_BYTES = 10
    page = client.post(
        reverse("web:import_start"), {"file": SimpleUploadedFile("to.zip", _dataset_zip(), "application/zip")}
    ).content.decode()
    assert "Tệp quá lớn" in page


def test_import_job_of_another_user_is_hidden(client_for, users, tree):
    from xaydungdang.interchange.models import ImportJob

    job = ImportJob.objects.create(user=users["staff_p"], filename="a.zip", path="/nonexistent")
    assert client_for("staff_u1").get(reverse("web:import_job", args=[job.pk])).status_code == 404


def test_big_tree_opens_branches_by_link(client_for, tree, monkeypatch):
    from xaydungdang.web import navigator

    monkeypatch.setattr(navigator, "NODE_BUDGET", 3)
    client = client_for("admin")
    page = client.get(reverse("web:org_tree")).content.decode()
    assert "Đảng bộ huyện Một" in page and "Chi bộ ấp Một" not in page
    assert "?goc=U1" in page
    page = client.get(reverse("web:org_tree"), {"goc": "U1"}).content.decode()
    assert "Đảng bộ xã Một" in page and "Đảng bộ huyện Hai" not in page
    assert client_for("staff_u1").get(reverse("web:org_tree"), {"goc": "U2"}).status_code == 404
