"""The events the statistical forms need (spec/forms.md): phục hồi đảng tịch, kết nạp lại, card
reissue and exchange, temporary activity elsewhere, the transfer counterpart — judged by the one
state machine (members/lifecycle.py), through the actions and step by step (Stepper)."""

import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.core.errors import DomainError
from xaydungdang.members import actions
from xaydungdang.members.lifecycle import Facts, OrgLookup, Step, Stepper, replay
from xaydungdang.members.models import MemberEvent, MemberSpan

D = dt.date


def spans(member):
    return list(
        MemberSpan.objects.filter(member=member).order_by("start").values_list("cell__code", "start", "end", "official")
    )


def test_restored_after_struck_off_returns_with_the_status_held_before(tree):
    m = actions.admit(person("R1"), tree["C1"], D(2018, 3, 10))
    actions.recognize(m, D(2019, 3, 10))
    actions.strike_off(m, D(2020, 6, 1), "abandoned_activities")
    m.refresh_from_db()
    assert m.state == "removed"
    actions.record_event(m, "restored", D(2021, 2, 1), org=tree["C2"])
    m.refresh_from_db()
    assert (m.state, m.status, m.current_cell.code) == ("active", "official", "C2")
    assert spans(m)[-1] == ("C2", D(2021, 2, 1), None, True)
    assert spans(m)[-2][2] == D(2020, 6, 1)  # the gap is not counted


def test_restored_keeps_a_probationary_status(tree):
    m = actions.admit(person("R2"), tree["C1"], D(2020, 3, 10))
    actions.dismiss(m, D(2020, 6, 1), "own_request")
    actions.record_event(m, "restored", D(2020, 9, 1), org=tree["C1"])
    m.refresh_from_db()
    assert (m.state, m.status) == ("active", "probationary")


@pytest.mark.parametrize("how", ["active", "died", "transferred_out"])
def test_restored_only_after_a_removal(tree, how):
    m = actions.admit(person("R3"), tree["C1"], D(2018, 3, 10))
    if how == "died":
        actions.record_death(m, D(2020, 6, 1))
    elif how == "transferred_out":
        actions.transfer_out(m, D(2020, 6, 1))
    with pytest.raises(DomainError) as err:
        actions.record_event(m, "restored", D(2021, 2, 1), org=tree["C1"])
    assert "Chỉ phục hồi đảng tịch cho người đã bị xóa tên, khai trừ hoặc cho ra khỏi Đảng" in err.value.message
    assert "12-HD/BTCTW" in err.value.message


def test_restored_needs_a_cell(tree):
    m = actions.admit(person("R4"), tree["C1"], D(2018, 3, 10))
    actions.strike_off(m, D(2020, 6, 1), "unpaid_dues")
    with pytest.raises(DomainError) as err:
        actions.record_event(m, "restored", D(2021, 2, 1))
    assert "cần chi bộ" in err.value.message


def test_readmission_once_with_a_new_probation(tree):
    m = actions.admit(person("K1"), tree["C1"], D(2016, 1, 1))
    actions.recognize(m, D(2017, 1, 1))
    actions.strike_off(m, D(2019, 6, 1), "abandoned_activities")
    # A second admission on the same member number: its date is not joined_on, and it is accepted.
    actions.record_event(m, "admitted", D(2022, 5, 4), org=tree["C2"])
    m.refresh_from_db()
    assert (m.state, m.status, m.current_cell.code) == ("active", "probationary", "C2")
    assert m.joined_on == D(2016, 1, 1)  # the first admission
    with pytest.raises(DomainError) as err:  # the new probation runs from the re-admission
        actions.recognize(m, D(2023, 5, 3))
    assert "12 tháng" in err.value.message
    actions.recognize(m, D(2023, 5, 4))
    m.refresh_from_db()
    assert m.status == "official"
    actions.dismiss(m, D(2024, 1, 10), "own_request")
    with pytest.raises(DomainError) as err:
        actions.record_event(m, "admitted", D(2025, 1, 10), org=tree["C2"])
    assert "chỉ được kết nạp lại một lần" in err.value.message
    assert "01-HD/TW" in err.value.message


def test_readmission_only_after_a_removal(tree):
    m = actions.admit(person("K2"), tree["C1"], D(2016, 1, 1))
    with pytest.raises(DomainError) as err:
        actions.record_event(m, "admitted", D(2020, 1, 10), org=tree["C2"])
    assert "chỉ ghi kết nạp lại cho người đã bị xóa tên" in err.value.message
    actions.record_death(m, D(2020, 1, 10))
    with pytest.raises(DomainError):
        actions.record_event(m, "admitted", D(2021, 1, 10), org=tree["C2"])


def test_card_reissued_and_replaced_like_card_issued(tree):
    m = actions.admit(person("T1"), tree["C1"], D(2016, 1, 1))
    actions.record_event(m, "card_issued", D(2017, 3, 1), reason="01234567")
    actions.record_event(m, "card_reissued", D(2020, 3, 1), reason="01234568")
    m.refresh_from_db()
    assert m.card_no == "01234568"
    event = actions.record_event(m, "card_replaced", D(2021, 3, 1), reason="01234569")
    m.refresh_from_db()
    assert m.card_no == "01234569"
    event.refresh_from_db()
    assert (event.from_cell.code, event.to_cell.code) == ("C1", "C1")


def test_temporary_activity_keeps_the_member_in_their_cell(tree):
    m = actions.admit(person("S1"), tree["C1"], D(2016, 1, 1))
    before = spans(m)
    event = actions.record_event(m, "temporary_out", D(2020, 3, 1), org=tree["GC"])
    event.refresh_from_db()
    m.refresh_from_db()
    assert spans(m) == before and m.current_cell.code == "C1"
    assert (event.org.code, event.from_cell.code, event.to_cell.code) == ("GC", "C1", "C1")
    with pytest.raises(DomainError) as err:
        actions.record_event(m, "temporary_out", D(2020, 4, 1))
    assert "đang sinh hoạt tạm thời nơi khác" in err.value.message
    actions.record_event(m, "temporary_returned", D(2020, 9, 1))
    with pytest.raises(DomainError) as err:
        actions.record_event(m, "temporary_returned", D(2020, 10, 1))
    assert "không sinh hoạt tạm thời nơi khác" in err.value.message
    # The host may be outside the dataset (empty).
    actions.record_event(m, "temporary_out", D(2021, 3, 1))
    assert spans(m) == before


def test_temporary_activity_only_for_members_in_the_list(tree):
    m = actions.admit(person("S2"), tree["C1"], D(2016, 1, 1))
    actions.transfer_out(m, D(2019, 1, 1))
    with pytest.raises(DomainError) as err:
        actions.record_event(m, "temporary_out", D(2020, 3, 1))
    assert "chuyển đi" in err.value.message
    m2 = actions.admit(person("S3"), tree["C1"], D(2016, 1, 1))
    with pytest.raises(DomainError) as err:
        actions.record_event(m2, "temporary_out", D(2020, 3, 1), org=tree["C1"])
    assert "trùng chi bộ" in err.value.message
    with pytest.raises(DomainError) as err:
        actions.record_event(m2, "temporary_out", D(2020, 3, 1), org=tree["G1"])
    assert "không phải chi bộ" in err.value.message


def test_counterpart_on_transfers_only(tree):
    m = actions.admit(person("X1"), tree["C1"], D(2016, 1, 1))
    event = actions.transfer_out(m, D(2019, 1, 1), counterpart="same_province")
    assert MemberEvent.objects.get(pk=event.pk).counterpart == "same_province"
    event = actions.transfer_back_in(m, tree["C2"], D(2020, 1, 1), counterpart="other_province")
    assert MemberEvent.objects.get(pk=event.pk).counterpart == "other_province"
    with pytest.raises(DomainError) as err:
        actions.transfer(m, tree["C1"], D(2021, 1, 1), counterpart="other_province")
    assert err.value.problems[0].field == "counterpart"
    with pytest.raises(DomainError):
        actions.transfer_out(m, D(2021, 1, 1), counterpart="elsewhere")


def _lookup():
    return OrgLookup(
        is_cell=lambda o: o in (1, 2),
        exists_on=lambda o, day: True,
        dissolved_on=lambda o: None,
        label=lambda o: f"Chi bộ {o}",
    )


def test_stepper_and_replay_share_the_machine():
    facts = Facts("Lê Thị B (Z1)", D(1980, 1, 1), D(2000, 1, 1), D(2001, 1, 1))
    steps = [
        Step(1, "admitted", D(2000, 1, 1), 1),
        Step(2, "recognized_official", D(2001, 1, 1)),
        Step(3, "temporary_out", D(2002, 1, 1), 2),
        Step(4, "struck_off", D(2003, 1, 1), reason="abandoned_activities"),
        Step(5, "restored", D(2004, 1, 1), 2),
        Step(6, "dismissed", D(2005, 1, 1), reason="own_request"),
        Step(7, "admitted", D(2006, 1, 1), 1),
    ]
    stepper = Stepper(facts, _lookup(), D(2026, 1, 1))
    seen = []
    for step in steps:
        assert stepper.apply(step) == []
        seen.append((stepper.present, stepper.official, stepper.temporary))
    assert seen == [
        (True, False, False),
        (True, True, False),
        (True, True, True),
        (False, True, False),
        (True, True, False),
        (False, True, False),
        (True, False, False),
    ]
    result = replay(facts, steps, _lookup(), D(2026, 1, 1))
    assert result.problems == [] and result.readmitted and result.state == "active"
    assert [(s.cell_id, s.start, s.end, s.official) for s in result.spans] == [
        (1, D(2000, 1, 1), D(2001, 1, 1), False),
        (1, D(2001, 1, 1), D(2003, 1, 1), True),
        (2, D(2004, 1, 1), D(2005, 1, 1), True),
        (1, D(2006, 1, 1), None, False),
    ]
