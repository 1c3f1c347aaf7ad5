"""Who is acting: the user, their address and the channel (web, api, cli, import).

Set once per request (middleware) or per command (CLI) and read by the audit log, so
actions do not need the request passed through every layer.
"""

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    user: object | None = None
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


_current: contextvars.ContextVar[Actor] = contextvars.ContextVar("xdd_actor", default=Actor())


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(actor: Actor):
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
