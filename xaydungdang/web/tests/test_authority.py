"""Issue 9, H1/M1/M5: authority follows the decision; each write uses the scope of its own action;
records about members who left the user's subtree are neither listed nor correctable.

Tree (xaydungdang/conftest.py): P > U1 > G1 > C1, C2; P > U2 > GC. Members: an, binh, chau (C1),
dung (C2), em, giang (GC)."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.accounts.actions import grant_role
from xaydungdang.core.errors import PermissionDenied
from xaydungdang.core.models import AuditEntry
from xaydungdang.inspections import actions as inspection_actions
from xaydungdang.inspections.models import Discipline
from xaydungdang.members import actions as member_actions
from xaydungdang.members.models import Member, MemberEvent

D = dt.date


def _expel(member, decided_by, on=D(2024, 3, 1)):
    return inspection_actions.record_discipline(
        {
            "decided_by_id": decided_by.id,
            "level": "expulsion",
            "decided_on": on,
            "reason": "Vi phạm",
            "subject_type": "member",
            "subject_member_id": member.id,
            "subject_org_id": None,
        }
    )


def _state(member):
    return Member.objects.get(pk=member.pk).state


# H1 ------------------------------------------------------------------------------------------


def test_cell_secretary_cannot_void_a_committee_expulsion(client_for, people, tree):
    chau = people["chau"]
    expulsion = _expel(chau, tree["G1"])
    assert _state(chau) == "removed"
    client = client_for("secretary_c1")
    url = reverse("web:activity_void", args=["ky-luat", expulsion.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Thử hủy", "version": expulsion.version}).status_code == 403
    assert Discipline.objects.get(pk=expulsion.pk).voided_at is None
    assert _state(chau) == "removed"
    # The list offers no "Hủy" link for it either.
    page = client.get(reverse("web:activity_list", args=["ky-luat"])).content.decode()
    assert url not in page


def test_action_refuses_void_without_authority_whatever_the_caller(people, tree, users):
    expulsion = _expel(people["chau"], tree["G1"])
    with pytest.raises(PermissionDenied) as info:
        inspection_actions.void(expulsion, "Thử hủy", acting_user=users["secretary_c1"])
    assert "Đảng bộ xã Một" in info.value.message
    assert _state(people["chau"]) == "removed"


def test_committee_staff_voids_expulsion_and_audit_states_the_member_before_and_after(client_for, people, tree):
    chau = people["chau"]
    expulsion = _expel(chau, tree["G1"])
    client = client_for("staff_u1")
    url = reverse("web:activity_void", args=["ky-luat", expulsion.pk])
    confirm = client.get(url).content.decode()
    assert "làm thay đổi tình trạng của đảng viên" in confirm
    assert "Đã ra khỏi Đảng" in confirm and "Đang sinh hoạt tại Chi bộ ấp Một" in confirm
    response = client.post(url, {"reason": "Quyết định bị cấp trên hủy", "version": expulsion.version})
    assert response.status_code == 302
    assert _state(chau) == "active"
    entry = AuditEntry.objects.filter(action="discipline.void").latest("id")
    assert entry.before["member_situation"].startswith("Đã ra khỏi Đảng")
    assert entry.after["member_situation"] == "Đang sinh hoạt tại Chi bộ ấp Một"
    assert entry.after["reason"] == "Quyết định bị cấp trên hủy"


def test_secretary_may_not_record_a_decision_of_the_committee_above(client_for, people, tree, users):
    values = {
        "decided_by_id": tree["G1"].id,
        "level": "reprimand",
        "decided_on": D(2024, 3, 1),
        "reason": "",
        "subject_type": "member",
        "subject_member_id": people["an"].id,
        "subject_org_id": None,
    }
    with pytest.raises(PermissionDenied):
        inspection_actions.record_discipline(values, acting_user=users["secretary_c1"])
    # Decided by the cell itself: allowed.
    d = inspection_actions.record_discipline(
        values | {"decided_by_id": tree["C1"].id}, acting_user=users["secretary_c1"]
    )
    assert d.pk and d.decided_by_id == tree["C1"].id


def test_void_of_a_transfer_out_is_refused_when_the_return_depends_on_it(client_for, people, tree):
    an = people["an"]
    out = member_actions.transfer_out(an, D(2023, 5, 1))
    member_actions.transfer_back_in(an, tree["C2"], D(2024, 1, 10))
    client = client_for("staff_u1")
    url = reverse("web:event_void", args=[out.pk])
    assert "Không thể hủy" in client.get(url).content.decode()
    response = client.post(url, {"reason": "Ghi nhầm", "version": out.version})
    assert response.status_code == 200 and "không còn hợp lệ" in response.content.decode()
    assert MemberEvent.objects.get(pk=out.pk).voided_at is None


def test_void_of_a_removal_states_the_change_and_records_it(client_for, people):
    binh = people["binh"]
    event = member_actions.strike_off(
        binh, D(2024, 2, 1), "abandoned_activities", decided_on=D(2024, 2, 1), note="Theo đề nghị của chi bộ"
    )
    entry = AuditEntry.objects.filter(action="event.struck_off").latest("id")
    assert entry.after["note"] == "Theo đề nghị của chi bộ" and entry.after["decided_on"] == "2024-02-01"
    client = client_for("staff_u1")
    url = reverse("web:event_void", args=[event.pk])
    assert "Đang sinh hoạt tại Chi bộ ấp Một" in client.get(url).content.decode()
    assert client.post(url, {"reason": "Nhầm người", "version": event.version}).status_code == 302
    entry = AuditEntry.objects.filter(action="event.void").latest("id")
    assert entry.before["member_situation"].startswith("Đã ra khỏi Đảng")
    assert entry.after["member_situation"] == "Đang sinh hoạt tại Chi bộ ấp Một"


def test_event_void_needs_authority_over_both_cells_of_a_transfer(client_for, people, tree, users):
    """A transfer from C1 to GC (another district): the receiving district's staff may not undo it
    alone, nor may the sending side once the member has left its subtree."""
    an = people["an"]
    moved = member_actions.transfer(an, tree["GC"], D(2024, 4, 1))
    with pytest.raises(PermissionDenied):
        member_actions.void_event(moved, "Nhầm", acting_user=users["staff_u2"])
    assert client_for("staff_u2").get(reverse("web:event_void", args=[moved.pk])).status_code == 403
    assert client_for("staff_u1").get(reverse("web:event_void", args=[moved.pk])).status_code == 404
    member_actions.void_event(moved, "Nhầm", acting_user=users["staff_p"])
    assert Member.objects.get(pk=an.pk).current_cell_id == tree["C1"].id


# M1: mixed roles --------------------------------------------------------------------------------


@pytest.fixture
def mixed(users, tree):
    """The C1 secretary who also reads the whole commune G1 (so C2 is visible, not recordable)."""
    user = users["secretary_c1"]
    grant_role(user, tree["G1"], "viewer")
    return user


ACTIVITY_POSTS = {
    "ky-luat": lambda t, m: {
        "decided_by": t["C1"].pk,
        "subject_type": "member",
        "member_no": m,
        "level": "reprimand",
        "decided_on": "01/03/2024",
    },
    "xep-loai": lambda t, m: {"year": "2023", "subject_type": "member", "member_no": m, "level": "good"},
    "sang-loc": lambda t, m: {"member_no": m, "listed_on": "01/03/2024"},
    "kiem-tra": lambda t, m: {
        "org": t["C1"].pk,
        "kind": "inspection",
        "subject_type": "member",
        "member_no": m,
        "started_on": "01/03/2024",
    },
    "khen-thuong": lambda t, m: {
        "granted_by": t["C1"].pk,
        "subject_type": "member",
        "member_no": m,
        "award": "commendation",
        "granted_on": "01/03/2024",
    },
}


@pytest.mark.parametrize("slug", sorted(ACTIVITY_POSTS))
def test_mixed_roles_record_only_where_the_record_role_reaches(slug, client, mixed, people, tree):
    from xaydungdang.core.generic import by_slug

    client.force_login(mixed)
    model = by_slug(slug).model
    before = model.objects.count()
    foreign = client.post(reverse("web:activity_new", args=[slug]), ACTIVITY_POSTS[slug](tree, "M004"))  # dung, C2
    assert foreign.status_code == 200 and "trong phạm vi anh/chị được ghi" in foreign.content.decode()
    assert model.objects.count() == before
    # The same form for a member of the secretary's own cell succeeds: the probe is meaningful.
    own = client.post(reverse("web:activity_new", args=[slug]), ACTIVITY_POSTS[slug](tree, "M001"))
    assert own.status_code == 302, own.content.decode()[:3000]
    assert model.objects.count() == before + 1


def test_mixed_roles_every_member_write_outside_the_record_scope_is_refused(client, mixed, people, tree):
    client.force_login(mixed)
    dung = people["dung"]
    events_before = MemberEvent.objects.count()
    # Events for a member of C2 (visible, not recordable).
    assert client.post(reverse("web:member_event", args=[dung.pk, "tu-tran"]), {"on": "01/03/2024"}).status_code == 403
    assert client.post(reverse("web:member_edit", args=[dung.pk]), {"full_name": "X"}).status_code == 403
    opening = MemberEvent.objects.get(member=dung)
    assert client.post(reverse("web:event_void", args=[opening.pk]), {"reason": "x", "version": 1}).status_code == 403
    # Admitting into C2 or moving a C1 member to C2: C2 is not a choice.
    admit = client.post(
        reverse("web:member_admit"),
        {
            "org": tree["C2"].pk,
            "on": "01/03/2024",
            "member_no": "N1",
            "full_name": "Võ Văn Mới",
            "gender": "male",
            "birth_date": "01/01/1995",
            "ethnicity": "Kinh",
        },
    )
    assert admit.status_code == 200 and not Member.objects.filter(member_no="N1").exists()
    move = client.post(
        reverse("web:member_event", args=[people["an"].pk, "chuyen-sinh-hoat"]),
        {"on": "01/03/2024", "org": tree["C2"].pk},
    )
    assert move.status_code == 200
    assert MemberEvent.objects.count() == events_before
    # The actions refuse too, whatever a form would let through.
    with pytest.raises(PermissionDenied):
        member_actions.record_event(dung, "died", D(2024, 3, 1), acting_user=mixed)
    with pytest.raises(PermissionDenied):
        member_actions.transfer(people["an"], tree["C2"], D(2024, 3, 1), acting_user=mixed)
    with pytest.raises(PermissionDenied):
        member_actions.admit(
            {
                "member_no": "N2",
                "full_name": "Võ Văn Hai",
                "gender": "male",
                "birth_date": D(1995, 1, 1),
                "ethnicity": "Kinh",
            },
            tree["C2"],
            D(2024, 3, 1),
            acting_user=mixed,
        )
    with pytest.raises(PermissionDenied):
        member_actions.update_member(dung, {"residence": "Ấp Mới"}, dung.version, acting_user=mixed)
    # Inside the cell the same actions work.
    member_actions.record_event(people["an"], "away_started", D(2024, 3, 1), acting_user=mixed)


# M5: records about members who left the subtree ---------------------------------------------


def test_records_about_a_member_who_moved_away_are_not_listed_or_voidable(client_for, people, tree):
    an = people["an"]
    reprimand = inspection_actions.record_discipline(
        {
            "decided_by_id": tree["G1"].id,
            "level": "reprimand",
            "decided_on": D(2023, 3, 1),
            "reason": "",
            "subject_type": "member",
            "subject_member_id": an.id,
            "subject_org_id": None,
        }
    )
    member_actions.transfer(an, tree["GC"], D(2024, 4, 1))
    staff_u1 = client_for("staff_u1")
    listing = staff_u1.get(reverse("web:activity_list", args=["ky-luat"])).content.decode()
    assert "Nguyễn Văn An" not in listing
    assert staff_u1.get(reverse("web:activity_void", args=["ky-luat", reprimand.pk])).status_code == 404
    staff_u2 = client_for("staff_u2")
    assert "Nguyễn Văn An" in staff_u2.get(reverse("web:activity_list", args=["ky-luat"])).content.decode()
    # U2 reads it (the member is theirs now) but did not decide it.
    assert staff_u2.get(reverse("web:activity_void", args=["ky-luat", reprimand.pk])).status_code == 403
