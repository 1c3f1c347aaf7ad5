"""record_event is one action transaction (core/transactions.action_transaction): the event, the
replayed spans and the audit row commit together or not at all. A backup taken while others write
(ops test_consistency) found events without their audit row when the decorator had slipped onto
a helper defined above it."""

import datetime as dt

import pytest

from xaydungdang.core import audit
from xaydungdang.members import actions
from xaydungdang.members.models import MemberEvent
from xaydungdang.web.tests.conftest import people  # noqa: F401  (the fixture)


def test_an_event_is_not_written_without_its_audit_row(people, monkeypatch):  # noqa: F811
    def audit_down(*args, **kwargs):
        raise RuntimeError("audit down")

    before = MemberEvent.objects.count()
    monkeypatch.setattr(audit, "record", audit_down)
    with pytest.raises(RuntimeError):
        actions.record_event(people["an"], "away_started", dt.date(2024, 2, 3))
    assert MemberEvent.objects.count() == before
