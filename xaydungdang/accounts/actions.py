"""Users and role grants. Changes are audited and take effect at once (scope is not cached).

Each action checks the acting user's right (accounts/user_rules.py) inside its own transaction:
`acting_user=` (default: the current actor's user; None: the system or the CLI, unrestricted).
"""

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from xaydungdang.accounts import user_rules
from xaydungdang.accounts.models import Role, RoleGrant
from xaydungdang.accounts.scope import forget_cached_scopes
from xaydungdang.core import audit
from xaydungdang.core.access import UNSET, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError, PermissionDenied, Problem
from xaydungdang.core.text import hidden_chars_message
from xaydungdang.core.transactions import action_transaction
from xaydungdang.organizations.models import Organization


def _check_password(password: str, user) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise DomainError([Problem(m, "password") for m in exc.messages])


@action_transaction()
def create_user(
    username: str,
    org: Organization,
    role: str,
    password: str,
    *,
    full_name: str = "",
    validate_password: bool = True,
    acting_user=UNSET,
):
    User = get_user_model()
    actor = resolve_user(acting_user)
    username = (username or "").strip()
    if not username:
        raise DomainError("Thiếu tên đăng nhập.", "username")
    if role not in Role.values:
        raise DomainError(f'Vai trò "{role}" không hợp lệ (admin, staff, secretary, viewer).', "role")
    if actor is not None:
        user_rules.require_grant(actor, org, role)
    if User.objects.filter(username=username).exists():
        raise DomainError(f"Tên đăng nhập {username} đã có.", "username")
    if hidden_chars_message("Họ và tên", full_name):
        raise DomainError(hidden_chars_message("Họ và tên", full_name), "full_name")
    user = User(username=username, first_name=full_name[:150], is_staff=role == Role.ADMIN, is_superuser=False)
    if validate_password:
        _check_password(password, user)
    user.set_password(password)
    user.save()
    RoleGrant.objects.create(user=user, org=org, role=role)
    audit.record(
        AuditAction.USER_CREATE, user, after={"username": username, "org": org.code, "role": role}, org_id=org.id
    )
    return user


@action_transaction()
def grant_role(user, org: Organization, role: str, *, acting_user=UNSET) -> RoleGrant:
    if role not in Role.values:
        raise DomainError(f'Vai trò "{role}" không hợp lệ.', "role")
    actor = resolve_user(acting_user)
    if actor is not None:
        user_rules.require_user(actor, user)
        user_rules.require_grant(actor, org, role)
    grant, created = RoleGrant.objects.get_or_create(user=user, org=org, role=role)
    forget_cached_scopes()
    if created:
        audit.record(
            AuditAction.ROLE_GRANT, grant, after={"user": user.username, "org": org.code, "role": role}, org_id=org.id
        )
    return grant


@action_transaction()
def revoke_role(grant: RoleGrant, *, acting_user=UNSET) -> None:
    if grant.role == Role.ADMIN:  # two admins revoking each other at once: the last-admin rule sees both
        list(RoleGrant.objects.select_for_update().filter(role=Role.ADMIN).values_list("pk", flat=True))
    grant = RoleGrant.objects.select_for_update().select_related("user", "org").filter(pk=grant.pk).first()
    if grant is None:
        raise DomainError("Quyền này đã được thu hồi.")
    actor = resolve_user(acting_user)
    if actor is not None:
        user_rules.require_user(actor, grant.user)
        user_rules.require_revoke(actor, grant)
    audit.record(
        AuditAction.ROLE_REVOKE,
        grant,
        before={"user": grant.user.username, "org": grant.org.code, "role": grant.role},
        org_id=grant.org_id,
    )
    grant.delete()
    forget_cached_scopes()


@action_transaction()
def set_password(user, password: str, *, validate: bool = True, acting_user=UNSET) -> None:
    actor = resolve_user(acting_user)
    if actor is not None and actor.pk != user.pk:
        user_rules.require_user(actor, user)
    if validate:
        _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(AuditAction.USER_PASSWORD, user, after={"username": user.username})


def end_sessions(user) -> int:
    """Delete every stored session of `user` (a locked account's cookies, copied or not, die with them)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return 0  # other engines: the login-time check in accounts/middleware.py still refuses them
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get(SESSION_KEY)) == str(user.pk)
    ]
    for key in ended:
        store(session_key=key).delete()
    return len(ended)


@action_transaction()
def set_active(user, active: bool, *, reason: str = "", acting_user=UNSET) -> None:
    """Deactivate (lock) or reactivate an account; a locked account's sessions stop at once
    (Django drops inactive users on the next request, and scope_for() gives them nothing)."""
    actor = resolve_user(acting_user)
    if actor is not None:
        if actor.pk == user.pk and not active:
            raise PermissionDenied("Không thể tự khóa tài khoản của chính mình.", rule="self")
        user_rules.require_user(actor, user)
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        end_sessions(user)
    home = RoleGrant.objects.filter(user=user).order_by("id").values_list("org_id", flat=True).first()
    audit.record(
        AuditAction.USER_ACTIVATE if active else "user.deactivate",
        user,
        before={"is_active": not active},
        after={"is_active": active},
        org_id=home,
        note=reason,
    )
