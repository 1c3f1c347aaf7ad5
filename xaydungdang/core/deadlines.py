"""The deadline registry: every procedural deadline of every kind, one computation.

Each domain app registers its kinds in its `AppConfig.ready()` (core knows no app):

    deadlines.register("recognition_review", "Xét công nhận đảng viên chính thức", provider)

`provider(scope: DeadlineScope) -> Iterable[Deadline]` yields the deadlines OPEN on `scope.on`:
the procedure step is not done by that day (done after it = still open on it), computed from
dated facts only, so `xdd due --on` is right for past days too. A provider limits its rows with
`scope.restrict(queryset)` (the user's scope and the organization's subtree) or `scope.covers(org_id)`.

The reminders page, the dashboard panel, the e-mail digest and `xdd due` all read
`open_deadlines()`: a deadline computed here is THE deadline (docs/procedures.md).
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


def register_subtree(function) -> None:
    """`function(org_id, on) -> iterable of ids`: the organization and its descendants on a day
    (organizations/apps.py registers it; core sits below the tree)."""
    _subtree["function"] = function


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
    may see (None = unrestricted), sorted by due day, then kind and subject."""
    scope = make_scope(on=on, root_org_id=root_org_id, user=user)
    wanted = set(kinds) if kinds is not None else None
    found: list[Deadline] = []
    for kind, provider in _PROVIDERS.items():
        if wanted is not None and kind not in wanted:
            continue
        found.extend(provider(scope))
    found.sort(key=lambda d: (d.due_on, d.kind, d.member_no or d.org_code or "", d.subject))
    return found


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
