"""Creating and voiding dated activity records, with version checks and audit entries.

Domain validation belongs to each app's rules.py; this is the shared write path.
"""

from django.utils import timezone

from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import current_actor
from xaydungdang.core.errors import ConcurrentEditError, DomainError
from xaydungdang.core.transactions import action_transaction


def create(model, values: dict, *, action: AuditAction, org_id=None, member_id=None, check=None):
    """`check()`, run inside the transaction before the write, raises DomainError to refuse it
    (scope, authority and domain rules are checked in the same transaction as the write)."""
    with action_transaction():
        if check is not None:
            check()
        instance = model.objects.create(**values, created_by_id=current_actor().user_id)
        audit.record(
            action,
            instance,
            after=audit.snapshot(instance, list(values_to_fields(values))),
            org_id=org_id,
            member_id=member_id,
        )
    return instance


def values_to_fields(values: dict):
    for key in values:
        yield key[:-3] if key.endswith("_id") else key


def void(
    instance,
    reason: str,
    *,
    expected_version: int | None = None,
    action: AuditAction | None = None,
    org_id=None,
    member_id=None,
    after_void=None,
    check=None,
):
    """Mark a record void with a reason; it stays in the database and the audit trail.

    `check(locked)` runs first inside the transaction (authority); `after_void(locked)` runs after the
    write and may raise DomainError to undo it, or return `(before, after)` dicts that the audit
    entry adds (e.g. the member's state before and after the correction)."""
    if not reason or not reason.strip():
        raise DomainError("Cần ghi lý do hủy.", "void_reason")
    model = type(instance)
    with action_transaction():
        locked = model.objects.select_for_update().get(pk=instance.pk)
        if check is not None:
            check(locked)
        if locked.voided_at is not None:
            raise DomainError("Bản ghi này đã được hủy trước đó.")
        if expected_version is not None and locked.version != expected_version:
            raise ConcurrentEditError("bản ghi")
        locked.voided_at = timezone.now()
        locked.voided_by_id = current_actor().user_id
        locked.void_reason = reason.strip()
        locked.version += 1
        locked.save(update_fields=["voided_at", "voided_by", "void_reason", "version"])
        extra_before, extra_after = (after_void(locked) if after_void else None) or ({}, {})
        audit.record(
            action or AuditAction.void_of(model),
            locked,
            before={"voided": False} | extra_before,
            after={"voided": True, "reason": locked.void_reason} | extra_after,
            org_id=org_id,
            member_id=member_id,
        )
    return locked
