"""Template context for every page: site name and what the navigation may offer the user."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject


def _nav(request):
    from xaydungdang.accounts import scope

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = scope.user_roles(user)
    actions = set()
    for role in roles:
        actions |= scope.ROLE_ACTIONS.get(role, set())
    try:
        admin_url = reverse("accounts:index")
    except NoReverseMatch:
        admin_url = None
    return {
        "can_record": scope.RECORD in actions,
        "can_change": scope.CHANGE in actions,
        "is_admin": scope.ADMIN in actions,
        "admin_url": admin_url if (scope.CHANGE in actions or scope.ADMIN in actions) else None,
    }


def site(request):
    return {
        "site_name": "Xây dựng Đảng",
        "production": settings.PRODUCTION,
        "nav": SimpleLazyObject(lambda: _nav(request)),
    }
