"""The optional interchange tables dues_bases and dues_payments: the ledger survives export and
import unchanged (CSV folder and XLSX), bad rows are refused with the column named."""

import datetime as dt
import shutil

import pytest

from xaydungdang.dues import actions, ledger
from xaydungdang.dues.models import DuesBase, DuesPayment
from xaydungdang.interchange.exporter import export_path
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.tables import TABLES
from xaydungdang.interchange.tests.helpers import read_table, write_table

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(tree, people):
    rec = actions.record_base
    rec({"member_id": people["an"].id, "category": "salaried", "base": 8_456_789, "valid_from": D(2025, 1, 1)})
    rec(
        {
            "member_id": people["an"].id,
            "category": "salaried",
            "base": 9_000_000,
            "valid_from": D(2026, 4, 1),
            "reduction_pct": 30,
        }
    )
    rec({"member_id": people["binh"].id, "category": "pensioner", "base": 6_543_210, "valid_from": D(2025, 1, 1)})
    rec({"member_id": people["chau"].id, "category": "student", "valid_from": D(2025, 1, 1)})
    rec({"member_id": people["dung"].id, "category": "other", "valid_from": D(2025, 1, 1), "exempt": True})
    pay = actions.record_payment
    pay(
        {
            "member_id": people["an"].id,
            "month": D(2026, 2, 1),
            "amount": 84_568,
            "paid_on": D(2026, 2, 10),
            "receipt_no": "BL-07",
        }
    )
    pay(
        {
            "member_id": people["an"].id,
            "month": D(2026, 3, 1),
            "amount": 84_568,
            "paid_on": D(2026, 3, 10),
            "channel": "portal",
            "transaction_id": "GD-1",
        }
    )
    pay({"member_id": people["binh"].id, "month": D(2026, 3, 1), "amount": 30_000, "paid_on": D(2026, 3, 12)})
    pay({"member_id": people["binh"].id, "month": D(2026, 3, 1), "amount": 2_716, "paid_on": D(2026, 4, 2)})
    return people


def _ledgers(tree):
    return {
        (code, month): [r.as_contract() for r in ledger.ledger(tree[code].id, month)]
        for code in ("C1", "C2")
        for month in (D(2026, 2, 1), D(2026, 3, 1), D(2026, 4, 1))
    }


@pytest.mark.parametrize("kind", ["folder", "xlsx"])
def test_ledger_survives_export_and_import(tree, kept, tmp_path, kind):
    before = _ledgers(tree)
    export_path(tmp_path / "out")
    bases = read_table(tmp_path / "out", "dues_bases")
    payments = read_table(tmp_path / "out", "dues_payments")
    assert (
        bases[0] == TABLES["dues_bases"].names == ["member_no", "category", "base", "from", "reduction_pct", "exempt"]
    )
    assert payments[0] == ["member_no", "month", "amount", "paid_on", "channel", "receipt_no"]
    assert ["M001", "salaried", "9000000", "2026-04-01", "30", "no"] in bases
    assert ["M001", "2026-02", "84568", "2026-02-10", "cash", "BL-07"] in payments
    # Only the two dues tables travel back into the database (its members are there already).
    source = tmp_path / "dues"
    source.mkdir()
    for name in ("dues_bases", "dues_payments"):
        shutil.copy(tmp_path / "out" / f"{name}.csv", source / f"{name}.csv")
    if kind == "xlsx":
        export_path(tmp_path / "all.xlsx")
        from openpyxl import Workbook, load_workbook

        book, whole = Workbook(), load_workbook(tmp_path / "all.xlsx")
        book.remove(book.active)
        for name in ("dues_bases", "dues_payments"):
            sheet = book.create_sheet(name)
            for row in whole[name].iter_rows(values_only=True):
                sheet.append(row)
        source = tmp_path / "dues.xlsx"
        book.save(source)
    DuesPayment.objects.all().delete()
    DuesBase.objects.all().delete()
    report = import_path(source)
    assert report.ok, report
    assert DuesBase.objects.count() == 5 and DuesPayment.objects.count() == 4
    assert _ledgers(tree) == before
    again = tmp_path / "again"
    export_path(again)
    assert read_table(again, "dues_bases") == bases and read_table(again, "dues_payments") == payments
    # The cell of a payment is derived again from the member's history.
    assert set(DuesPayment.objects.values_list("cell_id", flat=True)) == {tree["C1"].id}


def test_bad_dues_rows_are_refused_naming_the_column(tree, people, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    write_table(
        folder,
        "dues_bases",
        [
            ["member_no", "category", "base", "from", "reduction_pct", "exempt"],
            ["M001", "salaried", "", "2026-01-01", "", "no"],
            ["M002", "pensioner", "6000000", "2026-01-01", "40", "no"],
            ["M404", "student", "", "2026-01-01", "", ""],
        ],
    )
    write_table(
        folder,
        "dues_payments",
        [
            ["member_no", "month", "amount", "paid_on", "channel", "receipt_no"],
            ["M001", "2026-13", "5000", "2026-03-02", "cash", ""],
            ["M001", "2026-03", "0", "2026-03-02", "bank", ""],
        ],
    )
    report = import_path(folder)
    assert not report.ok
    found = {(e.table, e.row, e.column): e.message for e in report.errors}
    assert "căn cứ" in found[("dues_bases", 2, "base")]
    assert "30%, 50% hoặc 70%" in found[("dues_bases", 3, "reduction_pct")]
    assert "M404" in found[("dues_bases", 4, "member_no")]
    assert "2026-13" in found[("dues_payments", 2, "month")]
    assert ("dues_payments", 3, "channel") in found and ("dues_payments", 3, "amount") in found
    assert not DuesBase.objects.exists() and not DuesPayment.objects.exists()


def test_one_dues_base_per_member_and_date(tree, people, tmp_path):
    actions.record_base(
        {"member_id": people["an"].id, "category": "salaried", "base": 5_000_000, "valid_from": D(2026, 1, 1)}
    )
    folder = tmp_path / "twice"
    folder.mkdir()
    write_table(
        folder,
        "dues_bases",
        [
            ["member_no", "category", "base", "from", "reduction_pct", "exempt"],
            ["M001", "salaried", "6000000", "2026-01-01", "", ""],
            ["M002", "student", "", "2026-01-01", "", ""],
            ["M002", "other", "", "2026-01-01", "", ""],
        ],
    )
    report = import_path(folder)
    found = {(e.table, e.row, e.column): e.message for e in report.errors}
    assert "đã có trong hệ thống" in found[("dues_bases", 2, "from")]
    assert "dòng 3" in found[("dues_bases", 4, "from")]
    assert DuesBase.objects.count() == 1
