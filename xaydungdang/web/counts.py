"""Members per organization at a day, for the navigator: the indicator engine's own
`members_at` (one GROUP BY over the derived intervals rolled up through that day's tree), so
the counts equal `members.total`; cached on the data version."""

import datetime as dt

from xaydungdang.organizations.tree import load_tree
from xaydungdang.web.cache import cached


def members_by_org(day: dt.date) -> dict[int, int]:
    """{org_id: members at the end of `day`} for every organization existing that day."""
    from xaydungdang.indicators.engine import members_at

    def compute():
        return members_at(list(load_tree().snapshot(day).parent), day)

    return cached("members_by_org", (day.isoformat(),), compute)
