"""The optional interchange table `candidates`: candidates and their steps survive export and
import unchanged (CSV folder and XLSX), bad rows are refused naming table, row and column, and a
dataset without the table imports as before."""

import datetime as dt
import shutil

import pytest

from xaydungdang.admissions import actions
from xaydungdang.admissions.models import Candidate, CandidateStep
from xaydungdang.admissions.tests.test_candidates import candidate, dossier, walk
from xaydungdang.conftest import person
from xaydungdang.interchange.exporter import export_path
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.tables import TABLES
from xaydungdang.interchange.tests.helpers import read_table, write_table
from xaydungdang.members import actions as members

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(tree):
    c1 = tree["C1"]
    return {
        "an": members.enter_member(
            person("M001", "Nguyễn Văn An", joined_on=D(2010, 1, 1), official_on=D(2011, 1, 1)),
            entry="opening",
            cell=c1,
            on=D(2016, 1, 1),
        ),
        "binh": members.enter_member(
            person("M002", "Đặng Thị Bình", gender="female", joined_on=D(2010, 1, 1), official_on=D(2011, 1, 1)),
            entry="opening",
            cell=c1,
            on=D(2016, 1, 1),
        ),
        "chau": members.enter_member(
            person("M003", "Trần Minh Châu", joined_on=D(2024, 6, 1)), entry="opening", cell=c1, on=D(2024, 6, 1)
        ),
    }


@pytest.fixture
def kept(tree, cell):
    admitted = candidate(tree, hometown="xã Một", national_id="094123456789", note="Bí thư Đoàn ấp")
    walk(tree, cell, admitted)
    halfway = candidate(tree, full_name="Lâm Văn Tú", gender="male", birth_date=D(1999, 1, 2), ethnicity="Khmer")
    actions.do_step(halfway, "awareness", {"on": D(2025, 3, 20), "number": "16/GCN"})
    actions.do_step(
        halfway, "dossier", dossier(cell, union="none", union_resolution_on=None, residence_comments_on=None)
    )
    voided = candidate(tree, full_name="Ghi Nhầm")
    actions.do_void_candidate(voided, "nhầm")
    delegated = candidate(tree, full_name="Phan Thị Mai", occupation="farmer", admission_exception=False)
    walk(tree, cell, delegated, until="cell_resolution")
    actions.do_step(
        delegated,
        "decision",
        {
            "on": D(2025, 11, 3),
            "number": "9-QĐ/ĐU",
            "deciding_org_id": tree["G1"].id,
            "delegated": True,
            "committee_resolution_no": "30-NQ/ĐU",
            "committee_resolution_on": D(2025, 10, 20),
        },
    )
    return cell


def _state():
    return sorted(
        (
            c.cell_id,
            c.full_name,
            c.birth_date,
            c.national_id,
            c.note,
            tuple(
                (
                    s.kind,
                    s.on,
                    s.number,
                    s.introducer1_id,
                    s.union,
                    s.votes_for,
                    s.deciding_org_id,
                    s.delegated,
                    s.received_on,
                    s.member_id,
                )
                for s in CandidateStep.objects.active().filter(candidate=c).order_by("on", "id")
            ),
        )
        for c in Candidate.objects.active()
    )


@pytest.mark.parametrize("kind", ["folder", "xlsx"])
def test_candidates_survive_export_and_import(tree, kept, tmp_path, kind):
    before = _state()
    export_path(tmp_path / "out")
    rows = read_table(tmp_path / "out", "candidates")
    assert rows[0] == TABLES["candidates"].names
    names = rows[0]
    assert len(rows) == 4  # the voided candidate is not exported
    hoa = dict(zip(names, next(r for r in rows if r[names.index("full_name")] == "Võ Thị Hoa")))
    assert hoa["org_code"] == "C1" and hoa["introducer1_no"] == "M001" and hoa["union"] == "doan"
    assert hoa["resolution_on"] == "2025-10-06" and hoa["deciding_org_code"] == "U1"
    assert hoa["ceremony_on"] == "2025-11-20" and hoa["member_no"] == "M100"
    source = tmp_path / "candidates"
    source.mkdir()
    shutil.copy(tmp_path / "out" / "candidates.csv", source / "candidates.csv")
    if kind == "xlsx":
        export_path(tmp_path / "all.xlsx")
        from openpyxl import Workbook, load_workbook

        book, whole = Workbook(), load_workbook(tmp_path / "all.xlsx")
        book.remove(book.active)
        sheet = book.create_sheet("candidates")
        for row in whole["candidates"].iter_rows(values_only=True):
            sheet.append(row)
        source = tmp_path / "candidates.xlsx"
        book.save(source)
    CandidateStep.objects.all().delete()
    Candidate.objects.all().delete()
    report = import_path(source)
    assert report.ok, report
    assert _state() == [s for s in before]
    again = tmp_path / "again"
    export_path(again)
    assert read_table(again, "candidates") == rows


def test_bad_candidate_rows_are_refused_naming_the_column(tree, kept, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    names = TABLES["candidates"].names

    def row(**values):
        base = {
            "org_code": "C1",
            "full_name": "Hồ Văn Nam",
            "gender": "male",
            "birth_date": "2001-01-01",
            "ethnicity": "Kinh",
            "identified_on": "2025-01-06",
        }
        return [(base | values).get(n, "") for n in names]

    dossier_cols = {
        "awareness_on": "2025-03-01",
        "dossier_on": "2025-05-10",
        "application_on": "2025-05-01",
        "background_on": "2025-05-02",
        "union": "none",
    }
    write_table(
        folder,
        "candidates",
        [
            names,
            row(verified_on="2025-06-01"),  # a step without the ones before it
            row(**dossier_cols, introducer1_no="M003", introducer2_no="M002"),  # M003 is not official
            row(**dossier_cols, introducer1_no="M404", introducer2_no="M002"),  # unknown member
            row(org_code="G1"),  # not a cell
            row(union="hội nông dân"),
            row(
                **dossier_cols,
                introducer1_no="M001",
                introducer2_no="M002",
                verified_on="2025-06-01",
                resolution_on="2025-06-10",
                decision_on="2025-07-01",
                decision_no="1-QĐ",
                deciding_org_code="U1",
                ceremony_on="2025-07-20",
                member_no="M002",
            ),  # M002 was not admitted that day
        ],
    )
    report = import_path(folder)
    assert not report.ok
    found = {(e.table, e.row, e.column): e.message for e in report.errors}
    assert "thiếu awareness_on" in found[("candidates", 2, "verified_on")]
    assert "Trần Minh Châu (M003) không phải đảng viên chính thức" in found[("candidates", 3, "introducer1_no")]
    assert "M404" in found[("candidates", 4, "introducer1_no")]
    assert "không phải chi bộ" in found[("candidates", 5, "org_code")]
    assert ("candidates", 6, "union") in found
    assert "không được kết nạp vào chi bộ ngày 20/07/2025" in found[("candidates", 7, "member_no")]
    assert Candidate.objects.active().count() == 3  # nothing written


def test_a_dataset_without_candidates_imports_unchanged(tree, cell, tmp_path):
    export_path(tmp_path / "out")
    assert read_table(tmp_path / "out", "candidates") == [TABLES["candidates"].names]
    (tmp_path / "out" / "candidates.csv").unlink()
    folder = tmp_path / "v2"
    folder.mkdir()
    shutil.copy(tmp_path / "out" / "targets.csv", folder / "targets.csv")
    report = import_path(folder)
    assert report.ok, report
    assert not Candidate.objects.exists()
