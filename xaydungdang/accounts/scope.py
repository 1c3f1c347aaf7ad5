"""The one access-scope function.

A user holds roles on organizations; a role covers that organization's subtree as of today.
Every list, count, detail page, report, export, import and API call asks `restrict()` (for
querysets) or `allowed_org_ids()` / `require_org()` (for organizations) — never filters by hand.
Nothing is cached across requests, so a role change takes effect at once.
"""

from dataclasses import dataclass

from django.db.models import Q

from xaydungdang.accounts.models import Role, RoleGrant
from xaydungdang.core.dates import today
from xaydungdang.core.errors import PermissionDenied
from xaydungdang.organizations.tree import load_tree

VIEW, RECORD, CHANGE, ADMIN = "view", "record", "change", "admin"

ROLE_ACTIONS = {
    Role.ADMIN: {VIEW, RECORD, CHANGE, ADMIN},
    Role.STAFF: {VIEW, RECORD, CHANGE},
    Role.SECRETARY: {VIEW, RECORD},
    Role.VIEWER: {VIEW},
}

ACTION_LABELS = {VIEW: "xem", RECORD: "ghi biến động, hoạt động", CHANGE: "sửa dữ liệu", ADMIN: "quản trị"}


@dataclass(frozen=True)
class Scope:
    is_global: bool
    org_ids: frozenset

    def covers(self, org_id) -> bool:
        return self.is_global or org_id in self.org_ids

    @property
    def empty(self) -> bool:
        return not self.is_global and not self.org_ids


def scope_for(user, action: str = VIEW) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope(False, frozenset())
    if user.is_superuser:
        return Scope(True, frozenset())
    grants = list(RoleGrant.objects.filter(user=user).values_list("org_id", "role"))
    if any(role == Role.ADMIN for _org, role in grants):
        return Scope(True, frozenset())
    roots = [org_id for org_id, role in grants if action in ROLE_ACTIONS.get(role, ())]
    if not roots:
        return Scope(False, frozenset())
    snapshot = load_tree().snapshot(today())
    ids = set()
    for root in roots:
        ids.update(snapshot.subtree(root))
    return Scope(False, frozenset(ids))


def user_roles(user) -> set[str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return {Role.ADMIN}
    return set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))


def can(user, action: str) -> bool:
    """Does the user hold any role allowing `action` somewhere?"""
    return any(action in ROLE_ACTIONS.get(role, ()) for role in user_roles(user))


def allowed_org_ids(user, action: str = VIEW):
    """None means everywhere (admin); otherwise the set of organization ids covered."""
    scope = scope_for(user, action)
    return None if scope.is_global else scope.org_ids


def require_org(user, org_id, action: str = VIEW) -> None:
    if not scope_for(user, action).covers(org_id):
        raise PermissionDenied(f"Anh/chị không có quyền {ACTION_LABELS.get(action, action)} đối với tổ chức này.",
                               rule="scope")


def _member_q(prefix: str, ids) -> Q:
    return Q(**{f"{prefix}current_cell_id__in": ids})


def _subject_q(ids, owner_field: str | None) -> Q:
    """A record about a member follows the member: it is in scope while the member is (a
    discipline decided here about someone who has since moved to another commune is not).
    A record about an organization is in scope with that organization or its deciding one."""
    about_org = Q(subject_member__isnull=True) & Q(subject_org_id__in=ids)
    if owner_field:
        about_org |= Q(subject_member__isnull=True) & Q(**{f"{owner_field}__in": ids})
    return Q(subject_member__current_cell_id__in=ids) | about_org


def _scope_q(model, ids) -> Q:
    label = model._meta.label_lower
    rules = {
        "organizations.organization": lambda: Q(id__in=ids),
        "organizations.orgmove": lambda: Q(org_id__in=ids),
        "organizations.orglink": lambda: Q(org_id__in=ids),
        "organizations.locality": lambda: Q(org_id__in=ids),
        "members.member": lambda: _member_q("", ids),
        "members.memberevent": lambda: _member_q("member__", ids),
        "members.memberspan": lambda: _member_q("member__", ids),
        "admissions.target": lambda: Q(org_id__in=ids),
        "reviews.rating": lambda: _subject_q(ids, None),
        "reviews.screening": lambda: _member_q("member__", ids),
        "inspections.inspection": lambda: _subject_q(ids, "org_id"),
        "inspections.discipline": lambda: _subject_q(ids, "decided_by_id"),
        "activities.trainingclass": lambda: Q(org_id__in=ids),
        "activities.dialogue": lambda: Q(org_id__in=ids),
        "activities.document": lambda: Q(org_id__in=ids),
        "activities.award": lambda: _subject_q(ids, "granted_by_id"),
        "activities.cadreaction": lambda: Q(org_id__in=ids),
        "core.auditentry": lambda: Q(org_id__in=ids) | Q(member_id__in=_visible_member_ids(ids)),
        "accounts.rolegrant": lambda: Q(org_id__in=ids),
    }
    if label not in rules:
        raise LookupError(f"no access rule for {label}")
    return rules[label]()


def _visible_member_ids(ids):
    from xaydungdang.members.models import Member

    return Member.objects.filter(current_cell_id__in=ids).values("id")


def restrict(queryset, user, action: str = VIEW):
    """The queryset limited to what `user` may `action`. The single gate for every read."""
    scope = scope_for(user, action)
    if scope.is_global:
        return queryset
    if not scope.org_ids:
        return queryset.none()
    return queryset.filter(_scope_q(queryset.model, scope.org_ids))


def within(queryset, org_id):
    """The queryset limited to one organization's subtree (today), by the same rules as
    `restrict()`: for filters such as "entries of this district" on top of the user's scope."""
    ids = frozenset(load_tree().snapshot(today()).subtree(org_id)) | {org_id}  # a dissolved one: itself
    return queryset.filter(_scope_q(queryset.model, ids))


def require_member(user, member, action: str = VIEW) -> None:
    if member.current_cell_id is None:
        if not scope_for(user, action).is_global:
            raise PermissionDenied("Anh/chị không có quyền đối với đảng viên này.", rule="scope")
        return
    require_org(user, member.current_cell_id, action)
