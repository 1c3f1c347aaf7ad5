"""The account actions check the user rules themselves (accounts/user_rules.py), inside their
transaction, whoever calls them: a user outside the scope gets PermissionDenied and nothing is
written (no user, grant, password, lock or audit entry)."""

import pytest
from django.contrib.auth import get_user_model

from xaydungdang.accounts import actions
from xaydungdang.accounts.models import RoleGrant
from xaydungdang.core.context import Actor, acting_as
from xaydungdang.core.errors import PermissionDenied
from xaydungdang.core.models import AuditEntry

User = get_user_model()


@pytest.fixture
def team(tree):
    made = {
        name: actions.create_user(name, tree[code], role, "x", validate_password=False)
        for name, code, role in [
            ("u1", "U1", "staff"),
            ("u2", "U2", "staff"),
            ("c1", "C1", "secretary"),
            ("v1", "U1", "viewer"),
        ]
    }
    made["admin"] = actions.create_user("admin", tree["P"], "admin", "x", validate_password=False)
    return made


def written():
    return (
        User.objects.count(),
        sorted(RoleGrant.objects.values_list("user_id", "org_id", "role")),
        sorted(User.objects.values_list("username", "password", "is_active")),
        AuditEntry.objects.count(),
    )


def denied(call, *args, **kwargs) -> PermissionDenied:
    before = written()
    with pytest.raises(PermissionDenied) as info:
        call(*args, **kwargs)
    assert written() == before
    return info.value


def test_create_user_needs_the_right_to_grant_that_role_there(tree, team):
    denied(actions.create_user, "moi", tree["C1"], "secretary", "x", validate_password=False, acting_user=team["u2"])
    denied(actions.create_user, "moi", tree["C1"], "admin", "x", validate_password=False, acting_user=team["u1"])
    denied(actions.create_user, "moi", tree["C1"], "viewer", "x", validate_password=False, acting_user=team["v1"])
    made = actions.create_user("moi", tree["C1"], "secretary", "x", validate_password=False, acting_user=team["u1"])
    assert RoleGrant.objects.filter(user=made, org=tree["C1"], role="secretary").exists()


def test_grant_role_needs_the_user_and_the_organization_in_scope(tree, team):
    denied(actions.grant_role, team["c1"], tree["C2"], "viewer", acting_user=team["u2"])  # user outside
    denied(actions.grant_role, team["c1"], tree["GC"], "viewer", acting_user=team["u1"])  # organization outside
    denied(actions.grant_role, team["c1"], tree["C2"], "admin", acting_user=team["u1"])  # role above staff
    actions.grant_role(team["c1"], tree["C2"], "viewer", acting_user=team["u1"])
    assert RoleGrant.objects.filter(user=team["c1"], org=tree["C2"]).exists()


def test_revoke_role_needs_the_user_in_scope_and_not_oneself(tree, team):
    grant = RoleGrant.objects.get(user=team["c1"])
    denied(actions.revoke_role, grant, acting_user=team["u2"])
    denied(actions.revoke_role, grant, acting_user=team["v1"])
    error = denied(actions.revoke_role, RoleGrant.objects.get(user=team["admin"]), acting_user=team["admin"])
    assert error.problems[0].rule == "self"
    actions.revoke_role(grant, acting_user=team["u1"])
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_set_password_needs_the_user_in_scope_except_for_oneself(tree, team):
    denied(actions.set_password, team["c1"], "mat-khau-moi", validate=False, acting_user=team["u2"])
    actions.set_password(team["u2"], "mat-khau-moi", validate=False, acting_user=team["u2"])
    actions.set_password(team["c1"], "mat-khau-moi", validate=False, acting_user=team["u1"])
    assert User.objects.get(pk=team["c1"].pk).check_password("mat-khau-moi")


def test_set_active_needs_the_user_in_scope_and_never_locks_oneself(tree, team):
    denied(actions.set_active, team["c1"], False, acting_user=team["u2"])
    error = denied(actions.set_active, team["admin"], False, acting_user=team["admin"])
    assert error.problems[0].rule == "self"
    actions.set_active(team["c1"], False, acting_user=team["u1"])
    assert not User.objects.get(pk=team["c1"].pk).is_active


def test_the_current_actor_is_the_default_acting_user(tree, team):
    with acting_as(Actor(user=team["u2"], via="web")):
        denied(actions.set_active, team["c1"], False)
        denied(actions.grant_role, team["c1"], tree["C2"], "viewer")
