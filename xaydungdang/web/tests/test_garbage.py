"""Garbage never makes a 500: unknown ids, bad dates, huge strings; user text renders escaped."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script>'


def test_unknown_ids_are_404(client_for, people):
    client = client_for("admin")
    for url in (
        "/dang-vien/999999/",
        "/dang-vien/999999/sua/",
        "/bien-dong/999999/huy/",
        "/to-chuc/KHONG-CO/",
        "/hoat-dong/khong-co/",
        "/hoat-dong/lop-hoc/99999/huy/",
        "/dang-vien/1/bien-dong/khong-co/",
        "/nhap-du-lieu/99999/",
        "/api/members/999999/",
        "/api/orgs/KHONG/",
        "/bao-cao/tai/exe/",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "query",
    [
        "?ngay=32/13/2024",
        "?ngay=abc",
        "?ngay=" + "9" * 5000,
        "?q=" + "x" * 10000,
        "?q=" + XSS,
        "?ngay=01/01/0001",
    ],
)
def test_tree_survives_bad_query(client_for, tree, query):
    response = client_for("admin").get(reverse("web:org_tree") + query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("query", ["?nam=abc", "?nam=99999", "?nam=-1"])
def test_dashboard_survives_bad_year(client_for, tree, query):
    assert client_for("admin").get(reverse("web:org_detail", args=["P"]) + query).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + XSS,
        "?tuoi=abc",
        "?gender=zzz",
        "?to_chuc=" + XSS,
        "?page=abc",
        "?page=99999",
        "?sort=nonexistent",
        "?q=" + "đ" * 5000,
    ],
)
def test_member_list_survives_bad_filters(client_for, people, query):
    response = client_for("admin").get(reverse("web:member_list") + query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_xss_in_names_is_escaped(client_for, people, tree):
    from xaydungdang.activities import actions

    actions.record_class(
        {
            "org_id": tree["G1"].id,
            "kind": "other",
            "title": XSS,
            "started_on": people["an"].joined_on,
            "ended_on": None,
            "participants": 3,
        }
    )
    client = client_for("admin")
    page = client.get(reverse("web:activity_list", args=["lop-hoc"])).content.decode()
    assert XSS not in page and "&lt;script&gt;" in page


def test_huge_and_hostile_form_input(client_for, tree):
    client = client_for("admin")
    response = client.post(
        reverse("web:member_admit"),
        {
            "org": "not-a-number",
            "on": "x" * 100000,
            "member_no": XSS,
            "full_name": XSS * 1000,
            "gender": XSS,
            "birth_date": "2024-13-45",
            "ethnicity": "Kinh",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page


def test_report_and_activity_filters_survive_garbage(client_for, tree):
    client = client_for("admin")
    assert client.get(reverse("web:reports") + "?tu=abc&den=1/1/1&to_chuc=" + XSS + "&kind=zz").status_code == 200
    assert client.get(reverse("web:activity_list", args=["van-ban"]) + "?nam=abc&to_chuc=zz").status_code == 200
    assert client.get(reverse("web:alerts") + "?to_chuc=KHONG").status_code == 404
    assert client.get("/api/members/?page=abc").status_code in (200, 404)
    assert client.get("/api/events/?from=zz").status_code == 400
