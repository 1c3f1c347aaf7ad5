import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xaydungdang.conftest import person
from xaydungdang.indicators import health
from xaydungdang.members import actions
from xaydungdang.members.models import MemberSpan

D = dt.date


def test_consistent_data_has_no_errors_but_warns_about_small_cells(tree):
    actions.admit(person("H1"), tree["C1"], D(2020, 3, 10))
    findings = health.run()
    assert [f for f in findings if f.severity == "error"] == []
    assert any("C1" in f.where and "chính thức" in f.message for f in findings)
    call_command("datacheck")  # exit 0: no error


def test_tampered_intervals_are_an_error_and_rebuild_repairs_them(tree):
    member = actions.admit(person("H2"), tree["C1"], D(2020, 3, 10))
    MemberSpan.objects.filter(member=member).update(cell=tree["C2"])
    errors = [f for f in health.run() if f.severity == "error"]
    assert len(errors) == 1 and "H2" in errors[0].where
    with pytest.raises(CommandError):
        call_command("datacheck")
    call_command("rebuild")
    assert [f for f in health.run() if f.severity == "error"] == []
    assert MemberSpan.objects.get(member=member).cell_id == tree["C1"].id


def test_a_span_whose_copy_of_the_member_row_differs_is_an_error_and_rebuild_repairs_it(tree):
    member = actions.admit(person("H3", occupation="farmer", ethnicity="Khmer"), tree["C1"], D(2020, 3, 10))
    assert [f for f in health.run() if f.severity == "error"] == []
    MemberSpan.objects.filter(member=member).update(occupation="worker")  # a copy behind its row
    errors = [f for f in health.run() if f.severity == "error"]
    assert len(errors) == 1 and "H3" in errors[0].where and "dẫn xuất" in errors[0].message
    call_command("rebuild")
    assert [f for f in health.run() if f.severity == "error"] == []
    assert MemberSpan.objects.get(member=member).occupation == "farmer"


def test_saving_a_member_row_refreshes_its_spans_copies(tree):
    member = actions.admit(person("H4", occupation="farmer", religion=""), tree["C1"], D(2020, 3, 10))
    actions.record_event(member, "transferred", D(2021, 5, 1), org=tree["C2"])
    assert MemberSpan.objects.filter(member=member).count() >= 2
    member.refresh_from_db()
    member.occupation, member.religion, member.youth_union_from = "worker", "Phật giáo", D(2005, 1, 1)
    member.save()
    copies = set(MemberSpan.objects.filter(member=member).values_list("occupation", "religious", "youth_union_from"))
    assert copies == {("worker", True, D(2005, 1, 1))}


def test_members_missing_the_forms_attributes_are_counted(tree):
    full = person("F1", occupation="farmer", general_education="9/12", qualification="none")
    actions.admit(full, tree["C1"], D(2020, 3, 10))
    actions.admit(person("F2", occupation="farmer", general_education="lớp 9"), tree["C1"], D(2020, 3, 10))
    later = actions.admit(person("F3", general_education="12/12", qualification="bachelor"), tree["C2"], D(2020, 3, 10))
    warnings = {f.message.split(" chưa có ")[1].split(" (")[0]: f.message for f in health.run() if "biểu" in f.where}
    assert warnings["nghề nghiệp"].startswith("1 đảng viên") and "F3" in warnings["nghề nghiệp"]
    assert warnings["trình độ giáo dục phổ thông đọc được"].startswith("1 đảng viên")  # "lớp 9"
    assert warnings["trình độ chuyên môn"].startswith("1 đảng viên") and "F2" in warnings["trình độ chuyên môn"]
    actions.record_change(later, "occupation", "state_official", D(2021, 1, 1))  # a dated change fills the gap
    assert not any("nghề nghiệp" in f.message for f in health.run() if "biểu" in f.where)
    assert not any("biểu" in f.where for f in health.run("C2"))
