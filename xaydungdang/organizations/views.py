"""Views of the organizations app (more land here with the per-app house)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from xaydungdang.core import access
from xaydungdang.organizations.models import Organization


def org_or_404(user, code: str, action: str = access.VIEW) -> Organization:
    """An organization the user may see, else 404 (its existence is not revealed);
    if visible but the action is not allowed, 403."""
    org = Organization.objects.filter(code=str(code)[:40]).first()
    if org is None or not access.scope_for(user, access.VIEW).covers(org.id):
        raise Http404
    if action != access.VIEW and not access.scope_for(user, action).covers(org.id):
        raise DjangoPermissionDenied
    return org
