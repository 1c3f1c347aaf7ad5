"""Caching of expensive, safe-to-share results (indicator figures, member counts, alert lists),
keyed on the data version.

The data version is a cheap fingerprint that changes with every write to party-building data;
it needs the tree, the audit trail and the members' intervals, which live above `core`, so the
function computing it is registered by the shell when it is ready (web/apps.py, web/cache.py).
Without one (nothing registered), nothing is cached: every value is computed afresh.
Results are per organization and period, never per user: scoping happens before and after
(`scope_signature` for results that depend on the scope).

A result about one organization's subtree passes `org_id`: it is keyed on that organization's
own version, which only a write touching the subtree changes (web/cache.py), so a write in one
commune leaves every other commune's figures warm.
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


def register_data_version(function, many=None) -> None:
    """`function(org_id=None) -> str`: the current data version of everything, or of the subtree
    of `org_id` (web/cache.py data_version); `many(org_ids) -> {org_id: str}`: the same for many
    organizations in one look-up (web/cache.py data_versions)."""
    _version["function"] = function
    _version["many"] = many


def data_version(org_id: int | None = None) -> str | None:
    function = _version.get("function")
    if function is None:
        return None
    return function(org_id) if org_id is not None else function()


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


def cached(name: str, parts: tuple, compute, version: str | None = None, org_id: int | None = None):
    """Through Django's cache (shared by every server process; values are pickled). With `org_id`,
    keyed on the version of that organization's subtree (the result must depend on nothing else)."""
    version = version or data_version(org_id)
    if version is None:
        return compute()
    key = _key(name, parts, version)
    value = cache.get(key)
    if value is None:
        with _lock_for(key):
            value = cache.get(key)
            if value is None:
                value = _compute_once(key, compute)
    return value


def cached_many(name: str, items: list[tuple], prepare=None) -> list:
    """`cached(name, parts, compute, org_id=org_id)` for each (org_id, parts, compute) of `items`,
    with the versions looked up and the cache read at once (what is missing is computed as by
    `cached`, after `prepare(org ids of the missing items)` when given: the computations can then
    be shared)."""
    function, many = _version.get("function"), _version.get("many")
    if function is None:
        if prepare is not None:
            prepare([org_id for org_id, _parts, _compute in items])
        return [compute() for _org_id, _parts, compute in items]
    org_ids = list(dict.fromkeys(org_id for org_id, _parts, _compute in items))
    versions = many(org_ids) if many is not None else {o: function(o) for o in org_ids}
    keys = [_key(name, parts, versions[org_id]) for org_id, parts, _compute in items]
    found = cache.get_many(keys)
    missing = [org_id for key, (org_id, _parts, _compute) in zip(keys, items) if found.get(key) is None]
    if missing and prepare is not None:
        prepare(missing)
    return [
        found[key] if found.get(key) is not None else cached(name, parts, compute, version=versions[org_id])
        for key, (org_id, parts, compute) in zip(keys, items)
    ]


def peek(name: str, parts: tuple, org_id: int | None = None):
    """The value `cached` would return if it is already in the cache, else None (nothing computed)."""
    version = data_version(org_id)
    return None if version is None else cache.get(_key(name, parts, version))


BUSY_SECONDS = 120


def _compute_once(key: str, compute):
    """Compute and store, unless another process (a page, the warmer of web/warm.py) is already
    computing the same key: then wait for its value instead of doing the same work beside it.
    Best effort: if that process fails or takes longer than BUSY_SECONDS, compute here."""
    busy = key + ":busy"
    if not cache.add(busy, 1, BUSY_SECONDS):
        deadline = time.monotonic() + BUSY_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.05)
            value = cache.get(key)
            if value is not None:
                return value
            if cache.get(busy) is None:
                break
    try:
        value = compute()
        cache.set(key, value, TIMEOUT)
    finally:
        cache.delete(busy)
    return value


def local_cached(name: str, parts: tuple, compute, version: str | None = None, org_id: int | None = None):
    """In this process's memory, without pickling: for big results (thousands of alert rows)
    whose unpickling would cost more than a page may take. `org_id` as for `cached`."""
    version = version or data_version(org_id)
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
    text = ",".join(map(str, sorted(scope.org_ids)))
    # Historical grants (on dissolved organizations) see more than their today's ids.
    for past in getattr(scope, "past", ()):
        text += f";{past.until}:" + ",".join(map(str, sorted(past.org_ids)))
    return hashlib.sha1(text.encode()).hexdigest()


def register_warmer(function) -> None:
    """`function(stop: threading.Event)`: keeps the pages people open computed (web/warm.py run)."""
    _version["warmer"] = function


def start_warmer() -> threading.Event | None:
    """Run the registered warmer in a daemon thread of this process (`xdd serve`); set the returned
    event to stop it. Nothing when none is registered or XDD_WARM=0."""
    import os

    function = _version.get("warmer")
    if function is None or os.environ.get("XDD_WARM", "1") == "0":
        return None
    stop = threading.Event()
    threading.Thread(target=function, args=(stop,), name="xdd-warmer", daemon=True).start()
    return stop
