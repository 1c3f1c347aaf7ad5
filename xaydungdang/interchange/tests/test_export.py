"""Exports: every table with canonical headers, only non-voided records, sorted, scoped to a
user, audited; opening balances go back to the members row."""

import datetime as dt

import openpyxl
import pytest

from xaydungdang.accounts import actions as account_actions
from xaydungdang.activities import actions as activity_actions
from xaydungdang.activities.models import TrainingClass
from xaydungdang.conftest import person
from xaydungdang.core.errors import DomainError
from xaydungdang.core.models import AuditEntry
from xaydungdang.interchange.exporter import export_path
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.tables import TABLES
from xaydungdang.interchange.tests.helpers import SAMPLE, read_table
from xaydungdang.members import actions

D = dt.date


def test_empty_database_exports_every_table_with_headers(db, tmp_path):
    counts = export_path(tmp_path / "out")
    assert set(counts) == set(TABLES) and not any(counts.values())
    for name, table in TABLES.items():
        assert read_table(tmp_path / "out", name) == [table.names]


def test_export_of_the_sample(db, tmp_path):
    assert import_path(SAMPLE).ok
    counts = export_path(tmp_path / "out")
    assert counts["members"] == 10 and counts["member_events"] == 13  # opening balances are not events
    members = read_table(tmp_path / "out", "members")
    header = members[0]
    first = dict(zip(header, members[1]))
    assert (first["member_no"], first["org_code"], first["as_of"], first["gender"]) == (
        "TM001",
        "X1A",
        "2020-01-01",
        "male",
    )
    admitted = dict(zip(header, next(r for r in members if r[0] == "TM004")))
    assert admitted["org_code"] == "" and admitted["as_of"] == "" and admitted["official_on"] == "2022-03-26"
    events = read_table(tmp_path / "out", "member_events")
    keys = [(r[0], r[2]) for r in events[1:]]
    assert keys == sorted(keys)  # member, then date (then id)
    same_day = [r[1] for r in events[1:] if r[0] == "TM001"]
    assert same_day == ["badge_awarded", "card_issued"]  # the file's order on the same day
    audit = AuditEntry.objects.get(action="interchange.export")
    assert audit.after["counts"]["members"] == 10 and audit.after["format"] == "csv"


def test_voided_records_are_not_exported(tree, tmp_path):
    record = activity_actions.record_class(
        {"org_id": tree["G1"].id, "kind": "thematic", "started_on": D(2022, 1, 5), "participants": 12}
    )
    activity_actions.record_class(
        {"org_id": tree["G1"].id, "kind": "other", "started_on": D(2022, 2, 5), "participants": 3}
    )
    activity_actions.void(record, "Nhập trùng")
    assert TrainingClass.objects.count() == 2
    export_path(tmp_path / "out")
    classes = read_table(tmp_path / "out", "classes")
    assert [r[1] for r in classes[1:]] == ["other"]


def test_xlsx_dates_are_real_dates(tree, tmp_path):
    actions.admit(person("A1"), tree["C1"], D(2020, 3, 10))
    export_path(tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == list(TABLES)
    events = book["member_events"]
    assert [c.value for c in events[1]] == TABLES["member_events"].names
    on = events.cell(row=2, column=3)
    assert on.is_date and on.value.date() == D(2020, 3, 10) and on.number_format == "yyyy-mm-dd"
    members = book["members"]
    assert members.cell(row=2, column=19).value == "no"  # admission_exception


def test_scoped_export_stays_in_the_users_subtree(tree, tmp_path):
    actions.admit(person("A1"), tree["C1"], D(2020, 3, 10))
    actions.admit(person("B1", name="Lê Thị Bé", gender="female"), tree["GC"], D(2020, 3, 10))
    user = account_actions.create_user("xem.u1", tree["U1"], "viewer", "x", validate_password=False)
    counts = export_path(tmp_path / "out", user=user)
    orgs = {r[0]: r for r in read_table(tmp_path / "out", "organizations")[1:]}
    assert set(orgs) == {"U1", "G1", "C1", "C2"}
    assert orgs["U1"][3] == ""  # its parent P is outside the export
    assert [r[0] for r in read_table(tmp_path / "out", "members")[1:]] == ["A1"]
    assert counts["members"] == 1


def test_export_to_an_existing_file_is_refused(db, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("x")
    with pytest.raises(DomainError) as err:
        export_path(target)
    assert "là một tệp" in err.value.message


def test_a_scoped_export_imports_on_its_own(tree, tmp_path):
    """After a 2025-style reorganization the commune's records name organizations outside
    today's scope (the dissolved district, the cell a member came from): they travel as
    reference rows, records about members who left are left out, and the folder imports into
    an empty database."""
    import os
    import subprocess
    import sys

    from xaydungdang.organizations import actions as org_actions

    came = actions.admit(person("M1"), tree["GC"], D(2016, 1, 1))
    actions.transfer(came, tree["C1"], D(2020, 5, 4))
    left = actions.admit(person("M2", name="Trần Thị Hoa", gender="female"), tree["C2"], D(2016, 1, 1))
    activity_actions.record_award(
        {
            "granted_by_id": tree["G1"].id,
            "subject_type": "member",
            "subject_member_id": left.id,
            "award": "commendation",
            "granted_on": D(2021, 2, 3),
        }
    )
    actions.transfer(left, tree["GC"], D(2022, 3, 1))
    org_actions.move(tree["G1"], tree["P"], D(2025, 7, 1))
    org_actions.dissolve(tree["U1"], D(2025, 7, 1))
    user = account_actions.create_user("xa.mot", tree["G1"], "staff", "x", validate_password=False)

    export_path(tmp_path / "out", user=user)

    orgs = {
        r[0]: dict(zip(TABLES["organizations"].names, r)) for r in read_table(tmp_path / "out", "organizations")[1:]
    }
    assert set(orgs) == {"P", "U1", "U2", "G1", "C1", "C2", "GC"}  # GC named by M1's history, then all above
    assert orgs["G1"]["parent_code"] == "U1" and orgs["U1"]["dissolved_on"] == "2025-07-01"
    assert [r[0] for r in read_table(tmp_path / "out", "members")[1:]] == ["M1"]
    assert read_table(tmp_path / "out", "awards")[1:] == []  # M2 has left: not the commune's to export
    entry = AuditEntry.objects.filter(action="interchange.export").latest("id")
    # The award about M2 is not even read: records about a member follow the member (accounts.scope),
    # so the scope leaves it out before the export's own check has anything to drop.
    assert entry.after["context_orgs"] == 4 and entry.after["left_out"] == {}

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"XDD_DATA_DIR": str(tmp_path / "empty")}
    done = subprocess.run(
        [sys.executable, "-m", "xaydungdang.cli", "import", str(tmp_path / "out")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "members 1" in done.stdout


def test_a_scope_of_two_branches_exports_with_one_top(tree, tmp_path):
    """Roles on two communes: the dataset gets the organizations above both as reference rows."""
    from xaydungdang.organizations import actions as org_actions

    g2 = org_actions.found("G2", "Đảng bộ xã Hai", "grassroots_committee", tree["U2"], D(2015, 1, 1))
    user = account_actions.create_user("hai.xa", tree["G1"], "staff", "x", validate_password=False)
    account_actions.grant_role(user, g2, "staff")
    export_path(tmp_path / "out", user=user)
    orgs = {r[0]: r[3] for r in read_table(tmp_path / "out", "organizations")[1:]}
    assert set(orgs) == {"P", "U1", "U2", "G1", "C1", "C2", "G2"}
    assert [code for code, parent in orgs.items() if not parent] == ["P"]
