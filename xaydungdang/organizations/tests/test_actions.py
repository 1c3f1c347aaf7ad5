"""organizations.actions: found, move and dissolve write the dated tree only when the whole tree stays
consistent; refusals are Vietnamese messages naming the field."""

import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.models import AuditEntry
from xaydungdang.organizations import actions as org
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.tree import load_tree

D = dt.date


def refused(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as info:
        call(*args, **kwargs)
    return info.value


def parent_on(code: str, day: dt.date):
    tree = load_tree()
    org_id = Organization.objects.get(code=code).id
    snapshot = tree.snapshot(day)
    if org_id not in snapshot:
        return "absent"
    parent = snapshot.parent[org_id]
    return tree.orgs[parent].code if parent else None


# --- found ----------------------------------------------------------------------------------------------------


def test_found_writes_the_org_normalized_and_audited(tree):
    name = "Chi bộ  ấp\u0020Ba".replace("ấ", "a\u0302\u0301")  # NFD spelling, doubled space
    made = org.found(" C3 ", name, "cell", tree["G1"], D(2020, 3, 1), decision_no="15-QĐ/ĐU")
    assert (made.code, made.name) == ("C3", "Chi bộ ấp Ba")
    assert parent_on("C3", D(2020, 3, 1)) == "G1"
    assert parent_on("C3", D(2020, 2, 29)) == "absent"
    assert AuditEntry.objects.filter(action="org.found", org_id=made.id).exists()


def test_found_refusals_name_the_field(tree):
    error = refused(org.found, "C1", "Chi bộ trùng mã", "cell", tree["G1"], D(2020, 1, 1))
    assert [(p.field, p.message) for p in error.problems] == [("code", "Mã tổ chức C1 đã có.")]

    error = refused(org.found, "", "", "nhom", tree["G1"], D(2020, 1, 1))
    assert [(p.field, p.message) for p in error.problems] == [
        ("code", "Thiếu mã tổ chức."),
        ("name", "Thiếu tên tổ chức."),
        ("kind", 'Loại tổ chức "nhom" không hợp lệ.'),
    ]

    error = refused(org.found, "C9", "Chi bộ không cấp trên", "cell", None, D(2020, 1, 1))
    assert [(p.field, p.message) for p in error.problems] == [("parent", "Cần chọn tổ chức cấp trên.")]

    error = refused(org.found, "C9", "Chi bộ \u202eđảo", "cell", tree["G1"], D(2020, 1, 1))
    assert error.problems[0].field == "name" and "U+202E" in error.problems[0].message
    assert not Organization.objects.filter(code="C9").exists()


def test_found_checks_the_dated_tree(tree):
    error = refused(org.found, "C9", "Chi bộ sai cấp", "cell", tree["U1"], D(2020, 1, 1))
    assert error.problems[0].field == "parent_code"
    assert "Chi bộ trực thuộc không thể trực thuộc Đảng bộ cấp trên trực tiếp của cơ sở (U1)" in error.message

    error = refused(org.found, "C9", "Chi bộ sớm", "cell", tree["G1"], D(2014, 12, 31))
    assert error.message == "Tổ chức cấp trên G1 thành lập ngày 01/01/2015, sau ngày 31/12/2014."

    tomorrow = today() + dt.timedelta(days=1)
    error = refused(org.found, "C9", "Chi bộ tương lai", "cell", tree["G1"], tomorrow)
    assert (error.problems[0].field, error.problems[0].rule) == ("established_on", "future_dates")
    assert not Organization.objects.filter(code="C9").exists()


# --- move -----------------------------------------------------------------------------------------------------


def test_move_changes_the_parent_from_its_date_only(tree):
    g2 = org.found("G2", "Đảng bộ xã Hai", "grassroots_committee", tree["U1"], D(2015, 1, 1))
    moved = org.move(tree["C2"], g2, D(2020, 1, 1), decision_no="20-QĐ/HU")
    assert parent_on("C2", D(2019, 12, 31)) == "G1"
    assert parent_on("C2", D(2020, 1, 1)) == "G2"
    assert parent_on("C2", today()) == "G2"
    assert AuditEntry.objects.filter(action="org.move", org_id=tree["C2"].id).exists()
    assert moved.moved_on == D(2020, 1, 1)


def test_move_refusals(tree):
    error = refused(org.move, tree["C2"], tree["U2"], D(2020, 1, 1))
    assert error.problems[0].field == "new_parent_code"
    assert "không thể trực thuộc Đảng bộ cấp trên trực tiếp của cơ sở (U2)" in error.message

    g2 = org.found("G2", "Đảng bộ xã Hai", "grassroots_committee", tree["U1"], D(2018, 1, 1))
    error = refused(org.move, tree["C2"], g2, D(2017, 6, 1))  # the new parent does not exist yet
    assert error.message == "Tổ chức cấp trên G2 thành lập ngày 01/01/2018, sau ngày 01/06/2017."

    error = refused(org.move, tree["C2"], g2, today() + dt.timedelta(days=1))
    assert (error.problems[0].field, error.problems[0].rule) == ("moved_on", "future_dates")

    org.move(tree["C2"], g2, D(2020, 1, 1))
    error = refused(org.move, tree["C2"], tree["G1"], D(2020, 1, 1))
    assert error.message == "Tổ chức C2 có hai lần chuyển trong cùng ngày 01/01/2020."
    assert parent_on("C2", D(2020, 1, 1)) == "G2"  # nothing written by the refusals


# --- dissolve -------------------------------------------------------------------------------------------------


def test_dissolve_an_empty_cell(tree):
    org.dissolve(tree["C2"], D(2021, 7, 1), decision_no="30-QĐ/ĐU")
    c2 = Organization.objects.get(code="C2")
    assert c2.dissolved_on == D(2021, 7, 1)
    assert "Giải thể theo quyết định 30-QĐ/ĐU" in c2.note
    assert parent_on("C2", D(2021, 6, 30)) == "G1"
    assert parent_on("C2", D(2021, 7, 1)) == "absent"
    assert AuditEntry.objects.filter(action="org.dissolve", org_id=c2.id).exists()

    error = refused(org.dissolve, c2, D(2022, 1, 1))
    assert (error.problems[0].field, error.message) == ("dissolved_on", "Chi bộ ấp Hai đã giải thể ngày 01/07/2021.")


def test_dissolve_a_cell_with_members_is_refused(tree):
    from xaydungdang.members import actions as members

    members.enter_member(person("M001"), entry="opening", cell=tree["C1"], on=D(2016, 1, 1))
    error = refused(org.dissolve, tree["C1"], D(2021, 1, 1))
    problem = error.problems[0]
    assert (problem.field, problem.rule) == ("dissolved_on", "member_in_cell")
    assert problem.message.startswith("Chi bộ ấp Một còn 1 đảng viên sinh hoạt vào ngày 01/01/2021")
    assert Organization.objects.get(code="C1").dissolved_on is None


def test_dissolve_a_parent_before_its_children_is_refused(tree):
    error = refused(org.dissolve, tree["G1"], D(2021, 1, 1))
    assert error.problems[0].field == "parent_code"
    assert "Tổ chức cấp trên G1 giải thể ngày 01/01/2021 khi C1 vẫn còn trực thuộc" in error.message
    assert Organization.objects.get(code="G1").dissolved_on is None


def test_dissolve_dates(tree):
    error = refused(org.dissolve, tree["C2"], D(2015, 1, 1))
    assert error.message == "Ngày giải thể 01/01/2015 phải sau ngày thành lập 01/01/2015."
    error = refused(org.dissolve, tree["C2"], today() + dt.timedelta(days=1))
    assert (error.problems[0].field, error.problems[0].rule) == ("dissolved_on", "future_dates")
