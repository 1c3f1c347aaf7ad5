"""`xdd ratings --org CODE --period P --format json|xlsx` (docs/cli.md): counts, cap warnings, errors."""

import io
import json

import pytest
from openpyxl import load_workbook

from xaydungdang.cli import main
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
    assert main(["ratings", "--org", "NOPE", "--period", "2024"]) == 1
    assert "Không có tổ chức đảng mã NOPE" in capsys.readouterr().err
    assert main(["ratings", "--org", "G1", "--period", "2024-Q7"]) == 1
    assert "Kỳ đánh giá" in capsys.readouterr().err
