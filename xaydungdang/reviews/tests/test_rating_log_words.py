"""The dossier's change log names what a rating entry refers to in words: the rule set by its title,
the cell by its name, the member by their number — never a database id or a code (issue 12 item 3)."""

import re

import pytest
from django.urls import reverse

from xaydungdang.core.dates import today
from xaydungdang.reviews.views import round_year
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_rating_entry_in_the_dossier_log_reads_in_words(client_for, people):
    an = people["an"]
    secretary = client_for("secretary_c1")
    url = reverse("web:rating_round", args=["C1"]) + f"?nam={round_year(today())}"
    assert secretary.post(url, {f"muc_{an.id}": "good"}).status_code == 302
    page = client_for("admin").get(reverse("web:member_detail", args=[an.id])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    log = text[text.index("Nhật ký thay đổi") :]
    assert "đảng viên: số lý lịch M001" in log and "chi bộ: Chi bộ ấp Một" in log
    assert "rating_" not in log and "cell:" not in log and not re.search(r"đảng viên: \d", log)
