"""One's own settings (accounts.models.UserSettings): the daily e-mail of open deadlines."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from xaydungdang.accounts.models import UserSettings
from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.core.transactions import action_transaction


def wants_digest(user) -> bool:
    return UserSettings.objects.filter(user=user, deadline_digest=True).exists()


@action_transaction()
def do_set_digest(user, enabled: bool, email: str, *, acting_user=None) -> UserSettings:
    """Opt in or out of the digest; the address is the account's e-mail (required to opt in)."""
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError([Problem(f"Địa chỉ thư điện tử «{email[:100]}» không hợp lệ.", "email")])
    if enabled and not email:
        raise DomainError([Problem("Cần nhập địa chỉ thư điện tử để nhận thư nhắc.", "email")])
    row, _created = UserSettings.objects.get_or_create(user=user)
    before = {"deadline_digest": row.deadline_digest, "email": user.email}
    row.deadline_digest = bool(enabled)
    row.save()
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    after = {"deadline_digest": row.deadline_digest, "email": user.email}
    old, new = audit.diff(before, after)
    audit.record(AuditAction.USER_DIGEST, user, before=old, after=new, object_repr=user.get_username())
    return row
