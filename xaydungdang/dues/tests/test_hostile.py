"""Dues workbooks are formula-safe: names that a spreadsheet would run come out guarded
(web/tests/test_hostile_spreadsheets.py lists dues/sheets.py as covered by this test)."""

import datetime as dt
import io

import pytest

from xaydungdang.dues import actions
from xaydungdang.web.tests.test_hostile_spreadsheets import HYPERLINK, assert_reached, check_xlsx

D = dt.date
pytestmark = pytest.mark.django_db


def test_dues_workbooks_are_formula_safe(tree, client_for, tmp_path):
    from xaydungdang.cli import main
    from xaydungdang.conftest import person
    from xaydungdang.members import actions as members
    from xaydungdang.organizations import actions as org

    current = type(tree["C1"]).objects.get(pk=tree["C1"].pk)
    org.update(current, name="=cmd|' /C calc'!A0", locality=None, note="", expected_version=current.version)
    bad = members.enter_member(person("H001", HYPERLINK), entry="opening", cell=tree["C1"], on=D(2016, 1, 1))
    actions.record_base({"member_id": bad.id, "category": "other", "valid_from": D(2026, 1, 1)})
    target = tmp_path / "c1.xlsx"
    assert main(["dues", "--org", "C1", "--month", "2026-03", "--format", "xlsx", "-o", str(target)]) == 0
    seen = check_xlsx(target.read_bytes(), "xdd dues")
    assert_reached(seen, "xdd dues", HYPERLINK)
    response = client_for("staff_u1").get("/to-chuc/C1/dang-phi/bao-cao.xlsx?nam=2026")
    assert response.status_code == 200
    assert_reached(check_xlsx(io.BytesIO(response.content).getvalue(), "report"), "report", "=cmd|' /C calc'!A0")
