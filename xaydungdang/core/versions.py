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
