"""`xdd badges` on a dataset written by the importer (interchange CSVs written here): gaps between a
removal and a restoration or re-admission, an expulsion, badges already received (one without its
years), deaths, a transfer out, a unit outside the organization, flagged early and posthumous cases.
The list is exactly the members the rules make eligible, by milestone."""

import csv
import datetime as dt
import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from xaydungdang.cli import main

D = dt.date
ROUND = "2026-09-02"

ORGS = [
    ["code", "name", "kind", "parent_code", "established_on"],
    ["P", "Đảng bộ tỉnh Thử", "provincial", "", "1950-01-01"],
    ["U", "Đảng bộ huyện Một", "upper", "P", "1950-01-01"],
    ["G", "Đảng bộ xã Một", "grassroots_committee", "U", "1950-01-01"],
    ["C1", "Chi bộ ấp Một", "cell", "G", "1950-01-01"],
    ["C2", "Chi bộ ấp Hai", "cell", "G", "1950-01-01"],
    ["GC", "Chi bộ Trường Tiểu học", "grassroots_cell", "U", "1950-01-01"],
]

# member_no, name, birth, joined_on, cell (opening balance, as of the official date)
PEOPLE = [
    ("A001", "Nguyễn Văn An", "1970-01-01", "1996-08-15", "C1"),  # 30 years on the round: regular 30
    ("A002", "Trần Văn Bình", "1970-01-01", "1996-09-10", "C1"),  # 29 years 11 months: not yet
    ("A003", "Lê Văn Cường", "1960-01-01", "1985-06-01", "C1"),  # 3-year gap, has 30: nothing
    ("A004", "Phạm Văn Dũng", "1955-01-01", "1980-03-01", "C2"),  # re-admitted after 5 years: 40
    ("A005", "Hoàng Văn Em", "1950-01-01", "1978-05-10", "C1"),  # expelled, restored 9 years later: 30
    ("A006", "Võ Thị Giang", "1950-01-01", "1975-01-01", "C2"),  # died, has 45, flagged: posthumous 50
    ("A007", "Đặng Văn Hải", "1945-01-01", "1970-01-01", "C1"),  # died, not flagged: nothing
    ("A008", "Bùi Thị Lan", "1970-01-01", "1997-03-01", "C1"),  # ill, flagged: early 30
    ("A009", "Đỗ Văn Minh", "1935-01-01", "1957-01-01", "C2"),  # ill, has 65, flagged: early 70
    ("A010", "Hồ Văn Nam", "1965-01-01", "1990-01-01", "GC"),  # outside G
    ("A011", "Ngô Văn Oanh", "1965-01-01", "1990-01-01", "C1"),  # transferred out before the round
    ("A012", "Dương Văn Phú", "1957-01-01", "1982-06-01", "C1"),  # has 40, 44 years: nothing
    ("A013", "Lý Văn Quang", "1960-01-01", "1986-07-01", "C2"),  # has 30, 40 years: 40
    ("A014", "Mai Văn Sơn", "1960-01-01", "1986-01-01", "C1"),  # a badge without years (30): 40
]

EVENTS = [
    ["member_no", "type", "on", "org_code", "reason", "decision_no", "decided_on", "note"],
    ["A003", "struck_off", "1995-06-01", "", "abandoned_activities", "", "", ""],
    ["A003", "restored", "1998-06-01", "C1", "", "", "", ""],
    ["A003", "badge_awarded", "2019-02-03", "", "30", "", "", ""],
    ["A004", "dismissed", "1990-03-01", "", "own_request", "", "", ""],
    ["A004", "admitted", "1995-03-01", "C2", "", "", "", ""],
    ["A004", "recognized_official", "1996-03-01", "", "", "", "", ""],
    ["A005", "restored", "1999-05-10", "C1", "", "", "", ""],
    ["A006", "badge_awarded", "2020-02-03", "", "45", "", "", ""],
    ["A006", "died", "2026-03-01", "", "", "", "", ""],
    ["A007", "died", "2025-01-01", "", "", "", "", ""],
    ["A009", "badge_awarded", "2022-02-03", "", "65", "", "", ""],
    ["A011", "transferred_out", "2025-01-01", "", "", "", "", ""],
    ["A012", "badge_awarded", "2022-09-02", "", "40", "", "", ""],
    ["A013", "badge_awarded", "2016-09-02", "", "30", "", "", ""],
    ["A014", "badge_awarded", "2016-02-03", "", "", "", "", ""],
]

DISCIPLINES = [
    ["decided_by", "subject_type", "subject", "level", "decided_on", "reason"],
    ["G", "member", "A005", "expulsion", "1990-05-10", "Vi phạm tư cách đảng viên"],
]


def _write(folder, table, rows):
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _official(joined: str) -> str:
    day = D.fromisoformat(joined)
    return D(day.year + 1, day.month, day.day).isoformat()


@pytest.fixture
def dataset(db, tmp_path, capsys):
    folder = tmp_path / "ds"
    folder.mkdir()
    _write(folder, "organizations", ORGS)
    members = [
        ["member_no", "full_name", "gender", "birth_date", "ethnicity", "joined_on", "official_on", "org_code", "as_of"]
    ]
    for no, name, birth, joined, cell in PEOPLE:
        members.append([no, name, "male", birth, "Kinh", joined, _official(joined), cell, _official(joined)])
    _write(folder, "members", members)
    _write(folder, "member_events", EVENTS)
    _write(folder, "disciplines", DISCIPLINES)
    assert main(["import", str(folder)]) == 0, capsys.readouterr().err
    capsys.readouterr()

    from xaydungdang.badges import actions
    from xaydungdang.members.models import Member

    def flag(no, kind, on):
        actions.flag(Member.objects.get(member_no=no), kind, on, "Giấy xác nhận của bệnh viện", acting_user=None)

    flag("A006", "posthumous", D(2026, 4, 1))
    flag("A008", "early", D(2026, 6, 1))
    flag("A009", "early", D(2026, 6, 1))
    return folder


def _json(capsys, *args) -> list:
    assert main(["badges", *args, "--format", "json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_exactly_the_eligible_members_by_milestone(dataset, capsys):
    rows = _json(capsys, "--org", "G", "--round", ROUND)
    got = {r["member_no"]: (r["years"], r["kind"]) for r in rows}
    assert got == {
        "A009": (70, "early"),
        "A006": (50, "posthumous"),
        "A004": (40, "regular"),
        "A013": (40, "regular"),
        "A014": (40, "regular"),
        "A001": (30, "regular"),
        "A005": (30, "regular"),
        "A008": (30, "early"),
    }
    assert [r["years"] for r in rows] == sorted((r["years"] for r in rows), reverse=True)
    by_no = {r["member_no"]: r for r in rows}
    assert set(by_no["A001"]) == {"member_no", "full_name", "years", "party_age", "kind"}
    assert by_no["A001"]["full_name"] == "Nguyễn Văn An"
    assert by_no["A001"]["party_age"] == {"years": 30, "months": 0}
    # 1978-05-10 minus the 9 years out (expelled 1990-05-10, restored 1999-05-10)
    assert by_no["A005"]["party_age"] == {"years": 39, "months": 3}
    # re-admitted: 1980-03-01 minus 1990-03-01 .. 1995-03-01
    assert by_no["A004"]["party_age"] == {"years": 41, "months": 6}
    assert by_no["A006"]["party_age"] == {"years": 51, "months": 2}  # at death, 1/3/2026
    assert by_no["A009"]["party_age"] == {"years": 69, "months": 8}


def test_the_organization_and_the_round_decide(dataset, capsys):
    whole = {r["member_no"] for r in _json(capsys, "--org", "P", "--round", ROUND)}
    assert "A010" in whole and "A011" not in whole
    assert {r["member_no"] for r in _json(capsys, "--org", "GC", "--round", ROUND)} == {"A010"}
    # 7/11/2026: A002 reaches 30 years (10/9/2026)
    later = {r["member_no"] for r in _json(capsys, "--org", "C1", "--round", "2026-11-07")}
    assert "A002" in later
    # 19/5/2026: the early flags (1/6/2026) do not count yet; A008 is not listed
    before = {r["member_no"]: r["kind"] for r in _json(capsys, "--org", "G", "--round", "2026-05-19")}
    assert "A008" not in before and "A009" not in before


def test_a_badge_received_later_does_not_hide_an_earlier_round(dataset, capsys):
    from xaydungdang.members import actions
    from xaydungdang.members.models import Member

    actions.record_event(
        Member.objects.get(member_no="A001"), "badge_awarded", D(2026, 9, 2), reason="30", acting_user=None
    )
    assert "A001" not in {r["member_no"] for r in _json(capsys, "--org", "G", "--round", "2026-11-07")}
    assert "A001" in {r["member_no"] for r in _json(capsys, "--org", "G", "--round", ROUND)}


def test_round_day_and_organization_are_checked(dataset, capsys):
    assert main(["badges", "--org", "G", "--round", "2026-09-03"]) == 2
    assert "không phải đợt trao Huy hiệu Đảng" in capsys.readouterr().err
    assert main(["badges", "--org", "G", "--round", "2026-02-30"]) == 2
    assert "không hợp lệ" in capsys.readouterr().err
    assert main(["badges", "--org", "KHONG", "--round", ROUND]) == 1
    assert "Không có tổ chức đảng mã KHONG" in capsys.readouterr().err
    assert main(["badges", "--org", "G", "--round", ROUND, "--format", "pdf"]) == 2


def test_xlsx_and_docx_files(dataset, capsys, tmp_path):
    from xaydungdang.core.models import AuditEntry

    target = tmp_path / "list.xlsx"
    assert main(["badges", "--org", "G", "--round", ROUND, "--format", "xlsx", "-o", str(target)]) == 0
    sheet = load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "2/9/2026" in values[0][0]
    assert values[1][:3] == ["STT", "Họ và tên", "Số lý lịch"]
    assert [r[2] for r in values[2:]][:1] == ["A009"]
    assert len(values) == 2 + 8
    target = tmp_path / "list.docx"
    assert main(["badges", "--org", "G", "--round", ROUND, "--format", "docx", "-o", str(target)]) == 0
    document = Document(io.BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DANH SÁCH" in text and "đợt 2/9/2026" in text
    masthead = document.tables[0].rows[0].cells
    assert "ĐẢNG ỦY XÃ MỘT" in masthead[0].text and "ĐẢNG CỘNG SẢN VIỆT NAM" in masthead[1].text
    table_text = "\n".join(c.text for row in document.tables[1].rows for c in row.cells)
    assert "Huy hiệu 70 năm tuổi đảng (1 đồng chí)" in table_text
    assert "Võ Thị Giang" in table_text and "Truy tặng" in table_text
    assert AuditEntry.objects.filter(action="badges.export").count() == 2


def test_xdd_due_lists_the_card_to_issue(dataset, capsys):
    """The re-admitted A004 was recognized on 1/3/1996 and no card was ever recorded: card_issue is
    open (and overdue); the others entered as official members (opening balance): no card deadline."""
    assert main(["due", "--org", "G", "--on", ROUND, "--format", "json"]) == 0, capsys.readouterr().err
    rows = [r for r in json.loads(capsys.readouterr().out) if r["kind"] == "card_issue"]
    assert [(r["member_no"], r["overdue"]) for r in rows] == [("A004", True)]
    assert "01/03/1996" in rows[0]["basis"]
