"""Pages of the badges app: "Huy hiệu Đảng" (a unit's proposal list for a round, the early and
posthumous cases staff flag, the downloads) and the card exchange of 2025 (who has not exchanged,
a bulk record). Every read goes through the user's scope; every write through badges/cards actions."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from xaydungdang.badges import actions, cards, documents, eligibility
from xaydungdang.badges.models import BadgeFlag, FlagKind
from xaydungdang.core import access
from xaydungdang.core.dates import parse_date, today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.views import page
from xaydungdang.members.models import Member
from xaydungdang.organizations.views import org_or_404

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _parse(raw: str) -> dt.date | None:
    try:
        return parse_date((raw or "").strip()[:20])
    except ValueError:
        return None


def _round_param(request) -> tuple[dt.date, str | None]:
    """The round chosen (?dot=), else the next presentation day; a bad one falls back with a message."""
    default = eligibility.partyage.next_badge_day(today())
    raw = request.GET.get("dot", "").strip()[:20]
    if not raw:
        return default, None
    day = _parse(raw)
    label = eligibility.round_label(default)
    if day is None or not 1930 <= day.year <= 2200:
        return default, f'Ngày "{raw}" không hợp lệ; đang hiển thị đợt {label}.'
    problem = eligibility.round_problem(day)
    if problem:
        return default, f"{problem} Đang hiển thị đợt {label}."
    return day, None


@page
def index(request):
    """Choose a unit and a round."""
    code = request.GET.get("to_chuc", "").strip()[:40]
    day, _problem = _round_param(request)
    error = ""
    if code:
        try:
            target = reverse("web:badge_round", args=[code])
        except NoReverseMatch:  # a code no organization can have ("/" in it): said under the field
            error = f"Mã tổ chức đảng «{code}» không hợp lệ."
        else:
            return redirect(target + f"?dot={day:%Y-%m-%d}")
    from xaydungdang.organizations.models import Organization

    homes = Organization.objects.filter(id__in=access.home_org_ids(request.user)).order_by("sort_key")
    return render(
        request,
        "badges/index.html",
        {
            "title": "Huy hiệu Đảng",
            "homes": homes,
            "rounds": [(d, eligibility.round_label(d)) for d in eligibility.rounds_around(today())],
            "day": day,
            "code": code,
            "error": error,
        },
    )


def _flag_from_post(request, org, members) -> str | None:
    """Record a flag from the page's form; returns an error message, or None when recorded."""
    number = request.POST.get("so_ly_lich", "").strip()[:32]
    kind = request.POST.get("kind", "").strip()[:16]
    noted_on = _parse(request.POST.get("noted_on", ""))
    note = request.POST.get("note", "")[:2000]
    if not number:
        return "Cần ghi số lý lịch của đảng viên."
    member = access.within(members, org.id).filter(member_no=number).first()
    if member is None:
        return f"Không tìm thấy đảng viên số lý lịch {number} trong {org.name}."
    if noted_on is None:
        return "Ngày ghi nhận không hợp lệ (dạng ngày/tháng/năm)."
    try:
        actions.flag(member, kind, noted_on, note, acting_user=request.user)
    except ScopeDenied:
        raise PermissionDenied
    except DomainError as exc:
        return exc.message
    messages.success(request, f"Đã ghi trường hợp «{dict(FlagKind.choices)[kind]}» cho {member.full_name}.")
    return None


def _void_from_post(request, org) -> str | None:
    flag = BadgeFlag.objects.restrict(request.user, access.RECORD).filter(pk=request.POST.get("huy", "")[:12]).first()
    if flag is None or not request.POST.get("huy", "").isdecimal():
        raise Http404
    try:
        actions.void_flag(flag, request.POST.get("ly_do", "")[:500], acting_user=request.user)
    except ScopeDenied:
        raise PermissionDenied
    except DomainError as exc:
        return exc.message
    messages.success(request, f"Đã hủy trường hợp «{flag.get_kind_display()}» của {flag.member.full_name}.")
    return None


@page
def round_list(request, code):
    """A unit's proposal list for a round, with the flags staff recorded."""
    org = org_or_404(request.user, code)
    day, problem = _round_param(request)
    if problem:
        messages.warning(request, problem)
    members = Member.objects.restrict(request.user)
    can_record = access.scope_for(request.user, access.RECORD).covers(org.id)
    error = None
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        error = _void_from_post(request, org) if "huy" in request.POST else _flag_from_post(request, org, members)
        if error is None:
            return redirect(reverse("web:badge_round", args=[org.code]) + f"?dot={day:%Y-%m-%d}")
    proposals = eligibility.proposals(org.id, day, members)
    cells = documents._cell_names(proposals)
    flags = (
        access.within(BadgeFlag.objects.active().restrict(request.user), org.id)
        .select_related("member")
        .order_by("-noted_on", "-id")
    )
    return render(
        request,
        "badges/round.html",
        {
            "title": f"Huy hiệu Đảng đợt {eligibility.round_label(day)}",
            "org": org,
            "day": day,
            "rows": [(p, cells.get(p.cell_id, "")) for p in proposals],
            "rounds": [(d, eligibility.round_label(d)) for d in eligibility.rounds_around(today())],
            "flags": flags,
            "kinds": FlagKind.choices,
            "can_record": can_record,
            "error": error,
            "form": request.POST if error else {},
            "today": today(),
        },
    )


@page
def download(request, code, fmt):
    org = org_or_404(request.user, code)
    if fmt not in ("xlsx", "docx"):
        raise Http404
    day, problem = _round_param(request)
    if problem:
        messages.warning(request, problem)
        return redirect(reverse("web:badge_round", args=[org.code]))
    proposals = eligibility.proposals(org.id, day, Member.objects.restrict(request.user))
    content = documents.xlsx(org, day, proposals) if fmt == "xlsx" else documents.docx(org, day, proposals)
    actions.record_export(org, day, fmt, len(proposals))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE if fmt == "xlsx" else DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(org, day, fmt)}"'
    return response


@page
def card_exchange(request, code):
    """The 2025 exchange (Chỉ thị 51-CT/TW): who in the unit has not exchanged; record many at once."""
    org = org_or_404(request.user, code)
    members = Member.objects.restrict(request.user)
    can_record = access.scope_for(request.user, access.RECORD).covers(org.id)
    pending = list(cards.not_exchanged(members, org.id))
    error = None
    entered = {}
    day_raw = f"{min(today(), cards.EXCHANGE_DEADLINE):%d/%m/%Y}"
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        day_raw = request.POST.get("ngay", "")[:20]
        on = _parse(day_raw)
        decision = request.POST.get("so_quyet_dinh", "").strip()[:64]
        chosen = []
        listed = access.within(members.filter(state="active"), org.id)
        for key, value in request.POST.items():
            if not key.startswith("so_the_") or not key[7:].isdecimal() or not value.strip():
                continue
            entered[int(key[7:])] = value.strip()[:32]
        by_id = {m.id: m for m in listed.filter(id__in=list(entered))}
        chosen = [(by_id[i], number) for i, number in entered.items() if i in by_id]
        if on is None:
            error = f'Ngày đổi thẻ "{day_raw}" không hợp lệ (dạng ngày/tháng/năm).'
        elif not chosen:
            error = "Chưa nhập số thẻ mới cho đảng viên nào."
        else:
            try:
                made = cards.exchange_cards(chosen, on, decision_no=decision, acting_user=request.user)
            except ScopeDenied:
                raise PermissionDenied
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(request, f"Đã ghi đổi thẻ đảng viên cho {len(made)} đồng chí.")
                return redirect("web:card_exchange", code=org.code)
    return render(
        request,
        "badges/cards.html",
        {
            "title": "Đổi thẻ đảng viên năm 2025",
            "org": org,
            "rows": [(m, entered.get(m.id, "")) for m in pending],
            "can_record": can_record,
            "error": error,
            "day_raw": day_raw,
            "deadline": cards.EXCHANGE_DEADLINE,
            "start": cards.EXCHANGE_START,
        },
    )
