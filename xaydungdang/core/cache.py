"""Caching of expensive, safe-to-share results (indicator figures, member counts, alert lists),
keyed on the data version.

The data version is a cheap fingerprint that changes with every write to party-building data;
it needs the tree, the audit trail and the members' intervals, which live above `core`, so the
function computing it is registered by the shell when it is ready (web/apps.py, web/cache.py).
Without one (nothing registered), nothing is cached: every value is computed afresh.
Results are per organization and period, never per user: scoping happens before and after
(`scope_signature` for results that depend on the scope).
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.core.cache import cache

from xaydungdang.core import access

TIMEOUT = 600
LOCAL_ENTRIES = 64
_local: OrderedDict = OrderedDict()
_local_lock = threading.Lock()
_version: dict = {}


def register_data_version(function) -> None:
    """`function() -> str`: the current data version (web/cache.py data_version)."""
    _version["function"] = function


def data_version() -> str | None:
    function = _version.get("function")
    return function() if function else None


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
    version = version or data_version()
    if version is None:
        return compute()
    key = _key(name, parts, version)
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
    version = version or data_version()
    if version is None:
        return compute()
    key = _key(name, parts, version)
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
    scope = access.scope_for(user)
    if scope.is_global:
        return "all"
    return hashlib.sha1(",".join(map(str, sorted(scope.org_ids))).encode()).hexdigest()
