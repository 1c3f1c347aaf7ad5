"""Issue 9, M2: the audit trail masks national IDs like the member pages, and shows nothing
personal about a member who has moved out of the reader's scope."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from xaydungdang.cli import main
from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import PASSWORD, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

OLD_ID, NEW_ID = "012345678901", "098765432109"
OLD_MASKED, NEW_MASKED = "•••••••••901", "•••••••••109"
HIDDEN = "một đảng viên nay không thuộc phạm vi của anh/chị"


def _page(client, **params):
    return client.get(reverse("accounts:audit"), params).content.decode()


def _csv(client, **params):
    response = client.get(reverse("accounts:audit-export"), {"dinh_dang": "csv", **params})
    return b"".join(response.streaming_content).decode("utf-8-sig")


def _xlsx(client, **params):
    from openpyxl import load_workbook

    response = client.get(reverse("accounts:audit-export"), {"dinh_dang": "xlsx", **params})
    sheet = load_workbook(io.BytesIO(response.content)).active
    return "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)


def _change_id(member):
    from xaydungdang.members import actions

    member.refresh_from_db()
    return actions.update_member(member, {"national_id": NEW_ID}, expected_version=member.version)


def test_national_ids_are_masked_on_the_page_and_in_both_exports(client, users, people):
    _change_id(people["an"])
    client.force_login(users["staff_u1"])
    for text in (_page(client), _page(client, thao_tac="member.update"), _csv(client), _xlsx(client)):
        assert "Nguyễn Văn An" in text
        assert OLD_ID not in text and NEW_ID not in text
        assert OLD_MASKED in text and NEW_MASKED in text  # member.opening (after) and member.update (before → after)


def test_xdd_audit_masks_national_ids_too(people, capsys):
    _change_id(people["an"])
    assert main(["audit", "--member", "M001", "--format", "json"]) == 0
    out = capsys.readouterr().out
    entries = json.loads(out)
    assert OLD_ID not in out and NEW_ID not in out
    update = next(e for e in entries if e["action"] == "member.update")
    assert (update["before"]["national_id"], update["after"]["national_id"]) == (OLD_MASKED, NEW_MASKED)
    assert main(["audit", "--member", "M001"]) == 0
    text = capsys.readouterr().out
    assert OLD_MASKED in text and OLD_ID not in text and NEW_ID not in text


def test_a_national_id_typed_into_a_filter_is_masked(client, users, people):
    from xaydungdang.core import audit

    audit.record("member.export", None, model="members.member", after={"filters": {"q": OLD_ID}, "rows": 0})
    client.force_login(users["admin"])
    for text in (_page(client, thao_tac="member.export"), _csv(client), _xlsx(client)):
        assert OLD_ID not in text and OLD_MASKED in text


def test_a_member_who_moved_away_is_not_shown_to_the_old_subtree(client, users, people, tree):
    from xaydungdang.members import actions

    an = _change_id(people["an"])
    actions.transfer(an, tree["GC"], dt.date(2024, 3, 1))  # to U2's subtree
    client.force_login(users["staff_u1"])
    page = _page(client)
    # The old entries are still listed (they concern C1) but say nothing about the member.
    assert "Sửa hồ sơ đảng viên" in page and "Nhập đảng viên (số dư đầu kỳ)" in page and HIDDEN in page
    for text in (page, _csv(client), _xlsx(client)):
        assert "Nguyễn Văn An" not in text and "M001" not in text
        assert OLD_ID not in text and NEW_ID not in text and OLD_MASKED not in text and NEW_MASKED not in text
        assert "Đặng Thị Bình" in text  # members still in the subtree are shown as before
    rows = list(csv.reader(io.StringIO(_csv(client))))
    column = {title: index for index, title in enumerate(rows[0])}
    hidden_rows = [r for r in rows[1:] if r[column["Đối tượng"]] == HIDDEN]
    assert hidden_rows and all(
        r[column["Số lý lịch"]] == "" and r[column["Tổ chức"]].endswith("(C1)") for r in hidden_rows
    )  # no member number either
    changes = column["Thay đổi"]
    assert not any("17/05/1990" in r[changes] or "Kinh" in r[changes] for r in hidden_rows)  # birth date, ethnicity
    # The member filter does not accept the member any more.
    text = _page(client, dang_vien="M001")
    assert "trong phạm vi được phân quyền" in text and "Nguyễn Văn An" not in text
    # The new subtree reads the whole history (masked IDs).
    client.force_login(users["staff_u2"])
    text = _page(client, dang_vien="M001")
    assert "Nguyễn Văn An" in text and OLD_MASKED in text and HIDDEN not in text


def test_an_admin_still_reads_everything_masked(client, users, people, tree):
    from xaydungdang.members import actions

    an = _change_id(people["an"])
    actions.transfer(an, tree["GC"], dt.date(2024, 3, 1))
    client.force_login(users["admin"])
    text = _csv(client)
    assert "Nguyễn Văn An" in text and NEW_MASKED in text and HIDDEN not in text and NEW_ID not in text
    assert AuditEntry.objects.filter(member_id=an.id).count() >= 3
