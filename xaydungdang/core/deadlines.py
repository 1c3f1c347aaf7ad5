"""The deadline registry: every procedural deadline of every kind, one computation.

Each domain app registers its kinds in its `AppConfig.ready()` (core knows no app):

    deadlines.register("recognition_review", "Xét công nhận đảng viên chính thức", provider)

`provider(scope: DeadlineScope) -> Iterable[Deadline]` yields the deadlines OPEN on `scope.on`:
the procedure step is not done by that day (done after it = still open on it), computed from
dated facts only, so `xdd due --on` is right for past days too. A provider limits its rows with
`scope.restrict(queryset)` (the user's scope and the organization's subtree) or `scope.covers(org_id)`.

The reminders page, the dashboard panel, the e-mail digest and `xdd due` all read
`open_deadlines()`: a deadline computed here is THE deadline (docs/procedures.md).

Computed per unit, like the indicator engine's counts (indicators/cache.py `_part_cache`): the
deadlines of an organization's subtree on a day are assembled from parts, one per direct unit of
the organization on that day (its whole subtree) plus one for the organization's own records, each
part cached on the data version of its unit's subtree (core/cache.py `cached_many`; web/cache.py
bumps a unit's version on any write about an organization that was ever under it). After a write
in one commune only that commune's part (and the province's own) is computed again. The parts
missing from the cache are computed together, by ONE run of the providers over all their
organizations, and the rows dealt to their parts by `Deadline.owners`. For this to equal one run
over the whole subtree a provider must be row-wise: each deadline comes from one record, open in a
subtree if and only if one of the record's owning organizations (`owners`, by default `org_id`; the
model's scope rule) is in it. core/tests/test_deadline_parts.py compares both after writes and
across a dissolution date.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Deadline:
    kind: str  # "recognition_review", "admission_decision", ... (stable codes)
    due_on: dt.date
    basis: str  # Vietnamese: the rule and the dated fact it counts from
    member_id: int | None = None
    member_no: str | None = None
    org_id: int | None = None
    org_code: str | None = None
    subject: str = ""  # Vietnamese label of the person/unit shown to users
    url: str = ""  # the page where the user acts on it ("" if none)
    # The organizations whose subtree the deadline is open in (the owners of its record by the
    # model's scope rule: a transfer's two cells); () = (org_id,). Not part of its identity.
    owners: tuple = field(default=(), compare=False, repr=False)

    def overdue(self, on: dt.date) -> bool:
        return self.due_on < on

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


KIND_LABELS: dict[str, str] = {}
_PROVIDERS: dict[str, Callable] = {}
_subtree: dict[str, Callable] = {}


def register(kind: str, label: str, provider) -> None:
    """Register (or replace: an app's ready() may run twice in tests) the provider of a kind."""
    KIND_LABELS[kind] = label
    _PROVIDERS[kind] = provider


def kinds() -> list[str]:
    return list(_PROVIDERS)


def register_subtree(function, tree_on=None) -> None:
    """`function(org_id, on) -> iterable of ids`: the organization and its descendants on a day;
    `tree_on(on)`: the tree on that day, with `subtree(org_id)`, `direct_children(org_id)` and the
    mapping `parent` (organizations/apps.py registers them; core sits below the tree). Without
    `tree_on` nothing is split in parts."""
    _subtree.update(function=function, tree_on=tree_on)


@dataclass(frozen=True)
class DeadlineScope:
    on: dt.date
    org_ids: frozenset | None = None  # the subtree of the chosen organization; None = everything
    user: Any = None  # None (CLI, digest as the system) = unrestricted
    root_org_id: int | None = None
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def restrict(self, queryset, action: str = "view"):
        """The queryset limited to the user's scope and the subtree (by the model's scope rule)."""
        from xaydungdang.core import access

        if self.user is not None:
            queryset = access.restrict(queryset, self.user, action)
        if self.org_ids is not None:
            queryset = queryset.filter(access.owner_q(queryset.model, self.org_ids))
        return queryset

    def covers(self, org_id) -> bool:
        """Is an organization in the subtree and the user's scope?"""
        if self.org_ids is not None and org_id not in self.org_ids:
            return False
        if self.user is None:
            return True
        scope = self._cache.get("user_scope")
        if scope is None:
            from xaydungdang.core import access

            scope = self._cache["user_scope"] = access.scope_for(self.user, "view")
        return scope.covers(org_id)


def make_scope(*, on: dt.date, root_org_id: int | None, user=None) -> DeadlineScope:
    org_ids = None
    if root_org_id is not None:
        function = _subtree.get("function")
        ids = set(function(root_org_id, on)) if function is not None else set()
        org_ids = frozenset(ids | {root_org_id})
    return DeadlineScope(on=on, org_ids=org_ids, user=user, root_org_id=root_org_id)


def open_deadlines(
    *, on: dt.date, root_org_id: int | None, user=None, kinds: Iterable[str] | None = None
) -> list[Deadline]:
    """Every deadline open on `on` in the subtree of `root_org_id` (None = everywhere) that `user`
    may see (None = unrestricted), sorted by due day, then kind and subject. Assembled from the
    cached parts (module docstring) whenever the subtree can be split; the same list as
    `computed_deadlines`."""
    found = _assembled(on, root_org_id, user)
    if found is None:
        return computed_deadlines(on=on, root_org_id=root_org_id, user=user, kinds=kinds)
    if kinds is not None:
        wanted = set(kinds)
        found = [d for d in found if d.kind in wanted]
    return found


def computed_deadlines(
    *, on: dt.date, root_org_id: int | None, user=None, kinds: Iterable[str] | None = None
) -> list[Deadline]:
    """`open_deadlines` by one run of the providers over the whole subtree, nothing cached."""
    return _sorted(_run(make_scope(on=on, root_org_id=root_org_id, user=user), kinds))


def _run(scope: DeadlineScope, kinds: Iterable[str] | None = None) -> list[Deadline]:
    wanted = set(kinds) if kinds is not None else None
    found: list[Deadline] = []
    for kind, provider in _PROVIDERS.items():
        if wanted is not None and kind not in wanted:
            continue
        found.extend(provider(scope))
    return found


def _sorted(found: list[Deadline]) -> list[Deadline]:
    # The whole identity after the order shown: equal keys never depend on the order computed.
    found.sort(
        key=lambda d: (
            d.due_on,
            d.kind,
            d.member_no or d.org_code or "",
            d.subject,
            d.basis,
            d.url,
            d.member_id or 0,
            d.org_id or 0,
            d.member_no or "",
            d.org_code or "",
        )
    )
    return found


# ------------------------------------------------------------------ parts
PART_FORMAT = 1  # bump when Deadline or a provider's output changes shape


@dataclass(frozen=True)
class _Part:
    org_id: int  # the unit the part is cached on (its subtree's version)
    own: bool  # True: the organization's own records only; False: its whole subtree on the day
    org_ids: frozenset
    shared: bool  # True: computed unrestricted (the user's scope covers it all)


def _parts(on: dt.date, root_org_id: int | None, user) -> list[_Part] | None:
    """The parts whose union is the subtree of `root_org_id` on `on` as `user` sees it, or None
    when it cannot be split (no tree registered; everything for an unrestricted reader)."""
    tree_on = _subtree.get("tree_on")
    if tree_on is None:
        return None
    if root_org_id is None and user is None:
        return None  # everywhere, dissolved units and members in no unit included: one run
    scope_ids = None  # None: unrestricted
    if user is not None:
        from xaydungdang.core import access

        scope = access.scope_for(user, "view")
        if not scope.is_global:
            scope_ids = frozenset(scope.org_ids)
    tree = tree_on(on)
    if root_org_id is not None:
        roots = [root_org_id]
    elif scope_ids is None:
        return None  # everywhere, dissolved units and members in no unit included: one run
    else:
        # Everything the user sees: the subtrees of the top organizations of the scope, when they
        # are exactly the scope on that day (today, for a scope made of whole subtrees).
        roots = [o for o in scope_ids if tree.parent.get(o) not in scope_ids]
        covered = set()
        for root in roots:
            covered.update(tree.subtree(root))
            covered.add(root)
        if covered != scope_ids:
            return None
    parts = []
    for root in roots:
        units = [(root, True, frozenset({root}))]
        units += [(unit, False, frozenset(tree.subtree(unit))) for unit in tree.direct_children(root)]
        for unit, own, ids in units:
            shared = scope_ids is None or ids <= scope_ids
            parts.append(_Part(unit, own, ids, shared))
    return parts


def _assembled(on: dt.date, root_org_id: int | None, user) -> list[Deadline] | None:
    from xaydungdang.core import versions, workdays
    from xaydungdang.core.cache import cached_many, scope_signature

    parts = _parts(on, root_org_id, user)
    if parts is None:
        return None
    calendar = versions.get(workdays.VERSION_KEY)
    signature = None
    batch: dict[int, list[Deadline]] = {}
    by_org = {part.org_id: part for part in parts}

    def prepare(missing: list[int]) -> None:
        # Every missing part computable unrestricted in one run of the providers, dealt by owners.
        shared = [by_org[o] for o in missing if by_org[o].shared]
        if not shared:
            return
        owner_of = {org: part.org_id for part in shared for org in part.org_ids}
        every = frozenset(owner_of)
        for part in shared:
            batch[part.org_id] = []
        for deadline in _run(DeadlineScope(on=on, org_ids=every)):
            for unit in dict.fromkeys(owner_of.get(o) for o in (deadline.owners or (deadline.org_id,))):
                if unit is not None:
                    batch[unit].append(deadline)

    def compute(part: _Part) -> list[Deadline]:
        if part.org_id in batch:
            return batch.pop(part.org_id)
        scope = DeadlineScope(on=on, org_ids=part.org_ids, user=None if part.shared else user)
        return _run(scope)

    items = []
    for part in parts:
        if not part.shared and signature is None:
            signature = scope_signature(user)
        who = "all" if part.shared else signature
        key = ("deadline_part", PART_FORMAT, part.org_id, part.own, on.isoformat(), calendar, who)
        items.append((part.org_id, key, lambda part=part: compute(part)))
    found = cached_many("deadline_part", items, prepare)
    return _sorted(_merged(found))


def _merged(parts: list[list[Deadline]]) -> list[Deadline]:
    """The parts' deadlines once each: a record owned in two parts (a transfer between two
    communes) is in both, as many times as one run over both would give it."""
    from collections import Counter

    seen: Counter = Counter()
    merged: list[Deadline] = []
    for part in parts:
        for deadline, times in Counter(part).items():
            if times > seen[deadline]:
                merged.extend([deadline] * (times - seen[deadline]))
                seen[deadline] = times
    return merged


# Reminder buckets (the reminders page, the dashboard panel, the digest).
BUCKETS = (
    ("overdue", "Quá hạn"),
    ("week", "Trong 7 ngày tới"),
    ("month", "Trong 30 ngày tới"),
    ("later", "Sau 30 ngày"),
)


def bucket(deadline: Deadline, on: dt.date) -> str:
    days = (deadline.due_on - on).days
    if days < 0:
        return "overdue"
    if days <= 7:
        return "week"
    if days <= 30:
        return "month"
    return "later"


def grouped(deadlines: Iterable[Deadline], on: dt.date) -> list[tuple[str, str, list[Deadline]]]:
    """[(code, Vietnamese label, deadlines)] in BUCKETS order, empty groups kept."""
    groups: dict[str, list[Deadline]] = {code: [] for code, _ in BUCKETS}
    for deadline in deadlines:
        groups[bucket(deadline, on)].append(deadline)
    return [(code, label, groups[code]) for code, label in BUCKETS]
