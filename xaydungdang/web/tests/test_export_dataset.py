"""The export page: a staff user downloads their part of the tree as an interchange workbook;
nothing of another district is in any cell; other roles are refused; the export is audited."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.accounts.tests.test_scope_proof import FOREIGN_MARKERS
from xaydungdang.core.models import AuditEntry
from xaydungdang.interchange.tables import TABLES

pytestmark = pytest.mark.django_db


def test_staff_downloads_their_subtree_only(client_for, people):
    client = client_for("staff_u1")
    page = client.get(reverse("web:import_start"))
    assert reverse("web:export_dataset") in page.content.decode()
    response = client.get(reverse("web:export_dataset"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="bo-du-lieu-')
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == list(TABLES)
    cells = [
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row if value is not None
    ]
    assert [m for m in FOREIGN_MARKERS if any(m in cell for cell in cells)] == []
    members = [row[0] for row in book["members"].iter_rows(min_row=2, values_only=True)]
    assert members == ["M001", "M002", "M003", "M004"]
    entry = AuditEntry.objects.filter(action="interchange.export").latest("id")
    assert entry.user.username == "canbo_u1" and entry.after["scoped"] is True


@pytest.mark.parametrize("who", ["viewer_u1", "secretary_c1"])
def test_other_roles_may_not_export(client_for, people, who):
    assert client_for(who).get(reverse("web:export_dataset")).status_code == 403
    assert not AuditEntry.objects.filter(action="interchange.export").exists()


def test_anonymous_is_sent_to_login(client, people):
    response = client.get(reverse("web:export_dataset"))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]
