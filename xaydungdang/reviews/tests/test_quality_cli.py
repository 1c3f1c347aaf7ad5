"""`xdd ratings --org CODE --period P --format json|xlsx` (docs/cli.md): counts, cap warnings, errors."""

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from xaydungdang.cli import main
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import long_date
from xaydungdang.reviews import actions
from xaydungdang.web.tests.conftest import people  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_xdd_ratings(people, capsys, tmp_path):
    for key, level in (("an", "excellent"), ("binh", "excellent"), ("chau", "good")):
        actions.record_rating(
            {"year": 2024, "subject_type": "member", "subject_member_id": people[key].id, "level": level}
        )
    assert main(["ratings", "--org", "G1", "--period", "2024"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["period"] == "2024" and out["tables"]["members"]["total"] == {
        "excellent": 2,
        "good": 1,
        "complete": 0,
        "incomplete": 0,
    }
    assert len(out["cap_warnings"]) == 1 and "tối đa 0 (20% của 1" in out["cap_warnings"][0]
    # A quarter: no cap.
    assert main(["ratings", "--org", "G1", "--period", "2024-Q4"]) == 0
    assert json.loads(capsys.readouterr().out)["cap_warnings"] == []
    target = tmp_path / "bieu.xlsx"
    assert main(["ratings", "--org", "G1", "--period", "2024", "--format", "xlsx", "-o", str(target)]) == 0
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert [s.title for s in book.worksheets] == ["Biểu 1", "Biểu 2"]
    cells = {str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value is not None}
    assert long_date(today()) in cells  # the date line as party documents write it
    assert main(["ratings", "--org", "NOPE", "--period", "2024"]) == 1
    assert "Không có tổ chức đảng mã NOPE" in capsys.readouterr().err
    assert main(["ratings", "--org", "G1", "--period", "2024-Q7"]) == 1
    assert "Kỳ đánh giá" in capsys.readouterr().err


def test_xdd_ratings_dates_a_february_sheet_as_party_documents_do(people, tmp_path, monkeypatch):
    from xaydungdang.reviews import quality_xlsx

    monkeypatch.setattr(quality_xlsx, "today", lambda: dt.date(2025, 2, 7))
    target = tmp_path / "bieu.xlsx"
    assert main(["ratings", "--org", "G1", "--period", "2024", "--format", "xlsx", "-o", str(target)]) == 0
    sheet = load_workbook(io.BytesIO(target.read_bytes())).worksheets[0]
    assert "ngày 7 tháng 02 năm 2025" in {c.value for row in sheet.iter_rows() for c in row}


@pytest.mark.parametrize(
    "code,day,line,sign",
    [
        ("U1", dt.date(2025, 6, 30), "BAN TỔ CHỨC", "T/M BAN TỔ CHỨC"),  # a huyện ủy's Ban Tổ chức
        ("U1", dt.date(2025, 7, 1), "BAN XÂY DỰNG ĐẢNG", "T/M BAN XÂY DỰNG ĐẢNG"),  # 294-QĐ/TW from 1/7/2025
        ("P", dt.date(2026, 1, 5), "BAN TỔ CHỨC", "T/M BAN TỔ CHỨC"),
        ("G1", dt.date(2026, 1, 5), None, "T/M ĐẢNG ỦY"),  # the committee prepares its own
    ],
)
def test_the_ratings_sheet_is_prepared_by_the_staff_body_of_its_day(
    people, tmp_path, monkeypatch, code, day, line, sign
):
    from xaydungdang.reviews import quality_xlsx

    monkeypatch.setattr(quality_xlsx, "today", lambda: day)
    target = tmp_path / "bieu.xlsx"
    assert main(["ratings", "--org", code, "--period", "2024", "--format", "xlsx", "-o", str(target)]) == 0
    sheet = load_workbook(io.BytesIO(target.read_bytes())).worksheets[0]
    values = {c.value for row in sheet.iter_rows() for c in row if c.value is not None}
    assert sheet.cell(row=2, column=1).value == line
    assert sign in values and "Ban Tổ chức" not in values
