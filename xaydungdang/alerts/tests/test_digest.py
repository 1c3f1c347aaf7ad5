"""The daily digest (`xdd digest`): who opts in (accounts' page), what is sent (Vietnamese text and
HTML, the registry's deadlines of the user's scope), to whom, and nothing for the others."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from xaydungdang.accounts.models import UserSettings
from xaydungdang.cli import main
from xaydungdang.conftest import person
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import actions
from xaydungdang.web.tests.conftest import client_for, users  # noqa: F401  (fixtures)

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(tree):
    return actions.admit(person("N1", "Trần Thị Mới", joined_on=D(2025, 1, 15)), tree["C1"], D(2025, 1, 15))


def opt_in(user, email):
    user.email = email
    user.save()
    UserSettings.objects.update_or_create(user=user, defaults={"deadline_digest": True})


def test_the_settings_page(client_for, users):
    page = client_for("secretary_c1")
    url = reverse("accounts:digest")
    assert "Thư nhắc hạn cần xử lý" in page.get(reverse("accounts:security")).content.decode()
    refused = page.post(url, {"deadline_digest": "on", "email": ""}).content.decode()
    assert 'id="id_email_errors"' in refused and "Cần nhập địa chỉ thư điện tử để nhận thư nhắc." in refused
    refused = page.post(url, {"deadline_digest": "on", "email": "khong-phai-thu"}).content.decode()
    assert "Địa chỉ thư điện tử «khong-phai-thu» không hợp lệ." in refused
    assert page.post(url, {"deadline_digest": "on", "email": "bithu@example.vn"}).status_code == 302
    users["secretary_c1"].refresh_from_db()
    assert users["secretary_c1"].email == "bithu@example.vn"
    assert UserSettings.objects.get(user=users["secretary_c1"]).deadline_digest
    entry = AuditEntry.objects.get(action="user.digest")
    assert entry.after == {"deadline_digest": True, "email": "bithu@example.vn"}
    page.post(url, {"email": "bithu@example.vn"})
    assert not UserSettings.objects.get(user=users["secretary_c1"]).deadline_digest


@override_settings(XDD_SITE_URL="https://xdd.example.vn")
def test_the_digest_goes_to_opted_in_users_with_deadlines(users, newcomer, capsys):
    opt_in(users["secretary_c1"], "bithu@example.vn")  # C1: the newcomer's deadline
    opt_in(users["staff_u2"], "u2@example.vn")  # U2: nothing open there
    opt_in(users["nobody"], "ai@example.vn")  # no role: no scope
    users["viewer_u1"].email = "xem@example.vn"  # in scope but not opted in
    users["viewer_u1"].save()
    assert main(["digest", "--on", "2026-02-01"]) == 0
    out = capsys.readouterr()
    assert out.out == "bithu_c1\t1\n" and "Đã gửi 1 thư nhắc hạn ngày 01/02/2026." in out.err
    [letter] = mail.outbox
    assert letter.to == ["bithu@example.vn"]
    assert letter.subject == "Hạn cần xử lý ngày 01/02/2026: 1 việc"
    assert "TRONG 30 NGÀY TỚI (1)" not in letter.body  # 32 days ahead: "Sau 30 ngày"
    assert "SAU 30 NGÀY (1)" in letter.body
    assert "05/03/2026 · Xét công nhận đảng viên chính thức: Trần Thị Mới (N1) (C1) — Còn 32 ngày" in letter.body
    assert f"https://xdd.example.vn{reverse('web:member_detail', args=[newcomer.id])}" in letter.body
    html, mimetype = letter.alternatives[0]
    assert mimetype == "text/html"
    assert (
        f'<a href="https://xdd.example.vn{reverse("web:member_detail", args=[newcomer.id])}">Trần Thị Mới (N1)</a>'
        in html
    )
    entry = AuditEntry.objects.get(action="deadlines.digest")
    assert entry.object_repr == "bithu_c1" and entry.after["rows"] == 1


def test_an_overdue_day_and_a_bad_date(users, newcomer, capsys):
    opt_in(users["admin"], "quantri@example.vn")
    assert main(["digest", "--on", "2026-03-06"]) == 0
    [letter] = mail.outbox
    assert letter.subject == "Hạn cần xử lý ngày 06/03/2026: 1 việc, 1 việc quá hạn"
    assert "Quá hạn 1 ngày" in letter.body
    capsys.readouterr()
    assert main(["digest", "--on", "06/13/2026"]) == 2
    assert "--on: ngày không hợp lệ" in capsys.readouterr().err
    users["admin"].is_active = False
    users["admin"].save()
    mail.outbox.clear()
    assert main(["digest", "--on", "2026-03-06"]) == 0 and mail.outbox == []
