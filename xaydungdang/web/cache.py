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
