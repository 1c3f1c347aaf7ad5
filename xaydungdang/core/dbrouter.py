"""Reads of figures from a streaming replica; everything else on the primary (docs/deployment.md).

Enabled when `XDD_REPLICA_URL` is set (settings.py puts `PrimaryReplicaRouter` in DATABASE_ROUTERS
and the replica under the alias `replica`; without it the alias is a second name of the default
database and nothing is routed). What goes where:

- every write, and every migration, on the primary (`default`); the replica is never migrated;
- a read goes to the replica only inside a *replica request*: a GET/HEAD of the pages and API that
  show figures (dashboards, reports, statistical forms, indicators: `settings.XDD_REPLICA_PATHS`),
  decided by `ReplicaReadsMiddleware`; or inside `replica_reads()` (code that wants it explicitly).
  Anything else — lists, dossiers, forms being filled, sign-in, the CLI, the import worker —
  reads the primary;
- even in a replica request the primary answers: reads inside a transaction of the primary (an
  action's checks), reads after the request wrote party-building data (the router pins the rest of
  the request), reads of accounts, sessions, sign-in throttling, 2FA devices and jobs (a session
  just written must be found), and every request of a browser or user that wrote within
  `XDD_REPLICA_STICKY_SECONDS` (default 15): a response to a POST/PUT/PATCH/DELETE sets the cookie
  `xdd_primary` (that long) and a per-user marker in Django's cache (for API clients without
  cookies), so what a user just wrote is what they read next, whatever the replica's lag.

Raw SQL of the read path (the indicator engine) takes its connection from `read_connection()`,
which follows the same rule.
"""

import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = DEFAULT_DB_ALIAS
COOKIE = "xdd_primary"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Apps whose rows must be read where they were just written: the session and account of the
# request itself, sign-in throttling, second factors, queued jobs. Their writes do not pin a request.
PRIMARY_APPS = frozenset({"sessions", "auth", "accounts", "axes", "otp_totp", "otp_static", "django_otp"})
PRIMARY_APPS |= {"django_tasks_db", "contenttypes"}
# Bookkeeping written during a read (the audit entry of a report view): not a data write.
BOOKKEEPING = frozenset({"core.auditentry"})


@dataclass
class _State:
    replica: bool = False  # reads may go to the replica
    wrote: bool = False  # the request wrote party-building data: the rest reads the primary
    replica_reads: int = 0  # reads routed to the replica (for the router's log and the tests)
    primary_reads: int = 0


_state: ContextVar[_State | None] = ContextVar("xdd_db_state", default=None)


def enabled() -> bool:
    """Whether the router is installed (settings.DATABASE_ROUTERS; tests override it)."""
    from django.db import router

    return any(isinstance(r, PrimaryReplicaRouter) for r in router.routers) and REPLICA in connections


def _model_key(model) -> tuple[str, str]:
    meta = model._meta
    return meta.app_label, f"{meta.app_label}.{meta.model_name}"


def read_alias(model=None) -> str:
    """Where a read of `model` (None: raw SQL of the read path) goes now."""
    state = _state.get()
    if state is None or not state.replica or state.wrote or not enabled():
        return PRIMARY
    if model is not None and _model_key(model)[0] in PRIMARY_APPS:
        return PRIMARY
    if _in_transaction(connections[PRIMARY]):  # an action's checks read what its transaction sees
        return PRIMARY
    return REPLICA


def _in_transaction(connection) -> bool:
    # The per-test transaction of Django's TestCase does not count (as for atomic(durable=True)).
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def read_connection():
    """The connection the read path's raw SQL uses (indicators.engine)."""
    return connections[read_alias()]


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = read_alias(model)
        state = _state.get()
        if state is not None:
            if alias == REPLICA:
                state.replica_reads += 1
            else:
                state.primary_reads += 1
        return alias

    def db_for_write(self, model, **hints):
        # Always the primary: returning None would let Django write where the instance was read.
        state = _state.get()
        app, name = _model_key(model)
        if state is not None and app not in PRIMARY_APPS and name not in BOOKKEEPING:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same database: an object read from the replica may be related to one
        # from the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


@contextmanager
def replica_reads():
    """Reads inside go to the replica (when the router is enabled), under the same rules as a replica
    request: a write or a primary transaction brings them back to the primary."""
    token = _state.set(_State(replica=True))
    try:
        yield _state.get()
    finally:
        _state.reset(token)


@contextmanager
def primary_reads():
    """Reads inside go to the primary (the state of a request that is not a replica request)."""
    token = _state.set(_State(replica=False))
    try:
        yield _state.get()
    finally:
        _state.reset(token)


def _sticky_seconds() -> int:
    return int(getattr(settings, "XDD_REPLICA_STICKY_SECONDS", 15))


def _user_key(user_id) -> str:
    return f"xdd:primary-user:{user_id}"


def _patterns():
    raw = tuple(getattr(settings, "XDD_REPLICA_PATHS", ()))
    cached = _compiled.get(raw)
    if cached is None:
        cached = _compiled[raw] = [re.compile(p) for p in raw]
    return cached


_compiled: dict = {}


def replica_request(request) -> bool:
    """A GET/HEAD of a figures page by a browser/user that has not written lately."""
    if request.method not in {"GET", "HEAD"} or COOKIE in request.COOKIES:
        return False
    if not any(p.match(request.path_info) for p in _patterns()):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from django.core.cache import cache

        if cache.get(_user_key(user.pk)):
            return False
    return True


class ReplicaReadsMiddleware:
    """Decides per request whether its reads may go to the replica, and marks writers (see above).
    Runs after authentication (settings.MIDDLEWARE); does nothing when the router is not enabled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        state = _State(replica=replica_request(request))
        token = _state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        if state.replica:
            logger.info(
                "replica request %s: %d reads on the replica, %d on the primary%s",
                request.path,
                state.replica_reads,
                state.primary_reads,
                " (pinned by a write)" if state.wrote else "",
            )
        if request.method in UNSAFE_METHODS or state.wrote:
            seconds = _sticky_seconds()
            response.set_cookie(
                COOKIE,
                "1",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
            )
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                from django.core.cache import cache

                cache.set(_user_key(user.pk), 1, seconds)
        return response
