"""The admission deadlines in the registry (core/deadlines.py): `admission_decision` (the competent
committee decides within 60 working days of the cell's resolution) and `admission_ceremony` (the
ceremony within 30 working days of receiving the decision). Open on a day when the step that
answers it is not done by that day, from dated facts only."""

from django.db.models import Q
from django.urls import reverse

from xaydungdang.admissions import rules
from xaydungdang.admissions.models import Candidate, CandidateStep
from xaydungdang.core.deadlines import Deadline
from xaydungdang.core.formatting import date as fmt

DECISION_LABEL = "Quyết định kết nạp đảng viên"
CEREMONY_LABEL = "Tổ chức lễ kết nạp đảng viên"


def _steps(scope, kinds):
    candidates = scope.restrict(Candidate.objects.active())
    return (
        CandidateStep.objects.active()
        .filter(candidate__in=candidates, kind__in=kinds, on__lte=scope.on)
        .select_related("candidate", "org")
        .order_by("candidate_id", "id")
    )


def _open(scope, start_kind: str, answer_kind: str, start_day):
    """(candidate, step that starts the clock) for each active candidate whose answering step is
    not done by scope.on."""
    starts = [s for s in _steps(scope, [start_kind]) if start_day(s) is not None and start_day(s) <= scope.on]
    ids = [s.candidate_id for s in starts]
    answered = set(
        CandidateStep.objects.active()
        .filter(Q(candidate_id__in=ids), kind=answer_kind, on__lte=scope.on)
        .values_list("candidate_id", flat=True)
    )
    return [s for s in starts if s.candidate_id not in answered]


def _deadline(kind, step, due, basis) -> Deadline:
    candidate = step.candidate
    return Deadline(
        kind=kind,
        due_on=due,
        basis=basis,
        org_id=step.org_id,
        org_code=step.org.code,
        subject=f"{candidate.full_name} (quần chúng ưu tú, {step.org.name})",
        url=reverse("web:candidate_detail", args=[candidate.pk]),
        owners=(candidate.cell_id,),  # the scope rule of a candidate (Candidate.scope_path)
    )


def decision_deadlines(scope):
    for step in _open(scope, "cell_resolution", "decision", lambda s: s.on):
        due = rules.decision_due(step.on)
        basis = f"60 ngày làm việc sau nghị quyết chi bộ đề nghị kết nạp ({fmt(step.on)})"
        yield _deadline("admission_decision", step, due, basis)


def ceremony_deadlines(scope):
    for step in _open(scope, "decision", "ceremony", lambda s: s.received_on or s.on):
        received = step.received_on or step.on
        due = rules.ceremony_due(received)
        what = "nhận" if step.received_on else "ký (chưa ghi ngày nhận)"
        basis = f"30 ngày làm việc sau khi chi bộ nhận quyết định kết nạp (ngày {what} {fmt(received)})"
        yield _deadline("admission_ceremony", step, due, basis)


def register() -> None:
    from xaydungdang.core import deadlines

    deadlines.register("admission_decision", DECISION_LABEL, decision_deadlines)
    deadlines.register("admission_ceremony", CEREMONY_LABEL, ceremony_deadlines)
