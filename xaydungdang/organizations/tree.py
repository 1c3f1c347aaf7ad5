"""The dated organization tree, held in memory.

All organizations and their derived parent links are loaded once per data version (about
60.000 rows nationally), then "the subtree of O at T" is a walk over plain dicts.
"""

import bisect
import datetime as dt
import threading
from dataclasses import dataclass
from functools import cached_property

from xaydungdang.core import versions
from xaydungdang.organizations.models import CELL_KINDS, GRASSROOTS_KINDS

TREE_VERSION_KEY = versions.TREE_KEY


@dataclass(frozen=True, slots=True)
class OrgInfo:
    id: int
    code: str
    name: str
    kind: str
    established_on: dt.date
    dissolved_on: dt.date | None
    locality_id: int | None
    successor_id: int | None = None  # merged into (hợp nhất, sáp nhập), when recorded

    def exists_on(self, day: dt.date) -> bool:
        return self.established_on <= day and (self.dissolved_on is None or day < self.dissolved_on)

    def exists_during(self, start: dt.date, end: dt.date) -> bool:
        return self.established_on <= end and (self.dissolved_on is None or self.dissolved_on > start)

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS


class Snapshot:
    """The tree over a span of days in which no organization changes parent.

    For a single day it is "the tree at T"; for an epoch between two move dates every
    organization existing some time in it has exactly one parent.
    """

    def __init__(self, tree: "Tree", start: dt.date, end: dt.date):
        self.tree = tree
        self.start = start
        self.end = end
        parent: dict[int, int | None] = {}
        for org_id, segments in tree.links.items():
            info = tree.orgs[org_id]
            if not info.exists_during(start, end):
                continue
            for seg_start, seg_end, parent_id in segments:
                if seg_start <= end and (seg_end is None or seg_end > start):
                    parent[org_id] = parent_id
                    break
        self.parent = parent
        children: dict[int, list[int]] = {}
        for org_id, parent_id in parent.items():
            if parent_id is not None and parent_id in parent:
                children.setdefault(parent_id, []).append(org_id)
        self.children = children

    def __contains__(self, org_id: int) -> bool:
        return org_id in self.parent

    def ancestors(self, org_id: int) -> list[int]:
        """org_id and its ancestors, nearest first (empty if it does not exist)."""
        chain = []
        current = org_id if org_id in self.parent else None
        while current is not None and current in self.parent:
            chain.append(current)
            current = self.parent[current]
        return chain

    @cached_property
    def _ancestor_cache(self) -> dict[int, tuple[int, ...]]:
        return {}

    def ancestors_cached(self, org_id: int) -> tuple[int, ...]:
        cache = self._ancestor_cache
        found = cache.get(org_id)
        if found is None:
            found = tuple(self.ancestors(org_id))
            cache[org_id] = found
        return found

    def subtree(self, org_id: int) -> list[int]:
        """org_id and every descendant, depth-first (empty if it does not exist)."""
        if org_id not in self.parent:
            return []
        result, stack = [], [org_id]
        while stack:
            current = stack.pop()
            result.append(current)
            stack.extend(self.children.get(current, ()))
        return result

    def direct_children(self, org_id: int) -> list[int]:
        return list(self.children.get(org_id, ()))

    def roots(self) -> list[int]:
        return [o for o, p in self.parent.items() if p is None or p not in self.parent]

    def reaches(self, org_id: int, root_id: int) -> bool:
        return root_id in self.ancestors_cached(org_id)


class Tree:
    def __init__(self, orgs: dict[int, OrgInfo], links: dict[int, list[tuple]], version: int):
        self.orgs = orgs
        self.links = links
        self.version = version
        self.by_code = {info.code: org_id for org_id, info in orgs.items()}
        # Days on which some organization changes parent after its founding: the tree is
        # constant between two consecutive such days.
        change_days = set()
        for segments in links.values():
            for seg_start, _seg_end, _parent in segments[1:]:
                change_days.add(seg_start)
        self.change_days = sorted(change_days)
        self._snapshots: dict[tuple, Snapshot] = {}
        self._lock = threading.Lock()

    def get(self, code: str) -> OrgInfo | None:
        org_id = self.by_code.get(code)
        return self.orgs.get(org_id) if org_id is not None else None

    def snapshot(self, day: dt.date) -> Snapshot:
        return self._snapshot(day, day)

    def _snapshot(self, start: dt.date, end: dt.date) -> Snapshot:
        key = (start, end)
        snap = self._snapshots.get(key)
        if snap is None:
            snap = Snapshot(self, start, end)
            with self._lock:
                if len(self._snapshots) > 256:
                    self._snapshots.clear()
                self._snapshots[key] = snap
        return snap

    def epochs(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
        """Split [start, end] at the days the tree changes."""
        lo = bisect.bisect_right(self.change_days, start)
        hi = bisect.bisect_right(self.change_days, end)
        cuts = self.change_days[lo:hi]
        result, current = [], start
        for cut in cuts:
            result.append((current, cut - dt.timedelta(days=1)))
            current = cut
        result.append((current, end))
        return result

    def epoch_index(self, day: dt.date) -> int:
        """Which of the global epochs (spans between change days) contains `day`."""
        return bisect.bisect_right(self.change_days, day)

    def epoch_by_index(self, index: int) -> Snapshot:
        """The tree during global epoch `index`: each organization existing in it has one parent."""
        start = self.change_days[index - 1] if index > 0 else dt.date.min
        end = self.change_days[index] - dt.timedelta(days=1) if index < len(self.change_days) else dt.date.max
        return self._snapshot(start, end)

    def epoch_of(self, day: dt.date) -> Snapshot:
        return self.epoch_by_index(self.epoch_index(day))

    def absorbed(self, org_id: int) -> list[int]:
        """The organizations merged into `org_id` (their successor), earliest dissolution first."""
        found = [o for o, info in self.orgs.items() if info.successor_id == org_id]
        return sorted(found, key=lambda o: (self.orgs[o].dissolved_on or dt.date.max, self.orgs[o].code))

    def fate(self, org_id: int) -> tuple[dt.date, int | None] | None:
        """For a dissolved organization: (its dissolution day, the living organization that carries
        it on today: its recorded successor, followed through later mergers; None when none was
        recorded or the chain ends in a dissolved one). None if it is not dissolved."""
        info = self.orgs.get(org_id)
        if info is None or info.dissolved_on is None:
            return None
        current, seen = info.successor_id, {org_id}
        while current is not None and current in self.orgs and current not in seen:
            if self.orgs[current].dissolved_on is None:
                return info.dissolved_on, current
            seen.add(current)
            current = self.orgs[current].successor_id
        return info.dissolved_on, None

    def parent_at(self, org_id: int, day: dt.date) -> int | None:
        for seg_start, seg_end, parent_id in self.links.get(org_id, ()):
            if seg_start <= day and (seg_end is None or day < seg_end):
                return parent_id
        return None


_cache: dict[str, Tree] = {}
_cache_lock = threading.Lock()


def load_tree() -> Tree:
    from xaydungdang.organizations.models import Organization, OrgLink

    version = versions.get(TREE_VERSION_KEY)
    cached = _cache.get("tree")
    if cached is not None and cached.version == version:
        return cached
    orgs = {
        row[0]: OrgInfo(*row)
        for row in Organization.objects.values_list(
            "id", "code", "name", "kind", "established_on", "dissolved_on", "locality_id", "successor_id"
        ).iterator(chunk_size=10000)
    }
    links: dict[int, list[tuple]] = {}
    for org_id, parent_id, start, end in (
        OrgLink.objects.order_by("org_id", "start")
        .values_list("org_id", "parent_id", "start", "end")
        .iterator(chunk_size=10000)
    ):
        links.setdefault(org_id, []).append((start, end, parent_id))
    tree = Tree(orgs, links, version)
    with _cache_lock:
        _cache["tree"] = tree
    return tree


def invalidate() -> None:
    """Called by every write to organizations, moves or links (inside its transaction)."""
    versions.bump(TREE_VERSION_KEY)
    _cache.pop("tree", None)
