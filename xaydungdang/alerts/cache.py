"""The alert lists cached per scope, root organization, day and data version (core/cache.py):
the alerts page and the dashboard's counts share one computation. Under a root organization they
are keyed on the version of its subtree (a write elsewhere leaves them warm)."""

from xaydungdang.alerts import rules
from xaydungdang.core.cache import cached, local_cached, peek, scope_signature
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


# Composing a committee's counts from its units' is worth it when at most this many are not cached.
COMPOSE_MISSING = 3


def _counts_key(user, org_id) -> tuple:
    return (scope_signature(user), org_id, today().isoformat())


def alert_counts_for(user, root_org_id=None) -> dict:
    """The numbers of each alert for a dashboard, shared by every server process.

    Every alert is about one member or one cell, and under a committee each of those is in exactly
    one of its direct units (today's tree), so a committee's counts are the sums of its units'.
    When those are cached (the warmer computes them, web/warm.py), a write in one commune recomputes
    that commune's counts and adds them up, instead of the whole province's lists."""

    def compute():
        units = units_to_compose(root_org_id)
        missing = sum(peek("alert_counts", _counts_key(user, u), org_id=u) is None for u in units)
        if units and missing <= COMPOSE_MISSING:
            return _sum([alert_counts_for(user, u) for u in units])
        return alerts_for(user, root_org_id).counts()

    return cached("alert_counts", _counts_key(user, root_org_id), compute, org_id=root_org_id)


def units_to_compose(org_id) -> list[int]:
    """The direct units of a committee whose alert counts add up to its own, or [] (a cell, a
    committee of cells only — computed at once —, one holding members itself, one not in today's tree)."""
    from xaydungdang.members.models import Member
    from xaydungdang.organizations.tree import load_tree

    if org_id is None:
        return []
    tree = load_tree()
    snapshot = tree.snapshot(today())
    info = tree.orgs.get(org_id)
    if info is None or info.is_cell or org_id not in snapshot:
        return []
    units = snapshot.direct_children(org_id)
    if all(tree.orgs[u].is_cell for u in units) or Member.objects.filter(current_cell_id=org_id).exists():
        return []
    return list(units)


def _sum(parts: list[dict]) -> dict:
    """Counts added up; anything else (the badge day, the same for all) taken from the first."""
    first = parts[0]
    return {
        key: sum(part[key] for part in parts) if isinstance(value, int) and not isinstance(value, bool) else value
        for key, value in first.items()
    }
