"""Transfer pages: the lists of both sides (chuyển đi; chuyển đến chờ tiếp nhận), starting a
transfer, one transfer with the steps this user may take, each step's form, the letter (DOCX) and
the register (Sổ giới thiệu sinh hoạt đảng, XLSX or DOCX). Reads go through
Transfer.objects.restrict (both sides see one record); writes through transfers.actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from xaydungdang.core import access
from xaydungdang.core.dates import today
from xaydungdang.core.errors import ConcurrentEditError, DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.core.forms import VoidForm
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.views import apply_domain_error, int_param, page, record_or_404
from xaydungdang.members.models import EventType, Member, MemberEvent
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.views import org_or_404
from xaydungdang.transfers import actions, documents
from xaydungdang.transfers.deadlines import letter_due, presentation_due
from xaydungdang.transfers.forms import (
    AcceptForm,
    ConfirmForm,
    DescribeForm,
    IssueForm,
    NotArrivedForm,
    ReturnForm,
    StartForm,
)
from xaydungdang.transfers.models import Kind, State, Transfer

LIST_LIMIT = 300


def _subtree(org_id) -> frozenset:
    """The organization and those under it today (through the one scope rule, core/access.within)."""
    return frozenset(access.within(Organization.objects.all(), org_id).values_list("id", flat=True)) | {org_id}


@page
def index(request):
    """Both sides' lists in the user's scope (or one organization's subtree: ?to_chuc=CODE)."""
    user = request.user
    code = request.GET.get("to_chuc", "").strip()[:40]
    org = None
    if code:
        org_id = access.org_in_scope(user, code)
        if org_id is None:
            messages.warning(request, f"Không có tổ chức mã “{code}” trong phạm vi của anh/chị; đang hiển thị tất cả.")
        else:
            org = Organization.objects.get(pk=org_id)
    scope = access.scope_for(user)
    ids = _subtree(org.id) if org else None

    def side(field):
        def covers(transfer):
            value = getattr(transfer, field)
            return value is not None and scope.covers(value) and (ids is None or value in ids)

        return covers

    visible = Transfer.objects.active().restrict(user).select_related("member", "from_cell", "to_cell")
    # The incoming queue first (never crowded out by a long list of transfers out), oldest letter first.
    waiting = visible.filter(state__in=(State.ISSUED, State.NOT_ARRIVED)).order_by("letter_on", "id")
    incoming = [t for t in waiting[: LIST_LIMIT * 2] if side("to_cell_id")(t)][:LIST_LIMIT]
    outgoing = [t for t in visible.order_by("-moved_on", "-id")[: LIST_LIMIT * 2] if side("from_cell_id")(t)]
    outgoing = outgoing[:LIST_LIMIT]
    on = today()
    return render(
        request,
        "transfers/index.html",
        {
            "title": "Chuyển sinh hoạt đảng",
            "org": org,
            "outgoing": [_row(t, on) for t in outgoing],
            "incoming": [_row(t, on) for t in incoming],
            "can_record": access.can(user, access.RECORD),
            "year": on.year,
            "homes": Organization.objects.filter(id__in=access.home_org_ids(user)).order_by("sort_key"),
        },
    )


def _row(transfer: Transfer, on) -> dict:
    due, step = None, ""
    if transfer.state == State.STARTED and transfer.kind == Kind.OFFICIAL:
        due, step = letter_due(transfer), "cấp giấy"
    elif transfer.state in (State.ISSUED, State.NOT_ARRIVED) and transfer.kind == Kind.OFFICIAL:
        due, step = presentation_due(transfer), "nộp giấy"
    elif transfer.temporary and transfer.event_id and transfer.state != State.RETURNED:
        due, step = transfer.until, "trở về"
    return {
        "t": transfer,
        "due": due,
        "step": step,
        "overdue": due is not None and due < on,
        "problem": transfer.state == State.NOT_ARRIVED,
    }


@page
def start(request):
    initial = {"member_no": request.GET.get("dang_vien", "")[:32]}
    form = StartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        member = Member.objects.restrict(request.user).filter(member_no=form.cleaned_data["member_no"].strip()).first()
        if member is None:
            form.add_error("member_no", "Không có đảng viên nào số lý lịch này trong phạm vi của anh/chị.")
        else:
            try:
                transfer = actions.start_transfer(member, form.values(), acting_user=request.user)
            except ScopeDenied:
                form.add_error("member_no", "Anh/chị không có quyền ghi biến động cho đảng viên này.")
            except DomainError as exc:
                apply_domain_error(form, exc, {"to_cell_id": "to_cell"})
            else:
                messages.success(request, f"Đã lập chuyển sinh hoạt đảng của {member.full_name}.")
                return redirect("web:transfer_detail", pk=transfer.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": "Lập chuyển sinh hoạt đảng",
            "intro": "Chi bộ nơi đảng viên đang sinh hoạt lập việc chuyển; cơ quan có thẩm quyền cấp giấy giới thiệu; "
            "chi bộ nơi đến tiếp nhận. Chuyển chính thức: giấy giới thiệu trong 60 ngày làm việc kể từ ngày chuyển.",
            "submit_label": "Lập",
            "cancel_url": reverse("web:transfer_index"),
        },
    )


def _may(user, org_id) -> bool:
    return org_id is not None and access.scope_for(user, access.RECORD).covers(org_id)


def allowed_steps(user, transfer: Transfer) -> list[str]:
    """The steps of STEPS this user may take on this transfer now (the actions check again)."""
    if transfer.is_voided:
        return []
    found = []
    if transfer.state == State.STARTED:
        # The body depends on the letter's date (rules.issuing_body): today's, or the one of the move's
        # date for a letter dated back (before 1/7/2025); the action checks the date typed.
        issuers = {actions.issuer_for(transfer, today()), actions.issuer_for(transfer, transfer.moved_on)}
        if any(i is not None and _may(user, i.org_id) for i in issuers):
            found.append("cap-giay")
    if transfer.to_cell_id is not None and _may(user, transfer.to_cell_id):
        if transfer.state in (State.ISSUED, State.NOT_ARRIVED):
            found.append("tiep-nhan")
        if transfer.state == State.ISSUED:
            found.append("khong-nhan-duoc")
    sender = _may(user, transfer.from_cell_id)
    if sender and transfer.to_cell_id is None and transfer.state == State.ISSUED:
        found.append("phieu-bao")
    if sender and transfer.temporary and transfer.event_id and transfer.state != State.RETURNED:
        found.append("tro-ve")
    if sender and (transfer.event_id is None or transfer.event.is_voided):
        found.append("huy")
    return found


@page
def detail(request, pk):
    related = Transfer.objects.select_related("member", "from_cell", "to_cell", "issuer")
    transfer = record_or_404(related, request.user, pk)
    on = today()
    issuer_now = actions.issuer_for(transfer, on) if transfer.state == State.STARTED else None
    return render(
        request,
        "transfers/detail.html",
        {
            "title": f"Chuyển sinh hoạt đảng: {transfer.member.full_name}",
            "t": transfer,
            "row": _row(transfer, on),
            "letter_due": letter_due(transfer) if transfer.kind == Kind.OFFICIAL else None,
            "presentation_due": (
                presentation_due(transfer) if transfer.letter_on and transfer.kind == Kind.OFFICIAL else None
            ),
            "issuer_now": issuer_now,
            "steps": [(slug, STEPS[slug][1]) for slug in allowed_steps(request.user, transfer)],
            "member_visible": Member.objects.restrict(request.user).filter(pk=transfer.member_id).exists(),
        },
    )


def _issue(transfer, data, user):
    return actions.issue_letter(transfer, data["letter_no"], data["letter_on"], data.get("version"), acting_user=user)


def _accept(transfer, data, user):
    return actions.accept(
        transfer, data["presented_on"], data.get("accepted_on"), data.get("version"), acting_user=user
    )


def _not_arrived(transfer, data, user):
    return actions.report_not_arrived(transfer, data["on"], data.get("note", ""), data.get("version"), acting_user=user)


def _confirm(transfer, data, user):
    return actions.confirm_arrival(transfer, data["presented_on"], data.get("version"), acting_user=user)


def _return(transfer, data, user):
    return actions.record_return(transfer, data["on"], data.get("version"), acting_user=user)


def _void(transfer, data, user):
    return actions.void(transfer, data["reason"], data.get("version"), acting_user=user)


# slug -> (form, title, action, done message)
STEPS = {
    "cap-giay": (IssueForm, "Cấp giấy giới thiệu sinh hoạt đảng", _issue, "Đã cấp giấy giới thiệu."),
    "tiep-nhan": (AcceptForm, "Tiếp nhận đảng viên", _accept, "Đã tiếp nhận đảng viên."),
    "khong-nhan-duoc": (NotArrivedForm, "Báo không nhận được", _not_arrived, "Đã báo không nhận được."),
    "phieu-bao": (ConfirmForm, "Ghi nhận lại phiếu báo", _confirm, "Đã ghi nhận lại phiếu báo."),
    "tro-ve": (ReturnForm, "Ghi trở về sau sinh hoạt tạm thời", _return, "Đã ghi trở về."),
    "huy": (VoidForm, "Hủy việc chuyển sinh hoạt", _void, "Đã hủy việc chuyển sinh hoạt."),
}


@page
def step(request, pk, slug):
    if slug not in STEPS:
        raise Http404
    transfer = record_or_404(Transfer.objects.select_related("member", "from_cell", "to_cell"), request.user, pk)
    if slug not in allowed_steps(request.user, transfer):
        raise PermissionDenied
    form_class, title, perform, done = STEPS[slug]
    form = form_class(request.POST or None, initial={"version": transfer.version})
    if request.method == "POST" and form.is_valid():
        try:
            perform(transfer, form.cleaned_data, request.user)
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
        except ScopeDenied:
            raise PermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, {"void_reason": "reason"})
        else:
            messages.success(request, done)
            return redirect("web:transfer_detail", pk=transfer.pk)
    member = transfer.member
    intro = f"{member.full_name} ({member.member_no}): {transfer.from_cell.name} → {transfer.destination}."
    if slug == "cap-giay":
        issuer = actions.issuer_for(transfer, today())
        if issuer is not None:
            intro += f" Theo ngày hôm nay, cơ quan cấp giấy là {issuer.name} ({issuer.regulation.cite})."
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "submit_label": title if slug != "huy" else "Hủy việc chuyển",
            "cancel_url": reverse("web:transfer_detail", args=[transfer.pk]),
        },
    )


@page
def letter(request, pk):
    transfer = record_or_404(Transfer.objects.select_related("member", "from_cell", "to_cell"), request.user, pk)
    if not transfer.letter_on:
        raise Http404
    response = HttpResponse(documents.letter_docx(transfer), content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="giay-gioi-thieu-{transfer.member.member_no}-{transfer.letter_on:%Y%m%d}.docx"'
    )
    return response


@page
def register(request):
    """The register of a committee for a year: a small form, then the download."""
    code = request.GET.get("to_chuc", "").strip()[:40]
    year = int_param(request, "nam", today().year, low=1930, high=today().year + 1, label="Năm")
    fmt = request.GET.get("dinh_dang", "xlsx")
    if code:
        org = org_or_404(request.user, code)
        rows = documents.register_rows(org, year)
        if fmt == "docx":
            content, ctype, ext = documents.register_docx(org, year, rows), documents.DOCX_CONTENT_TYPE, "docx"
        else:
            content, ctype, ext = documents.register_xlsx(org, year, rows), XLSX_CONTENT_TYPE, "xlsx"
        response = HttpResponse(content, content_type=ctype)
        response["Content-Disposition"] = f'attachment; filename="so-gioi-thieu-sinh-hoat-dang-{org.code}-{year}.{ext}"'
        return response
    homes = Organization.objects.filter(id__in=access.home_org_ids(request.user)).order_by("sort_key")
    return render(
        request, "transfers/register.html", {"title": "Sổ giới thiệu sinh hoạt đảng", "year": year, "homes": homes}
    )


@page
def describe(request, pk):
    """A transfer event recorded without the procedure (an import, the demo): its Transfer."""
    event = record_or_404(MemberEvent.objects.active().select_related("member"), request.user, pk)
    if event.type not in (EventType.TRANSFERRED, EventType.TRANSFERRED_OUT, EventType.TEMPORARY_OUT):
        raise Http404
    initial = {"kind": Kind.TEMPORARY_WORK if event.type == EventType.TEMPORARY_OUT else Kind.OFFICIAL}
    form = DescribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.describe_event(event, form.cleaned_data, acting_user=request.user)
        except ScopeDenied:
            raise PermissionDenied
        except DomainError as exc:
            apply_domain_error(form, exc, {"event": None})
        else:
            messages.success(request, "Đã lập hồ sơ chuyển sinh hoạt cho biến động.")
            return redirect("web:transfer_detail", pk=made.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": f"Hồ sơ chuyển sinh hoạt: {event.member.full_name}",
            "intro": f"Biến động «{event.get_type_display()}» ngày {event.on:%d/%m/%Y} đã ghi không qua thủ tục; "
            "hồ sơ chuyển ghi thêm hình thức, lý do, ngày chuyển và ngày nộp giấy.",
            "submit_label": "Lập hồ sơ",
            "cancel_url": reverse("web:member_detail", args=[event.member_id]),
        },
    )
