"""A record-rules context answered from plain data, for unit tests of the apps' rules.py.

It answers the same questions as members.context.DbContext (and the importer's context) without a
database: does an organization exist on a day or during a period, where was a member, their labels.
"""

import datetime as dt
from dataclasses import dataclass, field

from xaydungdang.members.lifecycle import Result, Span


@dataclass
class FakeOrg:
    name: str
    code: str
    established_on: dt.date
    dissolved_on: dt.date | None = None


@dataclass
class FakeMember:
    name: str
    member_no: str
    spans: list[Span] = field(default_factory=list)


def span(cell_id: int, start: dt.date, end: dt.date | None = None, *, official: bool = True) -> Span:
    return Span(cell_id, start, end, official, exempt=False, away=False)


class FakeContext:
    def __init__(self, today: dt.date, orgs: dict[int, FakeOrg], members: dict[int, FakeMember] | None = None):
        self.today = today
        self.orgs = orgs
        self.members = members or {}

    def org_exists_on(self, org_id, day: dt.date) -> bool:
        org = self.orgs.get(org_id)
        return bool(org and org.established_on <= day and (org.dissolved_on is None or day < org.dissolved_on))

    def org_exists_during(self, org_id, start: dt.date, end: dt.date) -> bool:
        org = self.orgs.get(org_id)
        return bool(org and org.established_on <= end and (org.dissolved_on is None or org.dissolved_on > start))

    def org_label(self, org_id) -> str:
        org = self.orgs.get(org_id)
        return f"{org.name} ({org.code})" if org else str(org_id)

    def member_result(self, member_id) -> Result:
        return Result(spans=list(self.members[member_id].spans))

    def member_label(self, member_id) -> str:
        member = self.members[member_id]
        return f"{member.name} ({member.member_no})"


def set_member_row(member, **values) -> None:
    """Tests' shortcut: write values on a member's row directly (no action, no audit), then save it
    once so the spans' copies of the row follow (as Member.save keeps them)."""
    from xaydungdang.members.models import Member

    Member.objects.filter(pk=member.pk).update(**values)
    Member.objects.get(pk=member.pk).save()
