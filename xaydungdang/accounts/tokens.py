"""Personal API tokens: created by the user (the secret shown once), listed, revoked; audited.

A token is `xdd_` + 43 random URL-safe characters. Only its SHA-256 is stored (the secret has 256
bits of entropy: a fast hash is enough and lets each request find its token by an index); the
first 12 characters (the prefix) name it in lists and in the audit trail. A token acts as its
user, narrowed to an organization's subtree when it has one (accounts/scope.py); its scope can
never be wider than the user's roles, today or after a role is revoked.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from xaydungdang.accounts.models import ApiToken
from xaydungdang.accounts.scope import scope_for
from xaydungdang.core import audit
from xaydungdang.core.access import UNSET, VIEW, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError, PermissionDenied
from xaydungdang.core.transactions import action_transaction
from xaydungdang.organizations.models import Organization

PREFIX_LENGTH = 12
# last_used_at is written at most this often per token: not a database write per request.
TOUCH_SECONDS = 60


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@action_transaction()
def create_token(
    user, name: str, *, days: int = 90, org: Organization | None = None, acting_user=UNSET
) -> tuple[ApiToken, str]:
    """A new token of `user` and its secret (shown once, never stored). Only the user makes their
    own tokens; `org` must lie in the user's scope."""
    actor = resolve_user(acting_user)
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied("Mỗi người chỉ tạo mã truy cập API cho chính mình.", rule="scope")
    name = (name or "").strip()
    if not name:
        raise DomainError("Cần đặt tên gợi nhớ cho mã (ví dụ: tên hệ thống sẽ dùng mã).", "name")
    if len(name) > 100:
        raise DomainError("Tên gợi nhớ dài quá 100 ký tự.", "name")
    longest = int(getattr(settings, "XDD_API_TOKEN_MAX_DAYS", 365))
    if not 1 <= int(days) <= longest:
        raise DomainError(f"Thời hạn phải từ 1 đến {longest} ngày.", "days")
    scope = scope_for(user, VIEW)
    if scope.empty:
        raise PermissionDenied("Tài khoản chưa được phân quyền nên không tạo được mã truy cập API.", rule="scope")
    if org is not None and not scope.covers(org.id):
        raise DomainError("Tổ chức giới hạn phải nằm trong phạm vi quyền của anh/chị.", "org")
    raw = "xdd_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:PREFIX_LENGTH],
        key_hash=hash_key(raw),
        org=org,
        expires_at=timezone.now() + dt.timedelta(days=int(days)),
    )
    audit.record(
        AuditAction.TOKEN_CREATE,
        token,
        after={"name": name, "prefix": token.prefix, "org": org.code if org else None, "days": int(days)},
        org_id=org.id if org else None,
    )
    return token, raw


@action_transaction()
def revoke_token(token: ApiToken, *, acting_user=UNSET) -> None:
    actor = resolve_user(acting_user)
    if actor is not None and actor.pk != token.user_id and not actor.is_superuser:
        raise PermissionDenied("Chỉ người tạo mã (hoặc quản trị hệ thống) được thu hồi mã này.", rule="scope")
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(AuditAction.TOKEN_REVOKE, token, after={"prefix": token.prefix}, org_id=token.org_id)


def find(raw: str) -> ApiToken | None:
    """The live token with this secret (not revoked, not expired, its user active), else None."""
    if not raw.startswith("xdd_") or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(raw)).first()
    now = timezone.now()
    if token is None or token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= TOUCH_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def live_tokens(user):
    newest_live_first = F("revoked_at").desc(nulls_first=True)
    return ApiToken.objects.filter(user=user).select_related("org").order_by(newest_live_first, "-id")
