"""Helpers every app's views use: login, the scope gate for one record, query parameters, domain
errors beside their fields. The scope comes through core.access (implemented by accounts)."""

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from xaydungdang.core import access
from xaydungdang.core.dates import parse_date, today
from xaydungdang.core.errors import DomainError


def page(view):
    """Every page needs a logged-in user; scope decides the rest."""
    return login_required(view)


def staff_only(view):
    """Pages for those who may change data (staff, admin): import, organization structure."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.can(request.user, access.CHANGE):
            raise DjangoPermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def record_or_404(queryset, user, pk):
    """One record the user may see (`queryset.restrict`), else 404: existence is not revealed."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404
    obj = queryset.restrict(user).filter(pk=pk).first()
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
        return fallback, f'Ngày "{raw[:20]}" không hợp lệ; đang hiển thị ngày {fallback:%d/%m/%Y}.'
    if day is None or day.year < MIN_YEAR or day.year > MAX_YEAR:
        return fallback, f'Ngày "{raw[:20]}" không hợp lệ; đang hiển thị ngày {fallback:%d/%m/%Y}.'
    return day, None


MIN_YEAR, MAX_YEAR = 1930, 2200  # the party's founding year; as far ahead as day_param accepts


def int_param(
    request,
    name: str,
    default: int | None = None,
    *,
    low: int | None = None,
    high: int | None = None,
    label: str | None = None,
) -> int | None:
    """An integer from the query string. Empty gives `default`; text that is not a number, or a
    number outside [low, high], gives `default` too, with a Vietnamese warning naming the
    parameter on the page (never a 500 from a year the database cannot hold)."""
    value, warning = bounded_int(request.GET.get(name, ""), low=low, high=high, label=label or name)
    if warning:
        messages.warning(request, warning, fail_silently=True)
    return default if value is None else value


def bounded_int(raw: str, *, low: int | None = None, high: int | None = None, label: str) -> tuple[int | None, str]:
    """`raw` as an integer within [low, high]: (value, "") or (None, a Vietnamese warning naming
    `label`); empty text is (None, "")."""
    raw = (raw or "").strip()
    if not raw:
        return None, ""
    try:
        value = int(raw) if len(raw) <= 20 else None
    except ValueError:
        value = None
    if value is None or (low is not None and value < low) or (high is not None and value > high):
        shown = raw[:20] + ("…" if len(raw) > 20 else "")
        bounds = f" (cần một số từ {low} đến {high})" if low is not None and high is not None else " (cần một số)"
        return None, f"{label} “{shown}” không hợp lệ{bounds}; đã bỏ qua giá trị này."
    return value, ""


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


def void_page(
    request,
    record,
    void,
    *,
    title: str,
    intro: str,
    cancel_url: str,
    done_url: str,
    done_message: str,
    submit_label: str = "Hủy bản ghi",
    aliases: dict | None = None,
):
    """The one correction page: a reason and the record's version, then `void(record, reason,
    expected_version=..., acting_user=...)`. The caller has already checked that the record is the
    user's to see and to correct; the action checks again in its transaction (a refusal is a 403)."""
    from django.shortcuts import redirect, render

    from xaydungdang.core.errors import ConcurrentEditError
    from xaydungdang.core.errors import PermissionDenied as ScopeDenied
    from xaydungdang.core.forms import VoidForm

    form = VoidForm(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            void(
                record,
                form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
                acting_user=request.user,
            )
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
        except ScopeDenied:
            raise DjangoPermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, {"void_reason": "reason"} | (aliases or {}))
        else:
            messages.success(request, done_message)
            return redirect(done_url)
    return render(
        request,
        "web/form.html",
        {"form": form, "title": title, "intro": intro, "submit_label": submit_label, "cancel_url": cancel_url},
    )
