"""Caching of expensive, safe-to-share results (indicator figures, member counts per node).

A cached value is keyed on a data version made of three cheap index look-ups: the org-tree
version (core.versions), the newest audit entry of a data change (every action writes one in its
transaction; sign-ins, exports and report views do not count) and the newest derived member
interval (every projection write and bulk import inserts new span rows). Any write therefore changes the key; stale entries simply age out.
Results are per organization and period, never per user: scoping happens before and after.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db.models import Max

TIMEOUT = 600
LOCAL_ENTRIES = 64
_local: OrderedDict = OrderedDict()
_local_lock = threading.Lock()


# Audit actions that record reading or signing in, not a change of party-building data.
READ_ONLY_ACTIONS = ("login", "logout", "otp", "report.", "member.export", "member.show_national_id", "audit.",
                     "user.", "role.", "password", "member.list", "member.view", "member.events", "event.list",
                     "member.clash")


def _last_data_audit_id() -> int:
    from django.db.models import Q

    from xaydungdang.core.models import AuditEntry

    reads = Q()
    for prefix in READ_ONLY_ACTIONS:
        reads |= Q(action__startswith=prefix)
    # A backward walk of the primary key that stops at the first data change.
    return AuditEntry.objects.exclude(reads).order_by("-id").values_list("id", flat=True).first() or 0


def data_version() -> str:
    from xaydungdang.core import versions
    from xaydungdang.members.models import MemberSpan
    from xaydungdang.organizations.tree import TREE_VERSION_KEY

    audit_max = _last_data_audit_id()
    span_max = MemberSpan.objects.aggregate(m=Max("id"))["m"] or 0
    return f"{versions.get(TREE_VERSION_KEY)}.{audit_max}.{span_max}"


def _key(name: str, parts: tuple, version: str) -> str:
    raw = "|".join(str(p) for p in (name, version) + tuple(parts))
    return "xdd:" + hashlib.sha1(raw.encode()).hexdigest()


_key_locks: dict[str, threading.Lock] = {}


def _lock_for(key: str) -> threading.Lock:
    """One lock per key in this process: concurrent requests for the same cold figure wait
    for the first computation instead of all computing it (dog-pile)."""
    with _local_lock:
        lock = _key_locks.get(key)
        if lock is None:
            if len(_key_locks) > 4096:
                _key_locks.clear()
            lock = _key_locks[key] = threading.Lock()
        return lock


def cached(name: str, parts: tuple, compute, version: str | None = None):
    """Through Django's cache (shared by every server process; values are pickled)."""
    key = _key(name, parts, version or data_version())
    value = cache.get(key)
    if value is None:
        with _lock_for(key):
            value = cache.get(key)
            if value is None:
                value = compute()
                cache.set(key, value, TIMEOUT)
    return value


def local_cached(name: str, parts: tuple, compute, version: str | None = None):
    """In this process's memory, without pickling: for big results (thousands of alert rows)
    whose unpickling would cost more than a page may take."""
    key = _key(name, parts, version or data_version())
    now = time.monotonic()
    with _local_lock:
        hit = _local.get(key)
        if hit is not None and now - hit[0] < TIMEOUT:
            _local.move_to_end(key)
            return hit[1]
    with _lock_for(key):
        with _local_lock:
            hit = _local.get(key)
        if hit is not None and now - hit[0] < TIMEOUT:
            return hit[1]
        value = compute()
    with _local_lock:
        _local[key] = (now, value)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
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

    return local_cached("alerts", (scope_signature(user), root_org_id, today().isoformat()),
                        lambda: rules.collect(user, root_org_id))


def alert_counts_for(user, root_org_id=None) -> dict:
    """The numbers of each alert for a dashboard, shared by every server process."""
    from xaydungdang.core.dates import today

    return cached("alert_counts", (scope_signature(user), root_org_id, today().isoformat()),
                  lambda: alerts_for(user, root_org_id).counts())
