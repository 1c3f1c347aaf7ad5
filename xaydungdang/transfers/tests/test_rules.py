"""Transfer rules: durations of temporary transfers, one destination, the issuing body by the
letter's date on both sides of 1/7/2025 (294-QĐ/TW), deadlines in working days across Tết and 2/9."""

import datetime as dt

import pytest

from xaydungdang.core.deadlines import open_deadlines
from xaydungdang.core.errors import DomainError
from xaydungdang.organizations.tree import load_tree
from xaydungdang.transfers import actions, rules
from xaydungdang.transfers.models import Kind, State

D = dt.date
pytestmark = pytest.mark.django_db


def start(member, **values):
    base = {"kind": Kind.OFFICIAL, "reason": "new_job", "moved_on": D(2026, 1, 15)}
    return actions.start_transfer(member, base | values)


@pytest.mark.parametrize(
    "kind, until, ok",
    [
        (Kind.TEMPORARY_WORK, D(2026, 3, 31), False),  # under 3 months from 1/1
        (Kind.TEMPORARY_WORK, D(2026, 4, 1), True),  # exactly 3 months
        (Kind.TEMPORARY_WORK, D(2026, 12, 31), True),  # under 1 year
        (Kind.TEMPORARY_WORK, D(2027, 1, 1), False),  # 1 year: an official transfer
        (Kind.TEMPORARY_STUDY, D(2028, 1, 1), True),  # 2 years
        (Kind.TEMPORARY_STUDY, D(2028, 1, 2), False),  # over 2 years
        (Kind.TEMPORARY_STUDY, D(2026, 2, 1), False),
    ],
)
def test_temporary_durations_are_refused_under_the_field(people, tree, kind, until, ok):
    values = {"kind": kind, "reason": "work", "moved_on": D(2026, 1, 1), "until": until, "to_cell_id": tree["GC"].id}
    if ok:
        assert actions.start_transfer(people["an"], values).until == until
        return
    with pytest.raises(DomainError) as caught:
        actions.start_transfer(people["an"], values)
    assert [p.field for p in caught.value.problems] == ["until"]
    assert "tháng" in caught.value.message or "năm" in caught.value.message


def test_destination_is_one_cell_or_one_place(people, tree):
    an = people["an"]
    with pytest.raises(DomainError, match="Cần chọn chi bộ chuyển đến"):
        start(an)
    with pytest.raises(DomainError, match="không ghi cả hai"):
        start(an, to_cell_id=tree["GC"].id, to_place="Đảng bộ phường Bến Nghé")
    with pytest.raises(DomainError, match="phải là một chi bộ"):
        start(an, to_cell_id=tree["G1"].id)
    with pytest.raises(DomainError, match="trùng chi bộ"):
        start(an, to_cell_id=tree["C1"].id)
    with pytest.raises(DomainError, match="không có ngày kết thúc"):
        start(an, to_cell_id=tree["GC"].id, until=D(2026, 6, 1))
    made = start(an, to_cell_id=tree["GC"].id)
    assert made.state == State.STARTED and made.from_cell_id == tree["C1"].id
    with pytest.raises(DomainError, match="chưa xong"):
        start(an, to_place="Tỉnh Cà Mau")


@pytest.fixture
def pc(tree):
    """A chi bộ cơ sở directly under the province."""
    from xaydungdang.organizations import actions as org

    return org.found("PC", "Chi bộ Cơ quan Tỉnh", "grassroots_cell", tree["P"], D(2015, 1, 1))


@pytest.mark.parametrize(
    "source, target, on, code, name, regulation",
    [
        # Within one đảng bộ cơ sở: the đảng ủy cơ sở before 294, the upper committee from 1/7/2025.
        ("C1", "C2", D(2025, 6, 30), "G1", "Đảng ủy xã Một", "letter_issuer_24"),
        ("C1", "C2", D(2025, 7, 1), "U1", "Huyện ủy Một", "letter_issuer_294"),
        # Out of the đảng bộ cơ sở: the district-level committee's Ban Tổ chức, then the upper committee.
        ("C1", "GC", D(2025, 6, 30), "U1", "Ban Tổ chức Huyện ủy Một", "letter_issuer_24"),
        ("C1", "GC", D(2025, 7, 1), "U1", "Huyện ủy Một", "letter_issuer_294"),
        ("C1", None, D(2025, 6, 30), "U1", "Ban Tổ chức Huyện ủy Một", "letter_issuer_24"),
        ("GC", "C1", D(2025, 7, 1), "U2", "Huyện ủy Hai", "letter_issuer_294"),
        # A TCCSĐ directly under the province: the Ban Tổ chức tỉnh ủy on both sides.
        ("PC", "C1", D(2025, 6, 30), "P", "Ban Tổ chức Tỉnh ủy Thử", "letter_issuer_24"),
        ("PC", "C1", D(2025, 7, 1), "P", "Ban Tổ chức Tỉnh ủy Thử", "letter_issuer_294"),
    ],
)
def test_issuing_body_follows_the_letters_date(tree, pc, source, target, on, code, name, regulation):
    orgs = tree | {"PC": pc}
    issuer = rules.issuing_body(load_tree(), orgs[source].id, orgs[target].id if target else None, on)
    assert (issuer.org_id, issuer.name, issuer.regulation.code) == (orgs[code].id, name, regulation)


def test_issuing_refused_to_a_user_of_the_wrong_committee_and_dated_by_the_letter(people, tree, users):
    from xaydungdang.core.errors import PermissionDenied

    transfer = start(people["an"], moved_on=D(2025, 6, 2), to_cell_id=tree["C2"].id)
    # Before 1/7/2025 the đảng ủy xã (G1) issues: a user of the other district may not.
    with pytest.raises(PermissionDenied):
        actions.issue_letter(transfer, "12", D(2025, 6, 30), acting_user=users["staff_u2"])
    issued = actions.issue_letter(transfer, "12", D(2025, 6, 30), acting_user=users["staff_u1"])
    assert (issued.issuer_id, issued.issued_by) == (tree["G1"].id, "Đảng ủy xã Một")


# Days off of the `holidays` VN calendar in the cases below, written out here as the oracle.
DAYS_OFF = {D(2025, 9, 1), D(2025, 9, 2)} | {D(2026, 2, d) for d in range(16, 21)} | {D(2026, 1, 1)}


def nth_working_day_after(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in DAYS_OFF:
            n -= 1
    return day


TRANSFER_KINDS = ("transfer_letter", "transfer_presentation", "temporary_return")


def _kinds(on, root):
    found = open_deadlines(on=on, root_org_id=root.id, kinds=TRANSFER_KINDS)
    return {(d.kind, d.member_no): d for d in found}


def test_deadlines_across_tet_and_their_open_days(people, tree):
    an = people["an"]
    transfer = start(an, moved_on=D(2026, 1, 15), to_cell_id=tree["GC"].id)
    due = nth_working_day_after(D(2026, 1, 15), 60)
    assert due == D(2026, 4, 16)  # 60 working days, Tết (16–20/2/2026) not counted
    open_before = _kinds(D(2026, 3, 9), tree["C1"])
    letter = open_before[("transfer_letter", "M001")]
    assert letter.due_on == due and not letter.overdue(D(2026, 3, 9))
    assert "60 ngày làm việc sau ngày chuyển 15/01/2026" in letter.basis
    actions.issue_letter(transfer, "7", D(2026, 2, 6))
    # Open on a day before the letter, even when read afterwards (dated facts only).
    assert ("transfer_letter", "M001") in _kinds(D(2026, 2, 5), tree["C1"])
    after = _kinds(D(2026, 2, 6), tree["C1"])
    assert ("transfer_letter", "M001") not in after
    presentation = after[("transfer_presentation", "M001")]
    assert presentation.due_on == nth_working_day_after(D(2026, 2, 6), 30) == D(2026, 3, 27)
    # The receiving side's subtree sees the presentation deadline too; a third unit does not.
    assert ("transfer_presentation", "M001") in _kinds(D(2026, 2, 6), tree["U2"])
    assert not _kinds(D(2026, 2, 6), tree["C2"])
    actions.accept(transfer, D(2026, 3, 30), D(2026, 4, 1))
    assert ("transfer_presentation", "M001") in _kinds(D(2026, 3, 29), tree["GC"])
    late = _kinds(D(2026, 3, 29), tree["GC"])[("transfer_presentation", "M001")]
    assert late.overdue(D(2026, 3, 28)) and not late.overdue(D(2026, 3, 27))
    assert ("transfer_presentation", "M001") not in _kinds(D(2026, 3, 30), tree["GC"])


def test_presentation_deadline_across_national_day(people, tree):
    transfer = start(people["an"], moved_on=D(2025, 8, 20), to_place="Đảng bộ phường Bến Nghé, TP Hồ Chí Minh")
    actions.issue_letter(transfer, "9", D(2025, 8, 29))
    found = _kinds(D(2025, 9, 3), tree["U1"])[("transfer_presentation", "M001")]
    assert found.due_on == nth_working_day_after(D(2025, 8, 29), 30) == D(2025, 10, 14)  # 1 and 2/9 off
    assert "phiếu báo" in found.basis
    actions.confirm_arrival(transfer, D(2025, 10, 20))
    assert found.overdue(D(2025, 10, 15))
    assert ("transfer_presentation", "M001") not in _kinds(D(2025, 10, 20), tree["U1"])


def test_acceptance_moves_the_member_on_the_acceptance_date(people, tree):
    from xaydungdang.members.models import EventType

    an = people["an"]
    transfer = start(an, moved_on=D(2026, 3, 2), to_cell_id=tree["GC"].id, decision_no="45/QĐ")
    with pytest.raises(DomainError, match="Không thể tiếp nhận"):
        actions.accept(transfer, D(2026, 3, 10))
    actions.issue_letter(transfer, "21", D(2026, 3, 5))
    with pytest.raises(DomainError) as caught:
        actions.accept(transfer, D(2026, 3, 4))
    assert caught.value.problems[0].field == "presented_on"
    done = actions.accept(transfer, D(2026, 3, 12), D(2026, 3, 16))
    an.refresh_from_db()
    assert done.state == State.ACCEPTED and an.current_cell_id == tree["GC"].id
    event = done.event
    event.refresh_from_db()
    assert (event.type, event.on, event.to_cell_id, event.from_cell_id) == (
        EventType.TRANSFERRED,
        D(2026, 3, 16),
        tree["GC"].id,
        tree["C1"].id,
    )
    assert (event.letter_no, event.letter_on, event.decision_no) == ("21", D(2026, 3, 5), "45/QĐ")


def test_not_arrived_stays_open_for_the_sender(people, tree):
    transfer = start(people["binh"], moved_on=D(2026, 3, 2), to_cell_id=tree["GC"].id)
    actions.issue_letter(transfer, "22", D(2026, 3, 5))
    reported = actions.report_not_arrived(transfer, D(2026, 5, 4), "Đồng chí chưa đến nộp giấy")
    assert reported.state == State.NOT_ARRIVED and "chưa đến" in reported.note
    found = _kinds(D(2026, 5, 4), tree["C1"])[("transfer_presentation", "M002")]
    assert found.overdue(D(2026, 5, 4)) and "không nhận được ngày 04/05/2026" in found.basis
    # It may still be accepted late; or the sender cancels it (no event recorded).
    actions.void(reported, "Đồng chí ở lại địa phương")
    assert not _kinds(D(2026, 5, 4), tree["C1"])


def test_temporary_transfer_outside_return_and_overdue_warning(people, tree):
    from xaydungdang.members.models import EventType

    chau = people["chau"]
    transfer = actions.start_transfer(
        chau,
        {
            "kind": Kind.TEMPORARY_STUDY,
            "reason": "study",
            "moved_on": D(2025, 9, 1),
            "until": D(2026, 6, 30),
            "to_place": "Đảng bộ Trường Đại học Cần Thơ",
        },
    )
    issued = actions.issue_letter(transfer, "30", D(2025, 9, 3))
    assert issued.event.type == EventType.TEMPORARY_OUT and issued.event.other_place.startswith("Đảng bộ")
    warned = _kinds(D(2026, 7, 1), tree["C1"])[("temporary_return", "M003")]
    assert warned.due_on == D(2026, 6, 30) and warned.overdue(D(2026, 7, 1))
    returned = actions.record_return(issued, D(2026, 7, 6))
    assert returned.state == State.RETURNED and returned.return_event.type == EventType.TEMPORARY_RETURNED
    assert ("temporary_return", "M003") in _kinds(D(2026, 7, 5), tree["C1"])
    assert ("temporary_return", "M003") not in _kinds(D(2026, 7, 6), tree["C1"])


def test_official_transfer_outside_leaves_the_list_on_the_letter_date(people, tree):
    from xaydungdang.members.models import MemberState

    dung = people["dung"]
    transfer = start(dung, moved_on=D(2026, 2, 2), to_place="Tỉnh Cà Mau", counterpart="other_province")
    actions.issue_letter(transfer, "5", D(2026, 2, 10))
    dung.refresh_from_db()
    assert dung.state == MemberState.TRANSFERRED_OUT
    assert transfer.__class__.objects.get(pk=transfer.pk).event.counterpart == "other_province"
    with pytest.raises(DomainError, match="Đã ghi biến động"):
        actions.void(transfer, "nhầm")


def test_an_existing_event_gets_a_transfer_as_metadata_once(people, tree):
    from xaydungdang.members import actions as member_actions
    from xaydungdang.transfers.documents import register_rows

    event = member_actions.transfer(
        people["dung"], tree["C1"], D(2026, 5, 4), letter_no="8/GT", letter_on=D(2026, 4, 28)
    )
    event.refresh_from_db()
    before = register_rows(tree["G1"], 2026)
    with pytest.raises(DomainError, match="không khớp"):
        actions.describe_event(event, {"kind": Kind.TEMPORARY_WORK, "reason": "work", "until": D(2026, 12, 1)})
    with pytest.raises(DomainError, match="sau ngày giấy giới thiệu"):
        actions.describe_event(event, {"reason": "new_job", "moved_on": D(2026, 4, 30)})
    made = actions.describe_event(event, {"reason": "new_job", "moved_on": D(2026, 4, 20)})
    assert (made.state, made.from_cell_id, made.to_cell_id, made.accepted_on) == (
        State.ACCEPTED,
        tree["C2"].id,
        tree["C1"].id,
        D(2026, 5, 4),
    )
    with pytest.raises(DomainError, match="đã có hồ sơ"):
        actions.describe_event(event, {"reason": "new_job"})
    after = register_rows(tree["G1"], 2026)
    assert [r.member_no for r in before] == [r.member_no for r in after] == ["M004"]
    assert "Chuyển công tác" in after[0].note and after[0].presented_on == D(2026, 5, 4)


def test_xdd_due_lists_the_transfer_deadlines(people, tree, capsys):
    import json

    from django.core.management import call_command

    start(people["an"], moved_on=D(2026, 1, 15), to_cell_id=tree["GC"].id)
    call_command("due", org="U1", on="2026-04-17", kind="transfer_letter")
    found = json.loads(capsys.readouterr().out)
    assert [(d["kind"], d["member_no"], d["due_on"], d["overdue"]) for d in found] == [
        ("transfer_letter", "M001", "2026-04-16", True)
    ]
    assert "60 ngày làm việc" in found[0]["basis"]


def test_temporary_transfer_inside_the_system_keeps_the_member_home(people, tree):
    from xaydungdang.members.models import EventType

    an = people["an"]
    transfer = actions.start_transfer(
        an,
        {
            "kind": Kind.TEMPORARY_WORK,
            "reason": "work",
            "moved_on": D(2026, 2, 2),
            "until": D(2026, 8, 31),
            "to_cell_id": tree["GC"].id,
        },
    )
    actions.issue_letter(transfer, "40", D(2026, 2, 3))
    accepted = actions.accept(transfer, D(2026, 2, 9))
    an.refresh_from_db()
    assert accepted.event.type == EventType.TEMPORARY_OUT and accepted.event.org_id == tree["GC"].id
    assert an.current_cell_id == tree["C1"].id  # not in the host's đảng số
    assert not _kinds(D(2026, 3, 1), tree["C1"]).get(("transfer_presentation", "M001"))  # official only
    assert _kinds(D(2026, 9, 1), tree["C1"])[("temporary_return", "M001")].overdue(D(2026, 9, 1))
    with pytest.raises(DomainError, match="trước ngày bắt đầu"):
        actions.record_return(accepted, D(2026, 2, 8))
    assert actions.record_return(accepted, D(2026, 9, 2)).state == State.RETURNED
