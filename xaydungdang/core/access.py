"""The access scope as the domain apps see it: one set of functions, implemented by `accounts`.

`core` depends on nothing, and the domain apps (organizations, members, the activity apps) sit
below `accounts` (users and their roles), so they cannot import it. They ask these functions
instead, and `accounts` registers the implementations when it is ready (accounts/apps.py):

* `restrict(queryset, user, action)` and `within(queryset, org_id)`: every scoped query
  (`Model.objects.restrict(user, action)`, core/models.py RestrictedQuerySet);
* `require_org`, `require_member`: the right to act on an organization or a member;
* `require_for_values`, `require_for_record`, `may_correct`: authority follows the decision
  (accounts/authority.py);
* `org_in_scope(user, code)`: an organization typed by its code in a filter, if the user may see it.

Models declare how a row belongs to an organization: a `scope_path` (the lookup path to the owning
organization: `"current_cell"` for a member, `"member__current_cell"` for an event, `"org"` for a
class...) or a `scope_q(ids)` classmethod for the few that need more.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from xaydungdang.core.context import current_actor

VIEW, RECORD, CHANGE, ADMIN = "view", "record", "change", "admin"

UNSET = object()
_impl: dict = {}


def register(**functions) -> None:
    _impl.update(functions)


def _get(name: str):
    try:
        return _impl[name]
    except KeyError:
        raise ImproperlyConfigured(f"the access scope is not registered ({name}; accounts app missing)") from None


def resolve_user(acting_user=UNSET):
    """The user an action acts for: the one passed, else the current actor's user (or None: the
    system, the CLI, the importer, which are not restricted)."""
    if acting_user is not UNSET:
        return acting_user
    actor = current_actor()
    return actor.user if actor.user_id is not None else None


def scope_for(user, action: str = VIEW):
    """The user's scope for an action (`.covers(org_id)`, `.is_global`, `.org_ids`)."""
    return _get("scope_for")(user, action)


def home_org_ids(user) -> list:
    """The organizations of the user's roles, highest first: where the user stands (the default
    of every organization picker). Empty for an administrator (global scope) or no role."""
    return _get("home_org_ids")(user)


def can(user, action: str) -> bool:
    """Does the user hold a role allowing `action` somewhere?"""
    return _get("can")(user, action)


def restrict(queryset, user, action: str = VIEW):
    return _get("restrict")(queryset, user, action)


def within(queryset, org_id):
    return _get("within")(queryset, org_id)


def require_org(user, org_id, action: str = VIEW) -> None:
    if user is not None:
        _get("require_org")(user, org_id, action)


def require_org_on(user, org_id, day) -> None:
    """The right to read `org_id` as it was on `day`: today's VIEW scope, or a grant on a dissolved
    organization whose old subtree held it, for a day before the dissolution (read-only history)."""
    if user is not None:
        _get("require_org_on")(user, org_id, day)


def member_history_until(user, member):
    """None when the user sees the member as of today (or not at all); else the day before which
    the member's dossier may be read (history through a grant on a dissolved organization)."""
    if user is None:
        return None
    return _get("member_history_until")(user, member)


def require_member(user, member, action: str = VIEW) -> None:
    if user is not None:
        _get("require_member")(user, member, action)


def require_for_values(user, model, values: dict, *, verb: str = "ghi") -> None:
    _get("require_for_values")(user, model, values, verb=verb)


def require_for_record(user, record, *, verb: str = "hủy") -> None:
    _get("require_for_record")(user, record, verb=verb)


def may_correct(user, record, scope=None) -> bool:
    """For pages: may this user void or edit this record? (`scope`: the user's RECORD scope, to
    check a whole list with one computation.)"""
    return _get("may_correct")(user, record, scope)


def org_in_scope(user, code: str, action: str = VIEW):
    """The id of the organization with this code when the user's scope for `action` covers it,
    else None (an unknown code and one outside the scope answer alike)."""
    return _get("org_in_scope")(user, code, action)


def owner_q(model, ids) -> Q | None:
    """The condition "owned by one of `ids`" a model declares, or None when it declares none."""
    custom = getattr(model, "scope_q", None)
    if custom is not None:
        return custom(ids)
    path = getattr(model, "scope_path", None)
    if path is None:
        return None
    return Q(id__in=ids) if path == "id" else Q(**{f"{path}_id__in": ids})
