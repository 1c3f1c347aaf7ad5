"""The alert lists cached per scope, root organization, day and data version (core/cache.py):
the alerts page and the dashboard's counts share one computation. Under a root organization they
are keyed on the version of its subtree (a write elsewhere leaves them warm)."""

from xaydungdang.alerts import rules
from xaydungdang.core.cache import cached, local_cached, scope_signature
from xaydungdang.core.dates import today


def alerts_for(user, root_org_id=None) -> rules.AlertSet:
    """alerts.rules.collect, cached per scope, root, day and data version (in this process:
    thousands of rows would cost more to unpickle than to keep)."""
    return local_cached(
        "alerts",
        (scope_signature(user), root_org_id, today().isoformat()),
        lambda: rules.collect(user, root_org_id),
        org_id=root_org_id,
    )


def alert_counts_for(user, root_org_id=None) -> dict:
    """The numbers of each alert for a dashboard, shared by every server process."""
    return cached(
        "alert_counts",
        (scope_signature(user), root_org_id, today().isoformat()),
        lambda: alerts_for(user, root_org_id).counts(),
        org_id=root_org_id,
    )
