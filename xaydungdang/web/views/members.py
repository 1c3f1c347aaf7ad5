"""Member list (search, filters, export), member page, personal-data edit."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from xaydungdang.accounts import scope
from xaydungdang.accounts.authority import may_correct
from xaydungdang.core import audit
from xaydungdang.core.errors import ConcurrentEditError, DomainError
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import actions
from xaydungdang.members.models import Member, MemberEvent
from xaydungdang.web.export import members_xlsx
from xaydungdang.web.filters import MemberFilter
from xaydungdang.web.forms.members import ALIASES, EVENT_FORMS, EditForm
from xaydungdang.web.tables import MemberTable
from xaydungdang.core.views import apply_domain_error, page
from xaydungdang.members.views import member_or_404

PER_PAGE = 50
DOSSIER_READS = ("member.view", "member.events")  # audited reads: in the audit trail, not in the dossier's history


def _filtered(request):
    base = scope.restrict(Member.objects.select_related("current_cell"), request.user)
    return MemberFilter(request.GET, queryset=base)


@page
def member_list(request):
    filterset = _filtered(request)
    qs = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    table = MemberTable(qs)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, "web/members/list.html", {
        "title": "Đảng viên", "filter": filterset, "table": table,
        "can_record": scope.can(request.user, scope.RECORD), "export_query": request.GET.urlencode()})


@page
def member_export(request):
    filterset = _filtered(request)
    qs = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    content, count = members_xlsx(qs.order_by("sort_key", "id"))
    filters = {k: v[:100] for k, v in request.GET.items() if v}
    audit.record("member.export", None, model="members.member", after={"filters": filters, "rows": count},
                 object_repr=f"Xuất danh sách {count} đảng viên")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="dang-vien-{dt.date.today():%Y%m%d}.xlsx"'
    return response


def _records_of(member, user):
    from xaydungdang.activities.models import Award
    from xaydungdang.inspections.models import Discipline, Inspection
    from xaydungdang.reviews.models import Rating, Screening

    return {
        "ratings": Rating.objects.filter(subject_member=member).order_by("-year"),
        "screenings": Screening.objects.filter(member=member).order_by("-listed_on"),
        "disciplines": Discipline.objects.filter(subject_member=member).select_related("decided_by").order_by("-decided_on"),
        "inspections": Inspection.objects.filter(subject_member=member).select_related("org").order_by("-started_on"),
        "awards": Award.objects.filter(subject_member=member).select_related("granted_by").order_by("-granted_on"),
    }


def _detail_context(request, member, show_id=False):
    events = (MemberEvent.objects.filter(member=member).select_related("org", "voided_by", "created_by",
                                                                        "from_cell", "to_cell")
              .order_by("on", "id"))
    history = scope.restrict(AuditEntry.objects.filter(member_id=member.id), request.user) \
        .exclude(action__in=DOSSIER_READS).order_by("-at", "-id")[:50]
    can_record = scope.scope_for(request.user, scope.RECORD).covers(member.current_cell_id) if member.current_cell_id \
        else scope.scope_for(request.user, scope.RECORD).is_global
    can_change = scope.scope_for(request.user, scope.CHANGE).covers(member.current_cell_id) if member.current_cell_id \
        else scope.scope_for(request.user, scope.CHANGE).is_global
    event_links = [(slug, title) for _t, (slug, _f, title) in EVENT_FORMS.items()]
    events = list(events)
    record_scope = scope.scope_for(request.user, scope.RECORD) if can_record else None
    voidable_ids = {e.pk for e in events if can_record and may_correct(request.user, e, record_scope)}
    return {"title": member.full_name, "member": member, "events": events, "history": history,
            "voidable_ids": voidable_ids,
            "can_record": can_record, "can_change": can_change, "event_links": event_links,
            "national_id": member.national_id if show_id else member.masked_national_id, "show_id": show_id,
            **_records_of(member, request.user)}


@page
def member_detail(request, pk):
    member = member_or_404(request.user, pk)
    audit.record("member.view", member, org_id=member.current_cell_id, member_id=member.id)  # who read the dossier
    return render(request, "web/members/detail.html", _detail_context(request, member))


@page
@require_POST
def member_show_id(request, pk):
    """Staff may see the full national ID; each look is written to the audit trail."""
    member = member_or_404(request.user, pk)
    allowed = scope.scope_for(request.user, scope.CHANGE)
    if not (allowed.is_global or (member.current_cell_id and allowed.covers(member.current_cell_id))):
        raise DjangoPermissionDenied
    audit.record("member.show_national_id", member, org_id=member.current_cell_id, member_id=member.id)
    return render(request, "web/members/detail.html", _detail_context(request, member, show_id=True))


def _initial(member) -> dict:
    fields = EditForm.PERSONAL + ["joined_on", "official_on", "card_no"]
    return {f: getattr(member, f) for f in fields if f != "national_id"} | {"version": member.version}


@page
def member_edit(request, pk):
    member = member_or_404(request.user, pk, scope.CHANGE)
    form = EditForm(request.POST or None, initial=_initial(member), masked_id=member.masked_national_id)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_member(member, form.personal_data(), expected_version=form.cleaned_data["version"],
                                  acting_user=request.user)
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES)
        else:
            messages.success(request, "Đã ghi hồ sơ đảng viên.")
            return redirect("web:member_detail", pk=member.pk)
    return render(request, "web/form.html", {"form": form, "title": f"Sửa hồ sơ: {member.full_name}",
                                             "intro": "Thay đổi được ghi vào nhật ký (ai sửa, sửa gì, lúc nào).",
                                             "cancel_url": member_url(member)})


def member_url(member) -> str:
    from django.urls import reverse

    return reverse("web:member_detail", args=[member.pk])
