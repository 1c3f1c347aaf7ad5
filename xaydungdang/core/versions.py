"""Data-version tokens: a cheap way for caches in several processes to notice writes.

A token is random rather than a counter: a rolled-back transaction must never let a later,
different write reuse the number a cache already saw.
"""

import secrets

from xaydungdang.core.models import DataVersion


def bump(key: str) -> None:
    token = secrets.randbits(62)
    if not DataVersion.objects.filter(key=key).update(value=token):
        DataVersion.objects.update_or_create(key=key, defaults={"value": token})


def get(key: str) -> int:
    row = DataVersion.objects.filter(key=key).values_list("value", flat=True).first()
    return row or 0


def bump_many(keys) -> None:
    """bump() for several keys: one random token for all of them (each key still changes)."""
    keys = sorted(set(keys))
    if not keys:
        return
    token = secrets.randbits(62)
    updated = set(DataVersion.objects.filter(key__in=keys).values_list("key", flat=True))
    DataVersion.objects.filter(key__in=updated).update(value=token)
    missing = [DataVersion(key=k, value=token) for k in keys if k not in updated]
    if missing:
        DataVersion.objects.bulk_create(missing, ignore_conflicts=True)
        DataVersion.objects.filter(key__in=[v.key for v in missing]).update(value=token)


def get_many(keys) -> dict[str, int]:
    """{key: token} for `keys`, 0 for a key never bumped; one query."""
    found = dict(DataVersion.objects.filter(key__in=list(keys)).values_list("key", "value"))
    return {k: found.get(k, 0) for k in keys}


# Per-subtree data versions, the one format that every reader shares (web/cache.py bumps them on
# every write, the figures caches and the report workspace key on them). A subtree's version is the
# organization tree's token, ALL_KEY's (bumped by writes about no one organization: an import, the
# demo, a rebuild) and the organization's own (bumped by writes in its subtree).
TREE_KEY = "org_tree"
ALL_KEY = "data.all"


def org_key(org_id: int) -> str:
    return f"data.org.{org_id}"


def subtree_versions(org_ids) -> dict[int, str]:
    """{org_id: the data version of its subtree}, in one look-up."""
    org_ids = list(org_ids)
    found = get_many([TREE_KEY, ALL_KEY] + [org_key(o) for o in org_ids])
    common = f"o.{found[TREE_KEY]}.{found[ALL_KEY]}."
    return {o: common + str(found[org_key(o)]) for o in org_ids}


def subtree_version(org_id: int) -> str:
    return subtree_versions([org_id])[org_id]
