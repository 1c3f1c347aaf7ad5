"""`xdd due` through the command line's entry point (xaydungdang.cli.main), on members built by
the actions: exact due days counted on the Vietnamese working-day calendar, past days judged from
the facts dated by then, wrong input in Vietnamese with the contract's exit codes."""

import datetime as dt
import json

import pytest

from xaydungdang.cli import main
from xaydungdang.conftest import person
from xaydungdang.members import actions

D = dt.date
pytestmark = pytest.mark.django_db
MINE = {"recognition_review", "probation_ending"}


@pytest.fixture
def probationers(tree):
    a = actions.admit(person("A1", "Trần Văn An", joined_on=D(2025, 1, 15)), tree["C1"], D(2025, 1, 15))
    actions.recognize(a, D(2026, 1, 15), decided_on=D(2026, 3, 20))  # official from 15/01, decided late
    actions.admit(person("B2", "Lê Thị Bình", joined_on=D(2025, 3, 3)), tree["C2"], D(2025, 3, 3))
    actions.admit(person("C3", "Phạm Văn Cường", joined_on=D(2025, 4, 20)), tree["C1"], D(2025, 4, 20))
    actions.admit(person("G4", "Võ Văn Giang", joined_on=D(2025, 1, 15)), tree["GC"], D(2025, 1, 15))


def due(capsys, *args) -> tuple[int, list]:
    code = main(["due", *args])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if code == 0 else out.err)


def test_due_lists_exact_days(probationers, capsys):
    code, rows = due(capsys, "--org", "G1", "--on", "2026-03-10", "--format", "json")
    assert code == 0
    assert [
        (r["kind"], r["member_no"], r["org_code"], r["due_on"], r["overdue"]) for r in rows if r["kind"] in MINE
    ] == [
        # 15/01/2026 + 30 working days, across Tết Bính Ngọ (16–20/02 off): still open on 10/03 (decided 20/03).
        ("recognition_review", "A1", "C1", "2026-03-05", True),
        # 03/03/2026 + 30 working days: 14/04/2026.
        ("recognition_review", "B2", "C2", "2026-04-14", False),
        # The twelve months of C3 end 20/04/2026, 41 days ahead: the 60-day reminder.
        ("probation_ending", "C3", "C1", "2026-04-20", False),
        # 20/04/2026 + 30 working days, across 27/04 (Giỗ Tổ, observed), 30/04 and 01/05: 04/06/2026.
        ("recognition_review", "C3", "C1", "2026-06-04", False),
    ]
    first = rows[0]
    assert first["basis"] == (
        "30 ngày làm việc sau khi hết 12 tháng dự bị ngày 15/01/2026 (kết nạp 15/01/2025); "
        "CHƯA CÓ lớp bồi dưỡng đảng viên mới"
    )
    assert first["label"] == "Xét công nhận đảng viên chính thức" and first["subject"] == "Trần Văn An (A1)"


def test_due_on_a_later_day_and_a_kind(probationers, capsys):
    code, rows = due(capsys, "--org", "G1", "--on", "2026-03-20", "--kind", "recognition_review")
    assert code == 0
    assert [(r["member_no"], r["due_on"]) for r in rows] == [("B2", "2026-04-14"), ("C3", "2026-06-04")]
    code, rows = due(capsys, "--org", "GC", "--on", "2025-01-14", "--format", "json")
    assert (code, rows) == (0, [])  # not yet admitted that day
    code, rows = due(capsys, "--org", "P", "--on", "2026-03-20", "--kind", "recognition_review")
    assert [r["member_no"] for r in rows] == ["G4", "B2", "C3"]


def test_due_wrong_input(probationers, capsys):
    code, err = due(capsys, "--org", "KHONGCO", "--on", "2026-03-10")
    assert code == 1 and "Không có tổ chức đảng mã KHONGCO." in err
    code, err = due(capsys, "--org", "G1", "--on", "2026-02-30")
    assert code == 2 and "--on: ngày không hợp lệ «2026-02-30»" in err
    code, err = due(capsys, "--org", "G1", "--on", "mai")
    assert code == 2 and "ngày không hợp lệ" in err
    code, err = due(capsys, "--org", "G1", "--kind", "khong_co")
    assert code == 2 and "không có loại hạn «khong_co»" in err
    code, err = due(capsys, "--org", "G1", "--format", "xml")
    assert code == 2 and "Traceback" not in err
