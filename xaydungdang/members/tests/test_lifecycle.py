import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.core.errors import DomainError
from xaydungdang.members import actions
from xaydungdang.members.models import MemberSpan

D = dt.date


def test_admission_probation_and_recognition(tree):
    m = actions.admit(person("A1"), tree["C1"], D(2020, 3, 10))
    assert m.state == "active" and m.status == "probationary"
    with pytest.raises(DomainError) as err:
        actions.recognize(m, D(2021, 3, 9))
    assert "12 tháng" in err.value.message
    actions.recognize(m, D(2021, 3, 10))
    spans = list(MemberSpan.objects.filter(member=m).order_by("start").values_list("start", "end", "official"))
    assert spans == [(D(2020, 3, 10), D(2021, 3, 10), False), (D(2021, 3, 10), None, True)]


def test_admission_age_limits(tree):
    with pytest.raises(DomainError) as err:
        actions.admit(person("A2", birth_date=D(2002, 3, 11)), tree["C1"], D(2020, 3, 10))
    assert "chưa đủ 18 tuổi" in err.value.message
    actions.admit(person("A3", birth_date=D(2002, 3, 10)), tree["C1"], D(2020, 3, 10))
    with pytest.raises(DomainError) as err:
        actions.admit(person("A4", birth_date=D(1960, 2, 9)), tree["C1"], D(2020, 3, 10))
    assert "quá 60 tuổi" in err.value.message
    actions.admit(person("A5", birth_date=D(1960, 2, 9), admission_exception=True), tree["C1"], D(2020, 3, 10))


def test_no_event_after_removal_and_cells_only(tree):
    m = actions.admit(person("B1"), tree["C1"], D(2020, 3, 10))
    with pytest.raises(DomainError) as err:
        actions.transfer(m, tree["G1"], D(2020, 5, 1))
    assert "không phải chi bộ" in err.value.message
    actions.strike_off(m, D(2020, 6, 1), "abandoned_activities")
    with pytest.raises(DomainError) as err:
        actions.transfer(m, tree["C2"], D(2020, 7, 1))
    assert "ra khỏi Đảng" in err.value.message


def test_void_event_restores_history(tree):
    m = actions.admit(person("V1"), tree["C1"], D(2020, 3, 10))
    event = actions.transfer(m, tree["C2"], D(2020, 5, 1))
    m.refresh_from_db()
    assert m.current_cell_id == tree["C2"].id
    actions.void_event(event, "Nhập nhầm")
    m.refresh_from_db()
    assert m.current_cell_id == tree["C1"].id
    event.refresh_from_db()
    assert event.is_voided and event.void_reason == "Nhập nhầm"


def test_national_id_and_member_no_unique(tree):
    actions.admit(person("N1", national_id="012345678901"), tree["C1"], D(2020, 3, 10))
    with pytest.raises(DomainError) as err:
        actions.admit(person("N2", national_id="012345678901"), tree["C1"], D(2020, 3, 10))
    assert "Số định danh" in err.value.message
    with pytest.raises(DomainError):
        actions.admit(person("N1"), tree["C1"], D(2020, 3, 10))
    with pytest.raises(DomainError) as err:
        actions.admit(person("N3", national_id="12345"), tree["C1"], D(2020, 3, 10))
    assert "12 chữ số" in err.value.message
