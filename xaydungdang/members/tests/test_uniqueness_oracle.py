"""Issue 9, M4: a clash of member number or national ID does not reveal members outside the
acting user's scope; each refusal is audited (the entry survives the rollback of the refused
write) and the clashes with hidden members are rate-limited per user."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.core.context import Actor, acting_as
from xaydungdang.core.errors import DomainError
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import actions, uniqueness
from xaydungdang.members.models import Member
from xaydungdang.web.tests.conftest import PASSWORD, client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

D = dt.date
AN_ID = "012345678901"  # Nguyễn Văn An, M001, cell C1 (under U1)
EM_ID = "079123456789"  # Phạm Thị Em, M005, cell GC (under U2)
NEUTRAL_ID = uniqueness.NEUTRAL.format(label="Số định danh")
NEUTRAL_NO = uniqueness.NEUTRAL.format(label="Số lý lịch")


@pytest.fixture
def em_with_id(people):
    em = people["em"]
    return actions.update_member(em, {"national_id": EM_ID}, expected_version=em.version)


def admit_form(cell, **extra):
    data = {
        "org": cell.pk,
        "on": "05/03/2024",
        "member_no": "M100",
        "full_name": "Ngô Thị Lan",
        "gender": "female",
        "birth_date": "12/08/1998",
        "ethnicity": "Kinh",
    }
    data.update(extra)
    return data


def api_admit(client, **extra):
    payload = {
        "cell_code": "C1",
        "on": "2024-04-01",
        "member_no": "A1",
        "full_name": "Ngô Bảo Châu",
        "gender": "male",
        "birth_date": "1995-01-01",
        "ethnicity": "Kinh",
    }
    payload.update(extra)
    return client.post("/api/members/", payload, content_type="application/json")


ORGS = [{"code": "C3", "name": "Chi bộ ấp Ba", "kind": "cell", "parent_code": "G1", "established_on": D(2018, 1, 1)}]


def member_row(no="N1", **extra):
    row = {
        "member_no": no,
        "full_name": "Đặng Văn Nam",
        "gender": "male",
        "birth_date": D(1985, 1, 1),
        "ethnicity": "Kinh",
        "joined_on": D(2010, 1, 1),
        "official_on": D(2011, 1, 1),
        "org_code": "C3",
        "as_of": D(2019, 1, 1),
    }
    row.update(extra)
    return row


def clashes():
    return list(AuditEntry.objects.filter(action=uniqueness.ACTION).order_by("id"))


def test_web_form_outside_the_scope_gets_the_neutral_message(client_for, tree, em_with_id):
    client = client_for("staff_u1")
    page = client.post(reverse("web:member_admit"), admit_form(tree["C1"], national_id=EM_ID)).content.decode()
    assert NEUTRAL_ID in page
    assert "M005" not in page and "Phạm Thị Em" not in page and "đã thuộc về" not in page
    page = client.post(reverse("web:member_admit"), admit_form(tree["C1"], member_no="M005")).content.decode()
    assert NEUTRAL_NO in page and "M005 đã có" not in page
    assert not Member.objects.filter(full_name="Ngô Thị Lan").exists()
    # Both refusals are in the audit trail although the admissions were rolled back.
    first, second = clashes()
    assert first.username == "canbo_u1" and first.member_id == em_with_id.id and first.after["probes"] == 1
    assert first.after["national_id"] == EM_ID and first.org_id == tree["U1"].id
    assert second.after["member_no"] == "M005"
    # The prober's own audit page lists the refusals without saying whom they hit ...
    page = client.get(reverse("accounts:audit"), {"thao_tac": uniqueness.ACTION}).content.decode()
    assert "Từ chối: số lý lịch hoặc số định danh trùng" in page and "nay không thuộc phạm vi" in page
    assert EM_ID not in page and "•••••••••789" not in page and "M005" not in page and "Phạm Thị Em" not in page
    # ... and the staff of the member's subtree see who tried their member's number (masked).
    page = client_for("staff_u2").get(reverse("accounts:audit"), {"thao_tac": uniqueness.ACTION}).content.decode()
    assert "canbo_u1" in page and "•••••••••789" in page and EM_ID not in page


def test_web_form_inside_the_scope_names_the_member(client_for, tree, people):
    client = client_for("staff_u1")
    page = client.post(reverse("web:member_admit"), admit_form(tree["C2"], national_id=AN_ID)).content.decode()
    assert f"Số định danh {AN_ID} đã thuộc về đảng viên M001 trong hệ thống." in page
    page = client.post(reverse("web:member_admit"), admit_form(tree["C2"], member_no="M001")).content.decode()
    assert "Số lý lịch M001 đã có trong hệ thống." in page
    assert [e.after["probes"] for e in clashes()] == [0, 0]  # audited, not counted by the limit


def test_editing_a_member_to_a_hidden_id(client_for, people, em_with_id):
    client = client_for("staff_u1")
    binh = people["binh"]
    data = {
        "member_no": "M002",
        "full_name": binh.full_name,
        "gender": "female",
        "birth_date": "03/02/1985",
        "ethnicity": "Kinh",
        "joined_on": "01/01/2016",
        "national_id": EM_ID,
        "version": binh.version,
    }
    page = client.post(reverse("web:member_edit", args=[binh.pk]), data).content.decode()
    assert NEUTRAL_ID in page and "M005" not in page
    binh.refresh_from_db()
    assert binh.national_id is None and len(clashes()) == 1


def test_api_admit(client_for, em_with_id, people):
    client = client_for("staff_u1")
    response = api_admit(client, national_id=EM_ID)
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "national_id", "message": NEUTRAL_ID}]
    response = api_admit(client, national_id=AN_ID)
    assert response.json()["errors"][0]["message"] == f"Số định danh {AN_ID} đã thuộc về đảng viên M001 trong hệ thống."
    assert [e.via for e in clashes()] == ["api", "api"]
    # Someone who can see the other member (U2's staff) gets the exact match.
    client = client_for("staff_u2")
    response = api_admit(client, cell_code="GC", member_no="A2", national_id=EM_ID)
    assert response.json()["errors"][0]["message"] == f"Số định danh {EM_ID} đã thuộc về đảng viên M005 trong hệ thống."


def test_the_refusal_is_audited_outside_the_rolled_back_transaction(users, tree, em_with_id):
    """Called directly: the entry waits for the end of the actor's unit of work and is not lost
    with the admission's transaction."""
    with acting_as(Actor(user=users["staff_u1"], via="web")):
        with pytest.raises(DomainError) as refused:
            actions.admit(
                {
                    "member_no": "Z1",
                    "full_name": "Lê Thử",
                    "gender": "male",
                    "birth_date": D(1990, 1, 1),
                    "ethnicity": "Kinh",
                    "national_id": EM_ID,
                },
                tree["C1"],
                D(2024, 1, 1),
            )
        assert refused.value.problems[0].message == NEUTRAL_ID
        assert not clashes()  # nothing inside the transaction that has just been rolled back
        assert uniqueness.probes_used(users["staff_u1"]) == 1  # but already counted
    [entry] = clashes()
    assert entry.username == "canbo_u1" and entry.via == "web" and entry.after["probes"] == 1
    assert not Member.objects.filter(member_no="Z1").exists()


def test_import_dry_run_outside_and_inside_the_scope(users, tree, em_with_id):
    from xaydungdang.interchange.importer import import_tables

    def dataset(**member):
        return {"organizations": ORGS, "members": [member_row(**member)]}

    staff = users["staff_u1"]
    report = import_tables(dataset(national_id=EM_ID, no="M005"), user=staff, dry_run=True)
    errors = [str(e) for e in report.errors]
    assert errors == [
        f"members, dòng 2, cột member_no: {NEUTRAL_NO}",
        f"members, dòng 2, cột national_id: {NEUTRAL_ID}",
    ]
    assert "M005" not in " ".join(e.split(": ", 1)[1] for e in errors)
    report = import_tables(dataset(national_id=AN_ID), user=staff, dry_run=True)
    assert [str(e) for e in report.errors] == [
        f"members, dòng 2, cột national_id: Số định danh {AN_ID} đã thuộc về đảng viên M001 trong hệ thống."
    ]
    entries = clashes()
    assert [(e.via, e.after["clashes"], e.after["probes"]) for e in entries] == [("import", 2, 2), ("import", 1, 0)]


def test_the_limit_stops_checking(client_for, tree, em_with_id, monkeypatch):
    monkeypatch.setattr(uniqueness, "LIMIT", 3)
    client = client_for("staff_u1")
    for n in range(3):
        page = client.post(reverse("web:member_admit"), admit_form(tree["C1"], national_id=EM_ID)).content.decode()
        assert NEUTRAL_ID in page, n
    # Over the limit: refused without looking, whether the number exists or not.
    for national_id in (EM_ID, "001122334455"):
        page = client.post(reverse("web:member_admit"), admit_form(tree["C1"], national_id=national_id))
        page = page.content.decode()
        assert uniqueness.TOO_MANY in page and NEUTRAL_ID not in page
    assert not Member.objects.filter(member_no="M100").exists()
    response = api_admit(client, national_id="001122334455")
    assert response.status_code == 400 and response.json()["errors"][0]["message"] == uniqueness.TOO_MANY
    assert [e.after.get("blocked", False) for e in clashes()] == [False] * 3 + [True] * 3
    # Another user is not affected, and the limit counts only the last hour.
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(username="canbo_u1")
    assert uniqueness.remaining(staff) == 0
    assert uniqueness.remaining(get_user_model().objects.get(username="canbo_u2")) == 3
    later = uniqueness.timezone.now() + uniqueness.WINDOW + dt.timedelta(minutes=1)
    monkeypatch.setattr(uniqueness.timezone, "now", lambda: later)
    assert uniqueness.remaining(staff) == 3


def test_the_limit_also_guards_the_import(users, tree, em_with_id, monkeypatch):
    from xaydungdang.interchange.importer import import_tables

    monkeypatch.setattr(uniqueness, "LIMIT", 1)
    rows = [member_row("M005"), member_row("N2", national_id=EM_ID)]  # two hidden clashes, one allowed
    report = import_tables({"organizations": ORGS, "members": rows}, user=users["staff_u1"], dry_run=True)
    # Not one of them is answered: the rows are not told apart.
    assert [str(e) for e in report.errors] == [f"members: {uniqueness.TOO_MANY}"]
    # From now on nothing is checked, even a dataset without any clash.
    report = import_tables({"organizations": ORGS, "members": [member_row("N3")]}, user=users["staff_u1"], dry_run=True)
    assert [str(e) for e in report.errors] == [f"members: {uniqueness.TOO_MANY}"]
    assert [(e.after["probes"], e.after.get("blocked")) for e in clashes()] == [(2, True), (0, True)]
