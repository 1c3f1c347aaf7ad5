"""Caching of expensive, safe-to-share results (indicator figures, member counts per node).

A cached value is keyed on a data version made of three cheap index look-ups: the org-tree
version (core.versions), the newest audit entry (every action writes one in its transaction)
and the newest derived member interval (every projection write and bulk import inserts new
span rows). Any write therefore changes the key; stale entries simply age out.
Results are per organization and period, never per user: scoping happens before and after.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Max

TIMEOUT = 600


def data_version() -> str:
    from xaydungdang.core import versions
    from xaydungdang.core.models import AuditEntry
    from xaydungdang.members.models import MemberSpan
    from xaydungdang.organizations.tree import TREE_VERSION_KEY

    audit_max = AuditEntry.objects.aggregate(m=Max("id"))["m"] or 0
    span_max = MemberSpan.objects.aggregate(m=Max("id"))["m"] or 0
    return f"{versions.get(TREE_VERSION_KEY)}.{audit_max}.{span_max}"


def cached(name: str, parts: tuple, compute, version: str | None = None):
    version = version or data_version()
    raw = "|".join(str(p) for p in (name, version) + tuple(parts))
    key = "xdd:" + hashlib.sha1(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def scope_signature(user) -> str:
    """A short fingerprint of what the user may see, for caching scoped results."""
    from xaydungdang.accounts import scope

    allowed = scope.allowed_org_ids(user)
    if allowed is None:
        return "all"
    return hashlib.sha1(",".join(map(str, sorted(allowed))).encode()).hexdigest()


def alerts_for(user, root_org_id=None):
    """alerts.rules.collect, cached per scope, root, day and data version."""
    from xaydungdang.alerts import rules
    from xaydungdang.core.dates import today

    return cached("alerts", (scope_signature(user), root_org_id, today().isoformat()),
                  lambda: rules.collect(user, root_org_id))
