"""Activity records (classes, inspections, disciplines, ratings, screenings, targets,
dialogues, documents, awards, cadre work): list, record, void — generic over activities.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from xaydungdang.accounts import scope
from xaydungdang.accounts.authority import may_correct, require_for_record
from xaydungdang.core.errors import ConcurrentEditError, DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.inspections import actions as inspection_actions
from xaydungdang.organizations.tree import load_tree
from xaydungdang.web.activities import ACTIVITIES, BY_SLUG
from xaydungdang.members.forms import VoidForm
from xaydungdang.core.views import apply_domain_error, int_param, page, record_or_404


def _spec(slug):
    spec = BY_SLUG.get(slug)
    if spec is None:
        raise Http404
    return spec


@page
def index(request):
    code = request.GET.get("to_chuc", "")[:40]
    return render(request, "web/activities/index.html", {
        "title": "Hoạt động", "activities": ACTIVITIES, "org_code": code,
        "can_record": scope.can(request.user, scope.RECORD)})


@page
def activity_list(request, slug):
    spec = _spec(slug)
    qs = scope.restrict(spec.model.objects.select_related(*spec.related), request.user)
    code = request.GET.get("to_chuc", "")[:40]
    warning = None
    if code:
        org_id = load_tree().by_code.get(code)
        if org_id is None or not scope.scope_for(request.user).covers(org_id):
            warning = f"Không có tổ chức mang mã “{code}” trong phạm vi được phân quyền."
            qs = qs.none()
        else:
            qs = scope.within(qs, org_id)
    year = int_param(request, "nam", low=1930, high=2200, label="Năm")  # bounds: common.MIN_YEAR, MAX_YEAR
    if year:
        qs = qs.filter(year=year) if spec.date_field == "year" else qs.filter(**{f"{spec.date_field}__year": year})
    qs = qs.order_by(f"-{spec.date_field}", "-id")
    paginator = Paginator(qs, 50)
    page_obj = paginator.get_page(request.GET.get("page"))
    record_scope = scope.scope_for(request.user, scope.RECORD)
    rows = [{"obj": r, "cells": [fn(r) for _h, fn in spec.columns],
             "can_void": may_correct(request.user, r, record_scope)} for r in page_obj.object_list]
    return render(request, "web/activities/list.html", {
        "title": spec.title, "spec": spec, "rows": rows, "page_obj": page_obj, "headers": [h for h, _f in spec.columns],
        "org_code": code, "year": year or "", "warning": warning,
        "can_record": scope.can(request.user, scope.RECORD)})


@page
def activity_new(request, slug):
    spec = _spec(slug)
    if not scope.can(request.user, scope.RECORD):
        raise DjangoPermissionDenied
    form = spec.form(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if not form.errors:
            try:
                spec.record(values, acting_user=request.user)
            except DomainError as exc:
                apply_domain_error(form, exc, form.error_aliases())
            else:
                messages.success(request, f"Đã ghi vào “{spec.title}”.")
                return redirect("web:activity_list", slug=spec.slug)
    return render(request, "web/form.html", {"form": form, "title": spec.new_title,
                                             "cancel_url": reverse("web:activity_list", args=[spec.slug])})


@page
def activity_void(request, slug, pk):
    spec = _spec(slug)
    record = record_or_404(spec.model.objects.select_related(*spec.related), request.user, pk)
    try:  # authority follows the decision: only who may make this record may correct it
        require_for_record(request.user, record)
    except ScopeDenied:
        raise DjangoPermissionDenied
    intro_extra = ""
    if inspection_actions.changes_member(record) and record.voided_at is None:
        now, then, problems = inspection_actions.preview_void(record)
        intro_extra = f" Hủy quyết định này làm thay đổi tình trạng của đảng viên: từ “{now}” thành “{then}”."
        if problems:
            intro_extra += " Không thể hủy: " + "; ".join(problems)
    form = VoidForm(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            spec.void(record, form.cleaned_data["reason"], expected_version=form.cleaned_data.get("version"),
                      acting_user=request.user)
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
        except ScopeDenied:
            raise DjangoPermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, {"void_reason": "reason"})
        else:
            messages.success(request, "Đã hủy bản ghi; bản ghi vẫn được giữ lại, có lý do và người hủy.")
            return redirect("web:activity_list", slug=spec.slug)
    summary = " · ".join(str(fn(record)) for _h, fn in spec.columns[:4])
    return render(request, "web/form.html", {"form": form, "title": f"Hủy bản ghi: {spec.title.lower()}",
                                             "intro": summary + "." + intro_extra, "submit_label": "Hủy bản ghi",
                                             "cancel_url": reverse("web:activity_list", args=[spec.slug])})
