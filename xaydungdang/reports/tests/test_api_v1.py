"""API v1 of the figures: /api/v1/indicators/ answers exactly what `xdd report --format json`
writes, /api/v1/forms/ exactly what `xdd forms` writes (same data); the report and the forms
download in each format; organizations outside the scope are 404; bad parameters name the field."""

import json

import pytest
from django.core.management import call_command

from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def cli(tmp_path, command, **options) -> bytes:
    target = tmp_path / f"{command}.json"
    call_command(command, fmt="json", output=str(target), **options)
    return target.read_bytes()


def test_indicators_equal_the_cli_output(client_for, people, tmp_path):
    printed = cli(tmp_path, "report", org="U1", start="2024-01-01", end="2024-12-31")
    response = client_for("staff_u1").get(
        "/api/v1/indicators/", {"org": "U1", "from": "2024-01-01", "to": "2024-12-31"}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response.content == printed  # the same bytes as the command writes
    assert json.loads(response.content)["indicators"]["members.total"] == 4
    charter = cli(tmp_path, "report", org="G1", start="2020-01-01", end="2024-12-31", kind="charter")
    response = client_for("staff_u1").get(
        "/api/v1/indicators/", {"org": "G1", "from": "2020-01-01", "to": "2024-12-31", "kind": "charter"}
    )
    assert json.loads(response.content) == json.loads(charter)


def test_forms_equal_the_cli_output(client_for, people, tmp_path):
    one = cli(tmp_path, "forms", org="U1", period="2024", forms=["1"])
    response = client_for("staff_u1").get("/api/v1/forms/", {"org": "U1", "period": "2024", "form": "1"})
    assert response.status_code == 200 and response.content == one
    every = cli(tmp_path, "forms", org="U1", period="2024-H1")
    response = client_for("staff_u1").get("/api/v1/forms/", {"org": "U1", "period": "2024-H1"})
    assert response.content == every and isinstance(json.loads(every), list)
    response = client_for("staff_u1").get("/api/v1/forms/", {"org": "U1", "period": "2024", "form": ["1", "3"]})
    assert [f["form"] for f in json.loads(response.content)] == ["1", "3"]
    assert AuditEntry.objects.filter(action="forms.view").count() == 3


def test_out_of_scope_and_bad_parameters(client_for, people):
    client = client_for("staff_u1")
    for path, params in (
        ("/api/v1/indicators/", {"org": "U2", "from": "2024-01-01", "to": "2024-12-31"}),
        ("/api/v1/forms/", {"org": "U2", "period": "2024"}),
        ("/api/v1/reports/", {"org": "U2", "from": "2024-01-01", "to": "2024-12-31", "format": "xlsx"}),
    ):
        response = client.get(path, params)
        assert response.status_code == 404 and response.json()["code"] == "not_found", path
    response = client.get("/api/v1/indicators/", {"org": "U1", "from": "2024-12-31", "to": "2024-01-01"})
    assert response.status_code == 400 and "from" in response.json()["fields"]
    response = client.get("/api/v1/indicators/", {"org": "U1"})
    assert response.status_code == 400 and "from" in response.json()["fields"]
    response = client.get("/api/v1/forms/", {"org": "U1", "period": "2024-Q9"})
    assert response.status_code == 400 and "period" in response.json()["fields"]
    response = client.get("/api/v1/forms/", {"org": "U1", "period": "9999"})
    assert response.status_code == 400 and "period" in response.json()["fields"]
    response = client.get("/api/v1/forms/", {"org": "U1", "period": "2024", "form": "6"})
    assert response.status_code == 400
    response = client.get("/api/v1/reports/", {"org": "U1", "from": "2024-01-01", "to": "2024-12-31", "format": "exe"})
    assert response.status_code == 400 and "format" in response.json()["fields"]


@pytest.mark.slow
def test_report_and_forms_download_in_each_format(client_for, people):
    client = client_for("staff_u1")
    period = {"org": "U1", "from": "2024-01-01", "to": "2024-12-31"}
    magic = {"pdf": b"%PDF", "docx": b"PK", "xlsx": b"PK", "html": b"<!DOCTYPE", "json": b"{"}
    for fmt, start in magic.items():
        response = client.get("/api/v1/reports/", period | {"format": fmt}, HTTP_ACCEPT="*/*")
        assert response.status_code == 200, fmt
        assert response.content.lstrip()[: len(start)].upper() == start.upper(), fmt
        assert "attachment" in response["Content-Disposition"]
        assert AuditEntry.objects.filter(action=f"report.{fmt}").count() == 1
    for fmt, start in (("xlsx", b"PK"), ("pdf", b"%PDF")):
        response = client.get("/api/v1/forms/", {"org": "U1", "period": "2024", "format": fmt})
        assert response.status_code == 200 and response.content.startswith(start), fmt
