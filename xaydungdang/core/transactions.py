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
# What the writes of the open unit of work touched: (org_id, member_id) pairs from their audit
# entries, handed at its end (still inside its transaction) to the function the shell registers
# (web/cache.py bump_touched: the data versions of those organizations and their ancestors).
_touched: ContextVar[set | None] = ContextVar("xdd_touched", default=None)
_touch_hook: dict = {}


def register_touched(function) -> None:
    """`function(pairs: set[tuple[int | None, int | None]])`, called inside the writing transaction."""
    _touch_hook["function"] = function


def touched(org_id: int | None, member_id: int | None) -> None:
    """A write changed data of `org_id` and/or `member_id` (None and None: anything)."""
    pending = _touched.get()
    if pending is None:
        _flush({(org_id, member_id)})
    else:
        pending.add((org_id, member_id))


def _flush(pairs: set | None) -> None:
    function = _touch_hook.get("function")
    # A unit of work marked for rollback (transaction.set_rollback) writes nothing, so nothing is stale;
    # and the broken transaction could not run the hook's queries anyway.
    if pairs and function is not None and not transaction.get_rollback():
        function(pairs)


@contextmanager
def action_transaction():
    """Context manager and decorator (`@action_transaction()`) for an action's transaction."""
    if _open.get():
        with transaction.atomic():
            yield
        return
    token, touched_token = _open.set(True), _touched.set(set())
    try:
        with transaction.atomic(durable=True):
            yield
            _flush(_touched.get())
    finally:
        _touched.reset(touched_token)
        _open.reset(token)


@contextmanager
def composing():
    """One unit of work made of several actions, in one (non-durable) transaction of the caller's."""
    token, touched_token = _open.set(True), _touched.set(set())
    try:
        with transaction.atomic():
            yield
            _flush(_touched.get())
    finally:
        _touched.reset(touched_token)
        _open.reset(token)


def in_action() -> bool:
    return _open.get()
