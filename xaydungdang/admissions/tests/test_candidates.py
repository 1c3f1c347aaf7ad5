"""admissions: the candidates' pipeline — order of steps, introducers official in the cell on the
day, the awareness certificate's five years, the age rule of the members' lifecycle, who decides
by the tree of the day, the ceremony admitting the member, voids in reverse order, and the
working-day deadlines across Tết 2026 and 2/9/2025."""

import datetime as dt

import pytest

from xaydungdang.admissions import actions
from xaydungdang.admissions.models import Candidate, CandidateStep
from xaydungdang.admissions.rules import certificate_expires, competent_committee
from xaydungdang.conftest import person
from xaydungdang.core import deadlines
from xaydungdang.core.errors import DomainError
from xaydungdang.members import actions as members
from xaydungdang.members.models import EventType, Member, MemberEvent

D = dt.date


@pytest.fixture
def cell(tree):
    """C1 with three official members (one official only from 2025-06-01) and one in C2."""
    c1, c2 = tree["C1"], tree["C2"]
    made = {
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
        "dung": members.enter_member(
            person("M004", "Lê Văn Dũng", joined_on=D(2010, 1, 1), official_on=D(2011, 1, 1)),
            entry="opening",
            cell=c2,
            on=D(2016, 1, 1),
        ),
    }
    members.recognize(made["chau"], D(2025, 6, 1))
    return made


def candidate(tree, **changes):
    values = {
        "cell_id": tree["C1"].id,
        "full_name": "Võ Thị Hoa",
        "gender": "female",
        "birth_date": D(2000, 3, 8),
        "ethnicity": "Kinh",
        "general_education": "12/12",
        "identified_on": D(2025, 1, 6),
    } | changes
    return actions.do_identify(values)


def dossier(cell, on=D(2025, 9, 10), **changes):
    return {
        "on": on,
        "application_on": D(2025, 9, 1),
        "background_on": D(2025, 9, 3),
        "introducer1_id": cell["an"].id,
        "introducer2_id": cell["binh"].id,
        "union": "doan",
        "union_resolution_on": D(2025, 9, 5),
        "residence_comments_on": D(2025, 9, 8),
    } | changes


def fields(exc):
    return [(p.field, p.message) for p in exc.value.problems]


def walk(tree, cell, c, until="ceremony"):
    steps = [
        ("awareness", {"on": D(2025, 3, 20), "number": "15/GCN"}),
        ("dossier", dossier(cell)),
        ("verification", {"on": D(2025, 10, 1)}),
        ("cell_resolution", {"on": D(2025, 10, 6), "members_total": 3, "members_present": 3, "votes_for": 3}),
        (
            "decision",
            {
                "on": D(2025, 11, 3),
                "number": "120-QĐ/ĐU",
                "deciding_org_id": tree["U1"].id,
                "received_on": D(2025, 11, 5),
            },
        ),
        ("ceremony", {"on": D(2025, 11, 20)}),
    ]
    for kind, values in steps:
        actions.do_step(c, kind, values, member_data={"member_no": "M100"} if kind == "ceremony" else None)
        if kind == until:
            break


def test_the_whole_way_admits_the_member_on_probation(tree, cell):
    c = candidate(tree)
    walk(tree, cell, c)
    member = Member.objects.get(member_no="M100")
    assert member.full_name == "Võ Thị Hoa" and member.joined_on == D(2025, 11, 20)
    assert member.current_cell_id == tree["C1"].id and member.status == "probationary"
    event = MemberEvent.objects.active().get(member=member, type=EventType.ADMITTED)
    assert event.decision_no == "120-QĐ/ĐU" and event.decided_on == D(2025, 11, 3)
    assert CandidateStep.objects.active().get(candidate=c, kind="ceremony").member == member
    assert list(actions.active_steps(c)) == [
        "awareness",
        "dossier",
        "verification",
        "cell_resolution",
        "decision",
        "ceremony",
    ]


def test_steps_follow_their_order(tree, cell):
    c = candidate(tree)
    with pytest.raises(DomainError) as exc:
        actions.do_step(c, "dossier", dossier(cell))
    assert fields(exc) == [
        ("kind", "Bước tiếp theo là «Học lớp bồi dưỡng nhận thức về Đảng»; chưa thể ghi «Đơn và hồ sơ xin vào Đảng».")
    ]
    actions.do_step(c, "awareness", {"on": D(2025, 3, 20)})
    with pytest.raises(DomainError) as exc:
        actions.do_step(c, "dossier", dossier(cell, on=D(2024, 12, 1)))
    assert ("on", "Ngày 01/12/2024 trước ngày đưa vào danh sách 06/01/2025.") in fields(exc)


def test_introducers_are_official_members_of_the_cell_on_the_day(tree, cell):
    c = candidate(tree)
    actions.do_step(c, "awareness", {"on": D(2025, 3, 20)})
    # Châu is official from 1/6/2025 only; Dũng is in another cell; the same person twice.
    with pytest.raises(DomainError) as exc:
        actions.do_step(
            c,
            "dossier",
            dossier(
                cell,
                on=D(2025, 5, 10),
                application_on=D(2025, 5, 1),
                background_on=D(2025, 5, 2),
                union_resolution_on=D(2025, 5, 3),
                residence_comments_on=D(2025, 5, 4),
                introducer1_id=cell["chau"].id,
                introducer2_id=cell["dung"].id,
            ),
        )
    found = fields(exc)
    assert found[0][0] == "introducer1" and "Trần Minh Châu (M003) không phải đảng viên chính thức" in found[0][1]
    assert "ngày 10/05/2025" in found[0][1]
    assert found[1][0] == "introducer2" and "Lê Văn Dũng (M004)" in found[1][1]
    with pytest.raises(DomainError) as exc:
        actions.do_step(c, "dossier", dossier(cell, introducer2_id=cell["an"].id))
    assert fields(exc) == [("introducer2", "Hai người giới thiệu phải là hai đảng viên khác nhau.")]
    # After 1/6/2025 Châu may introduce.
    actions.do_step(c, "dossier", dossier(cell, introducer1_id=cell["chau"].id))


def test_expired_certificate_is_missing_and_refuses_the_resolution(tree, cell):
    c = candidate(tree, identified_on=D(2020, 1, 6))
    actions.do_step(c, "awareness", {"on": D(2020, 10, 5)})
    assert certificate_expires(D(2020, 10, 5)) == D(2025, 10, 5)
    actions.do_step(c, "dossier", dossier(cell))
    actions.do_step(c, "verification", {"on": D(2025, 10, 1)})
    with pytest.raises(DomainError) as exc:
        actions.do_step(c, "cell_resolution", {"on": D(2025, 10, 6)})
    assert fields(exc) == [
        (
            "on",
            "Hồ sơ chưa đủ: Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (cấp ngày 05/10/2020) "
            "đã hết hạn ngày 05/10/2025 (giá trị 5 năm): cần học lại.",
        )
    ]
    actions.do_step(c, "cell_resolution", {"on": D(2025, 10, 3)})  # the last valid days


def test_age_at_the_cells_resolution_uses_the_members_rule(tree, cell):
    c = candidate(tree, birth_date=D(1965, 9, 1), identified_on=D(2025, 1, 6))
    walk(tree, cell, c, until="verification")
    with pytest.raises(DomainError) as exc:
        actions.do_step(c, "cell_resolution", {"on": D(2025, 10, 6)})
    ((field, message),) = fields(exc)
    assert field == "on" and "quá 60 tuổi" in message and "Võ Thị Hoa" in message
    exception = candidate(tree, birth_date=D(1965, 9, 1), admission_exception=True)
    walk(tree, cell, exception, until="cell_resolution")
    young = candidate(tree, birth_date=D(2007, 11, 1))
    walk(tree, cell, young, until="verification")
    with pytest.raises(DomainError) as exc:
        actions.do_step(young, "cell_resolution", {"on": D(2025, 10, 6)})
    assert "chưa đủ 18 tuổi" in fields(exc)[0][1]


def test_two_thirds_of_the_official_members(tree, cell):
    c = candidate(tree)
    walk(tree, cell, c, until="verification")
    with pytest.raises(DomainError) as exc:
        actions.do_step(
            c, "cell_resolution", {"on": D(2025, 10, 6), "members_total": 3, "members_present": 3, "votes_for": 1}
        )
    assert fields(exc)[0][0] == "votes_for"


def test_the_competent_committee_by_the_tree_of_the_day(tree, cell):
    from xaydungdang.organizations import actions as orgs
    from xaydungdang.organizations.tree import load_tree

    c1, g1, u1, p = tree["C1"].id, tree["G1"].id, tree["U1"].id, tree["P"].id
    # 294-QĐ/TW: the districts end; from 1/7/2025 the commune committee sits under the province.
    orgs.move(tree["G1"], tree["P"], D(2025, 7, 1))
    t = load_tree()
    kind = lambda o: t.orgs[o].kind  # noqa: E731
    assert competent_committee(c1, D(2025, 6, 30), False, kind, t.parent_at) == (u1, "")
    assert competent_committee(c1, D(2025, 7, 1), False, kind, t.parent_at) == (p, "")
    assert competent_committee(c1, D(2025, 7, 1), True, kind, t.parent_at) == (g1, "")
    gc = tree["GC"].id
    assert competent_committee(gc, D(2025, 7, 1), False, kind, t.parent_at) == (tree["U2"].id, "")
    assert competent_committee(gc, D(2025, 7, 1), True, kind, t.parent_at)[0] is None

    c = candidate(tree)
    walk(tree, cell, c, until="cell_resolution")
    with pytest.raises(DomainError) as exc:
        actions.do_step(c, "decision", {"on": D(2025, 11, 3), "number": "5-QĐ", "deciding_org_id": u1})
    ((field, message),) = fields(exc)
    assert field == "deciding_org" and "Đảng bộ tỉnh Thử (P)" in message and "Đảng bộ huyện Một (U1)" in message
    actions.do_step(
        c, "decision", {"on": D(2025, 11, 3), "number": "5-QĐ/ĐU", "deciding_org_id": g1, "delegated": True}
    )


def test_voids_go_in_reverse_order_and_undo_the_admission(tree, cell):
    c = candidate(tree)
    walk(tree, cell, c)
    member = Member.objects.get(member_no="M100")
    with pytest.raises(DomainError):
        actions.do_void_candidate(c, "nhầm")
    step = actions.do_void_step(c, "Ghi nhầm lễ kết nạp")
    assert step.kind == "ceremony" and step.is_voided
    member.refresh_from_db()
    assert member.state == "none" and not MemberEvent.objects.active().filter(member=member).exists()
    assert actions.do_void_step(c, "nhầm").kind == "decision"
    assert list(actions.active_steps(c))[-1] == "cell_resolution"
    for _ in range(4):
        actions.do_void_step(c, "nhầm")
    actions.do_void_candidate(Candidate.objects.get(pk=c.pk), "nhầm")
    assert not Candidate.objects.active().filter(pk=c.pk).exists()


def test_candidate_fields_are_checked(tree):
    with pytest.raises(DomainError) as exc:
        candidate(tree, cell_id=tree["G1"].id, birth_date=D(2030, 1, 1), full_name="")
    found = dict(fields(exc))
    assert found["full_name"] == "Thiếu họ và tên."
    assert "ở sau ngày hôm nay" in found["birth_date"]
    assert found["cell"] == "Đảng bộ xã Một (G1) không phải chi bộ."


def _due(kind, on, tree):
    return [
        (d.kind, d.due_on, d.basis)
        for d in deadlines.open_deadlines(on=on, root_org_id=tree["G1"].id)
        if d.kind == kind
    ]


def test_decision_deadline_across_tet_2026(tree, cell):
    c = candidate(tree, identified_on=D(2025, 6, 2))
    actions.do_step(c, "awareness", {"on": D(2025, 6, 20)})
    actions.do_step(c, "dossier", dossier(cell))
    actions.do_step(c, "verification", {"on": D(2025, 12, 1)})
    actions.do_step(c, "cell_resolution", {"on": D(2026, 1, 20)})
    # 60 working days after 20/01/2026: Tết (16–20/02/2026) is not counted -> 21/04/2026, not 14/04.
    basis = "60 ngày làm việc sau nghị quyết chi bộ đề nghị kết nạp (20/01/2026)"
    assert _due("admission_decision", D(2026, 1, 19), tree) == []
    assert _due("admission_decision", D(2026, 1, 20), tree) == [("admission_decision", D(2026, 4, 21), basis)]
    found = deadlines.open_deadlines(on=D(2026, 4, 22), root_org_id=tree["C1"].id)
    assert [d.overdue(D(2026, 4, 22)) for d in found if d.kind == "admission_decision"] == [True]
    assert _due("admission_decision", D(2026, 1, 20), {"G1": tree["C2"]}) == []  # another cell's subtree


def test_ceremony_deadline_across_national_day_2025(tree, cell):
    c = candidate(tree, identified_on=D(2025, 1, 6))
    actions.do_step(c, "awareness", {"on": D(2025, 3, 20)})
    actions.do_step(
        c,
        "dossier",
        dossier(
            cell,
            on=D(2025, 5, 10),
            union="none",
            union_resolution_on=None,
            application_on=D(2025, 5, 1),
            background_on=D(2025, 5, 2),
            residence_comments_on=D(2025, 5, 3),
        ),
    )
    actions.do_step(c, "verification", {"on": D(2025, 6, 2)})
    actions.do_step(c, "cell_resolution", {"on": D(2025, 6, 10)})
    decision = {
        "on": D(2025, 8, 20),
        "number": "7-QĐ/HU",
        "deciding_org_id": tree["U1"].id,
        "received_on": D(2025, 8, 25),
    }
    actions.do_step(c, "decision", decision)
    # The decision deadline was answered on 20/08 and is closed from that day; open before it.
    assert [d[1] for d in _due("admission_decision", D(2025, 8, 19), tree)] == [D(2025, 9, 4)]  # 1–2/9 off
    assert _due("admission_decision", D(2025, 8, 20), tree) == []
    # 30 working days after 25/08/2025: 1–2/9 are days off -> 08/10/2025, not 06/10.
    basis = "30 ngày làm việc sau khi chi bộ nhận quyết định kết nạp (ngày nhận 25/08/2025)"
    assert _due("admission_ceremony", D(2025, 8, 24), tree) == []
    assert _due("admission_ceremony", D(2025, 8, 25), tree) == [("admission_ceremony", D(2025, 10, 8), basis)]
    actions.do_step(c, "ceremony", {"on": D(2025, 9, 15)}, member_data={"member_no": "M200"})
    assert _due("admission_ceremony", D(2025, 9, 15), tree) == []
    # Still open on a past day before the ceremony (dated facts only).
    assert [d[1] for d in _due("admission_ceremony", D(2025, 9, 14), tree)] == [D(2025, 10, 8)]
