"""Writes of the report workspace: open, save, issue, reopen a report; send a request to units,
submit a unit's report, pull a passage of it into the upper level's draft.

Every action takes `acting_user=` (core/access.py), checks the scope — writing needs the CHANGE
right on the report's organization (staff), reading is the VIEW scope — and writes its audit entry
in the same transaction.
"""

import datetime as dt

from django.utils import timezone

from xaydungdang.core import access, audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.formatting import date as vn_date
from xaydungdang.core.transactions import action_transaction
from xaydungdang.organizations.models import Organization
from xaydungdang.reports import workspace
from xaydungdang.reports.models import ReportDraft, ReportRequest, ReportRevision, RequestUnit

KINDS = {"annual", "term", "charter"}
MAX_TEXT = 20000


def _audit(action: AuditAction, obj, org: Organization, kind: str, start, end, **extra) -> None:
    audit.record(
        action,
        obj,
        org_id=org.id,
        after={"kind": kind, "from": start.isoformat(), "to": end.isoformat(), **extra},
    )


def _check_period(kind: str, start, end) -> None:
    if kind not in KINDS:
        raise DomainError("Loại báo cáo không hợp lệ: chọn báo cáo năm, nhiệm kỳ hoặc thi hành Điều lệ.", "kind")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise DomainError("Hãy ghi ngày bắt đầu và ngày kết thúc kỳ báo cáo.", "tu")
    if end < start:
        raise DomainError(f"Ngày kết thúc {vn_date(end)} trước ngày bắt đầu {vn_date(start)}.", "den")


def _editable(draft: ReportDraft) -> None:
    if draft.is_issued:
        raise DomainError("Báo cáo đã ban hành, số liệu đã được chốt: chỉ có thể mở lại thành phiên bản mới.", "draft")


def do_open_draft(org: Organization, kind: str, start, end, *, request=None, acting_user=access.UNSET) -> ReportDraft:
    """The open (not issued) draft of the unit, kind and period, or a new one."""
    user = access.resolve_user(acting_user)
    _check_period(kind, start, end)
    with action_transaction():
        access.require_org(user, org.id, access.CHANGE)
        if request is not None and not RequestUnit.objects.filter(request=request, unit=org).exists():
            raise DomainError(f"Yêu cầu báo cáo này không gửi cho {org.name}.", "request")
        found = ReportDraft.objects.filter(org=org, kind=kind, start=start, end=end, issued_at__isnull=True)
        draft = found.order_by("-edition").first()
        if draft is not None:
            if request is not None and draft.request_id is None:
                draft.request = request
                draft.save(update_fields=["request", "updated_at"])
            return draft
        last = ReportDraft.objects.filter(org=org, kind=kind, start=start, end=end).order_by("-edition").first()
        draft = ReportDraft.objects.create(
            org=org,
            kind=kind,
            start=start,
            end=end,
            request=request,
            edition=(last.edition + 1) if last else 1,
            reopened_from=last,
            sections=dict(last.sections) if last else {},
            targets=dict(last.targets) if last else {},
            created_by=user,
        )
        _audit(AuditAction.REPORT_DRAFT_OPEN, draft, org, kind, start, end, edition=draft.edition)
        return draft


def _clean_targets(targets: dict) -> dict:
    clean = {}
    for key, value in (targets or {}).items():
        if key not in workspace.TARGET_LABELS or value in (None, ""):
            continue
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            raise DomainError(
                f"{workspace.TARGET_LABELS[key]}: «{value}» không phải là một số.", f"target_{key}"
            ) from None
        if number < 0 or (workspace.TARGET_UNITS[key] == "%" and number > 100):
            raise DomainError(f"{workspace.TARGET_LABELS[key]}: giá trị «{value}» không hợp lệ.", f"target_{key}")
        clean[key] = int(number) if number == int(number) else number
    return clean


def do_save_draft(draft: ReportDraft, sections: dict, targets: dict, *, acting_user=access.UNSET) -> ReportRevision:
    """Save the written text and targets: a new revision of the draft, kept."""
    user = access.resolve_user(acting_user)
    with action_transaction():
        draft = ReportDraft.objects.select_for_update().select_related("org").get(pk=draft.pk)
        access.require_org(user, draft.org_id, access.CHANGE)
        _editable(draft)
        clean = {}
        for key, value in (sections or {}).items():
            if key not in workspace.SECTION_TITLES:
                continue
            text = str(value or "").replace("\r\n", "\n").strip()
            if len(text) > MAX_TEXT:
                raise DomainError(
                    f"{workspace.SECTION_TITLES[key]}: quá dài (tối đa {MAX_TEXT} ký tự).", f"section_{key}"
                )
            if text:
                clean[key] = text
        draft.sections = clean
        draft.targets = _clean_targets(targets)
        draft.revision += 1
        draft.save(update_fields=["sections", "targets", "revision", "updated_at"])
        revision = ReportRevision.objects.create(
            draft=draft, no=draft.revision, sections=draft.sections, targets=draft.targets, saved_by=user
        )
        _audit(
            AuditAction.REPORT_DRAFT_SAVE, draft, draft.org, draft.kind, draft.start, draft.end, revision=revision.no
        )
        return revision


def do_issue(draft: ReportDraft, number: str, issued_on, signer: str = "", *, acting_user=access.UNSET) -> ReportDraft:
    """Freeze the figures with the data version they came from; give the number and the date."""
    user = access.resolve_user(acting_user)
    number = (number or "").strip()
    if not number:
        raise DomainError("Hãy ghi số báo cáo.", "number")
    if len(number) > 20:
        raise DomainError("Số báo cáo quá dài (tối đa 20 ký tự).", "number")
    if not isinstance(issued_on, dt.date):
        raise DomainError("Hãy ghi ngày báo cáo.", "issued_on")
    with action_transaction():
        draft = ReportDraft.objects.select_for_update().select_related("org").get(pk=draft.pk)
        access.require_org(user, draft.org_id, access.CHANGE)
        _editable(draft)
        if issued_on < draft.end:
            raise DomainError(
                f"Ngày báo cáo {vn_date(issued_on)} trước ngày kết thúc kỳ báo cáo {vn_date(draft.end)}.", "issued_on"
            )
        draft.data_version = workspace.data_version(draft.org_id)
        draft.frozen = workspace.freeze(draft)
        draft.number, draft.issued_on, draft.signer = number, issued_on, (signer or "").strip()[:120]
        draft.issued_at = timezone.now()
        draft.save()
        _audit(
            AuditAction.REPORT_ISSUE,
            draft,
            draft.org,
            draft.kind,
            draft.start,
            draft.end,
            number=number,
            issued_on=issued_on.isoformat(),
            data_version=draft.data_version,
            edition=draft.edition,
        )
        return draft


def do_reopen(draft: ReportDraft, *, acting_user=access.UNSET) -> ReportDraft:
    """An issued report is reopened as its next edition (the text carried over, figures live again)."""
    user = access.resolve_user(acting_user)
    with action_transaction():
        draft = ReportDraft.objects.select_related("org").get(pk=draft.pk)
        access.require_org(user, draft.org_id, access.CHANGE)
        if not draft.is_issued:
            raise DomainError("Báo cáo chưa ban hành: cứ tiếp tục sửa dự thảo.", "draft")
        if ReportDraft.objects.filter(reopened_from=draft).exists():
            raise DomainError("Báo cáo này đã được mở lại thành phiên bản mới.", "draft")
        new = ReportDraft.objects.create(
            org=draft.org,
            kind=draft.kind,
            start=draft.start,
            end=draft.end,
            request=draft.request,
            edition=draft.edition + 1,
            reopened_from=draft,
            sections=dict(draft.sections),
            targets=dict(draft.targets),
            created_by=user,
        )
        _audit(AuditAction.REPORT_REOPEN, new, draft.org, draft.kind, draft.start, draft.end, edition=new.edition)
        return new


def do_send_request(
    org: Organization, units, kind: str, start, end, deadline, note: str = "", *, acting_user=access.UNSET
) -> ReportRequest:
    """The upper level asks units of its subtree for their report of a kind and period."""
    user = access.resolve_user(acting_user)
    _check_period(kind, start, end)
    if not isinstance(deadline, dt.date):
        raise DomainError("Hãy ghi hạn nộp báo cáo.", "deadline")
    units = list(units)
    if not units:
        raise DomainError("Hãy chọn ít nhất một đơn vị trực thuộc.", "units")
    with action_transaction():
        access.require_org(user, org.id, access.CHANGE)
        ids = {u.id for u in units}
        inside = set(access.within(Organization.objects.filter(id__in=ids), org.id).values_list("id", flat=True))
        outside = [u.name for u in units if u.id not in inside or u.id == org.id]
        if outside:
            raise DomainError(f"Không thuộc {org.name}: {', '.join(outside)}.", "units")
        request = ReportRequest.objects.create(
            org=org, kind=kind, start=start, end=end, deadline=deadline, note=(note or "").strip(), created_by=user
        )
        RequestUnit.objects.bulk_create([RequestUnit(request=request, unit=u) for u in units])
        _audit(
            AuditAction.REPORT_REQUEST,
            request,
            org,
            kind,
            start,
            end,
            units=sorted(u.code for u in units),
            deadline=deadline.isoformat(),
        )
        return request


def do_submit(draft: ReportDraft, *, acting_user=access.UNSET) -> ReportDraft:
    """A unit hands its report to the level that asked for it."""
    user = access.resolve_user(acting_user)
    with action_transaction():
        draft = ReportDraft.objects.select_for_update(of=("self",)).select_related("org", "request").get(pk=draft.pk)
        access.require_org(user, draft.org_id, access.CHANGE)
        if draft.request_id is None:
            raise DomainError("Báo cáo này không trả lời yêu cầu nào của cấp trên.", "request")
        if draft.submitted_at is not None:
            raise DomainError("Báo cáo này đã được nộp.", "request")
        if not draft.sections:
            raise DomainError("Hãy viết và lưu ít nhất một phần của báo cáo trước khi nộp.", "sections")
        draft.submitted_at = timezone.now()
        draft.save(update_fields=["submitted_at", "updated_at"])
        late = today() > draft.request.deadline
        _audit(AuditAction.REPORT_SUBMIT, draft, draft.org, draft.kind, draft.start, draft.end, late=late)
        return draft


def do_pull_passage(source: ReportDraft, target: ReportDraft, section: str, passage: str, *, acting_user=access.UNSET):
    """Append a quoted passage of a unit's submitted report, with the unit's name, to a section of the
    upper level's own draft."""
    user = access.resolve_user(acting_user)
    passage = " ".join((passage or "").split())
    if not passage:
        raise DomainError("Hãy chọn đoạn văn cần trích.", "passage")
    if section not in workspace.SECTION_TITLES:
        raise DomainError("Hãy chọn phần của dự thảo để đưa đoạn trích vào.", "section")
    with action_transaction():
        target = ReportDraft.objects.select_for_update().select_related("org").get(pk=target.pk)
        source = ReportDraft.objects.select_related("org").get(pk=source.pk)
        access.require_org(user, target.org_id, access.CHANGE)
        access.require_org(user, source.org_id, access.VIEW)
        _editable(target)
        if source.submitted_at is None:
            raise DomainError(f"{source.org.name} chưa nộp báo cáo.", "source")
        inside = access.within(Organization.objects.filter(id=source.org_id), target.org_id).exists()
        if not inside or source.org_id == target.org_id:
            raise DomainError(f"{source.org.name} không trực thuộc {target.org.name}.", "source")
        quoted = f"{source.org.name}: «{passage}»"
        current = (target.sections or {}).get(section, "")
        sections = dict(target.sections or {})
        sections[section] = f"{current}\n{quoted}".strip()
        target.sections = sections
        target.revision += 1
        target.save(update_fields=["sections", "revision", "updated_at"])
        ReportRevision.objects.create(
            draft=target, no=target.revision, sections=target.sections, targets=target.targets, saved_by=user
        )
        _audit(
            AuditAction.REPORT_PULL,
            target,
            target.org,
            target.kind,
            target.start,
            target.end,
            section=section,
            source=source.org.code,
            source_draft=source.pk,
        )
        return target
