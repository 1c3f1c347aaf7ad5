"""The hand-written sample dataset (Vietnamese headers and labels, DD/MM/YYYY dates, a BOM,
CRLF line endings) imports, and what it derives is what the rules say."""

import datetime as dt

import pytest

from xaydungdang.activities.models import CadreAction, Document, TrainingClass
from xaydungdang.admissions.models import Target
from xaydungdang.core.models import AuditEntry
from xaydungdang.inspections.models import Discipline, Inspection
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.tests.helpers import SAMPLE, messages, table_counts
from xaydungdang.members.models import Member, MemberEvent, MemberSpan
from xaydungdang.organizations.models import Locality, Organization, OrgLink
from xaydungdang.organizations.tree import load_tree
from xaydungdang.reviews.models import Rating, Screening

D = dt.date


@pytest.fixture
def sample(db):
    report = import_path(SAMPLE)
    assert report.ok, messages(report)
    return report


def spans(no):
    return list(
        MemberSpan.objects.filter(member__member_no=no)
        .order_by("start")
        .values_list("cell__code", "start", "end", "official", "away")
    )


def test_counts_and_audit(sample):
    assert sample.counts == {
        "organizations": 10,
        "org_moves": 1,
        "localities": 3,
        "members": 10,
        "member_events": 13,
        "targets": 2,
        "screenings": 1,
        "ratings": 2,
        "inspections": 2,
        "disciplines": 2,
        "classes": 2,
        "dialogues": 1,
        "documents": 2,
        "awards": 2,
        "cadre_actions": 2,
    }
    assert Organization.objects.count() == 10 and Member.objects.count() == 10
    # 13 events from the file + 8 opening balances (members rows with org_code).
    assert MemberEvent.objects.count() == 21
    assert MemberEvent.objects.filter(type="opening").count() == 8
    entry = AuditEntry.objects.get(action="interchange.import")
    assert entry.after["counts"]["members"] == 10 and "tinh_mau" in entry.after["source"]


def test_labels_and_formats_are_understood(sample):
    org = Organization.objects.get(code="TM")
    assert org.kind == "provincial" and org.parent is None and org.established_on == D(2010, 1, 1)
    assert Organization.objects.get(code="X1C").kind == "cell"
    assert Organization.objects.get(code="X1B").dissolved_on == D(2022, 7, 1)
    m = Member.objects.get(member_no="TM002")
    assert (m.gender, m.birth_date, m.qualification, m.political_theory, m.occupation) == (
        "female",
        D(1985, 6, 1),
        "intermediate",  # version 1 `vocational`
        "elementary",
        "farmer",
    )
    assert Member.objects.get(member_no="TM001").occupation == "state_official"  # version 1 `civil_servant`
    assert TrainingClass.objects.get(org__code="TM").participants == 1250  # "1.250"
    assert Document.objects.get(number="10-BC/HU").is_review is True
    assert Document.objects.get(number="05-CTr/TU").is_review is False
    assert CadreAction.objects.get(org__code="H1").count == 1  # empty = default 1
    assert Inspection.objects.get(org__code="H1").violation is True
    target = Target.objects.get(org__code="TM")
    assert (target.period_start, target.period_end, target.value) == (D(2020, 1, 1), D(2025, 12, 31), 50)
    assert Locality.objects.get(code="X1-A").org.code == "X1A"
    assert Organization.objects.get(code="X1").locality.code == "X1"
    assert Member.objects.get(member_no="TM007").events.get(type="struck_off").reason == "abandoned_activities"


def test_member_histories(sample):
    assert spans("TM003") == [
        ("X1A", D(2020, 1, 1), D(2020, 6, 1), False, False),
        ("X1A", D(2020, 6, 1), None, True, False),
    ]
    assert spans("TM002") == [
        ("X1B", D(2020, 1, 1), D(2022, 6, 15), True, False),
        ("X1C", D(2022, 6, 15), None, True, False),
    ]
    assert spans("TM009") == [
        ("BP1", D(2020, 1, 1), D(2021, 2, 1), True, False),
        ("BP1", D(2021, 2, 1), D(2022, 2, 1), True, True),
        ("BP1", D(2022, 2, 1), None, True, False),
    ]
    assert spans("TM010") == [
        ("X1A", D(2020, 1, 1), D(2021, 3, 1), True, False),
        ("X1A", D(2022, 3, 1), None, True, False),
    ]
    states = dict(Member.objects.values_list("member_no", "state"))
    assert states["TM006"] == "died" and states["TM007"] == "removed" and states["TM008"] == "removed"
    assert states["TM010"] == "active" and states["TM005"] == "active"
    admitted = Member.objects.get(member_no="TM004")
    assert (admitted.status, admitted.current_cell.code) == ("official", "X1A")
    assert admitted.official_on == D(2022, 3, 26)  # as recognize() would have set it
    assert Member.objects.get(member_no="TM001").card_no == "00100001"  # the row's value wins
    transfer = MemberEvent.objects.get(member__member_no="TM002", type="transferred")
    assert (transfer.from_cell.code, transfer.to_cell.code) == ("X1B", "X1C")
    assert MemberEvent.objects.get(member__member_no="TM006", type="died").from_cell.code == "X1C"


def test_derived_cells_of_records(sample):
    assert Rating.objects.get(subject_member__member_no="TM001").cell.code == "X1A"
    assert Rating.objects.get(subject_org__code="X1").cell_id is None
    expulsion = Discipline.objects.get(level="expulsion")
    assert expulsion.cell.code == "X1C"  # the cell left
    assert Screening.objects.get().cell.code == "X1C"


def test_tree_links_follow_moves(sample):
    tree = load_tree()
    th, h1, h2 = (tree.by_code[c] for c in ("TH", "H1", "H2"))
    assert tree.parent_at(th, D(2021, 6, 30)) == h2 and tree.parent_at(th, D(2021, 7, 1)) == h1
    assert OrgLink.objects.filter(org_id=th).count() == 2


def test_dry_run_writes_nothing(db):
    before = table_counts()
    report = import_path(SAMPLE, dry_run=True)
    assert report.ok and report.counts["members"] == 10 and not report.written
    assert table_counts() == before


def test_second_import_refused_and_nothing_written(sample):
    before = table_counts()
    report = import_path(SAMPLE)
    assert not report.ok
    assert "organizations, dòng 2, cột code: Mã tổ chức TM đã có trong hệ thống." in messages(report)
    assert "members, dòng 2, cột member_no: Số lý lịch TM001 đã có trong hệ thống." in messages(report)
    assert table_counts() == before


def test_xlsx_and_csv_give_the_same_result(db, tmp_path):
    """The sample as one workbook (its Vietnamese headers, sheets named in other cases)
    imports to exactly what the CSV folder gives."""
    import openpyxl
    from django.db import transaction

    from xaydungdang.interchange.exporter import export_path
    from xaydungdang.interchange.tests.helpers import read_table

    book = openpyxl.Workbook()
    book.remove(book.active)
    for path in sorted(SAMPLE.iterdir()):
        sheet = book.create_sheet(path.stem.upper() if len(path.stem) < 10 else path.stem.title())
        for row in read_table(SAMPLE, path.stem):
            sheet.append(row)
    book.save(tmp_path / "tinh_mau.xlsx")

    exports = []
    for source in (SAMPLE, tmp_path / "tinh_mau.xlsx"):
        with transaction.atomic():
            report = import_path(source)
            assert report.ok, messages(report)
            target = tmp_path / f"out-{len(exports)}"
            export_path(target)
            exports.append({p.name: p.read_text() for p in sorted(target.iterdir())})
            transaction.set_rollback(True)
    assert exports[0] == exports[1]
    assert "TM004" in exports[0]["members.csv"]
