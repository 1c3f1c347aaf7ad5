"""Imports are all-or-nothing and cannot reach outside the importer's subtree."""

import pytest

from xaydungdang.core.models import AuditEntry
from xaydungdang.members.models import Member
from xaydungdang.web.tests.conftest import users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def row(no, org, name="Trần Văn Nhập", **extra):
    base = {
        "member_no": no,
        "full_name": name,
        "gender": "male",
        "birth_date": "1990-01-02",
        "ethnicity": "Kinh",
        "joined_on": "2015-01-01",
        "official_on": "2016-01-01",
        "org_code": org,
        "as_of": "2016-01-01",
    }
    return base | extra


def test_rows_naming_foreign_organizations_are_refused_and_nothing_is_written(users):
    from xaydungdang.interchange.importer import import_tables

    before = (Member.objects.count(), AuditEntry.objects.count())
    report = import_tables({"organizations": [], "members": [row("N1", "C1"), row("N2", "GC")]}, user=users["staff_u1"])
    assert not report.ok and not report.written
    assert any("GC" in issue.message for issue in report.errors), [i.message for i in report.errors]
    assert (Member.objects.count(), AuditEntry.objects.count()) == before


def test_one_bad_row_writes_nothing(users):
    from xaydungdang.interchange.importer import import_tables

    before = Member.objects.count()
    report = import_tables(
        {"organizations": [], "members": [row("N3", "C1"), row("N4", "C1", birth_date="31/02/1990")]},
        user=users["staff_u1"],
    )
    assert not report.ok and Member.objects.count() == before
    report = import_tables({"organizations": [], "members": [row("N3", "C1"), row("N4", "C2")]}, user=users["staff_u1"])
    assert report.ok and report.written, [i.message for i in report.errors]
    assert Member.objects.filter(member_no__in=["N3", "N4"]).count() == 2


def test_viewers_and_secretaries_cannot_import(users):
    from xaydungdang.interchange.importer import import_tables

    for who in ("viewer_u1", "secretary_c1"):
        report = import_tables({"organizations": [], "members": [row("N5", "C1")]}, user=users[who])
        assert not report.ok and not Member.objects.filter(member_no="N5").exists()
