"""Views of the organizations app: the gate for one organization, what of the tree a user sees,
and changes to the tree: found, rename, move, merge, dissolve (CHANGE right)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from xaydungdang.core import access
from xaydungdang.core.errors import DomainError
from xaydungdang.core.views import apply_domain_error, page
from xaydungdang.organizations import actions, forms, pickers
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.tree import load_tree


def org_or_404(user, code: str, action: str = access.VIEW) -> Organization:
    """An organization the user may see, else 404 (its existence is not revealed);
    if visible but the action is not allowed, 403."""
    org = Organization.objects.filter(code=str(code)[:40]).first()
    view = access.scope_for(user, access.VIEW)
    if org is None or not (view.covers(org.id) or past_until(view, org.id) is not None):
        raise Http404
    if action != access.VIEW and not access.scope_for(user, action).covers(org.id):
        raise DjangoPermissionDenied
    return org


def visible_roots(user, day: dt.date) -> list[int]:
    """The user's top organizations that exist on `day` (at the day's tree)."""
    snapshot = load_tree().snapshot(day)
    scope = access.scope_for(user)
    if scope.is_global:
        return snapshot.roots()
    allowed = visible_org_ids(scope, day)
    return [o for o in allowed if o in snapshot and snapshot.parent.get(o) not in allowed]


def past_until(scope, org_id):
    """The day before which a history-only organization may be read (a grant on a dissolved
    organization, core/access.py), else None."""
    return scope.past_until(org_id) if getattr(scope, "past", ()) else None


def visible_org_ids(scope, day: dt.date):
    """The organizations a (non-global) VIEW scope shows at `day`: today's scope, and for a day
    before a dissolution the old subtree of a grant on the dissolved organization."""
    ids = scope.org_ids
    extra = [p.org_ids for p in getattr(scope, "past", ()) if day < p.until]
    return ids.union(*extra) if extra else ids


ALIASES = {"parent_code": "parent", "dissolved_on": "dissolved_on", "target": "target", "new_parent_code": "new_parent"}


@page
def org_pick(request):
    """The server side of the organization pickers too long to send with the page: the
    organizations the user may see whose name has every word typed (accents optional) or whose
    code is the text, Vietnamese order, at most 30 ({"results": [{"value", "name", "label"}]})."""
    text = request.GET.get("q", "")[:200]
    results = pickers.search(Organization.objects.restrict(request.user), text) if text.strip() else []
    return JsonResponse({"results": results})


def _form_page(request, form, title, org=None, intro="", submit="Ghi"):
    cancel = reverse("web:org_detail", args=[org.code]) if org else reverse("web:org_tree")
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "submit_label": submit,
            "cancel_url": cancel,
            "org": org,
            "breadcrumbs": pickers.breadcrumbs(request.user, org.id) if org else [],
            "here": title,
        },
    )


@page
def found(request):
    if not access.can(request.user, access.CHANGE):
        raise DjangoPermissionDenied
    initial = {}
    parent_code = request.GET.get("cap_tren", "")
    if parent_code:
        parent = Organization.objects.filter(code=parent_code[:40]).first()
        if parent is not None and access.scope_for(request.user, access.CHANGE).covers(parent.id):
            initial["parent"] = parent.pk
    form = forms.FoundForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org = actions.found(
                d["code"],
                d["name"],
                d["kind"],
                d["parent"],
                d["established_on"],
                decision_no=d["decision_no"],
                note=d["note"],
                unit_type=d["unit_type"],
                acting_user=request.user,
            )
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES)
        else:
            messages.success(request, f"Đã thành lập {org.name}.")
            return redirect("web:org_detail", code=org.code)
    return _form_page(request, form, "Thành lập tổ chức đảng")


@page
def update(request, code):
    org = org_or_404(request.user, code, access.CHANGE)
    form = forms.UpdateForm(
        request.POST or None,
        initial={"name": org.name, "unit_type": org.unit_type, "note": org.note, "version": org.version},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.update(
                org,
                name=d["name"],
                locality=org.locality,
                note=d["note"],
                expected_version=d["version"],
                unit_type=d["unit_type"],
                acting_user=request.user,
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, "Đã ghi thông tin tổ chức.")
            return redirect("web:org_detail", code=org.code)
    return _form_page(request, form, f"Sửa thông tin: {org.name}", org)


@page
def move(request, code):
    org = org_or_404(request.user, code, access.CHANGE)
    form = forms.MoveForm(request.user, org, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.move(
                org,
                d["new_parent"],
                d["moved_on"],
                decision_no=d["decision_no"],
                note=d["note"],
                acting_user=request.user,
            )
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES | {"moved_on": "moved_on"})
        else:
            messages.success(request, f"Đã chuyển {org.name} trực thuộc {d['new_parent'].name}.")
            return redirect("web:org_detail", code=org.code)
    return _form_page(
        request,
        form,
        f"Chuyển trực thuộc: {org.name}",
        org,
        "Từ ngày chuyển, báo cáo tính tổ chức này (và cấp dưới) vào cấp trên mới; "
        "báo cáo cho các ngày trước vẫn theo cây cũ.",
    )


@page
def merge(request, code):
    org = org_or_404(request.user, code, access.CHANGE)
    form = forms.MergeForm(request.user, org, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.merge(org, d["target"], d["on"], decision_no=d["decision_no"], acting_user=request.user)
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES | {"dissolved_on": "on", "moved_on": "on"})
        else:
            messages.success(request, f"Đã hợp nhất {org.name} vào {d['target'].name}.")
            return redirect("web:org_detail", code=d["target"].code)
    return _form_page(
        request,
        form,
        f"Hợp nhất: {org.name}",
        org,
        "Chi bộ: chuyển sinh hoạt toàn bộ đảng viên sang chi bộ tiếp nhận; đảng bộ: chuyển các tổ chức "
        "trực thuộc sang đảng bộ tiếp nhận. Sau đó tổ chức này giải thể cùng ngày.",
    )


@page
def dissolve(request, code):
    org = org_or_404(request.user, code, access.CHANGE)
    form = forms.DissolveForm(request.POST or None, user=request.user, org=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.dissolve(
                org,
                d["dissolved_on"],
                decision_no=d["decision_no"],
                successor=d.get("successor"),
                acting_user=request.user,
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, f"Đã ghi giải thể {org.name}.")
            return redirect("web:org_detail", code=org.code)
    return _form_page(
        request,
        form,
        f"Giải thể: {org.name}",
        org,
        "Chi bộ còn đảng viên phải chuyển sinh hoạt trước (hoặc dùng chức năng hợp nhất).",
        "Ghi giải thể",
    )
