"""Audit entries for logins, failed logins, lockouts and logouts.

A failure records the username that was typed and the address, never the password.
"""

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from xaydungdang.accounts.middleware import LOGIN_AT_KEY
from xaydungdang.accounts.models import RoleGrant
from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import Actor, acting_as, current_actor
from xaydungdang.core.middleware import client_ip


def _via(request) -> str:
    if request is None:
        return current_actor().via
    return "api" if request.path.startswith("/api/") else "web"


def _home_org(user) -> int | None:
    """The organization of the user's first role: lets staff of that subtree see the entry."""
    if user is None or user.pk is None:
        return None
    return RoleGrant.objects.filter(user=user).order_by("id").values_list("org_id", flat=True).first()


def _record(action: AuditAction, request, user, **kwargs) -> None:
    ip = client_ip(request) if request is not None else current_actor().ip
    with acting_as(Actor(user=user, ip=ip, via=_via(request))):
        audit.record(action, user, org_id=_home_org(user), **kwargs)


def _attempted(credentials) -> str:
    name = (credentials or {}).get(get_user_model().USERNAME_FIELD) or (credentials or {}).get("username") or ""
    return str(name)[:150]


def _known(username: str):
    return get_user_model().objects.filter(username=username).first() if username else None


@receiver(user_logged_in, dispatch_uid="xdd_login_success")
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        # Sessions started before the account's latest deactivation are refused (accounts/middleware.py).
        request.session[LOGIN_AT_KEY] = time.time()
    _record(AuditAction.LOGIN_SUCCESS, request, user)


@receiver(user_logged_out, dispatch_uid="xdd_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        reason = getattr(request, "_xdd_logout_reason", "") if request is not None else ""
        _record(AuditAction.LOGOUT, request, user, note=reason)


@receiver(user_login_failed, dispatch_uid="xdd_login_failure")
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = _attempted(credentials)
    ip = client_ip(request) if request is not None else current_actor().ip
    with acting_as(Actor(user=None, ip=ip, via=_via(request))):
        audit.record(
            AuditAction.LOGIN_FAILURE,
            model="auth.user",
            object_repr=username,
            org_id=_home_org(_known(username)),
            after={"attempted": username},
        )


@receiver(user_locked_out, dispatch_uid="xdd_login_lockout")
def on_lockout(sender, request, username=None, ip_address=None, **kwargs):
    username = (username or "")[:150]
    with acting_as(Actor(user=None, ip=(ip_address or "")[:64], via=_via(request))):
        audit.record(
            AuditAction.LOGIN_LOCKOUT,
            model="auth.user",
            object_repr=username,
            org_id=_home_org(_known(username)),
            after={"attempted": username},
        )
