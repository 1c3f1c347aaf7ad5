"""Recording member events: admission, transfer in of a new member, every other event type,
and voiding (correction with a reason). All writes go through members.actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from xaydungdang.accounts import scope
from xaydungdang.accounts.authority import require_for_record
from xaydungdang.core.errors import ConcurrentEditError, DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.members import actions
from xaydungdang.members.models import EventType, MemberEvent
from xaydungdang.members.situation import preview_void_event
from xaydungdang.organizations.models import Organization
from xaydungdang.web.forms.members import ALIASES, EVENT_FORMS, SLUG_TO_TYPE, AdmitForm, TransferInNewForm, VoidForm
from xaydungdang.core.views import apply_domain_error, page, record_or_404
from xaydungdang.members.views import member_or_404


def _require_recorder(user):
    if not scope.can(user, scope.RECORD):
        raise DjangoPermissionDenied


def _initial_cell(request) -> dict:
    code = request.GET.get("chi_bo", "")[:40]
    cell = Organization.objects.filter(code=code).first() if code else None
    if cell and scope.scope_for(request.user, scope.RECORD).covers(cell.id):
        return {"org": cell.pk}
    return {}


def _enter(request, form_class, entry, title, intro):
    _require_recorder(request.user)
    form = form_class(request.user, request.POST or None, initial=_initial_cell(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            member = actions.enter_member(form.personal_data(), entry=entry, cell=d["org"], on=d["on"],
                                          decision_no=d.get("decision_no", ""), decided_on=d.get("decided_on"),
                                          note=d.get("note", ""), acting_user=request.user)
        except ScopeDenied:
            raise DjangoPermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES)
        else:
            messages.success(request, f"Đã ghi {title.lower()}: {member.full_name}.")
            return redirect("web:member_detail", pk=member.pk)
    return render(request, "web/form.html", {"form": form, "title": title, "intro": intro,
                                             "cancel_url": reverse("web:member_list")})


@page
def admit(request):
    return _enter(request, AdmitForm, EventType.ADMITTED, "Kết nạp đảng viên",
                  "Người được kết nạp trở thành đảng viên dự bị của chi bộ từ ngày kết nạp; "
                  "ngày vào Đảng là ngày kết nạp.")


@page
def transfer_in_new(request):
    return _enter(request, TransferInNewForm, EventType.TRANSFERRED_IN, "Tiếp nhận đảng viên chuyển đến",
                  "Đảng viên từ nơi khác (ngoài hệ thống) chuyển sinh hoạt đảng chính thức đến chi bộ.")


@page
def record_event(request, pk, slug):
    event_type = SLUG_TO_TYPE.get(slug)
    if event_type is None:
        raise Http404
    member = member_or_404(request.user, pk, scope.RECORD)
    _slug, form_class, title = EVENT_FORMS[event_type]
    form = form_class(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_event(member, event_type, form.cleaned_data["on"], **form.event_kwargs(),
                                 acting_user=request.user)
        except ScopeDenied:
            raise DjangoPermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES)
        else:
            messages.success(request, f"Đã ghi \"{title}\" cho {member.full_name}.")
            return redirect("web:member_detail", pk=member.pk)
    return render(request, "web/form.html", {
        "form": form, "title": f"{title}: {member.full_name}",
        "intro": f"Số lý lịch {member.member_no}; hiện {member.get_state_display().lower()}"
                 f"{' tại ' + member.current_cell.name if member.current_cell else ''}.",
        "cancel_url": reverse("web:member_detail", args=[member.pk])})


@page
def void_event(request, pk):
    event = record_or_404(MemberEvent.objects.select_related("member"), request.user, pk)
    member = member_or_404(request.user, event.member_id, scope.RECORD)
    try:  # authority follows the decision: the cells the event concerns must be the user's to record
        require_for_record(request.user, event)
    except ScopeDenied:
        raise DjangoPermissionDenied
    consequence = ""
    if not event.is_voided:
        now, then, problems = preview_void_event(event)
        if now != then:
            consequence = f" Hủy biến động này làm thay đổi tình trạng của đảng viên: từ “{now}” thành “{then}”."
        if problems:
            consequence += " Không thể hủy vì các biến động sau đó sẽ không còn hợp lệ: " + "; ".join(problems)
    form = VoidForm(request.POST or None, initial={"version": event.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.void_event(event, form.cleaned_data["reason"], expected_version=form.cleaned_data.get("version"),
                               acting_user=request.user)
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
        except ScopeDenied:
            raise DjangoPermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES)
        else:
            messages.success(request, "Đã hủy biến động; bản ghi vẫn được giữ trong hồ sơ.")
            return redirect("web:member_detail", pk=member.pk)
    return render(request, "web/form.html", {
        "form": form, "title": f"Hủy biến động: {event.get_type_display()} ngày {event.on:%d/%m/%Y}",
        "intro": f"Đảng viên {member.full_name} ({member.member_no}).{consequence}", "submit_label": "Hủy biến động",
        "cancel_url": reverse("web:member_detail", args=[member.pk])})
