"""Views of the members app (more land here with the per-app house)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from xaydungdang.core import access
from xaydungdang.core.errors import DomainError
from xaydungdang.members.models import Member


def member_or_404(user, pk, action: str = access.VIEW) -> Member:
    """A member the user may see, else 404; if visible but `action` is not allowed, 403."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404
    member = Member.objects.select_related("current_cell").restrict(user).filter(pk=pk).first()
    if member is None:
        raise Http404
    if action != access.VIEW:
        try:
            access.require_member(user, member, action)
        except DomainError:
            raise DjangoPermissionDenied
    return member
