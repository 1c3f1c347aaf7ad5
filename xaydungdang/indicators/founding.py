"""An organization founded during a period (a reorganization: the commune committees of 1/7/2025
take over cells and committees from the districts) has no "last year" to compare with: its
members were received, not gained. What pages and reports say instead — "Thành lập 01/07/2025
(tiếp nhận 1.946 đảng viên từ 28 tổ chức đảng trước đây trực thuộc Đảng bộ huyện Kế Sách)" —
comes from here, from the dated tree and the engine's own head count."""

import datetime as dt
from dataclasses import dataclass

from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.formatting import integer
from xaydungdang.core.text import vi_sort_key
from xaydungdang.organizations.tree import load_tree

DAY = dt.timedelta(days=1)
NAMED = 3  # up to this many sources are named; more are counted


@dataclass(frozen=True)
class Founding:
    on: dt.date
    received: int  # members of its subtree at the end of the founding day
    sources: tuple[str, ...]  # the organizations that came under it with their members
    former_parents: tuple[str, ...]  # where those organizations hung the day before

    def _from(self) -> str:
        if not self.sources:
            return ""
        if len(self.sources) <= NAMED:
            names = list(self.sources)
            return " từ " + (", ".join(names[:-1]) + " và " + names[-1] if len(names) > 1 else names[0])
        above = f" trước đây trực thuộc {' và '.join(self.former_parents)}" if self.former_parents else ""
        return f" từ {integer(len(self.sources))} tổ chức đảng{above}"

    @property
    def received_phrase(self) -> str:
        """'tiếp nhận 1.946 đảng viên từ …' ('' when nobody came in on the day)."""
        return f"tiếp nhận {integer(self.received)} đảng viên{self._from()}" if self.received else ""

    @property
    def text(self) -> str:
        """'Thành lập 01/07/2025 (tiếp nhận 1.946 đảng viên từ …)', for a page."""
        received = self.received_phrase
        return f"Thành lập {fmt_date(self.on)}" + (f" ({received})" if received else "")

    @property
    def clause(self) -> str:
        """'thành lập ngày 01/07/2025, tiếp nhận 1.946 đảng viên từ …', mid-sentence in a report."""
        received = self.received_phrase
        return f"thành lập ngày {fmt_date(self.on)}" + (f", {received}" if received else "")

    def change_since(self, total: int) -> int:
        """Members gained (+) or lost (−) since the founding, for `total` at the period's end."""
        return total - self.received


def founding_in(org_id: int, start: dt.date, end: dt.date) -> Founding | None:
    """How the organization began, if it was founded within [start, end]; else None."""
    from xaydungdang.indicators.engine import members_at

    tree = load_tree()
    info = tree.orgs.get(org_id)
    if info is None or not start <= info.established_on <= end:
        return None
    day = info.established_on
    moved_in = [c for c in tree.snapshot(day).direct_children(org_id) if tree.orgs[c].established_on < day]
    moved_in.sort(key=lambda c: vi_sort_key(tree.orgs[c].name))
    parents = {tree.parent_at(c, day - DAY) for c in moved_in}
    return Founding(
        on=day,
        received=members_at([org_id], day)[org_id],
        sources=tuple(tree.orgs[c].name for c in moved_in),
        former_parents=tuple(
            sorted((tree.orgs[p].name for p in parents if p is not None and p != org_id), key=vi_sort_key)
        ),
    )
