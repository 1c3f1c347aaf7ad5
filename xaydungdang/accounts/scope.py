"""The one access-scope function.

A user holds roles on organizations; a role covers that organization's subtree as of today.
Every list, count, detail page, report, export, import and API call asks `restrict()` (for
querysets) or `allowed_org_ids()` / `require_org()` (for organizations) — never filters by hand.
Scopes are memoised for the length of one request (`request_cache()`, opened by
`accounts.middleware.ScopeCacheMiddleware`), never across requests, so a role change takes effect
at the next request; the subtree of a set of roots is cached per tree version and day.
"""

import contextvars
import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Q

from xaydungdang.accounts.models import Role, RoleGrant
from xaydungdang.core import access
from xaydungdang.core.access import ADMIN, CHANGE, RECORD, VIEW  # noqa: F401  (one definition, re-exported)
from xaydungdang.core.dates import today
from xaydungdang.core.errors import PermissionDenied
from xaydungdang.core.text import vi_sort_key
from xaydungdang.organizations.tree import load_tree

ROLE_ACTIONS = {
    Role.ADMIN: {VIEW, RECORD, CHANGE, ADMIN},
    Role.STAFF: {VIEW, RECORD, CHANGE},
    Role.SECRETARY: {VIEW, RECORD},
    Role.VIEWER: {VIEW},
}

ACTION_LABELS = {VIEW: "xem", RECORD: "ghi biến động, hoạt động", CHANGE: "sửa dữ liệu", ADMIN: "quản trị"}


@dataclass(frozen=True)
class Past:
    """A VIEW grant on an organization dissolved before today: its subtree as it was on the eve of
    the dissolution (`org_ids`), readable for days before `until` (the dissolution day) only."""

    root_id: int
    until: object  # datetime.date: the dissolution day (exclusive)
    org_ids: frozenset


@dataclass(frozen=True)
class Scope:
    is_global: bool
    org_ids: frozenset
    # Read-only history (VIEW scope only): grants on dissolved organizations (docs/security.md §4).
    past: tuple = ()

    def covers(self, org_id) -> bool:
        """Today's scope: what the user may act on (and read as it is now)."""
        return self.is_global or org_id in self.org_ids

    def past_until(self, org_id):
        """The day before which a history-only organization may be read (the latest of the grants
        covering it), or None when no historical grant covers it."""
        days = [p.until for p in self.past if org_id in p.org_ids]
        return max(days) if days else None

    def covers_on(self, org_id, day) -> bool:
        """May the user read `org_id` as it was on `day` (today's scope, or a historical grant for a
        day before the dissolution)?"""
        if self.covers(org_id):
            return True
        until = self.past_until(org_id)
        return until is not None and day < until

    @property
    def past_org_ids(self) -> frozenset:
        return frozenset().union(*(p.org_ids for p in self.past)) if self.past else frozenset()

    @property
    def empty(self) -> bool:
        return not self.is_global and not self.org_ids


_request_scopes: contextvars.ContextVar[dict | None] = contextvars.ContextVar("xdd_request_scopes", default=None)
_subtrees: dict[tuple, frozenset] = {}


@contextmanager
def request_cache():
    """Memoise scopes for the duration of one request (or one command)."""
    token = _request_scopes.set({})
    try:
        yield
    finally:
        _request_scopes.reset(token)


def forget_cached_scopes() -> None:
    """Called when roles change inside a request (role grants and revocations)."""
    cache = _request_scopes.get()
    if cache is not None:
        cache.clear()


def _memo(key, compute):
    cache = _request_scopes.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _grants(user) -> tuple:
    return _memo((user.pk, "grants"), lambda: tuple(RoleGrant.objects.filter(user=user).values_list("org_id", "role")))


def _subtree_ids(roots: frozenset) -> frozenset:
    tree = load_tree()
    day = today()
    key = (tree.version, day, roots)
    ids = _subtrees.get(key)
    if ids is None:
        snapshot = tree.snapshot(day)
        found = set()
        for root in roots:
            found.update(snapshot.subtree(root))
        ids = frozenset(found)
        if len(_subtrees) > 512:
            _subtrees.clear()
        _subtrees[key] = ids
    return ids


def scope_for(user, action: str = VIEW) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope(False, frozenset())
    narrow_to = getattr(user, "api_token_org_id", None)  # an API token limited to a subtree
    if narrow_to is not None:
        return _memo((user.pk, "scope", action, narrow_to), lambda: _narrowed(user, action, narrow_to))
    if user.is_superuser:
        return Scope(True, frozenset())
    return _memo((user.pk, "scope", action), lambda: _compute_scope(user, action))


def _narrowed(user, action: str, org_id) -> Scope:
    """The user's scope within one organization's subtree: never wider than the user's roles."""
    full = Scope(True, frozenset()) if user.is_superuser else _compute_scope(user, action)
    subtree = _subtree_ids(frozenset({org_id}))
    return Scope(False, subtree if full.is_global else full.org_ids & subtree)


def _compute_scope(user, action: str) -> Scope:
    grants = _grants(user)
    if any(role == Role.ADMIN for _org, role in grants):
        return Scope(True, frozenset())
    roots = frozenset(org_id for org_id, role in grants if action in ROLE_ACTIONS.get(role, ()))
    if not roots:
        return Scope(False, frozenset())
    current = _subtree_ids(roots)
    past = _past_grants(roots - current) if action == VIEW else ()
    return Scope(False, current, past)


def _past_grants(roots) -> tuple:
    """The historical part of a VIEW scope: each granted organization dissolved before today
    covers its subtree as it was on the day before the dissolution (read-only: only the VIEW
    scope has it). Cached per tree version like the subtrees."""
    if not roots:
        return ()
    tree = load_tree()
    day = today()
    found = []
    for root in sorted(roots):
        info = tree.orgs.get(root)
        if info is None or info.dissolved_on is None or info.dissolved_on > day:
            continue
        key = (tree.version, "past", root)
        ids = _subtrees.get(key)
        if ids is None:
            eve = info.dissolved_on - dt.timedelta(days=1)
            ids = frozenset(tree.snapshot(eve).subtree(root)) if info.established_on <= eve else frozenset({root})
            _subtrees[key] = ids
        found.append(Past(root, info.dissolved_on, ids))
    return tuple(found)


def user_roles(user) -> set[str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return {Role.ADMIN}
    return {role for _org, role in _grants(user)}


def home_org_ids(user) -> list[int]:
    """The organizations of the user's roles (an administrator's none), highest in today's tree
    first, then Vietnamese order."""
    if user is None or not getattr(user, "is_authenticated", False) or user.is_superuser:
        return []
    grants = _grants(user)
    if any(role == Role.ADMIN for _org, role in grants):
        return []
    tree = load_tree()
    snapshot = tree.snapshot(today())
    ids = {org_id for org_id, _role in grants if org_id in tree.orgs}
    return sorted(ids, key=lambda o: (len(snapshot.ancestors_cached(o)) or 99, vi_sort_key(tree.orgs[o].name)))


def can(user, action: str) -> bool:
    """Does the user hold any role allowing `action` somewhere?"""
    return any(action in ROLE_ACTIONS.get(role, ()) for role in user_roles(user))


def allowed_org_ids(user, action: str = VIEW):
    """None means everywhere (admin); otherwise the set of organization ids covered."""
    scope = scope_for(user, action)
    return None if scope.is_global else scope.org_ids


def require_org_on(user, org_id, day) -> None:
    """The right to read `org_id` as it was on `day` (a report or a page for a past period): today's
    VIEW scope, or a historical grant when `day` is before the dissolution."""
    if not scope_for(user, VIEW).covers_on(org_id, day):
        raise PermissionDenied(f"Anh/chị không có quyền {ACTION_LABELS[VIEW]} đối với tổ chức này.", rule="scope")


def require_org(user, org_id, action: str = VIEW) -> None:
    if not scope_for(user, action).covers(org_id):
        raise PermissionDenied(
            f"Anh/chị không có quyền {ACTION_LABELS.get(action, action)} đối với tổ chức này.", rule="scope"
        )


def _scope_q(model, ids) -> Q:
    """The model's own rule (`scope_path` / `scope_q`, core/access.py); the audit trail's here."""
    q = access.owner_q(model, ids)
    if q is not None:
        return q
    if model._meta.label_lower == "core.auditentry":
        return Q(org_id__in=ids) | Q(member_id__in=_visible_member_ids(ids))
    raise LookupError(f"no access rule for {model._meta.label_lower}")


def _visible_member_ids(ids):
    from xaydungdang.members.models import Member

    return Member.objects.filter(current_cell_id__in=ids).values("id")


def restrict(queryset, user, action: str = VIEW):
    """The queryset limited to what `user` may `action`. The single gate for every read."""
    scope = scope_for(user, action)
    if scope.is_global:
        return queryset
    past = _past_q(queryset.model, scope.past) if scope.past else None
    if not scope.org_ids:
        return queryset.filter(past) if past is not None else queryset.none()
    q = _scope_q(queryset.model, scope.org_ids)
    return queryset.filter(q | past if past is not None else q)


def _past_q(model, past) -> Q | None:
    """What a historical (dissolved) grant adds to a read: the organizations of the old subtree
    (pickers, the tree and the pages at dates before the dissolution). Nothing else: today's lists,
    exports and the API of members and of records stay today's scope; a member who was in the old
    subtree is read through the dossier, up to the day they left it (`member_history_until`)."""
    if model._meta.label_lower == "organizations.organization":
        return Q(id__in=frozenset().union(*(p.org_ids for p in past)))
    return None


def member_history_until(user, member):
    """None when the user's today scope covers the member (or the member is not visible at all
    through history); else the day before which the dossier may be read: the day the member left
    the old subtree of a dissolved grant, at the latest its dissolution."""
    scope = scope_for(user, VIEW)
    if getattr(user, "api_token_org_id", None) is not None:
        return None  # an API token reads today's scope only
    if scope.is_global or (member.current_cell_id is not None and scope.covers(member.current_cell_id)):
        return None
    if not scope.past:
        return None
    from xaydungdang.members.models import MemberSpan

    best = None
    for p in scope.past:
        for _start, end in MemberSpan.objects.filter(
            member_id=member.pk, cell_id__in=p.org_ids, start__lt=p.until
        ).values_list("start", "end"):
            left = p.until if end is None else min(end, p.until)
            if best is None or left > best:
                best = left
    return best


def within(queryset, org_id):
    """The queryset limited to one organization's subtree (today), by the same rules as
    `restrict()`: for filters such as "entries of this district" on top of the user's scope."""
    ids = frozenset(load_tree().snapshot(today()).subtree(org_id)) | {org_id}  # a dissolved one: itself
    return queryset.filter(_scope_q(queryset.model, ids))


def org_in_scope(user, code: str, action: str = VIEW):
    """The organization with this code (its id) when the user's scope covers it, else None."""
    org_id = load_tree().by_code.get(code)
    return org_id if org_id is not None and scope_for(user, action).covers(org_id) else None


def require_member(user, member, action: str = VIEW) -> None:
    if member.current_cell_id is None:
        if not scope_for(user, action).is_global:
            raise PermissionDenied("Anh/chị không có quyền đối với đảng viên này.", rule="scope")
        return
    require_org(user, member.current_cell_id, action)
