"""Keeping the dashboards people open warm: the first one after signing in, and again after a write.

`xdd serve` runs `run()` in a thread of its own process (beside gunicorn, core.cache.start_warmer).
It computes, into the shared cache, what an organization's dashboard reads (indicators.cache
report_data for the current year, the alert counts of the viewer's scope, the deadlines panel, the
member counts, the charts) for:
  * every active user's own top organizations (the page after signing in), at start;
  * every dashboard opened in the last hours (`seen`, called by the dashboard view);
and then, twice a second, again for each of them whose subtree's data version changed (a write in
it, web/cache.py bump_touched): the next visit finds the figures computed. It calls the same
cached functions as the page, keyed on the same versions, so it changes no figure: a page asking
before it is done computes the figure itself.
"""

import logging
import os
import threading
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)
HOT_KEY = "xdd:warm:hot"
HOT_SECONDS = 8 * 3600
HOT_MAX = 64
_recent: dict[tuple[int, int], float] = {}


def enabled() -> bool:
    return os.environ.get("XDD_WARM", "1") != "0"


def seen(user, org_id: int) -> None:
    """A dashboard was opened: keep it warm for a while (best effort, shared by the processes)."""
    if not getattr(user, "is_authenticated", False):
        return
    pair, now = (user.pk, org_id), time.time()
    if now - _recent.get(pair, 0) < 300:
        return
    _recent[pair] = now
    hot = cache.get(HOT_KEY) or {}
    hot[pair] = now
    if len(hot) > HOT_MAX:
        hot = dict(sorted(hot.items(), key=lambda item: item[1])[-HOT_MAX:])
    cache.set(HOT_KEY, hot, HOT_SECONDS)


HOME_USERS = 20


def home_pairs() -> list[tuple[int, int]]:
    """(user id, organization id) of the own top organizations of the HOME_USERS active users who
    signed in last (those who never did come after, in the order the accounts were made, so a fresh
    install warms every account's, the first one's first — the demo's `admin`)."""
    from django.contrib.auth import get_user_model
    from django.db.models import F

    from xaydungdang.core.dates import today
    from xaydungdang.organizations.views import visible_roots

    pairs: dict[tuple[int, int], None] = {}
    users = get_user_model().objects.filter(is_active=True).order_by(F("last_login").desc(nulls_last=True), "pk")
    for user in users[:HOME_USERS]:
        pairs.update(dict.fromkeys((user.pk, org_id) for org_id in visible_roots(user, today())))
    return list(pairs)


def warm_dashboard(user, org_id: int) -> None:
    """What the dashboard of `org_id` reads for `user` this year, computed into the caches."""
    from xaydungdang.alerts.cache import alert_counts_for
    from xaydungdang.alerts.reminders import panel_for
    from xaydungdang.core.dates import today
    from xaydungdang.organizations.tree import load_tree
    from xaydungdang.web import charts, figures
    from xaydungdang.web.counts import members_under

    day = today()
    info = load_tree().orgs.get(org_id)
    if info is None or not info.exists_on(day):
        return
    members_under(org_id, day)
    start, end = figures.year_period(day.year)
    data = figures.report_data(info.code, start, end)
    charts.dashboard_charts(data)
    alert_counts_for(user, org_id)
    # The deadlines panel (alerts/reminders.py): a province has thousands of open deadlines, the
    # dashboard's dearest part once the figures are cached.
    panel_for(user, org_id)


def _depth(org_id: int) -> int:
    from xaydungdang.core.dates import today
    from xaydungdang.organizations.tree import load_tree

    return len(load_tree().snapshot(today()).ancestors_cached(org_id))


def sweep(versions_seen: dict, pairs: list[tuple[int, int]]) -> int:
    """Warm each pair whose version changed since `versions_seen`; the number warmed. Pairs never
    warmed come first, in the given order (at start: the accounts' home pages); then those a write
    changed, lower (smaller, quicker) units first."""
    from django.contrib.auth import get_user_model

    from xaydungdang.core.cache import data_version
    from xaydungdang.core.dates import today

    day = today()
    versions = {org_id: (data_version(org_id), day) for org_id in {org_id for _user, org_id in pairs}}
    changed = [pair for pair in dict.fromkeys(pairs) if versions_seen.get(pair) != versions[pair[1]]]
    order = {pair: i for i, pair in enumerate(changed)}
    if not changed:
        return 0
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in={u for u, _ in changed}, is_active=True)}
    warmed = 0
    for user_id, org_id in sorted(
        changed, key=lambda pair: (pair in versions_seen, -_depth(pair[1]) if pair in versions_seen else order[pair])
    ):
        user = users.get(user_id)
        if user is None:
            continue
        warm_dashboard(user, org_id)
        versions_seen[(user_id, org_id)] = versions[org_id]
        warmed += 1
    for user_id, org_id in changed:  # then the units' alert counts, which later writes add up
        if user_id in users:
            warm_units(users[user_id], org_id)
    return warmed


def warm_units(user, org_id: int) -> None:
    """The alert counts of a committee's direct units (alerts.cache composes the committee's from
    them, so a write in one unit recomputes only that unit's)."""
    from xaydungdang.alerts.cache import alert_counts_for, units_to_compose

    for unit in units_to_compose(org_id):
        alert_counts_for(user, unit)


def run(stop: threading.Event | None = None, interval: float = 0.5) -> None:
    """The warmer's loop (until `stop` is set); errors are logged and the loop goes on."""
    from django.db import close_old_connections

    stop = stop or threading.Event()
    versions_seen: dict = {}
    homes: list = []
    homes_at = 0.0
    while not stop.is_set():
        try:
            close_old_connections()
            if time.monotonic() - homes_at > 600:
                homes, homes_at = home_pairs(), time.monotonic()
            cutoff = time.time() - HOT_SECONDS
            hot = [pair for pair, at in (cache.get(HOT_KEY) or {}).items() if at > cutoff]
            started = time.monotonic()
            warmed = sweep(versions_seen, homes + hot)
            if warmed:
                logger.info("warmed %d dashboards in %.1f s", warmed, time.monotonic() - started)
        except Exception:  # the warmer must never stop the server; a page computes what it lacks
            logger.exception("dashboard warmer")
            time.sleep(10)
        stop.wait(interval)
