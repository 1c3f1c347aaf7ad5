"""Who may manage which users and grant which roles.

Admins manage everyone. Staff manage, within the subtree they may change, the users whose
every role lies in that subtree and is not above staff; they grant roles up to staff on
organizations of that subtree. Everything is computed per request from the role grants.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from xaydungdang.accounts import scope
from xaydungdang.accounts.models import Role, RoleGrant
from xaydungdang.core.errors import PermissionDenied

RANK = {Role.VIEWER: 0, Role.SECRETARY: 1, Role.STAFF: 2, Role.ADMIN: 3}


def is_admin(actor) -> bool:
    return scope.can(actor, scope.ADMIN)


def may_manage_users(actor) -> bool:
    return is_admin(actor) or scope.can(actor, scope.CHANGE)


def grantable_roles(actor) -> list[str]:
    if is_admin(actor):
        return list(Role.values)
    if scope.can(actor, scope.CHANGE):
        return [r for r in Role.values if RANK[Role(r)] <= RANK[Role.STAFF]]
    return []


def manageable_users(actor):
    """Users the actor may see and manage."""
    User = get_user_model()
    users = User.objects.all()
    if is_admin(actor):
        return users
    change = scope.scope_for(actor, scope.CHANGE)
    if change.empty:
        return users.none()
    outside = RoleGrant.objects.filter(user=OuterRef("pk")).exclude(org_id__in=change.org_ids)
    too_high = RoleGrant.objects.filter(user=OuterRef("pk"), role=Role.ADMIN)
    inside = RoleGrant.objects.filter(user=OuterRef("pk"), org_id__in=change.org_ids)
    return users.filter(Exists(inside), ~Exists(outside), ~Exists(too_high), is_superuser=False)


def require_user(actor, user) -> None:
    """The actor may manage this account (admins: every account; staff: see manageable_users)."""
    if not manageable_users(actor).filter(pk=user.pk).exists():
        raise PermissionDenied("Anh/chị không được quản lý tài khoản này.", rule="scope")


def require_grant(actor, org, role: str) -> None:
    if role not in grantable_roles(actor):
        raise PermissionDenied(
            f"Anh/chị không được cấp vai trò {Role(role).label if role in Role.values else role}.", "role", rule="scope"
        )
    scope.require_org(actor, org.id, scope.ADMIN if is_admin(actor) else scope.CHANGE)


def visible_grants(actor, user):
    """The user's role grants the actor may see (staff: inside their subtree)."""
    return scope.restrict(RoleGrant.objects.filter(user=user), actor, scope.CHANGE).select_related("org")


def require_revoke(actor, grant) -> None:
    if grant.role not in grantable_roles(actor):
        raise PermissionDenied("Anh/chị không được thu hồi vai trò này.", rule="scope")
    if grant.user_id == actor.pk:
        raise PermissionDenied("Không thể tự thu hồi quyền của chính mình; nhờ một người quản trị khác.", rule="self")
    if (
        grant.role == Role.ADMIN
        and not RoleGrant.objects.filter(role=Role.ADMIN, user__is_active=True).exclude(pk=grant.pk).exists()
    ):
        raise PermissionDenied(
            "Đây là quyền quản trị cuối cùng của hệ thống; cấp cho người khác trước khi thu hồi.", rule="last_admin"
        )
