"""The member screens: the list (search, filters, export), the dossier, the personal-data edit,
the national ID shown in full (audited), and recording: admission, transfer in of a new member,
every other event type, voiding (correction with a reason). All writes go through members.actions;
the scope comes through core.access."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from xaydungdang.core import access, audit
from xaydungdang.core.dates import today
from xaydungdang.core.errors import ConcurrentEditError, DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.core.models import AuditEntry
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.tables import PER_PAGE
from xaydungdang.core.views import apply_domain_error, page, record_or_404, void_page
from xaydungdang.members import actions, attributes, hooks, projection
from xaydungdang.members.export import members_xlsx
from xaydungdang.members.filtersets import MemberFilter
from xaydungdang.members.forms import (
    ALIASES,
    EVENT_FORMS,
    SLUG_TO_TYPE,
    AdmitForm,
    ChangeForm,
    EditForm,
    TransferInNewForm,
)
from xaydungdang.members.models import ChangeField, EventType, Member, MemberChange, MemberEvent
from xaydungdang.members.situation import preview_void_event
from xaydungdang.members.tables import MemberTable
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.tree import load_tree

DOSSIER_READS = ("member.view", "member.events")  # audited reads: in the audit trail, not in the dossier's history


def member_or_404(user, pk, action: str = access.VIEW, *, history: bool = False) -> Member:
    """A member the user may see, else 404; if visible but `action` is not allowed, 403."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404
    member = Member.objects.select_related("current_cell").restrict(user).filter(pk=pk).first()
    if member is None and history and action == access.VIEW:
        # A member who was in the old subtree of a grant on a dissolved organization: the dossier
        # up to the day they left it, read-only (core/access.py member_history_until).
        found = Member.objects.select_related("current_cell").filter(pk=pk).first()
        if found is not None and access.member_history_until(user, found) is not None:
            member = found
    if member is None:
        raise Http404
    if action != access.VIEW:
        try:
            access.require_member(user, member, action)
        except DomainError:
            raise DjangoPermissionDenied
    return member


def may(user, member, action: str) -> bool:
    """May the user `action` on this member? The rule of member_or_404, for the links of a page."""
    try:
        access.require_member(user, member, action)
    except DomainError:
        return False
    return True


# --- The list and its export


def _filtered(request):
    return MemberFilter(
        request.GET, queryset=Member.objects.select_related("current_cell").restrict(request.user), request=request
    )


@page
def member_list(request):
    filterset = _filtered(request)
    qs = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    table = MemberTable(qs)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(
        request,
        "members/list.html",
        {
            "title": "Đảng viên",
            "filter": filterset,
            "table": table,
            "can_record": access.can(request.user, access.RECORD),
            "export_query": request.GET.urlencode(),
        },
    )


PICK_LIMIT = 30


@page
def member_pick(request):
    """The server side of the member boxes (web/js/picker.js): members the user may see (may record
    with `quyen=ghi`) whose member number is the text, or whose name has every word typed (accents
    optional), in Vietnamese name order, at most 30: {"results": [{"value": number, "name", "label"}]}
    where the label adds the number and the cell ("Nguyễn Văn An — M001 · Chi bộ ấp Một")."""
    text = request.GET.get("q", "")[:200].strip()
    if not text:
        return JsonResponse({"results": []})
    action = access.RECORD if request.GET.get("quyen") == "ghi" else access.VIEW
    visible = Member.objects.restrict(request.user, action).select_related("current_cell")
    found = list(visible.filter(member_no=text[:32])[:1]) or list(
        visible.search(text).order_by("sort_key", "id")[:PICK_LIMIT]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "value": m.member_no,
                    "name": m.full_name,
                    "label": f"{m.full_name} — {m.member_no}"
                    + (f" · {m.current_cell.name}" if m.current_cell else f" · {m.get_state_display().lower()}"),
                }
                for m in found
            ]
        }
    )


def _scope_unit(user) -> str:
    """The units a whole-scope export covers: the organizations of the user's roles."""
    homes = access.home_org_ids(user)
    if not homes:
        return "toàn bộ các tổ chức đảng"
    tree = load_tree()
    return "; ".join(tree.orgs[o].name for o in homes)


@page
def member_export(request):
    filterset = _filtered(request)
    qs = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    content, count = members_xlsx(
        qs.order_by("sort_key", "id"), unit=filterset.unit() or _scope_unit(request.user), filters=filterset.describe()
    )
    filters = {k: v[:100] for k, v in request.GET.items() if v}
    audit.record(
        "member.export",
        None,
        model="members.member",
        after={"filters": filters, "rows": count},
        object_repr=f"Xuất danh sách {count} đảng viên",
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="dang-vien-{dt.date.today():%Y%m%d}.xlsx"'
    return response


# --- The dossier


def member_crumbs(user, member, page: str = "") -> dict:
    """Breadcrumbs of a member's pages: the organizations down to the member's cell, the member
    (a link when a page of the dossier follows), the page."""
    crumbs = pickers.breadcrumbs(user, member.current_cell_id)
    if not page:
        return {"breadcrumbs": crumbs, "here": member.full_name}
    crumbs = crumbs + [{"name": member.full_name, "url": reverse("web:member_detail", args=[member.pk])}]
    return {"breadcrumbs": crumbs, "here": page}


def _detail_context(request, member, show_id=False):
    user = request.user
    events = list(
        MemberEvent.objects.filter(member=member)
        .select_related("org", "voided_by", "created_by", "from_cell", "to_cell", "other_org")
        .order_by("on", "id")
    )
    history = (
        AuditEntry.objects.filter(member_id=member.id)
        .restrict(user)
        .exclude(action__in=DOSSIER_READS)
        .order_by("-at", "-id")[:50]
    )
    can_record = may(user, member, access.RECORD)
    record_scope = access.scope_for(user, access.RECORD) if can_record else None
    voidable_ids = {e.pk for e in events if can_record and access.may_correct(user, e, scope=record_scope)}
    can_change = may(user, member, access.CHANGE)
    until = access.member_history_until(user, member)
    if until is not None:
        return _past_context(user, member, events, until)
    return {
        **_changes_context(member),
        **member_crumbs(user, member),
        "title": member.full_name,
        "member": member,
        "events": events,
        "history": history,
        "voidable_ids": voidable_ids,
        "can_record": can_record,
        "can_change": can_change,
        "event_links": _event_links(member) if can_record else [],
        "national_id": member.national_id if show_id else member.masked_national_id,
        "show_id": show_id,
        **hooks.dossier_records(member),
    }


def _past_context(user, member, events, until) -> dict:
    """The dossier read through a grant on a dissolved organization (docs/security.md §4): the
    member's identity and the events before `until` (the day the member left its old subtree, at
    the latest the dissolution); not the cell now, the changes, the records or the trail after it."""
    return {
        "changes": [],
        "current_values": [],
        "education_level": None,
        "youth_union_now": None,
        "breadcrumbs": [],
        "here": member.full_name,
        "title": member.full_name,
        "member": member,
        "events": [e for e in events if e.on < until],
        "history": [],
        "voidable_ids": set(),
        "can_record": False,
        "can_change": False,
        "event_links": [],
        "national_id": member.masked_national_id,
        "show_id": False,
        "history_until": until,
    }


def _event_links(member) -> list[dict]:
    """The events the member's state allows today, by the lifecycle's rules (projection.allowed_events):
    nothing for a member who died, only restoration or re-admission after a removal, only a return
    after a transfer out. An event refused only for its date (recognition before the 12 months of
    probation) is shown disabled with the rule's message."""
    refused = projection.allowed_events(member, list(EVENT_FORMS))
    links = []
    for event_type, (slug, _form, title) in EVENT_FORMS.items():
        problems = refused[event_type]
        if not problems:
            links.append({"slug": slug, "title": title, "why": ""})
        elif all(p.field == "on" for p in problems):
            links.append({"slug": slug, "title": title, "why": problems[0].message})
    return links


def _changes_context(member) -> dict:
    """The dated changes of the member's information, and the values in force today of the
    fields they changed (members.attributes.attribute_at)."""
    changes = list(MemberChange.objects.filter(member=member).select_related("voided_by").order_by("on", "id"))
    rows = [(c, ChangeField(c.field).label, attributes.value_label(c.field, c.value)) for c in changes]
    changed = [f for f in ChangeField.values if any(c.field == f and not c.is_voided for c in changes)]
    now = attributes.attributes_at([member.pk], changed, today()).get(member.pk, {}) if changed else {}
    current = [(ChangeField(f).label, attributes.value_label(f, attributes.change_value(f, v))) for f, v in now.items()]
    return {
        "changes": rows,
        "current_values": current,
        "education_level": attributes.EDUCATION_LABELS.get(attributes.education_level(member.general_education) or ""),
        "youth_union_now": attributes.is_youth_union_member(member, today()),
    }


@page
def member_detail(request, pk):
    member = member_or_404(request.user, pk, history=True)
    audit.record("member.view", member, org_id=member.current_cell_id, member_id=member.id)  # who read the dossier
    return render(request, "members/detail.html", _detail_context(request, member))


@page
@require_POST
def member_show_id(request, pk):
    """Staff may see the full national ID; each look is written to the audit trail."""
    member = member_or_404(request.user, pk, access.CHANGE)
    audit.record("member.show_national_id", member, org_id=member.current_cell_id, member_id=member.id)
    return render(request, "members/detail.html", _detail_context(request, member, show_id=True))


def _initial(member) -> dict:
    fields = EditForm.PERSONAL + ["joined_on", "official_on", "card_no", "new_member_course_on"]
    return {f: getattr(member, f) for f in fields if f != "national_id"} | {"version": member.version}


@page
def member_edit(request, pk):
    member = member_or_404(request.user, pk, access.CHANGE)
    form = EditForm(request.POST or None, initial=_initial(member), masked_id=member.masked_national_id)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_member(
                member, form.personal_data(), expected_version=form.cleaned_data["version"], acting_user=request.user
            )
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES)
        else:
            messages.success(request, "Đã ghi hồ sơ đảng viên.")
            return redirect("web:member_detail", pk=member.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": f"Sửa hồ sơ: {member.full_name}",
            **member_crumbs(request.user, member, "Sửa hồ sơ"),
            "intro": "Thay đổi được ghi vào nhật ký (ai sửa, sửa gì, lúc nào).",
            "cancel_url": reverse("web:member_detail", args=[member.pk]),
        },
    )


# --- Recording events


def _initial_cell(request) -> dict:
    code = request.GET.get("chi_bo", "")[:40]
    cell = Organization.objects.filter(code=code).first() if code else None
    if cell and access.scope_for(request.user, access.RECORD).covers(cell.id):
        return {"org": cell.pk}
    return {}


def _enter(request, form_class, entry, title, intro):
    if not access.can(request.user, access.RECORD):
        raise DjangoPermissionDenied
    form = form_class(request.user, request.POST or None, initial=_initial_cell(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            member = actions.enter_member(
                form.personal_data(),
                entry=entry,
                cell=d["org"],
                on=d["on"],
                decision_no=d.get("decision_no", ""),
                decided_on=d.get("decided_on"),
                note=d.get("note", ""),
                acting_user=request.user,
            )
        except ScopeDenied:
            raise DjangoPermissionDenied
        except DomainError as exc:
            # An admission's date is the member's ngày vào Đảng: its problems go under "Ngày kết nạp".
            apply_domain_error(form, exc, ALIASES | ({"joined_on": "on"} if entry == EventType.ADMITTED else {}))
        else:
            messages.success(request, f"Đã ghi {title.lower()}: {member.full_name}.")
            return redirect("web:member_detail", pk=member.pk)
    return render(
        request,
        "web/form.html",
        {"form": form, "title": title, "intro": intro, "cancel_url": reverse("web:member_list")},
    )


@page
def admit(request):
    return _enter(
        request,
        AdmitForm,
        EventType.ADMITTED,
        "Kết nạp đảng viên",
        "Người được kết nạp trở thành đảng viên dự bị của chi bộ từ ngày kết nạp; ngày vào Đảng là ngày kết nạp.",
    )


@page
def transfer_in_new(request):
    return _enter(
        request,
        TransferInNewForm,
        EventType.TRANSFERRED_IN,
        "Tiếp nhận đảng viên chuyển đến",
        "Đảng viên từ nơi khác (ngoài hệ thống) chuyển sinh hoạt đảng chính thức đến chi bộ.",
    )


@page
def record_event(request, pk, slug):
    event_type = SLUG_TO_TYPE.get(slug)
    if event_type is None:
        raise Http404
    member = member_or_404(request.user, pk, access.RECORD)
    _slug, form_class, title = EVENT_FORMS[event_type]
    initial = None
    if event_type == EventType.RECOGNIZED_OFFICIAL:
        # Official from the end of the twelve months even when decided later (members/deadlines.py).
        from xaydungdang.members.deadlines import probation_end_of

        initial = {"on": probation_end_of(member)}
    form = form_class(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_event(
                member, event_type, form.cleaned_data["on"], **form.event_kwargs(), acting_user=request.user
            )
        except ScopeDenied:
            raise DjangoPermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES)
        else:
            messages.success(request, f'Đã ghi "{title}" cho {member.full_name}.')
            return redirect("web:member_detail", pk=member.pk)
    if request.method == "GET":
        # Opened from a stale page or a bookmark: say now what the rules would refuse today.
        refused = projection.allowed_events(member, [event_type])[event_type]
        if refused:
            messages.warning(request, f"Lưu ý: {refused[0].message}")
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": f"{title}: {member.full_name}",
            **member_crumbs(request.user, member, title),
            "intro": f"Số lý lịch {member.member_no}; hiện {member.get_state_display().lower()}"
            f"{' tại ' + member.current_cell.name if member.current_cell else ''}.",
            "cancel_url": reverse("web:member_detail", args=[member.pk]),
        },
    )


@page
def void_event(request, pk):
    event = record_or_404(MemberEvent.objects.select_related("member"), request.user, pk)
    member = member_or_404(request.user, event.member_id, access.RECORD)
    try:  # authority follows the decision: the cells the event concerns must be the user's to record
        access.require_for_record(request.user, event)
    except ScopeDenied:
        raise DjangoPermissionDenied
    consequence = ""
    if not event.is_voided:
        now, then, problems = preview_void_event(event)
        if now != then:
            consequence = f" Hủy biến động này làm thay đổi tình trạng của đảng viên: từ “{now}” thành “{then}”."
        if problems:
            consequence += " Không thể hủy vì các biến động sau đó sẽ không còn hợp lệ: " + "; ".join(problems)
    return void_page(
        request,
        event,
        actions.void_event,
        title=f"Hủy biến động: {event.get_type_display()} ngày {event.on:%d/%m/%Y}",
        intro=f"Đảng viên {member.full_name} ({member.member_no}).{consequence}",
        submit_label="Hủy biến động",
        cancel_url=reverse("web:member_detail", args=[member.pk]),
        done_url=reverse("web:member_detail", args=[member.pk]),
        done_message="Đã hủy biến động; bản ghi vẫn được giữ trong hồ sơ.",
        aliases=ALIASES,
    )


# --- Dated changes of information (thay đổi thông tin đảng viên)


@page
def record_change(request, pk):
    member = member_or_404(request.user, pk, access.CHANGE)
    form = ChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        field = form.cleaned_data["field"]
        value_field = "choice_value" if attributes.value_choices(field) is not None else "text_value"
        try:
            actions.record_change(
                member, field, form.cleaned_data["value"], form.cleaned_data["on"], acting_user=request.user
            )
        except ScopeDenied:
            raise DjangoPermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, ALIASES | {"value": value_field})
        else:
            messages.success(request, f"Đã ghi thay đổi thông tin của {member.full_name}.")
            return redirect("web:member_detail", pk=member.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": f"Ghi thay đổi thông tin: {member.full_name}",
            **member_crumbs(request.user, member, "Ghi thay đổi thông tin"),
            "intro": "Từ ngày ghi, thông tin này mang giá trị mới (các biểu thống kê đọc giá trị tại ngày của kỳ báo "
            "cáo). Hồ sơ gốc giữ giá trị khi đảng viên vào danh sách.",
            "cancel_url": reverse("web:member_detail", args=[member.pk]),
        },
    )


@page
def void_change(request, pk):
    change = record_or_404(MemberChange.objects.select_related("member"), request.user, pk)
    member = member_or_404(request.user, change.member_id, access.CHANGE)
    label = attributes.value_label(change.field, change.value)
    return void_page(
        request,
        change,
        actions.void_change,
        title=f"Hủy thay đổi thông tin: {member.full_name}",
        intro=f"{change.get_field_display()}: {label}, từ ngày {change.on:%d/%m/%Y}.",
        cancel_url=reverse("web:member_detail", args=[member.pk]),
        done_url=reverse("web:member_detail", args=[member.pk]),
        done_message="Đã hủy thay đổi thông tin; bản ghi vẫn được giữ trong hồ sơ.",
        aliases=ALIASES,
    )
