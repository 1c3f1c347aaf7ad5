"""Issue 10, item 3: the scope on the manager. Every scoped model declares how its rows belong to an
organization and answers `Model.objects.restrict(user, action)`; a request computes each scope once."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xaydungdang.accounts import scope

SCOPED_APPS = {"organizations", "members", "admissions", "reviews", "inspections", "activities", "accounts", "core"}
SCOPED_APPS |= {"dues", "transfers", "badges", "reports"}  # issue 14's transfers and badge flags; dues; reports
UNSCOPED = {
    "core.dataversion",  # technical tables, never listed to users
    "core.auditseal",
    # The working-day calendar (issue 14) is national: a day off belongs to no organization and holds no party
    # data; everyone reads it, only administrators write it (core/calendar_views.py, scope proof web:days_off).
    "core.dayoff",
    # A personal API token belongs to its user, not to an organization (its optional org only narrows what
    # the token may read): it is read only by its owner (accounts/tokens.py filters user=request.user) and a
    # foreign token's revocation is refused (scope proof, accounts:api-token-revoke). An organization scope
    # would show a committee's staff the tokens of everyone below it.
    "accounts.apitoken",
}


def _scoped_models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in SCOPED_APPS and label not in UNSCOPED and not label.startswith("accounts.user"):
            yield model


def test_every_scoped_model_declares_its_rule_and_restricts_from_its_manager(people, users):
    models = list(_scoped_models())
    assert len(models) >= 15
    for model in models:
        assert hasattr(model.objects.all(), "restrict"), f"{model._meta.label} has no restricting manager"
        for name in ("staff_u1", "secretary_c1", "viewer_u1", "nobody", "admin"):
            for action in (scope.VIEW, scope.RECORD):
                via_manager = set(model.objects.all().restrict(users[name], action).values_list("pk", flat=True))
                via_function = set(
                    scope.restrict(model.objects.all(), users[name], action).values_list("pk", flat=True)
                )
                assert via_manager == via_function, (model._meta.label, name, action)


def test_restrict_on_members_follows_the_subtree(people, users):
    from xaydungdang.members.models import Member

    names = set(Member.objects.restrict(users["staff_u1"]).values_list("full_name", flat=True))
    assert names == {"Nguyễn Văn An", "Đặng Thị Bình", "Trần Minh Châu", "Lê Văn Dũng"}
    assert not Member.objects.restrict(users["nobody"]).exists()
    assert Member.objects.restrict(users["admin"]).count() == 6
    assert set(
        Member.objects.search("nguyen van")
        .restrict(users["secretary_c1"], scope.RECORD)
        .values_list("member_no", flat=True)
    ) == {"M001"}


def test_a_request_computes_each_scope_once(client_for, people):
    client = client_for("staff_u1")
    client.get(reverse("web:member_list"))  # warm the tree cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("web:activity_list", args=["ky-luat"])).status_code == 200
    grant_reads = [q["sql"] for q in queries.captured_queries if "accounts_rolegrant" in q["sql"]]
    assert len(grant_reads) == 1, grant_reads


@pytest.mark.parametrize("action", [scope.VIEW, scope.RECORD, scope.CHANGE])
def test_role_changes_take_effect_within_the_same_request_context(tree, users, action):
    from xaydungdang.accounts.actions import grant_role

    user = users["viewer_u1"]
    with scope.request_cache():
        before = scope.scope_for(user, action)
        grant_role(user, tree["U2"], "staff")
        after = scope.scope_for(user, action)
    assert tree["GC"].id not in before.org_ids and tree["GC"].id in after.org_ids
