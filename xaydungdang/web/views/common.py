"""Helpers every view uses: the scope gate for one object, day parameters, domain errors on forms."""

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from xaydungdang.accounts import scope
from xaydungdang.core.dates import parse_date, today
from xaydungdang.core.errors import DomainError
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization


def page(view):
    """Every page needs a logged-in user; scope decides the rest."""
    return login_required(view)


def staff_only(view):
    """Pages for those who may change data (staff, admin): import, organization structure."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not scope.can(request.user, scope.CHANGE):
            raise DjangoPermissionDenied
        return view(request, *args, **kwargs)
    return login_required(wrapped)


def org_or_404(user, code: str, action: str = scope.VIEW) -> Organization:
    """An organization the user may see, else 404 (its existence is not revealed);
    if visible but the action is not allowed, 403."""
    org = Organization.objects.filter(code=code).first()
    if org is None or not scope.scope_for(user, scope.VIEW).covers(org.id):
        raise Http404
    if action != scope.VIEW and not scope.scope_for(user, action).covers(org.id):
        raise DjangoPermissionDenied
    return org


def member_or_404(user, pk, action: str = scope.VIEW) -> Member:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404
    member = scope.restrict(Member.objects.select_related("current_cell"), user).filter(pk=pk).first()
    if member is None:
        raise Http404
    if action != scope.VIEW:
        try:
            scope.require_member(user, member, action)
        except DomainError:
            raise DjangoPermissionDenied
    return member


def record_or_404(queryset, user, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404
    obj = scope.restrict(queryset, user).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def day_param(request, name: str = "ngay", default: dt.date | None = None) -> tuple[dt.date, str | None]:
    """A date from the query string (DD/MM/YYYY or ISO); a bad one falls back with a message."""
    raw = request.GET.get(name, "").strip()
    fallback = default or today()
    if not raw:
        return fallback, None
    try:
        day = parse_date(raw[:20])
    except ValueError:
        return fallback, f"Ngày \"{raw[:20]}\" không hợp lệ; đang hiển thị ngày {fallback:%d/%m/%Y}."
    if day is None or day.year < 1930 or day.year > 2200:
        return fallback, f"Ngày \"{raw[:20]}\" không hợp lệ; đang hiển thị ngày {fallback:%d/%m/%Y}."
    return day, None


MIN_YEAR, MAX_YEAR = 1930, 2200  # the party's founding year; as far ahead as day_param accepts


def int_param(request, name: str, default: int | None = None, *, low: int | None = None, high: int | None = None,
              label: str | None = None) -> int | None:
    """An integer from the query string. Empty gives `default`; text that is not a number, or a
    number outside [low, high], gives `default` too, with a Vietnamese warning naming the
    parameter on the page (never a 500 from a year the database cannot hold)."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if len(raw) <= 20 else None
    except ValueError:
        value = None
    if value is None or (low is not None and value < low) or (high is not None and value > high):
        shown = raw[:20] + ("…" if len(raw) > 20 else "")
        bounds = f" (cần một số từ {low} đến {high})" if low is not None and high is not None else " (cần một số)"
        messages.warning(request, f"{label or name} “{shown}” không hợp lệ{bounds}; đã bỏ qua giá trị này.",
                         fail_silently=True)
        return default
    return value


def apply_domain_error(form, error: DomainError, aliases: dict | None = None) -> None:
    """Show each problem beside the field it names; problems naming no form field go on top."""
    aliases = aliases or {}
    for problem in error.problems:
        name = problem.field
        name = aliases.get(name, name)
        if name and name not in form.fields and name.endswith("_id") and name[:-3] in form.fields:
            name = name[:-3]
        if name and name in form.fields:
            form.add_error(name, problem.message)
        else:
            form.add_error(None, problem.message)
