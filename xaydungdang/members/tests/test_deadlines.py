"""members/deadlines.py: recognition_review and probation_ending in the registry, dated facts only."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.conftest import person
from xaydungdang.core.deadlines import open_deadlines
from xaydungdang.core.errors import DomainError
from xaydungdang.core.models import DayOff
from xaydungdang.members import actions
from xaydungdang.members.deadlines import PROBATION_ENDING, RECOGNITION, probation_case

D = dt.date


def due(on, root=None, kind=RECOGNITION):
    return {(d.member_no, d.due_on) for d in open_deadlines(on=on, root_org_id=root, kinds=[kind])}


@pytest.fixture
def newcomer(tree):
    # Admitted Wednesday 15/01/2025: twelve months end Thursday 15/01/2026; 30 working days after it,
    # across Tết Bính Ngọ (16–20/02/2026 off): 05/03/2026.
    return actions.admit(person("N1", "Trần Thị Mới", joined_on=D(2025, 1, 15)), tree["C1"], D(2025, 1, 15))


@pytest.mark.django_db
def test_the_case_is_the_one_computation():
    case = probation_case(D(2025, 1, 15))
    assert (case.end, case.review_due) == (D(2026, 1, 15), D(2026, 3, 5))
    assert not case.overdue(D(2026, 3, 5)) and case.overdue(D(2026, 3, 6))
    assert [case.reminder(case.end - dt.timedelta(days=n)) for n in (61, 60, 31, 30, 8, 7, 0, -1)] == [
        None,
        60,
        60,
        30,
        30,
        7,
        7,
        None,
    ]


def test_recognition_review_is_open_while_probationary(newcomer, tree):
    assert due(D(2025, 1, 14)) == set()  # not yet admitted
    assert due(D(2025, 6, 1)) == {("N1", D(2026, 3, 5))}
    [deadline] = open_deadlines(on=D(2026, 2, 1), root_org_id=tree["G1"].id, kinds=[RECOGNITION])
    assert deadline.basis == (
        "30 ngày làm việc sau khi hết 12 tháng dự bị ngày 15/01/2026 (kết nạp 15/01/2025); "
        "CHƯA CÓ lớp bồi dưỡng đảng viên mới"
    )
    assert (deadline.org_code, deadline.subject) == ("C1", "Trần Thị Mới (N1)")
    assert deadline.url == reverse("web:member_detail", args=[newcomer.id])
    assert due(D(2026, 2, 1), root=tree["U2"].id) == set()  # another district


def test_a_late_decision_keeps_it_open_until_decided_and_dates_official_from_the_end(newcomer):
    with pytest.raises(DomainError) as refused:
        actions.recognize(newcomer, D(2026, 3, 20), decided_on=D(2026, 3, 20))
    assert "phải là ngày hết 12 tháng dự bị 15/01/2026" in str(refused.value)
    actions.recognize(newcomer, D(2026, 1, 15), decided_on=D(2026, 3, 20))
    newcomer.refresh_from_db()
    assert newcomer.official_on == D(2026, 1, 15)
    assert due(D(2026, 3, 19)) == {("N1", D(2026, 3, 5))}  # overdue, not yet decided that day
    assert open_deadlines(on=D(2026, 3, 19), root_org_id=None, kinds=[RECOGNITION])[0].overdue(D(2026, 3, 19))
    assert due(D(2026, 3, 20)) == set()


def test_an_on_time_recognition_closes_it(newcomer):
    actions.recognize(newcomer, D(2026, 1, 15))
    assert due(D(2026, 1, 14)) == {("N1", D(2026, 3, 5))}
    assert due(D(2026, 1, 15)) == set()


def test_struck_off_for_failed_probation_closes_it(newcomer):
    actions.strike_off(newcomer, D(2026, 2, 10), "probation_failed")
    assert due(D(2026, 2, 9)) == {("N1", D(2026, 3, 5))}
    assert due(D(2026, 2, 10)) == set()


def test_a_day_off_moves_the_deadline(newcomer):
    DayOff.objects.create(day=D(2026, 2, 25), kind=DayOff.OFF, note="Nghỉ thêm")
    assert due(D(2026, 2, 1)) == {("N1", D(2026, 3, 6))}
    DayOff.objects.create(day=D(2026, 2, 28), kind=DayOff.WORKING, note="Làm bù thứ Bảy")
    assert due(D(2026, 2, 1)) == {("N1", D(2026, 3, 5))}


def test_probation_ending_reminders(newcomer):
    assert due(D(2025, 11, 15), kind=PROBATION_ENDING) == set()  # 61 days before
    [sixty] = open_deadlines(on=D(2025, 11, 16), root_org_id=None, kinds=[PROBATION_ENDING])
    assert sixty.due_on == D(2026, 1, 15) and "nhắc trước 60 ngày" in sixty.basis
    [seven] = open_deadlines(on=D(2026, 1, 8), root_org_id=None, kinds=[PROBATION_ENDING])
    assert "nhắc trước 7 ngày" in seven.basis
    assert due(D(2026, 1, 16), kind=PROBATION_ENDING) == set()  # ended: the review deadline takes over


def test_the_new_member_course_is_shown_done(newcomer):
    actions.update_member(newcomer, {"new_member_course_on": D(2025, 6, 20)}, expected_version=newcomer.version)
    [before] = open_deadlines(on=D(2025, 6, 19), root_org_id=None, kinds=[RECOGNITION])
    [after] = open_deadlines(on=D(2026, 1, 20), root_org_id=None, kinds=[RECOGNITION])
    assert "CHƯA CÓ lớp" in before.basis
    assert after.basis.endswith("đã học lớp đảng viên mới 20/06/2025")


def test_the_course_day_is_checked(newcomer):
    with pytest.raises(DomainError) as refused:
        actions.update_member(newcomer, {"new_member_course_on": D(2024, 6, 20)}, expected_version=newcomer.version)
    assert "trước ngày vào Đảng" in str(refused.value)


def test_the_recognition_form_is_dated_at_the_end_of_probation(client, newcomer):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("quantri_dl", password="x-Mat-khau-dai-2024"))
    url = reverse("web:member_event", args=[newcomer.id, "cong-nhan-chinh-thuc"])
    assert 'value="15/01/2026"' in client.get(url).content.decode()
    late = client.post(url, {"on": "20/03/2026", "decided_on": "20/03/2026"}).content.decode()
    assert 'id="id_on_errors"' in late
    assert "phải là ngày hết 12 tháng dự bị 15/01/2026" in late
    assert client.post(url, {"on": "15/01/2026", "decided_on": "20/03/2026"}).status_code == 302
    newcomer.refresh_from_db()
    assert (newcomer.status, newcomer.official_on) == ("official", D(2026, 1, 15))
