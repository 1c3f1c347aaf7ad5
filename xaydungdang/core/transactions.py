"""The transaction of an action: its checks, its write and its audit row commit together.

Every public action runs in `action_transaction()`. The outermost one is durable
(`transaction.atomic(durable=True)`): when the action returns, its write is committed, and an
action called by mistake inside someone else's open transaction fails at once (RuntimeError)
instead of letting that caller roll back a write whose checks were made against data it
changed. Actions called by an action (merge moves organizations, transfers members and
dissolves; a discipline goes through recording.create) join the transaction already open as
savepoints.

A caller that deliberately makes one unit of work of several actions (the demo loader, a test
that builds data and rolls it back) opens `composing()`: a plain transaction in which the
actions open savepoints. Django's TestCase (pytest-django's `db`) permits durable blocks inside
its own per-test transaction, so tests need `composing()` only around their own atomic blocks.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

_open: ContextVar[bool] = ContextVar("xdd_action_open", default=False)


@contextmanager
def action_transaction():
    """Context manager and decorator (`@action_transaction()`) for an action's transaction."""
    if _open.get():
        with transaction.atomic():
            yield
        return
    token = _open.set(True)
    try:
        with transaction.atomic(durable=True):
            yield
    finally:
        _open.reset(token)


@contextmanager
def composing():
    """One unit of work made of several actions, in one (non-durable) transaction of the caller's."""
    token = _open.set(True)
    try:
        with transaction.atomic():
            yield
    finally:
        _open.reset(token)


def in_action() -> bool:
    return _open.get()
