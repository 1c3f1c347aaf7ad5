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


def members_under(org_id: int, day: dt.date) -> dict[int, int]:
    """members_by_org restricted to `org_id` and its direct children that day (a dashboard), keyed
    on the version of its subtree: a write elsewhere leaves it warm."""
    from xaydungdang.indicators.engine import members_at

    def compute():
        return members_at([org_id, *load_tree().snapshot(day).direct_children(org_id)], day)

    return cached("members_under", (org_id, day.isoformat()), compute, org_id=org_id)
