"""The organization actions check the acting user's CHANGE right themselves, inside their
transaction: a user outside the scope gets PermissionDenied and nothing is written (no
organization, move, dissolution or audit entry). The outermost action's transaction is durable."""

import datetime as dt

import pytest
from django.db import transaction

from xaydungdang.core.context import Actor, acting_as
from xaydungdang.core.errors import PermissionDenied
from xaydungdang.core.models import AuditEntry
from xaydungdang.core.transactions import composing
from xaydungdang.organizations import actions as org
from xaydungdang.organizations.models import Organization, OrgMove

D = dt.date


@pytest.fixture
def staff(tree, settings):
    """Staff of U1 (CHANGE on U1, G1, C1, C2), staff of U2 (U2, GC), staff of the province, a secretary of C1."""
    from xaydungdang.accounts.actions import create_user

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    made = {
        name: create_user(name, tree[code], role, "x", validate_password=False)
        for name, code, role in [
            ("u1", "U1", "staff"),
            ("u2", "U2", "staff"),
            ("p", "P", "staff"),
            ("c1", "C1", "secretary"),
        ]
    }
    return made


def written():
    return (
        Organization.objects.count(),
        OrgMove.objects.count(),
        AuditEntry.objects.count(),
        sorted(Organization.objects.values_list("code", "name", "dissolved_on", "version")),
    )


def denied(call, *args, **kwargs) -> PermissionDenied:
    before = written()
    with pytest.raises(PermissionDenied) as info:
        call(*args, **kwargs)
    assert written() == before
    return info.value


def test_found_needs_change_on_the_parent(tree, staff):
    denied(org.found, "C9", "Chi bộ ấp Chín", "cell", tree["G1"], D(2020, 1, 1), acting_user=staff["u2"])
    denied(org.found, "C9", "Chi bộ ấp Chín", "cell", tree["G1"], D(2020, 1, 1), acting_user=staff["c1"])
    made = org.found("C9", "Chi bộ ấp Chín", "cell", tree["G1"], D(2020, 1, 1), acting_user=staff["u1"])
    assert made.parent_id == tree["G1"].id


def test_a_new_root_needs_change_everywhere(tree, staff):
    error = denied(org.found, "P2", "Đảng bộ tỉnh Hai", "provincial", None, D(2020, 1, 1), acting_user=staff["p"])
    assert error.problems[0].field == "parent"


def test_update_needs_change_on_the_organization(tree, staff):
    c1 = tree["C1"]
    denied(
        org.update,
        c1,
        name="Chi bộ đổi tên",
        locality=None,
        note="",
        expected_version=c1.version,
        acting_user=staff["u2"],
    )
    org.update(c1, name="Chi bộ đổi tên", locality=None, note="", expected_version=c1.version, acting_user=staff["u1"])
    assert Organization.objects.get(pk=c1.pk).name == "Chi bộ đổi tên"


def test_move_needs_change_on_the_organization_and_the_new_parent(tree, staff):
    denied(org.move, tree["G1"], tree["U2"], D(2024, 1, 1), acting_user=staff["u1"])  # new parent outside
    denied(org.move, tree["G1"], tree["U2"], D(2024, 1, 1), acting_user=staff["u2"])  # organization outside
    org.move(tree["G1"], tree["U2"], D(2024, 1, 1), acting_user=staff["p"])
    assert OrgMove.objects.filter(org=tree["G1"], new_parent=tree["U2"]).exists()


def test_dissolve_needs_change_on_the_organization(tree, staff):
    denied(org.dissolve, tree["C2"], D(2024, 1, 1), acting_user=staff["u2"])
    denied(org.dissolve, tree["C2"], D(2024, 1, 1), acting_user=staff["c1"])
    org.dissolve(tree["C2"], D(2024, 1, 1), acting_user=staff["u1"])
    assert Organization.objects.get(pk=tree["C2"].pk).dissolved_on == D(2024, 1, 1)


def test_merge_needs_change_on_source_and_target(tree, staff):
    denied(org.merge, tree["C2"], tree["GC"], D(2024, 1, 1), acting_user=staff["u1"])  # target outside
    denied(org.merge, tree["GC"], tree["C2"], D(2024, 1, 1), acting_user=staff["u1"])  # source outside
    org.merge(tree["C2"], tree["C1"], D(2024, 1, 1), acting_user=staff["u1"])
    assert Organization.objects.get(pk=tree["C2"].pk).dissolved_on == D(2024, 1, 1)


def test_the_current_actor_is_the_default_acting_user(tree, staff):
    with acting_as(Actor(user=staff["u2"], via="web")):
        denied(org.dissolve, tree["C2"], D(2024, 1, 1))


def test_the_outermost_action_transaction_is_durable(tree):
    """Called inside a foreign open transaction, an action refuses to run (its write could be rolled
    back after its checks); inside composing() it joins the caller's unit of work."""
    with transaction.atomic(), pytest.raises(RuntimeError, match="durable"):
        org.found("C9", "Chi bộ ấp Chín", "cell", tree["G1"], D(2020, 1, 1))
    with composing():
        c9 = org.found("C9", "Chi bộ ấp Chín", "cell", tree["G1"], D(2020, 1, 1))
        org.merge(c9, tree["C1"], D(2021, 1, 1))  # merge's dissolution joins as a savepoint
    assert Organization.objects.get(code="C9").dissolved_on == D(2021, 1, 1)
