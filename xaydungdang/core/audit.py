"""Writing the audit trail. Called by actions inside their transaction.

The action of an entry is an `AuditAction` (core/auditactions.py); an unknown string raises
ValueError, so a misspelt action fails in the tests instead of reaching the trail.
"""

import datetime as dt
import decimal

from django.db import connection, transaction

from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import after_acting, current_actor
from xaydungdang.core.models import AuditEntry


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(instance, fields=None) -> dict:
    """Field values of a model instance (foreign keys as ids) for before/after."""
    data = {}
    for f in instance._meta.concrete_fields:
        if fields and f.name not in fields:
            continue
        data[f.attname] = getattr(instance, f.attname)
    return _jsonable(data)


# pg_advisory_xact_lock key of the change feed ("XDDF"). Every transaction that writes an audit entry holds it
# shared from its first entry to its commit; the feed (interchange/feed.py) takes it exclusively for an
# instant to learn the highest entry id below which every entry is committed (PostgreSQL hands out ids
# before commit, so a later id may commit first). SQLite has one writer at a time: ids commit in order.
FEED_LOCK = 0x78646446


def _hold_feed_lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [FEED_LOCK])


def record(
    action: AuditAction | str,
    obj=None,
    *,
    before=None,
    after=None,
    org_id=None,
    member_id=None,
    note: str = "",
    model: str | None = None,
    object_id=None,
    object_repr: str | None = None,
) -> AuditEntry:
    action = AuditAction.of(action)
    actor = current_actor()
    if obj is not None:
        model = model or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        object_repr = object_repr if object_repr is not None else str(obj)[:255]
    with transaction.atomic(savepoint=False):
        _hold_feed_lock()
        return AuditEntry.objects.create(
            user_id=actor.user_id,
            username=actor.username[:150],
            ip=actor.ip[:64],
            via=actor.via,
            request_id=actor.request_id,
            action=action.value,
            model=model or "",
            object_id="" if object_id is None else str(object_id),
            object_repr=(object_repr or "")[:255],
            org_id=org_id,
            member_id=member_id,
            before=_jsonable(before),
            after=_jsonable(after),
            note=note,
        )


def record_detached(action: AuditAction | str, *, meta: dict | None = None, **kwargs) -> None:
    """An audit entry that must outlive the transaction it is decided in — the refusal of a write
    that is then rolled back. It is written when the actor's unit of work ends (the innermost
    `acting_as` block: a request, a command, an import job), outside the transactions opened in
    it; at once when no such block is open. `kwargs` as for `record`; `meta` is left on the
    pending callback for those who count entries not yet written (context.pending_after)."""

    write = _PendingEntry(AuditAction.of(action), kwargs, meta or {})
    if not after_acting(write):
        write()


class _PendingEntry:
    """An audit entry waiting for the end of the unit of work; `audit_action` and `meta` are read by
    context.pending_after."""

    def __init__(self, audit_action: AuditAction, kwargs: dict, meta: dict):
        self.audit_action, self.kwargs, self.meta = audit_action, kwargs, meta

    def __call__(self) -> None:
        record(self.audit_action, **self.kwargs)


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that changed, for compact before/after entries."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
