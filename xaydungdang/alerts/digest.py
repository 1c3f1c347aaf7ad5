"""The daily e-mail of open deadlines (`xdd digest`): each active user who opted in
(accounts.models.UserSettings) and has an e-mail address and a scope receives the deadlines of the
registry open in that scope, in Vietnamese, as plain text and HTML, through Django's mail settings
(XDD_EMAIL_*, docs/procedures.md). A user with nothing open receives nothing. Each letter sent is
audited (`deadlines.digest`)."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from xaydungdang.accounts.models import UserSettings
from xaydungdang.alerts import reminders
from xaydungdang.core import access, audit, deadlines
from xaydungdang.core.auditactions import AuditAction


def recipients():
    """Active users who opted in and have an address, in username order."""
    ids = UserSettings.objects.filter(deadline_digest=True).values("user_id")
    return get_user_model().objects.filter(id__in=ids, is_active=True).exclude(email="").order_by("username")


def _has_scope(user) -> bool:
    scope = access.scope_for(user, access.VIEW)
    return scope.is_global or bool(scope.org_ids)


def letter(user, found: list[deadlines.Deadline], on: dt.date) -> EmailMultiAlternatives:
    site = getattr(settings, "XDD_SITE_URL", "").rstrip("/")
    groups = [
        {
            "label": label,
            "rows": [
                {"d": d, "left": reminders.days_left(d, on), "link": f"{site}{d.url}" if d.url else ""} for d in items
            ],
        }
        for _code, label, items in deadlines.grouped(found, on)
        if items
    ]
    context = {
        "user": user,
        "name": user.get_full_name() or user.get_username(),
        "on": on,
        "groups": groups,
        "total": len(found),
        "overdue": sum(d.overdue(on) for d in found),
        "page": f"{site}/han-can-xu-ly/" if site else "",
    }
    subject = f"Hạn cần xử lý ngày {on:%d/%m/%Y}: {len(found)} việc"
    if context["overdue"]:
        subject += f", {context['overdue']} việc quá hạn"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("alerts/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(render_to_string("alerts/digest.html", context), "text/html")
    return message


def send_digests(on: dt.date) -> list[tuple[str, int]]:
    """Send the letters of `on`; [(username, number of deadlines)] of those sent."""
    sent = []
    for user in recipients():
        if not _has_scope(user):
            continue
        found = reminders.deadlines_for(user, None, on)
        if not found:
            continue
        letter(user, found, on).send()
        audit.record(
            AuditAction.DEADLINES_DIGEST,
            user,
            object_repr=user.get_username(),
            after={"on": on, "rows": len(found), "to": user.email},
        )
        sent.append((user.get_username(), len(found)))
    return sent
