"""Pages of the candidates' pipeline (issue 14 item 2): a cell's list of candidates, a candidate's
page (each step, its date, what is missing, the next deadline), the form of each step, the void
of the last step, and the DOCX papers. Writes go through admissions.actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_tables2 import RequestConfig

from xaydungdang.admissions import actions, documents, rules
from xaydungdang.admissions.filtersets import CandidateFilterSet
from xaydungdang.admissions.forms import CandidateForm, StepForm
from xaydungdang.admissions.models import Candidate
from xaydungdang.admissions.tables import CandidateTable
from xaydungdang.core import access
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.tables import PER_PAGE
from xaydungdang.core.views import apply_domain_error, page, record_or_404, void_page
from xaydungdang.members.models import Member, MemberSpan
from xaydungdang.organizations import naming
from xaydungdang.organizations.models import CELL_KINDS, Organization
from xaydungdang.organizations.views import org_or_404

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _candidates(user):
    return Candidate.objects.active().restrict(user)


@page
def cell_candidates(request, code):
    org = org_or_404(request.user, code)
    queryset = (
        _candidates(request.user)
        .filter(cell=org)
        .annotate(
            steps_done=Count("steps", filter=Q(steps__voided_at__isnull=True)),
            last_on=Max("steps__on", filter=Q(steps__voided_at__isnull=True)),
        )
    )
    filters = CandidateFilterSet(request.GET or None, queryset=queryset)
    table = CandidateTable(filters.qs)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    can_record = org.kind in CELL_KINDS and access.scope_for(request.user, access.RECORD).covers(org.id)
    return render(
        request,
        "admissions/cell_candidates.html",
        {
            "title": f"Quần chúng ưu tú — {org.name}",
            "org": org,
            "table": table,
            "filter": filters,
            "can_record": can_record,
        },
    )


@page
def candidate_new(request, code):
    org = org_or_404(request.user, code, access.RECORD)
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.do_identify(form.values(org), acting_user=request.user)
        except DomainError as exc:
            apply_domain_error(form, exc, {"cell_id": "identified_on"})
        else:
            messages.success(request, f"Đã đưa {made.full_name} vào danh sách quần chúng ưu tú.")
            return redirect("web:candidate_detail", pk=made.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": f"Quần chúng ưu tú mới — {org.name}",
            "intro": "Người được chi bộ đưa vào danh sách quần chúng ưu tú để bồi dưỡng, xem xét kết nạp.",
            "cancel_url": reverse("web:cell_candidates", args=[org.code]),
        },
    )


def _names(candidate, done) -> dict:
    from xaydungdang.organizations.tree import load_tree

    tree = load_tree()
    day = done["cell_resolution"].on if "cell_resolution" in done else today()

    def name(org_id):
        return tree.orgs[org_id].name if org_id in tree.orgs else ""

    def committee(org_id):
        """The committee that speaks for the organization: "Đảng ủy xã Một", "Huyện ủy Một"."""
        return naming.committee_name(naming.OrgName(tree.orgs[org_id].name, tree.orgs[org_id].kind))

    cell = candidate.cell_id
    grassroots = cell
    while grassroots is not None and tree.orgs[grassroots].kind not in ("grassroots_committee", "grassroots_cell"):
        grassroots = tree.parent_at(grassroots, day)
    grassroots_committee = grassroots if grassroots and tree.orgs[grassroots].kind == "grassroots_committee" else None
    decision = done.get("decision")
    decider = decision.deciding_org_id if decision else None
    return {
        "cell": name(cell),
        "cell_parent": name(tree.parent_at(cell, day)),
        "cell_parent_committee": committee(tree.parent_at(cell, day)) if tree.parent_at(cell, day) in tree.orgs else "",
        "cell_place": naming.place_on(cell, day),
        "grassroots": name(grassroots_committee) if grassroots_committee else None,
        "grassroots_committee": committee(grassroots_committee) if grassroots_committee else "",
        "grassroots_place": naming.place_on(grassroots_committee, day) if grassroots_committee else "",
        "grassroots_parent": name(tree.parent_at(grassroots_committee, day)) if grassroots_committee else "",
        "grassroots_parent_committee": (
            committee(tree.parent_at(grassroots_committee, day))
            if grassroots_committee and tree.parent_at(grassroots_committee, day) in tree.orgs
            else ""
        ),
        "decider": name(decider) if decider else "",
        "decider_committee": committee(decider) if decider else "",
        "decider_place": naming.place_on(decider, decision.on) if decider else "",
        "decider_parent": name(tree.parent_at(decider, decision.on)) if decider else "",
    }


@page
def candidate_detail(request, pk):
    candidate = record_or_404(Candidate.objects.active(), request.user, pk)
    done = actions.active_steps(candidate)
    day = today()
    nxt = rules.next_kind(list(done))
    steps = [
        {"kind": kind, "label": label, "step": done.get(kind), "next": kind == nxt}
        for kind, label in rules.STEP_LABELS.items()
    ]
    from xaydungdang.core import deadlines

    due = [
        d
        for d in deadlines.open_deadlines(on=day, root_org_id=candidate.cell_id, user=request.user)
        if d.kind in ("admission_decision", "admission_ceremony")
        and d.url == reverse("web:candidate_detail", args=[candidate.pk])
    ]
    names = _names(candidate, done)
    forms_ = [(code, documents.FORMS[code]) for code in documents.available(done, names["grassroots"])]
    can_record = access.scope_for(request.user, access.RECORD).covers(candidate.cell_id)
    ceremony = done.get("ceremony")
    return render(
        request,
        "admissions/candidate.html",
        {
            "title": candidate.full_name,
            "today": day,
            "candidate": candidate,
            "steps": steps,
            "next_kind": nxt,
            "next_label": rules.STEP_LABELS.get(nxt, ""),
            "missing": [] if "cell_resolution" in done else rules.missing(candidate, done, day),
            "deadlines": due,
            "forms": forms_,
            "can_record": can_record,
            "member": ceremony.member if ceremony else None,
            "certificate_expires": rules.certificate_expires(done["awareness"].on) if "awareness" in done else None,
        },
    )


def _committees_above(candidate) -> list[int]:
    """The committees above the candidate's cell (the pickers of who decides): on the day of the
    cell's resolution when recorded, and today."""
    from xaydungdang.organizations.tree import load_tree

    tree = load_tree()
    done = actions.active_steps(candidate)
    days = {today()} | ({done["cell_resolution"].on} if "cell_resolution" in done else set())
    found = []
    for day in days:
        current = tree.parent_at(candidate.cell_id, day)
        while current is not None and current not in found:
            if tree.orgs[current].kind in ("upper", "provincial", "grassroots_committee"):
                found.append(current)
            current = tree.parent_at(current, day)
    return found


@page
def candidate_step(request, pk, kind):
    candidate = record_or_404(Candidate.objects.active(), request.user, pk)
    if not access.scope_for(request.user, access.RECORD).covers(candidate.cell_id):
        raise PermissionDenied
    if kind not in rules.STEP_LABELS:
        from django.http import Http404

        raise Http404
    # Pickers: official members of the cell today (the rule checks the day of the dossier).
    official_ids = MemberSpan.objects.filter(cell_id=candidate.cell_id, official=True, start__lte=today()).filter(
        Q(end__isnull=True) | Q(end__gt=today())
    )
    introducers = Member.objects.filter(pk__in=official_ids.values("member_id")).order_by("sort_key")
    committees = Organization.objects.filter(pk__in=_committees_above(candidate))
    form = StepForm(
        request.POST or None, kind=kind, introducers=introducers, committees=committees.order_by("sort_key")
    )
    if request.method == "POST" and form.is_valid():
        member_data = {"member_no": form.cleaned_data["member_no"]} if kind == "ceremony" else None
        try:
            actions.do_step(candidate, kind, form.values(), member_data=member_data, acting_user=request.user)
        except DomainError as exc:
            apply_domain_error(form, exc, {"kind": "on", "deciding_org_id": "deciding_org"})
        else:
            messages.success(request, f"Đã ghi bước «{rules.STEP_LABELS[kind]}» của {candidate.full_name}.")
            return redirect("web:candidate_detail", pk=candidate.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": f"{rules.STEP_LABELS[kind]}: {candidate.full_name}",
            "intro": "Lễ kết nạp ghi đảng viên mới vào danh sách của chi bộ (đảng viên dự bị 12 tháng)."
            if kind == "ceremony"
            else "",
            "cancel_url": reverse("web:candidate_detail", args=[candidate.pk]),
        },
    )


@page
def candidate_void_step(request, pk):
    candidate = record_or_404(Candidate.objects.active(), request.user, pk)
    if not access.scope_for(request.user, access.RECORD).covers(candidate.cell_id):
        raise PermissionDenied
    done = actions.active_steps(candidate)
    url = reverse("web:candidate_detail", args=[candidate.pk])
    if not done:
        return void_page(
            request,
            candidate,
            actions.do_void_candidate,
            title=f"Hủy quần chúng ưu tú {candidate.full_name} khỏi danh sách",
            intro="Chỉ hủy khi ghi nhầm. Bản ghi được giữ lại, đánh dấu đã hủy.",
            cancel_url=url,
            done_url=reverse("web:cell_candidates", args=[candidate.cell.code]),
            done_message="Đã hủy quần chúng khỏi danh sách.",
        )
    last = list(done.values())[-1]
    return void_page(
        request,
        last,
        lambda step, reason, expected_version=None, acting_user=None: actions.do_void_step(
            candidate, reason, expected_version, acting_user=acting_user
        ),
        title=f"Hủy bước «{last.get_kind_display()}» của {candidate.full_name}",
        intro="Các bước được hủy lần lượt từ bước cuối."
        + (" Hủy lễ kết nạp cũng hủy biến động kết nạp của đảng viên." if last.kind == "ceremony" else ""),
        cancel_url=url,
        done_url=url,
        done_message="Đã hủy bước kết nạp.",
        submit_label="Hủy bước này",
    )


@page
def candidate_document(request, pk, code):
    candidate = record_or_404(Candidate.objects.active(), request.user, pk)
    done = actions.active_steps(candidate)
    try:
        content = documents.render(code, candidate, done, _names(candidate, done))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:candidate_detail", pk=candidate.pk)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{code}-{candidate.pk}.docx"'
    return response
