"""Facts that record rules need (does an organization exist on a day, where was a member),
answered from the database. The importer answers the same questions from its dataset."""

import datetime as dt

from xaydungdang.core.dates import today
from xaydungdang.members import projection
from xaydungdang.members.lifecycle import Result
from xaydungdang.members.models import Member
from xaydungdang.organizations.tree import load_tree


class DbContext:
    def __init__(self):
        self.tree = load_tree()
        self.today = today()
        self._results: dict[int, Result] = {}
        self._members: dict[int, Member] = {}

    def org_exists_on(self, org_id, day: dt.date) -> bool:
        info = self.tree.orgs.get(org_id)
        return bool(info and info.exists_on(day))

    def org_exists_during(self, org_id, start: dt.date, end: dt.date) -> bool:
        info = self.tree.orgs.get(org_id)
        return bool(info and info.exists_during(start, end))

    def org_kind(self, org_id) -> str | None:
        info = self.tree.orgs.get(org_id)
        return info.kind if info else None

    def org_label(self, org_id) -> str:
        info = self.tree.orgs.get(org_id)
        return f"{info.name} ({info.code})" if info else str(org_id)

    def member(self, member_id) -> Member:
        if member_id not in self._members:
            self._members[member_id] = Member.objects.get(pk=member_id)
        return self._members[member_id]

    def member_result(self, member_id) -> Result:
        if member_id not in self._results:
            self._results[member_id] = projection.replay_member(self.member(member_id), tree=self.tree)
        return self._results[member_id]

    def member_label(self, member_id) -> str:
        member = self.member(member_id)
        return f"{member.full_name} ({member.member_no})"
