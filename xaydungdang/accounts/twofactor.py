"""TOTP second factor (django-otp): enrolment, verification, and who must use it.

The QR code is drawn here as SVG (no external service): the secret never leaves the server
except to the user's own screen.
"""

import base64
import io

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaydungdang.accounts import scope
from xaydungdang.accounts.models import Role
from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError


def may_use(user) -> bool:
    """Offered to staff and admins (they can change records and users)."""
    return user.is_superuser or bool(scope.user_roles(user) & {Role.ADMIN, Role.STAFF})


def is_admin(user) -> bool:
    return user.is_superuser or Role.ADMIN in scope.user_roles(user)


def required_for(user) -> bool:
    return bool(getattr(settings, "XDD_REQUIRE_2FA_FOR_ADMINS", False)) and is_admin(user)


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user, created on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = io.BytesIO()
    image.save(out)
    text = out.getvalue().decode()
    return text[text.index("<svg") :]  # drop the XML declaration: the SVG is inlined in HTML


def clean_token(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())[:8]


@transaction.atomic
def confirm(user, token: str) -> TOTPDevice:
    device = pending_device(user)
    if not device.verify_token(clean_token(token)):
        raise DomainError("Mã xác thực không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trên ứng dụng.", "token")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    audit.record(AuditAction.OTP_ENROL, user, after={"username": user.username})
    return device


def verify(user, token: str):
    """The confirmed device accepting `token`, or None (throttled by django-otp after failures)."""
    token = clean_token(token)
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            return device
    audit.record(AuditAction.OTP_FAILURE, user, after={"username": user.username})
    return None


@transaction.atomic
def remove(user, actor_is_admin: bool = False) -> None:
    if required_for(user) and not actor_is_admin:
        raise DomainError("Tài khoản quản trị bắt buộc dùng xác thực hai lớp; không thể tắt.")
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        audit.record(AuditAction.OTP_REMOVE, user, after={"username": user.username})
