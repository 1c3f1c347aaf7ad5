"""The reports page shows the service's report and downloads its files, within scope."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

QUERY = {"to_chuc": "U1", "kind": "annual", "tu": "01/01/2024", "den": "31/12/2024"}


def test_report_in_page_and_downloads(client_for, people):
    client = client_for("staff_u1")
    response = client.get(reverse("web:reports"), QUERY)
    page = response.content.decode()
    assert response.status_code == 200 and "xdd-report" in page
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(reverse("web:report_download", args=[fmt]), QUERY)
        assert response.status_code == 200, fmt
        assert response.content.startswith(magic)
        assert "attachment" in response["Content-Disposition"]


def test_report_of_other_subtree_is_refused(client_for, people):
    client = client_for("staff_u1")
    query = QUERY | {"to_chuc": "U2"}
    page = client.get(reverse("web:reports"), query).content.decode()
    assert "xdd-report" not in page  # U2 is not even offered as a choice
    assert client.get(reverse("web:report_download", args=["pdf"]), query).status_code == 400


def test_report_bad_period_message(client_for, people):
    client = client_for("staff_u1")
    page = client.get(reverse("web:reports"), QUERY | {"tu": "31/12/2024", "den": "01/01/2024"}).content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu." in page
