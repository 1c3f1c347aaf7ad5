"""Who is acting: the user, their address and the channel (web, api, cli, import).

Set once per request (middleware) or per command (CLI) and read by the audit log, so
actions do not need the request passed through every layer.
"""

import contextvars
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any = None  # a Django user (or None for the system and the command line)
    ip: str = ""
    via: str = "system"
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])

    @property
    def username(self) -> str:
        if self.user is not None and getattr(self.user, "is_authenticated", False):
            return self.user.get_username()
        return {"cli": "(dòng lệnh)", "system": "(hệ thống)"}.get(self.via, "(ẩn danh)")

    @property
    def user_id(self):
        if self.user is not None and getattr(self.user, "is_authenticated", False):
            return self.user.pk
        return None


logger = logging.getLogger(__name__)

_current: contextvars.ContextVar[Actor] = contextvars.ContextVar("xdd_actor", default=Actor())  # noqa: B039 (frozen)


def current_actor() -> Actor:
    return _current.get()


# Work left for the end of the innermost `acting_as` block (a request, a command, an import job):
# by then the transactions opened inside it have committed or rolled back, so an audit entry
# about a refused write (core.audit.record_detached) outlives the rollback of that write.
_after: contextvars.ContextVar[list | None] = contextvars.ContextVar("xdd_after", default=None)


def after_acting(callback) -> bool:
    """Run `callback` when the innermost `acting_as` block ends; False if none is open."""
    pending = _after.get()
    if pending is None:
        return False
    pending.append(callback)
    return True


def pending_after() -> list:
    """The callbacks waiting for the end of the innermost `acting_as` block."""
    return list(_after.get() or ())


@contextmanager
def acting_as(actor: Actor):
    token = _current.set(actor)
    after_token = _after.set([])
    try:
        yield actor
    finally:
        pending = _after.get() or []
        _after.reset(after_token)
        try:
            for callback in pending:
                try:
                    callback()
                except Exception:  # never hide the block's own outcome
                    logger.exception("deferred work after %s failed", actor.via)
        finally:
            _current.reset(token)


def rebind_user(user) -> None:
    """Make `user` the current actor's user for the rest of the block. The API authenticates by
    token inside the view, after the middleware opened the block with an anonymous user; the
    block's end restores the actor it found (`acting_as` resets the variable)."""
    actor = _current.get()
    if actor.user is not user:
        _current.set(Actor(user=user, ip=actor.ip, via=actor.via, request_id=actor.request_id))
