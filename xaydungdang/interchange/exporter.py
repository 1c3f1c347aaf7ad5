"""Exporting the database in the interchange format: export_path(path, *, user=None) -> counts.

Only records that are not voided leave; with a user, only what accounts.scope lets that
user see. A member's opening balance (the internal `opening` event) goes back to the
members row as org_code/as_of. Events are sorted by member, then date, then id, so a
re-import keeps the order of same-day events; every other table is sorted by its owner
and date, then id, which an import preserves too. A scoped export is made whole by
scopedexport (reference rows for the organizations outside it that its records name).
"""

from pathlib import Path

from xaydungdang.accounts.scope import VIEW, restrict, within
from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.admissions import exchange as candidate_exchange
from xaydungdang.admissions.models import Candidate, Target
from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError
from xaydungdang.dues.models import DuesBase, DuesPayment
from xaydungdang.inspections.models import Discipline, Inspection
from xaydungdang.interchange import scopedexport
from xaydungdang.interchange.gcpause import paused_gc
from xaydungdang.interchange.output import write_csv_folder, write_xlsx
from xaydungdang.interchange.tables import TABLE_ORDER
from xaydungdang.members.models import FORM_ATTRIBUTES, PERSONAL_DATA, EventType, Member, MemberChange, MemberEvent
from xaydungdang.organizations.models import Locality, Organization, OrgMove, TemporaryArrival
from xaydungdang.reviews.models import RATING_ROUND_FIELDS, Rating, Screening


class _Scope:
    """What the export may contain: everything, a user's scope, or one organization's subtree
    (`xdd export --org`), by the rules of accounts.scope."""

    def __init__(self, user, org_id=None):
        self.user, self.org_id = user, org_id

    @property
    def limited(self) -> bool:
        return self.user is not None or self.org_id is not None

    def __call__(self, queryset):
        if self.org_id is not None:
            queryset = within(queryset, self.org_id)
        if self.user is not None:
            queryset = restrict(queryset, self.user, VIEW)
        return queryset


def _subject_code(member_no, org_code):
    return member_no if member_no is not None else org_code


def collect(user=None, completed: dict | None = None, org_id: int | None = None) -> dict[str, list[tuple]]:
    """Every table as rows of values in the canonical column order. A user's export is
    completed by scopedexport (reference organizations, records about outsiders left out);
    what that did goes into `completed` when given."""
    scoped = _Scope(user, org_id)
    orgs = list(
        scoped(Organization.objects.all())
        .order_by("code")
        .values_list(
            "code",
            "name",
            "kind",
            "parent__code",
            "established_on",
            "dissolved_on",
            "locality__code",
            "unit_type",
            "decision_no",
            "note",
            "successor__code",
        )
    )
    tables: dict[str, list[tuple]] = {}
    tables["organizations"] = orgs  # a scoped export's references outside are settled by scopedexport
    tables["org_moves"] = list(
        scoped(OrgMove.objects.active())
        .order_by("org__code", "moved_on", "id")
        .values_list("org__code", "new_parent__code", "moved_on", "decision_no", "note")
    )
    tables["localities"] = list(
        scoped(Locality.objects.all()).order_by("code").values_list("code", "name", "kind", "parent__code", "org__code")
    )
    members = scoped(Member.objects.all())
    openings = {}
    for member_id, org_code, on in (
        MemberEvent.objects.active()
        .filter(type=EventType.OPENING, member__in=members.values("id"))
        .order_by("on", "id")
        .values_list("member_id", "org__code", "on")
    ):
        openings.setdefault(member_id, (org_code, on))
    rows = []
    for values in (
        members.order_by("member_no")
        .values_list(
            "id",
            *PERSONAL_DATA,
            "joined_on",
            "official_on",
            "card_no",
            "admission_exception",
            *FORM_ATTRIBUTES,
        )
        .iterator(chunk_size=5000)
    ):
        member_id, *personal = values[: -len(FORM_ATTRIBUTES) - 1]
        exception, *attributes = values[-len(FORM_ATTRIBUTES) - 1 :]
        org_code, as_of = openings.get(member_id, (None, None))
        rows.append((*personal, org_code, as_of, exception, *attributes))
    tables["members"] = rows
    tables["member_changes"] = list(
        scoped(MemberChange.objects.active())
        .order_by("member__member_no", "on", "id")
        .values_list("member__member_no", "field", "value", "on")
        .iterator(chunk_size=5000)
    )
    tables["member_events"] = list(
        scoped(MemberEvent.objects.active())
        .exclude(type=EventType.OPENING)
        .order_by("member__member_no", "on", "id")
        .values_list(
            "member__member_no",
            "type",
            "on",
            "org__code",
            "reason",
            "decision_no",
            "decided_on",
            "note",
            "counterpart",
            "other_org__code",
            "other_place",
            "letter_no",
            "letter_on",
        )
        .iterator(chunk_size=5000)
    )
    tables["targets"] = list(
        scoped(Target.objects.active())
        .order_by("org__code", "period_start", "id")
        .values_list("org__code", "period", "indicator", "value")
    )
    tables["screenings"] = list(
        scoped(Screening.objects.active())
        .order_by("member__member_no", "listed_on", "id")
        .values_list("member__member_no", "listed_on", "outcome", "outcome_on", "note")
    )
    tables["dues_bases"] = list(
        scoped(DuesBase.objects.active())
        .order_by("member__member_no", "valid_from", "id")
        .values_list("member__member_no", "category", "base", "valid_from", "reduction_pct", "exempt")
    )
    tables["dues_payments"] = [
        (no, f"{month:%Y-%m}", amount, paid_on, channel, receipt)
        for no, month, amount, paid_on, channel, receipt in scoped(DuesPayment.objects.active())
        .order_by("member__member_no", "month", "paid_on", "id")
        .values_list("member__member_no", "month", "amount", "paid_on", "channel", "receipt_no")
    ]
    tables["candidates"] = candidate_exchange.export_rows(scoped(Candidate.objects.active()))
    tables["ratings"] = [
        (year, kind, _subject_code(m, o), level, rated_by, score, period or str(year), *rest)
        for year, kind, m, o, level, rated_by, score, period, *rest in scoped(Rating.objects.active())
        .order_by("year", "period", "subject_type", "subject_member__member_no", "subject_org__code", "id")
        .values_list(
            "year",
            "subject_type",
            "subject_member__member_no",
            "subject_org__code",
            "level",
            "rated_by",
            "score",
            "period",
            *RATING_ROUND_FIELDS,
        )
    ]
    tables["inspections"] = [
        (org, kind, st, _subject_code(m, o), start, end, violation, note)
        for org, kind, st, m, o, start, end, violation, note in scoped(Inspection.objects.active())
        .order_by("org__code", "started_on", "id")
        .values_list(
            "org__code",
            "kind",
            "subject_type",
            "subject_member__member_no",
            "subject_org__code",
            "started_on",
            "concluded_on",
            "violation",
            "note",
        )
    ]
    tables["disciplines"] = [
        (by, st, _subject_code(m, o), level, on, reason)
        for by, st, m, o, level, on, reason in scoped(Discipline.objects.active())
        .order_by("decided_by__code", "decided_on", "id")
        .values_list(
            "decided_by__code",
            "subject_type",
            "subject_member__member_no",
            "subject_org__code",
            "level",
            "decided_on",
            "reason",
        )
    ]
    tables["classes"] = list(
        scoped(TrainingClass.objects.active())
        .order_by("org__code", "started_on", "id")
        .values_list("org__code", "kind", "title", "started_on", "ended_on", "participants")
    )
    tables["dialogues"] = list(
        scoped(Dialogue.objects.active())
        .order_by("org__code", "held_on", "id")
        .values_list("org__code", "held_on", "host", "cases")
    )
    tables["documents"] = list(
        scoped(Document.objects.active())
        .order_by("org__code", "issued_on", "id")
        .values_list("org__code", "number", "type", "issued_on", "title", "concretizes", "is_review")
    )
    tables["awards"] = [
        (by, st, _subject_code(m, o), award, on, reason)
        for by, st, m, o, award, on, reason in scoped(Award.objects.active())
        .order_by("granted_by__code", "granted_on", "id")
        .values_list(
            "granted_by__code",
            "subject_type",
            "subject_member__member_no",
            "subject_org__code",
            "award",
            "granted_on",
            "reason",
        )
    ]
    tables["cadre_actions"] = list(
        scoped(CadreAction.objects.active())
        .order_by("org__code", "on", "id")
        .values_list("org__code", "kind", "on", "count", "note")
    )
    tables["temporary_arrivals"] = list(
        scoped(TemporaryArrival.objects.active())
        .order_by("org__code", "on", "id")
        .values_list("org__code", "on", "full_name", "home_org", "until")
    )
    tables = {name: [tuple(None if v == "" else v for v in row) for row in tables[name]] for name in TABLE_ORDER}
    if scoped.limited:
        completion = scopedexport.complete(tables)
        if completed is not None:
            completed.update(completion)
    return tables


def export_path(path, *, user=None, org_code: str | None = None) -> dict:
    """Write the database (or the user's scope, or one organization's subtree) to `path`: a
    workbook if it ends in .xlsx, otherwise a folder of CSV files. Returns {table: rows written}."""
    org_id = None
    if org_code is not None:
        org_id = Organization.objects.filter(code=org_code.strip()).values_list("id", flat=True).first()
        if org_id is None:
            raise DomainError(f'Không có tổ chức mã "{org_code.strip()}" trong hệ thống.', "org")
    path = Path(path)
    xlsx = path.suffix.lower() == ".xlsx"
    if not xlsx and path.exists() and not path.is_dir():
        raise DomainError(f"{path} là một tệp; hãy chỉ định một thư mục (các tệp CSV) hoặc một tệp .xlsx.", "path")
    with paused_gc():
        completed = {}
        tables = collect(user, completed, org_id)
        try:
            if xlsx:
                write_xlsx(path, tables)
            else:
                write_csv_folder(path, tables)
        except OSError as exc:
            raise DomainError(f"Không ghi được {path}: {exc.strerror or exc}.", "path")
    counts = {name: len(rows) for name, rows in tables.items()}
    audit.record(
        AuditAction.INTERCHANGE_EXPORT,
        model="interchange.dataset",
        object_repr=path.name,
        after={
            "path": str(path),
            "format": "xlsx" if xlsx else "csv",
            "counts": counts,
            "scoped": user is not None or org_id is not None,
            "org": org_code,
            **completed,
        },
        note="Xuất bộ dữ liệu",
    )
    return counts
