"""organizations.successor_code (issue 15): the organization a dissolved one was merged into goes
out in an export, comes back in an import, and a wrong one is refused naming row and column."""

import csv
import datetime as dt

import pytest
from django.db import transaction

from xaydungdang.core.transactions import composing
from xaydungdang.interchange.exporter import export_path
from xaydungdang.interchange.importer import import_path, import_tables
from xaydungdang.interchange.tests.helpers import messages
from xaydungdang.organizations.models import Organization

D = dt.date


def _successors() -> dict:
    return dict(Organization.objects.filter(successor__isnull=False).values_list("code", "successor__code"))


def test_successor_round_trip(db, tmp_path):
    from xaydungdang.organizations.tests.merger import build_merger

    with composing():
        build_merger()
        export_path(tmp_path / "out")
        before = _successors()
        transaction.set_rollback(True)
    assert before == {"ST": "CT", "HG": "CT", "CTO": "CT"}
    with open(tmp_path / "out" / "organizations.csv", encoding="utf-8") as handle:
        rows = {row["code"]: row for row in csv.DictReader(handle)}
    assert rows["ST"]["successor_code"] == "CT" and rows["ST.C1"]["successor_code"] == ""
    with transaction.atomic():
        report = import_path(tmp_path / "out")
        assert report.ok, messages(report)
        assert _successors() == before
        transaction.set_rollback(True)


ROW = {"kind": "provincial", "established_on": "2010-01-01"}


@pytest.mark.parametrize(
    "successor, dissolved, error",
    [
        ("B", "", "Chỉ ghi mã tổ chức hợp nhất vào khi tổ chức có ngày giải thể."),
        ("KHONGCO", "2025-07-01", 'Không có tổ chức mã "KHONGCO" trong bộ dữ liệu hay hệ thống.'),
        ("A", "2025-07-01", "Tổ chức không thể hợp nhất vào chính nó."),
        ("C", "2025-07-01", "Tổ chức C không tồn tại vào ngày giải thể 01/07/2025 của A."),
    ],
)
def test_wrong_successor_is_refused(db, successor, dissolved, error):
    tables = {
        "organizations": [
            {"code": "T", "name": "Trung ương thử", "kind": "central", "established_on": "1930-02-03"},
            ROW
            | {
                "code": "A",
                "name": "Đảng bộ tỉnh A",
                "parent_code": "T",
                "dissolved_on": dissolved,
                "successor_code": successor,
            },
            ROW | {"code": "B", "name": "Đảng bộ tỉnh B", "parent_code": "T"},
            ROW | {"code": "C", "name": "Đảng bộ tỉnh C", "parent_code": "T", "established_on": "2026-01-01"},
        ]
    }
    report = import_tables(tables)
    assert not report.ok
    assert f"organizations, dòng 3, cột successor_code: {error}" in messages(report)
    assert not Organization.objects.exists()
