"""The audit actions are one enum: an unknown action fails, every action written in the code and
every event type is in it, the trail's labels and the dashboard's reads come from it."""

import re
from pathlib import Path

import pytest
from django.apps import apps

from xaydungdang.core import audit
from xaydungdang.core.auditactions import READS, AuditAction
from xaydungdang.core.models import AuditEntry, VoidableRecord

PACKAGE = Path(__file__).resolve().parents[2]


def test_unknown_action_is_refused_and_writes_nothing(db):
    with pytest.raises(ValueError, match="unknown audit action 'event.voided'"):
        audit.record("event.voided", model="members.memberevent")
    with pytest.raises(ValueError):
        audit.record_detached("member.clashed", model="members.member")
    assert not AuditEntry.objects.exists()


def test_members_and_their_strings_are_stored_the_same(db):
    audit.record(AuditAction.ORG_FOUND, model="organizations.organization")
    audit.record("org.found", model="organizations.organization")
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["org.found", "org.found"]


def test_every_event_type_has_its_action():
    from xaydungdang.members.models import EventType

    for kind in EventType:
        action = AuditAction.event(kind)
        assert action.value == f"event.{kind.value}"
        assert action.label == f"Ghi biến động: {kind.label}"
    for entry in ("admitted", "transferred_in", "opening"):  # members.actions.enter_member
        assert AuditAction.of(f"member.{entry}")


def test_every_record_voided_through_recording_has_its_action():
    skip = {"members.memberevent", "organizations.orgmove"}  # their own void actions (event.void) or none
    models = [m for m in apps.get_models() if issubclass(m, VoidableRecord) and m._meta.label_lower not in skip]
    assert len(models) >= 10
    for model in models:
        assert AuditAction.void_of(model).label.startswith("Hủy")


def test_report_formats_have_their_actions():
    from xaydungdang.reports.service import FORMATS

    for fmt in FORMATS:
        assert AuditAction.of(f"report.{fmt}")


def test_every_action_written_in_the_code_is_known():
    """Literal actions anywhere in the package (the web views included) are enum values."""
    pattern = re.compile(r"(?:audit\.record(?:_detached)?|_audit_list|_audit_member|_record|_audit)\(\s*\"([a-z_.]+)\"")
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for action in pattern.findall(path.read_text(encoding="utf-8")):
            found.setdefault(action, path.relative_to(PACKAGE))
    assert found, "the pattern no longer finds the call sites"
    unknown = {a: str(p) for a, p in found.items() if a not in AuditAction.values}
    assert not unknown


def test_trail_labels_come_from_the_enum():
    from xaydungdang.accounts.audit_trail import VERBS, action_label

    assert VERBS == {a.value: a.label for a in AuditAction}
    assert action_label("event.admitted") == "Ghi biến động: Kết nạp"
    assert action_label("rating.void") == "Hủy bản ghi xếp loại"
    assert action_label("something.older") == "something.older"  # an entry no version knows: shown as stored


def test_dashboard_reads_are_the_enum_reads():
    from xaydungdang.web.cache import READ_ONLY_ACTIONS

    for action in AuditAction:
        assert action.value.startswith(READ_ONLY_ACTIONS) == (action in READS), action
