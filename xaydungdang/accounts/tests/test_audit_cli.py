"""`xdd audit`: filters, formats, bad input messages, and the export itself audited."""

import csv
import datetime as dt
import io
import json

from xaydungdang.cli import main
from xaydungdang.conftest import person
from xaydungdang.core.models import AuditEntry


def make_history(tree):
    from xaydungdang.members import actions

    an = actions.enter_member(person("A1", "Nguyễn Văn An"), entry="opening", cell=tree["C1"], on=dt.date(2019, 1, 1))
    em = actions.enter_member(
        person("E1", "Phạm Thị Em", gender="female"), entry="opening", cell=tree["GC"], on=dt.date(2019, 1, 1)
    )
    actions.record_event(an, "away_started", dt.date(2021, 5, 1), note="đi Bình Dương")
    return an, em


def test_json_filtered_by_organization_subtree(tree, capsys):
    make_history(tree)
    assert main(["audit", "--org", "U1", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    names = {e["object"] for e in entries}
    assert any("Nguyễn Văn An" in n for n in names) and not any("Phạm Thị Em" in n for n in names)
    assert {e["action_label"] for e in entries} >= {"Nhập đảng viên (số dư đầu kỳ)", "Ghi biến động: Đi làm ăn xa"}


def test_csv_to_file_is_audited(tree, capsys, tmp_path):
    make_history(tree)
    target = tmp_path / "nhat-ky.csv"
    assert main(["audit", "--member", "E1", "-o", str(target)]) == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Thời điểm" and len(rows) == 2 and "Phạm Thị Em" in rows[1][6]
    export = AuditEntry.objects.get(action="audit.export")
    assert export.after["rows"] == 1 and export.via == "cli"


def test_dates_and_bad_input(tree, capsys):
    make_history(tree)
    today = dt.date.today()
    assert main(["audit", "--since", today.strftime("%d/%m/%Y"), "--until", today.isoformat(), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) >= 3
    assert main(["audit", "--until", "2000-01-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["audit", "--since", "31/02/2024"]) == 1
    assert "không hợp lệ" in capsys.readouterr().err
    assert main(["audit", "--org", "KHONGCO"]) == 1
    assert main(["audit", "--since", "2024-05-01", "--until", "2024-01-01"]) == 1
    assert main(["audit", "--format", "pdf"]) == 2
