"""The one indicator engine (spec/indicators.md).

Every figure on a screen, in JSON, DOCX, PDF or XLSX comes from here. The method:

* stock figures ("members at T"): one grouped scan of the derived member intervals per cell,
  rolled up through the tree as of T in memory;
* period figures (admissions, screening, inspections, ...): each table grouped in SQL by owner,
  category and a date bucket; buckets split the range at the period boundaries and at the days
  the tree changes, so every bucket is rolled up through the one tree valid during it.

Several "roots" (the organization and its direct children for the annex) and two periods (the
report's and the previous one of the same length) are computed from the same scans.
"""

import datetime as dt
import re
import threading
from collections import Counter, defaultdict
from contextlib import contextmanager
from contextvars import ContextVar, copy_context
from functools import cached_property, partial

import numpy as np
from django.db import connection, connections, transaction

from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.admissions.models import Target
from xaydungdang.core.dates import date_ord, previous_period
from xaydungdang.core.dbrouter import read_connection
from xaydungdang.core.errors import DomainError
from xaydungdang.core.formatting import pct
from xaydungdang.core.rules import cell_below_minimum, latest_joined_overdue, latest_joined_with_probation_ended
from xaydungdang.core.text import vi_sort_key
from xaydungdang.indicators.coverage import data_start, records
from xaydungdang.indicators.keys import KEYS
from xaydungdang.inspections.models import Discipline, Inspection
from xaydungdang.members.models import Member, MemberEvent, MemberSpan
from xaydungdang.organizations.models import GRASSROOTS_KINDS, Locality, Organization, OrgKind
from xaydungdang.organizations.tree import Tree, load_tree
from xaydungdang.reviews.models import Rating, Screening

DAY = dt.timedelta(days=1)
CURRENT, PREVIOUS = 0, 1
AGE_BANDS = [
    ("upto_30", None, 30),
    ("31_40", 31, 40),
    ("41_50", 41, 50),
    ("51_60", 51, 60),
    ("61_70", 61, 70),
    ("over_70", 71, None),
]
AGE_CUTS = (31, 41, 51, 61, 71)  # lower bounds of every band but the first
# The stock scan's figures per day, in column order; `_age_ge.N` counts members aged N or more.
STOCK_NAMES = (
    [
        "members.total",
        "members.official",
        "members.female",
        "members.ethnic_minority",
        "members.religious",
        "members.exempt",
        "members.away",
        "probation.due",
    ]
    + [f"_age_ge.{n}" for n in AGE_CUTS]
    + [f"_age_ge_female.{n}" for n in AGE_CUTS]
)
MOVEMENT_TYPES = (
    "admitted",
    "recognized_official",
    "transferred",
    "transferred_in",
    "transferred_out",
    "struck_off",
    "dismissed",
    "died",
)
RATING_LEVELS = ("excellent", "good", "complete", "incomplete")
DISCIPLINE_MEMBER_LEVELS = ("reprimand", "warning", "dismissal", "expulsion")


def q(name: str) -> str:
    return connection.ops.quote_name(name)


def table(model) -> str:
    return q(model._meta.db_table)


@contextmanager
def reading():
    """Every query of one computation reads the same snapshot (PostgreSQL: a read-only
    REPEATABLE READ transaction), with enough work memory that the grouped scans of a large
    database do not spill to disk. Inside it, `beside()` may run reads on further connections
    that import this transaction's snapshot."""
    connection = read_connection()  # the replica in a replica request (core/dbrouter.py), else the primary
    if connection.vendor != "postgresql":
        yield
        return
    if connection.in_atomic_block:  # already inside a transaction: only the tuning applies
        with connection.cursor() as cursor:
            cursor.execute(TUNING)
        yield
        return
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute(TUNING)
        shared = _Shared(connection.alias)
        token = _shared.set(shared)
        try:
            yield
        finally:
            _shared.reset(token)
            shared.join()  # the exported snapshot lives as long as this transaction


TUNING = "SET LOCAL work_mem = '64MB'"
_SNAPSHOT_ID = re.compile(r"^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$")


class _Shared:
    """The snapshot of one reading() transaction, exported once for the connections beside it."""

    def __init__(self, alias: str):
        self.alias = alias
        self.depth = len(connections[alias].atomic_blocks)  # reading()'s own transaction
        self.snapshot: str | None = None
        self.failed = False
        self.threads: list[threading.Thread] = []

    def export(self) -> str | None:
        """The snapshot's id (exported once), or None inside a savepoint, which cannot export it."""
        connection = connections[self.alias]
        if self.snapshot is None and not self.failed and len(connection.atomic_blocks) == self.depth:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                found = cursor.fetchone()[0]
            self.snapshot = found if _SNAPSHOT_ID.match(found or "") else None
            self.failed = self.snapshot is None
        return self.snapshot

    def join(self) -> None:
        for thread in self.threads:
            thread.join()


_shared: ContextVar["_Shared | None"] = ContextVar("xdd_reading_shared", default=None)


class Beside:
    """The result of a read started by `beside()`."""

    def __init__(self, function):
        self._function, self._done, self._value, self._error = function, False, None, None
        self._thread: threading.Thread | None = None

    def result(self):
        if self._thread is not None:
            self._thread.join()
        elif not self._done:  # run here, now (no connection beside)
            self._value, self._done = self._function(), True
        if self._error is not None:
            raise self._error
        return self._value


def beside(function, here: bool = False) -> Beside:
    """Start `function` (reads only, through `_fetch`/`read_connection()`) on a connection of its own
    reading the snapshot of the enclosing reading() transaction, so a long grouped scan runs while
    this thread goes on (PostgreSQL; the server runs each statement in its own process). Anywhere
    else (SQLite, a transaction opened by someone else, a test's transaction) the function runs
    when its result is asked for, as it does with `here` (work too small to pay for a connection).
    Call .result() before reading() ends."""
    job = Beside(function)
    shared = None if here else _shared.get()
    snapshot = shared.export() if shared is not None else None
    if snapshot is None:
        return job
    context = copy_context()  # the database router's state of this request

    def run():
        try:
            job._value = context.run(_read_beside, shared.alias, snapshot, function)
        except BaseException as error:  # handed to the caller by result()
            job._error = error
        finally:
            job._done = True
            connections[shared.alias].close()  # this thread's own connection

    job._thread = threading.Thread(target=run, name="xdd-beside", daemon=True)
    shared.threads.append(job._thread)
    job._thread.start()
    return job


def _read_beside(alias: str, snapshot: str, function):
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")  # checked: hexadecimal and dashes only
        cursor.execute(TUNING)
        cursor.execute("SET LOCAL jit = off")
        return function()


def _fetch(sql: str, params) -> list[tuple]:
    with read_connection().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Buckets:
    """Split a date range at given cut days; a SQL CASE maps a date column to a bucket index."""

    def __init__(self, start: dt.date, end: dt.date, cuts):
        self.start, self.end = start, end
        self.cuts = sorted({c for c in cuts if start < c <= end})
        self.starts = [start] + self.cuts

    def sql(self, column: str) -> tuple[str, list]:
        if not self.cuts:
            return "0", []
        parts = ["CASE"]
        params = []
        for index, cut in enumerate(self.cuts):
            parts.append(f"WHEN {column} < %s THEN {index}")
            params.append(cut)
        parts.append(f"ELSE {len(self.cuts)} END")
        return " ".join(parts), params

    def first_day(self, index: int) -> dt.date:
        return self.starts[index]

    def resolve(self, acc: "Accumulator", tree: Tree) -> list[tuple]:
        """(period or None, tree snapshot) per bucket; a bucket lies in one period and one epoch."""
        return [(acc.period_of(day), tree.epoch_of(day)) for day in self.starts]


class Accumulator:
    """Per-period, per-root counters and the roll-up of an owner through a tree."""

    def __init__(self, tree: Tree, roots: list[int], periods: list[tuple[dt.date, dt.date]]):
        self.tree = tree
        self.roots = roots
        self.root_set = set(roots)
        self.periods = periods
        self.values = [{root: defaultdict(int) for root in roots} for _ in periods]
        # Official members per cell at each period's end (for cells below three).
        self.official_by_cell: list[dict] = [{} for _ in periods]
        self.series: dict[int, dict] = {root: defaultdict(int) for root in roots}
        self.series_roots: list[int] = list(roots)  # whose head counts at the series days are wanted
        self._reach: dict[tuple, tuple] = {}

    def period_of(self, day: dt.date) -> int | None:
        for index, (start, end) in enumerate(self.periods):
            if start <= day <= end:
                return index
        return None

    def reached(self, snapshot, owner) -> tuple:
        """The roots whose subtree (in `snapshot`) contains `owner`."""
        key = (id(snapshot), owner)
        found = self._reach.get(key)
        if found is None:
            found = tuple(a for a in snapshot.ancestors_cached(owner) if a in self.root_set) if owner else ()
            self._reach[key] = found
        return found

    def add(self, period: int, snapshot, owner, key: str, amount: int = 1, own: bool = False) -> None:
        if not amount:
            return
        for root in self.reached(snapshot, owner):
            self.values[period][root][key] += amount
            if own and root == owner:
                self.values[period][root]["own." + key] += amount

    def counts(self) -> dict:
        """What was counted, as plain data (cached per group by Engine.compute_roots)."""
        return {
            "values": [{root: dict(v) for root, v in period.items()} for period in self.values],
            "official": self.official_by_cell,
            "series": {root: dict(v) for root, v in self.series.items()},
        }

    def add_up(self, counts: dict) -> None:
        """Add another group's `counts()` (its organizations are not this one's)."""
        for mine, theirs in zip(self.values, counts["values"]):
            for root, values in theirs.items():
                target = mine[root]
                for key, value in values.items():
                    target[key] += value
        for mine, theirs in zip(self.official_by_cell, counts["official"]):
            mine.update(theirs)
        for root, values in counts["series"].items():
            target = self.series[root]
            for day, value in values.items():
                target[day] += value

    def add_counts(self, period: int, snapshot, owner, counts) -> None:
        """Several (key, amount) pairs for one owner: its roots are looked up once."""
        reach = self.reached(snapshot, owner)
        if reach:
            values = self.values[period]
            for key, amount in counts:
                if amount:
                    for root in reach:
                        values[root][key] += amount


_PARTITIONS: dict[tuple, list] = {}  # Engine._partition's, per tree

# Changed when Accumulator.counts() changes shape (the cached counts of an older version are ignored).
PART_FORMAT = 1

# Below this share of all organizations, queries are limited to the roots' subtrees (indexed
# owner columns); above it a full scan is cheaper than a long IN list.
OWNER_FILTER_SHARE = 0.25
OWNER_FILTER_MAX = 5000


class Engine:
    def __init__(self, tree: Tree | None = None):
        self.tree = tree or load_tree()
        self.owners: list[int] | None = None  # set per computation by _limit_to
        # Optional: `part_cache([(org_id, parts, compute), ...]) -> [value, ...]`, a cache keyed on
        # the version of each `org_id`'s subtree (indicators/cache.py). With it, a computation for
        # ONE root counts the records of each direct child's organizations apart (_partition) and
        # takes that child's counts from the cache: after a write in one child only that child's
        # (and the root's own records) are counted again, then everything is added up as one count
        # would have.
        self.part_cache = None
        self.group: int | None = None  # the group counted now (per-group counting, compute_roots)
        self._group_of: dict[int, int | None] = {}
        self._batch: dict[tuple, dict] = {}
        self._batch_groups: set | None = None

    def subtree_set(self, snapshot, root: int) -> frozenset:
        """`snapshot.subtree(root)` as a set, kept with the snapshot (a tree's snapshots are made
        once per tree version and never change): the next computation on the same tree reuses it."""
        kept = snapshot.__dict__.setdefault("_engine_subtrees", {})
        found = kept.get(root)
        if found is None:
            found = kept[root] = frozenset(snapshot.subtree(root))
        return found

    def _limit_to(self, roots: list[int], first_day: dt.date, last_day: dt.date) -> None:
        """Every organization that can fall in a root's subtree on some day of the range
        (the union over the tree's epochs); None when that is most of the tree."""
        found: set[int] = set()
        for index in range(self.tree.epoch_index(first_day), self.tree.epoch_index(last_day) + 1):
            snapshot = self.tree.epoch_by_index(index)
            for root in roots:
                found.update(self.subtree_set(snapshot, root))
        small = len(found) <= min(OWNER_FILTER_MAX, OWNER_FILTER_SHARE * max(len(self.tree.orgs), 1))
        self.owners = sorted(found) if small else None
        self.found = found

    def _partition(self, root: int, found: set[int], day: dt.date) -> list[tuple[int | None, list[int]]]:
        """The organizations `found` in groups: one per direct child of `root` on `day`, holding
        the organizations that were under that child at some time (web/cache.py bumps a child's
        version on any write about such an organization: its ancestors in every year of the tree),
        then the rest (None: the root itself, units no child ever held), never cached. Each
        organization is in exactly one group, so the groups' rows together are the rows of one
        query over all of them. Kept per tree (the same every time a dashboard is computed)."""
        key = (id(self.tree), self.tree.version, root, day, frozenset(found))
        if key not in _PARTITIONS:
            if len(_PARTITIONS) >= 16:
                _PARTITIONS.clear()
            _PARTITIONS[key] = self._partition_now(root, found, day)
        return _PARTITIONS[key]

    def _partition_now(self, root: int, found: set[int], day: dt.date) -> list[tuple[int | None, list[int]]]:
        children = set(self.tree.snapshot(day).direct_children(root))
        groups: dict[int | None, list[int]] = defaultdict(list)
        for org_id in sorted(found):
            seen, stack, hits = set(), [org_id], []
            while stack:
                current = stack.pop()
                if current in seen:
                    continue
                seen.add(current)
                if current in children:
                    hits.append(current)
                    continue
                stack.extend(p for _s, _e, p in self.tree.links.get(current, ()) if p is not None)
            groups[min(hits) if hits else None].append(org_id)
        return [(c, groups[c]) for c in sorted(children) if groups.get(c)] + [(None, groups.get(None, []))]

    def _owned(
        self, head: str, params: list, columns: tuple[str, ...], tail: str, positions: tuple[int, ...]
    ) -> list[tuple]:
        """`head` + a condition limiting rows to the roots' organizations (`columns`, at
        `positions` in a row) + `tail` (GROUP BY ...). While counting per group (compute_roots):
        the rows of the group counted now (`self.group`), from one query for all the groups being
        counted (`_batch_groups`); a row belongs to the group of its first owner among the roots'
        organizations (a transfer's two cells: counted in one group only)."""
        if self._batch_groups is None:
            only, only_params = self._only(*columns)
            return _fetch(f"{head}{only}{tail}", params + only_params)
        key = (head, tail, columns, tuple(params))
        dealt = self._batch.get(key)
        if dealt is None:
            owners = sorted(o for o, group in self._group_of.items() if group in self._batch_groups)
            if not owners:
                rows = []
            elif self.owners is None and len(owners) == len(self._group_of):
                rows = _fetch(f"{head}{tail}", params)  # every group: as one count would
            else:
                marks = ", ".join(["%s"] * len(owners))
                only = " OR ".join(f"{column} IN ({marks})" for column in columns)
                rows = _fetch(f"{head} AND ({only}){tail}", params + owners * len(columns))
            dealt = self._batch[key] = defaultdict(list)
            missing = object()
            for row in rows:
                group = self._group_of.get(self._first_owner(row, positions), missing)
                if group is not missing:
                    dealt[group].append(row)
        return dealt.get(self.group, [])

    def _first_owner(self, row: tuple, positions: tuple[int, ...]):
        for position in positions:
            if row[position] is not None and row[position] in self._group_of:
                return row[position]
        return None

    def _only(self, *columns: str) -> tuple[str, list]:
        """` AND (col IN (...) OR ...)` limiting a query to the roots' organizations, or nothing."""
        if self.owners is None:
            return "", []
        if not self.owners:  # no organization of the roots exists in the range
            return " AND 1 = 0", []
        marks = ", ".join(["%s"] * len(self.owners))
        sql = " OR ".join(f"{column} IN ({marks})" for column in columns)
        return f" AND ({sql})", list(self.owners) * len(columns)

    @cached_property
    def localities(self) -> "LocalityIndex":
        return LocalityIndex()

    # ----------------------------------------------------------------- public
    def compute_roots(
        self,
        roots: list[int],
        start: dt.date,
        end: dt.date,
        *,
        with_previous: bool = False,
        series_days=(),
        series_roots=None,
        with_overdue: bool = False,
    ):
        """Indicators for each root over [start, end]; optionally the previous period too.

        Returns (current: {root: dict}, previous: {root: dict} | None). Member totals at
        `series_days` are left in `self.series[root][day]` for each of `series_roots` (default:
        every root); with_overdue counts probation overdue
        by more than 30 working days in `_probation.overdue`.
        """
        periods = [(start, end)]
        if with_previous:
            periods.append(previous_period(start, end))
        acc = Accumulator(self.tree, roots, periods)
        acc.series_roots = list(roots if series_roots is None else series_roots)
        fulls = [(end, CURRENT)]
        totals = [(start - DAY, CURRENT, "members.total_before")]
        if with_previous:
            fulls.append((start - DAY, PREVIOUS))
            totals.append((periods[PREVIOUS][0] - DAY, PREVIOUS, "members.total_before"))
        totals += [(day, "series", "") for day in series_days]
        first_day = min([p[0] - DAY for p in periods] + list(series_days))
        self._limit_to(roots, first_day, end)
        overdue_day = end if with_overdue else None
        lo, hi = min(p[0] for p in periods), end
        buckets = Buckets(lo, hi, [p[0] for p in periods] + [p[1] + DAY for p in periods] + self.tree.change_days)

        def count(into: Accumulator) -> None:
            self._stock(into, fulls, totals, overdue_day=overdue_day)
            self._movements(into, buckets)
            self._screenings(into, buckets)
            self._ratings(into)
            self._inspections(into, buckets)
            self._disciplines(into, buckets)
            self._activities(into, buckets)

        if self.part_cache is None or len(roots) != 1:
            count(acc)
        else:
            # Every count is a sum over the organizations' records, each record counted once:
            # counted per group and added up, it is the same sum.
            # The groups not in the cache are counted together: each query once for all of
            # them (_owned), its rows then dealt to the group of their owner.
            def counted(group: int | None) -> dict:
                part = Accumulator(self.tree, roots, periods)
                part.series_roots = acc.series_roots
                self.group = group
                try:
                    count(part)
                finally:
                    self.group = None
                return part.counts()

            groups = dict(self._partition(roots[0], self.found, end))
            self._group_of = {o: group for group, owners in groups.items() for o in owners}
            self._batch, self._batch_groups = {}, None

            def prepare(missing: list[int]) -> None:
                self._batch_groups = {None, *missing}

            items = [
                (
                    org_id,
                    ("counts", PART_FORMAT, roots, periods, fulls, totals, overdue_day, owners),
                    partial(counted, org_id),
                )
                for org_id, owners in groups.items()
                if org_id is not None
            ]
            for counts in self.part_cache(items, prepare):
                acc.add_up(counts)
            if self._batch_groups is None:
                self._batch_groups = {None}
            acc.add_up(counted(None))
            self._batch, self._batch_groups = {}, None
        targets = list(
            Target.objects.active()
            .filter(org_id__in=roots, indicator="admissions")
            .values_list("org_id", "period_start", "period_end", "value")
        )
        results = []
        for index, (p_start, p_end) in enumerate(periods):
            snapshot = self.tree.snapshot(p_end)
            out = {}
            for root in roots:
                values = acc.values[index][root]
                self._orgs(values, snapshot, root, index, acc)
                self._coverage(values, snapshot, root, p_end)
                self._targets(values, targets, root, p_start, p_end)
                out[root] = finish(values)
            results.append(out)
        self.series = acc.series
        self.official_by_cell = acc.official_by_cell[CURRENT]
        return results[CURRENT], (results[PREVIOUS] if with_previous else None)

    # ----------------------------------------------------------------- stock
    def _stock(
        self,
        acc: Accumulator,
        fulls: list[tuple[dt.date, int]],
        totals: list[tuple[dt.date, object, str]],
        overdue_day: dt.date | None = None,
    ) -> None:
        """Members at the end of given days, from ONE scan of the intervals grouped per cell.

        `fulls`: (day, period) needing every member figure; `totals`: (day, period or "series", key)
        needing only the head count. Each day is rolled up through the tree of that day. Cells are
        first summed per distinct set of roots they reach, so the roll-up costs one addition per
        figure and root rather than per cell.
        """
        start_col, end_col = q("start"), q("end")
        columns: list[str] = []
        params: list = []

        def count_if(condition: str, condition_params: list) -> None:
            columns.append(f"COUNT(*) FILTER (WHERE {condition})")
            params.extend(condition_params)

        def active(day) -> tuple[str, list]:
            return f"{start_col} <= %s AND ({end_col} IS NULL OR {end_col} > %s)", [day, day]

        for day, _period in fulls:
            is_active, active_params = active(day)
            count_if(is_active, active_params)
            for flag in ("official", "female", "minority", "religious", "exempt", "away"):
                count_if(f"{is_active} AND {flag}", active_params)
            count_if(
                f"{is_active} AND NOT official AND joined_on <= %s",
                active_params + [latest_joined_with_probation_ended(day)],
            )
            # Completed years >= N  <=>  YYYYMMDD(day) - YYYYMMDD(birth) >= N·10000.
            for female in (False, True):
                for years in AGE_CUTS:
                    extra = " AND female" if female else ""
                    count_if(f"{is_active} AND birth_ord <= %s{extra}", active_params + [date_ord(day) - years * 10000])
        full_days = {day for day, _p in fulls}
        total_days = sorted({day for day, _t, _k in totals} - full_days)
        for day in total_days:
            count_if(*active(day))
        if overdue_day is not None:
            is_active, active_params = active(overdue_day)
            count_if(
                f"{is_active} AND NOT official AND joined_on <= %s",
                active_params + [latest_joined_overdue(overdue_day)],
            )
        days = list(full_days) + total_days + ([overdue_day] if overdue_day else [])
        head = (
            f"SELECT cell_id, {', '.join(columns)} FROM {table(MemberSpan)} WHERE {start_col} <= %s "
            f"AND ({end_col} IS NULL OR {end_col} > %s)"
        )
        rows = self._owned(head, params + [max(days), min(days)], ("cell_id",), " GROUP BY cell_id", (0,))

        if not rows:
            return
        cells = [row[0] for row in rows]
        values = np.array([row[1:] for row in rows], dtype=np.int64)
        width = len(STOCK_NAMES)
        snapshots = {day: self.tree.snapshot(day) for day in days}

        grouping: dict[int, tuple] = {}  # id(snapshot) -> (reach sets, each cell's index among them)

        def sums_by_reach(day: dt.date, column_block) -> dict[tuple, np.ndarray]:
            """Column sums over the cells, per distinct set of roots the cell reaches on `day`
            (cells grouped once per epoch of the tree: most of the report's dates share one)."""
            snap = snapshots[day]
            if id(snap) not in grouping:
                found: dict[tuple, int] = {}
                grouping[id(snap)] = (
                    found,
                    np.fromiter(
                        (found.setdefault(acc.reached(snap, cell), len(found)) for cell in cells),
                        dtype=np.int64,
                        count=len(cells),
                    ),
                )
            keys, ids = grouping[id(snap)]
            block = values[:, column_block]
            sums = np.zeros((len(keys), block.shape[1]), dtype=np.int64)
            np.add.at(sums, ids, block)
            return {reach: sums[k] for reach, k in keys.items()}

        for index, (day, period) in enumerate(fulls):
            block = slice(index * width, (index + 1) * width)
            for reach, sums in sums_by_reach(day, block).items():
                for root in reach:
                    target = acc.values[period][root]
                    for name, value in zip(STOCK_NAMES, sums.tolist()):
                        target[name] += value
            acc.official_by_cell[period].update(zip(cells, values[:, index * width + 1].tolist()))
        offset = len(fulls) * width
        total_column = {day: offset + i for i, day in enumerate(total_days)}
        total_column.update({day: i * width for i, (day, _p) in enumerate(fulls)})
        inside: dict[tuple, np.ndarray] = {}  # (id(snapshot), root) -> which cells lie in its subtree

        def in_subtree(snap, root) -> np.ndarray:
            if (id(snap), root) not in inside:
                members = self.subtree_set(snap, root)
                inside[(id(snap), root)] = np.fromiter(
                    (cell in members for cell in cells), dtype=bool, count=len(cells)
                )
            return inside[(id(snap), root)]

        for day, destination, key in totals:
            column = total_column[day]
            if destination == "series":  # a head count for a few roots: a mask, not the full grouping
                for root in acc.series_roots:
                    acc.series[root][day] += int(values[in_subtree(snapshots[day], root), column].sum())
                continue
            for reach, sums in sums_by_reach(day, slice(column, column + 1)).items():
                value = int(sums[0])
                for root in reach:
                    acc.values[destination][root][key] += value
        if overdue_day is not None:
            for reach, sums in sums_by_reach(overdue_day, slice(values.shape[1] - 1, None)).items():
                for root in reach:
                    acc.values[CURRENT][root]["_probation.overdue"] += int(sums[0])

    # ----------------------------------------------------------------- movements
    def _movements(self, acc: Accumulator, buckets: Buckets) -> None:
        """Movement events grouped by type, cells and bucket. Only admissions need the member's
        attributes (female, minority, student), so only they join the member table."""
        events, members = table(MemberEvent), table(Member)
        on = q("on")
        bucket_sql, bucket_params = buckets.sql(f"e.{on}")
        others = [t for t in MOVEMENT_TYPES if t != "admitted"]
        placeholders = ", ".join(["%s"] * len(others))
        rows = self._owned(
            f"""
            SELECT e.type, e.from_cell_id, e.to_cell_id, {bucket_sql}, 0, 0, 0,
                   CASE WHEN e.reason = 'abandoned_activities' THEN 1 ELSE 0 END, COUNT(*)
            FROM {events} e
            WHERE e.voided_at IS NULL AND e.{on} >= %s AND e.{on} <= %s AND e.type IN ({placeholders})""",
            bucket_params + [buckets.start, buckets.end, *others],
            ("e.from_cell_id", "e.to_cell_id"),
            """
            GROUP BY 1, 2, 3, 4, 8""",
            (1, 2),
        )
        # Admissions: one row per cell and bucket with the attribute counts summed (not one
        # group per combination of attributes: a third of the rows to roll up). No condition on
        # m.joined_on: a re-admission (kết nạp lại, spec/forms.md) keeps the first admission's
        # joined_on, and Biểu 1 B1 = admissions.total counts it. `ethnic_minority` is stored by
        # members.attributes.
        rows += self._owned(
            f"""
            SELECT 'admitted', NULL, e.to_cell_id, {bucket_sql},
                   SUM(CASE WHEN m.gender = 'female' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN m.ethnic_minority THEN 1 ELSE 0 END),
                   SUM(CASE WHEN m.occupation = 'student' THEN 1 ELSE 0 END), 0, COUNT(*)
            FROM {events} e JOIN {members} m ON m.id = e.member_id
            WHERE e.voided_at IS NULL AND e.{on} >= %s AND e.{on} <= %s AND e.type = 'admitted'""",
            bucket_params + [buckets.start, buckets.end],
            ("e.to_cell_id",),
            """
            GROUP BY 3, 4""",
            (2,),
        )
        resolved = buckets.resolve(acc, self.tree)
        for etype, from_cell, to_cell, bucket, female, minority, student, abandoned, n in rows:
            period, snap = resolved[bucket]
            if period is None:
                continue
            if etype == "admitted":
                acc.add_counts(
                    period,
                    snap,
                    to_cell,
                    (
                        ("admissions.total", n),
                        ("admissions.female", int(female)),
                        ("admissions.ethnic_minority", int(minority)),
                        ("admissions.students", int(student)),
                    ),
                )
            elif etype == "recognized_official":
                acc.add(period, snap, to_cell, "probation.recognized", n)
            elif etype == "transferred_in":
                acc.add(period, snap, to_cell, "transfers.in", n)
            elif etype == "transferred_out":
                acc.add(period, snap, from_cell, "transfers.out", n)
            elif etype == "transferred":
                into, out_of = set(acc.reached(snap, to_cell)), set(acc.reached(snap, from_cell))
                for root in into - out_of:
                    acc.values[period][root]["transfers.in"] += n
                for root in out_of - into:
                    acc.values[period][root]["transfers.out"] += n
            else:  # struck_off, dismissed, died: counted where the member left
                key = {"struck_off": "removals.struck_off", "dismissed": "removals.dismissed", "died": "removals.died"}[
                    etype
                ]
                abandoned_n = n if abandoned and etype in ("struck_off", "dismissed") else 0
                acc.add_counts(
                    period,
                    snap,
                    from_cell,
                    ((key, n), ("removals.total", n), ("removals.abandoned_activities", abandoned_n)),
                )

    # ----------------------------------------------------------------- screening, ratings
    def _screenings(self, acc: Accumulator, buckets: Buckets) -> None:
        bucket_sql, params = buckets.sql(q("listed_on"))
        rows = self._owned(
            f"""SELECT cell_id, outcome, {bucket_sql}, COUNT(*) FROM {table(Screening)}
                          WHERE voided_at IS NULL AND listed_on >= %s AND listed_on <= %s""",
            params + [buckets.start, buckets.end],
            ("cell_id",),
            " GROUP BY 1, 2, 3",
            (0,),
        )
        resolved = buckets.resolve(acc, self.tree)
        for cell, outcome, bucket, n in rows:
            period, snap = resolved[bucket]
            if period is None:
                continue
            acc.add(period, snap, cell, "screening.listed", n)
            acc.add(period, snap, cell, f"screening.{outcome or 'pending'}", n)

    def _ratings(self, acc: Accumulator) -> None:
        """Yearly ratings of year Y belong to the period containing 31 December Y (quarter, term and
        ad hoc ratings are not counted: `ratings.*` keep their meaning for yearly ratings)."""
        years = {}
        for index, (start, end) in enumerate(acc.periods):
            for year in range(start.year, end.year + 1):
                if start <= dt.date(year, 12, 31) <= end:
                    years[year] = index
        if not years:
            return
        lo, hi = min(years), max(years)
        rating = table(Rating)
        rows = self._owned(
            f"""SELECT year, cell_id, level, COUNT(*) FROM {rating}
                          WHERE voided_at IS NULL AND subject_type = 'member' AND period = ''
                          AND year >= %s AND year <= %s""",
            [lo, hi],
            ("cell_id",),
            """
                          GROUP BY 1, 2, 3""",
            (1,),
        )
        snapshots = {year: self.tree.snapshot(dt.date(year, 12, 31)) for year in years}
        keys = {level: f"ratings.members.{level}" for level in RATING_LEVELS}
        for year, cell, level, n in rows:
            if year in years and level:  # the not-rated (no level) are not counted
                acc.add(years[year], snapshots[year], cell, keys.get(level) or f"ratings.members.{level}", n)
        grassroots = ", ".join(["%s"] * len(GRASSROOTS_KINDS))
        rows = self._owned(
            f"""SELECT r.year, r.subject_org_id, r.level, COUNT(*) FROM {rating} r
                          JOIN {table(Organization)} o ON o.id = r.subject_org_id
                          WHERE r.voided_at IS NULL AND r.subject_type = 'org' AND r.period = ''
                          AND r.level <> '' AND r.year >= %s AND r.year <= %s AND o.kind IN ({grassroots})""",
            [lo, hi, *GRASSROOTS_KINDS],
            ("r.subject_org_id",),
            " GROUP BY 1, 2, 3",
            (1,),
        )
        for year, org, level, n in rows:
            if year in years:
                acc.add(years[year], snapshots[year], org, f"ratings.grassroots.{level}", n)

    # ----------------------------------------------------------------- inspection, discipline
    def _inspections(self, acc: Accumulator, buckets: Buckets) -> None:
        bucket_sql, params = buckets.sql("started_on")
        rows = self._owned(
            f"""SELECT org_id, kind, subject_type, {bucket_sql}, COUNT(*) FROM {table(Inspection)}
                          WHERE voided_at IS NULL AND started_on >= %s AND started_on <= %s""",
            params + [buckets.start, buckets.end],
            ("org_id",),
            """
                          GROUP BY 1, 2, 3, 4""",
            (0,),
        )
        resolved = buckets.resolve(acc, self.tree)
        for org, kind, subject_type, bucket, n in rows:
            period, snap = resolved[bucket]
            if period is None:
                continue
            acc.add(
                period, snap, org, "inspection.orgs" if subject_type == "org" else "inspection.members", n, own=True
            )
            acc.add(period, snap, org, f"inspection.{kind}", n, own=True)

    def _disciplines(self, acc: Accumulator, buckets: Buckets) -> None:
        bucket_sql, params = buckets.sql("decided_on")
        rows = self._owned(
            f"""SELECT subject_type, cell_id, subject_org_id, level, {bucket_sql}, COUNT(*)
                          FROM {table(Discipline)} WHERE voided_at IS NULL AND decided_on >= %s AND decided_on <= %s
                          """,
            params + [buckets.start, buckets.end],
            ("cell_id", "subject_org_id"),
            " GROUP BY 1, 2, 3, 4, 5",
            (1, 2),
        )
        resolved = buckets.resolve(acc, self.tree)
        for subject_type, cell, org, level, bucket, n in rows:
            period, snap = resolved[bucket]
            if period is None:
                continue
            if subject_type == "member":
                acc.add(period, snap, cell, "discipline.members.total", n)
                acc.add(period, snap, cell, f"discipline.members.{level}", n)
                if level == "expulsion":
                    acc.add(period, snap, cell, "removals.expelled", n)
                    acc.add(period, snap, cell, "removals.total", n)
            else:
                acc.add(period, snap, org, "discipline.orgs.total", n)

    # ----------------------------------------------------------------- activities
    def _activities(self, acc: Accumulator, buckets: Buckets) -> None:
        resolved = buckets.resolve(acc, self.tree)

        def grouped(model, owner: str, day_col: str, extras: list[str], sums: str):
            bucket_sql, params = buckets.sql(q(day_col))
            select_extra = "".join(f", {e}" for e in extras)
            group = ", ".join(str(i) for i in range(1, 3 + len(extras)))
            head = f"""SELECT {owner}, {bucket_sql}{select_extra}, {sums} FROM {table(model)}
                      WHERE voided_at IS NULL AND {q(day_col)} >= %s AND {q(day_col)} <= %s"""
            for row in self._owned(head, params + [buckets.start, buckets.end], (owner,), f" GROUP BY {group}", (0,)):
                period, snap = resolved[row[1]]
                if period is not None:
                    yield period, snap, row[0], row[2:]

        for period, snap, org, (kind, classes, people) in grouped(
            TrainingClass, "org_id", "started_on", ["kind"], "COUNT(*), SUM(participants)"
        ):
            acc.add(period, snap, org, f"education.{kind}.classes", classes, own=True)
            acc.add(period, snap, org, f"education.{kind}.participants", people or 0, own=True)
        for period, snap, org, (sessions, cases) in grouped(Dialogue, "org_id", "held_on", [], "COUNT(*), SUM(cases)"):
            acc.add(period, snap, org, "dialogues.sessions", sessions, own=True)
            acc.add(period, snap, org, "dialogues.cases", cases or 0, own=True)
        for period, snap, org, (dtype, concretized, review, n) in grouped(
            Document,
            "org_id",
            "issued_on",
            ["type", "CASE WHEN concretizes <> '' THEN 1 ELSE 0 END", "CASE WHEN is_review THEN 1 ELSE 0 END"],
            "COUNT(*)",
        ):
            if concretized:
                acc.add(period, snap, org, "documents.concretized.total", n, own=True)
                acc.add(period, snap, org, f"documents.concretized.{dtype}", n, own=True)
            if review:
                acc.add(period, snap, org, "documents.reviews", n, own=True)
        for period, snap, org, (subject_type, n) in grouped(
            Award, "granted_by_id", "granted_on", ["subject_type"], "COUNT(*)"
        ):
            acc.add(period, snap, org, "awards.orgs" if subject_type == "org" else "awards.members", n, own=True)
        for period, snap, org, (kind, total) in grouped(CadreAction, "org_id", "on", ["kind"], f"SUM({q('count')})"):
            acc.add(period, snap, org, f"cadre.{kind}", total or 0, own=True)

    # ----------------------------------------------------------------- end-of-period, per root
    def _orgs(self, values, snapshot, root: int, period: int, acc: Accumulator) -> None:
        orgs = self.tree.orgs
        official_by_cell = acc.official_by_cell[period]
        for child in snapshot.direct_children(root):
            kind = orgs[child].kind
            if kind in (OrgKind.UPPER, OrgKind.GRASSROOTS_COMMITTEE):
                values["orgs.direct_committees"] += 1
                if kind == OrgKind.GRASSROOTS_COMMITTEE:
                    values["orgs.direct_committees_grassroots"] += 1
        subtree = snapshot.subtree(root)
        kinds = [orgs[org_id].kind for org_id in subtree]
        counted = Counter(kinds)
        values["orgs.grassroots_committees"] += counted[OrgKind.GRASSROOTS_COMMITTEE]
        values["orgs.grassroots_cells"] += counted[OrgKind.GRASSROOTS_CELL]
        values["orgs.sub_committees"] += counted[OrgKind.SUB_COMMITTEE]
        values["orgs.subordinate_cells"] += counted[OrgKind.CELL]
        cell_kinds = (OrgKind.GRASSROOTS_CELL, OrgKind.CELL)
        day = acc.periods[period][1]
        values["orgs.cells_below_3_official"] += sum(
            1
            for org_id, kind in zip(subtree, kinds)
            if kind in cell_kinds
            and cell_below_minimum(official_by_cell.get(org_id, 0))
            and not dissolved_next_day(orgs[org_id], day)
        )
        values["orgs.grassroots"] = values["orgs.grassroots_committees"] + values["orgs.grassroots_cells"]

    def _coverage(self, values, snapshot, root: int, day: dt.date) -> None:
        orgs = self.tree.orgs
        for _loc, kind, org_id in _locality_subtree(self.localities, self.tree.orgs[root].locality_id):
            info = orgs.get(org_id) if org_id else None
            alive = info is not None and info.exists_on(day)
            if kind == "commune":
                values["coverage.communes"] += 1
                if alive and info.kind == OrgKind.GRASSROOTS_COMMITTEE:
                    values["coverage.communes_with_committee"] += 1
            elif kind == "village":
                values["coverage.villages"] += 1
                if alive and info.kind in (OrgKind.CELL, OrgKind.GRASSROOTS_CELL):
                    values["coverage.villages_with_cell"] += 1
            if not alive:
                values["coverage.localities_without_org"] += 1

    @staticmethod
    def _targets(values, targets: list[tuple], root: int, start: dt.date, end: dt.date) -> None:
        """O's own admission targets whose period lies inside the report's period (None if none)."""
        inside = [value for org, t_start, t_end, value in targets if org == root and t_start >= start and t_end <= end]
        values["admissions.target"] = sum(inside) if inside else None


class LocalityIndex:
    """All localities, loaded once per engine: {id: (kind, org_id)} and children per id."""

    def __init__(self):
        self.rows, self.children = {}, defaultdict(list)
        for loc_id, kind, org_id, parent in Locality.objects.values_list("id", "kind", "org_id", "parent_id"):
            self.rows[loc_id] = (kind, org_id)
            if parent is not None:
                self.children[parent].append(loc_id)


def _locality_subtree(index: LocalityIndex, locality_id: int | None):
    """(id, kind, org_id) of a locality and every locality under it ("under O's locality_code")."""
    if locality_id is None:
        return []
    rows, children = index.rows, index.children
    found, stack, seen = [], [locality_id], set()
    while stack:
        current = stack.pop()
        if current in seen or current not in rows:
            continue
        seen.add(current)
        found.append((current, *rows[current]))
        stack.extend(children[current])
    return found


def _bands(values: dict, total_key: str, prefix: str) -> dict[str, int]:
    """Members per age band, from the counts of members aged at least each band's lower bound."""
    at_least = [values.get(total_key, 0)] + [values.get(f"{prefix}.{n}", 0) for n in AGE_CUTS] + [0]
    return {band: at_least[i] - at_least[i + 1] for i, (band, _low, _high) in enumerate(AGE_BANDS)}


def finish(values: dict) -> dict:
    """All spec keys in order, derived figures (percentages, net change) computed from counts."""
    out = {key: values.get(key, 0) for key in KEYS}
    out["members.probationary"] = values.get("members.total", 0) - values.get("members.official", 0)
    for band, value in _bands(values, "members.total", "_age_ge").items():
        out[f"members.age.{band}"] = value
    age_female = _bands(values, "members.female", "_age_ge_female")
    out["members.net_change"] = values.get("members.total", 0) - values.get("members.total_before", 0)
    out["admissions.target"] = values.get("admissions.target")
    out["admissions.target_pct"] = (
        pct(out["admissions.total"], out["admissions.target"]) if out["admissions.target"] else None
    )
    for prefix in ("ratings.members", "ratings.grassroots"):
        rated = sum(values.get(f"{prefix}.{level}", 0) for level in RATING_LEVELS)
        out[f"{prefix}.rated"] = rated
        out[f"{prefix}.good_or_better_pct"] = pct(
            values.get(f"{prefix}.excellent", 0) + values.get(f"{prefix}.good", 0), rated
        )
    out["coverage.communes_with_committee_pct"] = pct(out["coverage.communes_with_committee"], out["coverage.communes"])
    out["coverage.villages_with_cell_pct"] = pct(out["coverage.villages_with_cell"], out["coverage.villages"])
    return out | {"_age_female": age_female, "_probation_overdue": values.get("_probation.overdue", 0)}


def public(values: dict) -> dict:
    return {key: values[key] for key in KEYS}


# --------------------------------------------------------------------------- API
def resolve_org(tree: Tree, org) -> int:
    if isinstance(org, int):
        if org not in tree.orgs:
            raise DomainError(f"Không có tổ chức mã số {org}.", "org")
        return org
    org_id = tree.by_code.get(str(org))
    if org_id is None:
        raise DomainError(f'Không có tổ chức mã "{org}".', "org")
    return org_id


def check_period(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise DomainError(f"Ngày bắt đầu {start:%d/%m/%Y} sau ngày kết thúc {end:%d/%m/%Y}.", "from")


def compute(org, start: dt.date, end: dt.date) -> dict:
    """Every key of spec/indicators.md for one organization (code or id) and period."""
    check_period(start, end)
    with reading():
        engine = Engine()
        root = resolve_org(engine.tree, org)
        current, _ = engine.compute_roots([root], start, end)
    return public(current[root])


def compute_many(orgs, start: dt.date, end: dt.date) -> dict[int, dict]:
    check_period(start, end)
    with reading():
        engine = Engine()
        roots = [resolve_org(engine.tree, o) for o in orgs]
        current, _ = engine.compute_roots(roots, start, end)
    return {root: public(values) for root, values in current.items()}


def members_at(org_ids: list[int], day: dt.date) -> dict[int, int]:
    """members.total at `day` for many organizations in one scan (navigator counts)."""
    tree = load_tree()
    snapshot = tree.snapshot(day)
    wanted = set(org_ids)
    totals = defaultdict(int)
    spans = table(MemberSpan)
    rows = _fetch(
        f"SELECT cell_id, COUNT(*) FROM {spans} WHERE {q('start')} <= %s AND ({q('end')} IS NULL "
        f"OR {q('end')} > %s) GROUP BY cell_id",
        [day, day],
    )
    for cell, n in rows:
        for ancestor in snapshot.ancestors_cached(cell):
            if ancestor in wanted:
                totals[ancestor] += n
    return {org_id: totals.get(org_id, 0) for org_id in org_ids}


def org_dict(tree: Tree, org_id: int) -> dict:
    info = tree.orgs[org_id]
    return {"id": info.id, "code": info.code, "name": info.name, "kind": info.kind}


def series_days(end: dt.date) -> list[tuple[int, dt.date]]:
    """Year-ends for the charts: the last seven years, the current one cut at `end`."""
    return [(year, min(dt.date(year, 12, 31), end)) for year in range(max(end.year - 6, 1930), end.year + 1)]


def report_data(
    org_code,
    start: dt.date,
    end: dt.date,
    *,
    annex: bool = True,
    previous: bool = True,
    series: bool = True,
    part_cache=None,
) -> dict:
    """Everything a report needs: indicators, the previous period, the annex per direct child,
    chart series and the limitations found in the data. `part_cache`: see Engine (without the
    annex only; the figures are the same with or without it)."""
    check_period(start, end)
    with reading():
        return _report_data(org_code, start, end, annex=annex, previous=previous, series=series, part_cache=part_cache)


def _report_data(
    org_code, start: dt.date, end: dt.date, *, annex: bool, previous: bool, series: bool, part_cache=None
) -> dict:
    engine = Engine()
    engine.part_cache = None if annex else part_cache
    tree = engine.tree
    root = resolve_org(tree, org_code)
    children = tree.snapshot(end).direct_children(root) if annex else []
    children.sort(key=lambda c: (vi_sort_key(tree.orgs[c].name), tree.orgs[c].code))  # the annex: Vietnamese order
    years = series_days(end) if series else []
    current, prev = engine.compute_roots(
        [root] + children,
        start,
        end,
        with_previous=previous,
        series_days=[d for _y, d in years],
        series_roots=[root],
        with_overdue=True,
    )
    data = {
        "org": org_dict(tree, root),
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "indicators": public(current[root]),
    }
    if previous:
        p_start, p_end = previous_period(start, end)
        data["previous"] = {
            "period": {"from": p_start.isoformat(), "to": p_end.isoformat()},
            "indicators": public(prev[root]),
        }
    if annex:
        data["annex"] = [{"org": org_dict(tree, c), "indicators": public(current[c])} for c in children]
    if series:
        data["series"] = _series(engine, root, years, current[root])
    data["limitations"] = _limitations(engine, root, end, current[root])
    first = data_start()
    at_first = members_at([root], first)[root] if first is not None and start - DAY < first <= end else None
    data["records"] = records(start, end, first, at_first)
    return data


def _series(engine: Engine, root: int, years: list[tuple[int, dt.date]], values: dict) -> dict:
    totals = engine.series[root]
    end = years[-1][1]
    admissions = _admissions_by_year(engine, root, years[0][0], end)
    targets, has_target = defaultdict(int), set()
    for period_start, period_end, value in (
        Target.objects.active()
        .filter(org_id=root, indicator="admissions")
        .values_list("period_start", "period_end", "value")
    ):
        if period_start.year == period_end.year:
            targets[period_start.year] += value
            has_target.add(period_start.year)
    rows = [
        {
            "year": y,
            "members": totals.get(d, 0),
            "admissions": admissions.get(y, 0),
            "target": targets[y] if y in has_target else None,
            # A year cut at the report's end: "đến 30/06" (its target is still the whole year's).
            "through": d.isoformat() if d != dt.date(y, 12, 31) else None,
        }
        for y, d in years
    ]
    while rows and rows[0]["members"] == 0 and rows[0]["admissions"] == 0:
        rows.pop(0)
    age = {
        band: {
            "male": values[f"members.age.{band}"] - values["_age_female"][band],
            "female": values["_age_female"][band],
        }
        for band, _l, _h in AGE_BANDS
    }
    ratings = {
        "members": {lvl: values[f"ratings.members.{lvl}"] for lvl in RATING_LEVELS},
        "grassroots": {lvl: values[f"ratings.grassroots.{lvl}"] for lvl in RATING_LEVELS},
    }
    return {"years": rows, "age": age, "ratings": ratings}


def _admissions_by_year(engine: Engine, root: int, first_year: int, end: dt.date) -> dict[int, int]:
    start = dt.date(first_year, 1, 1)
    cuts = [dt.date(y, 1, 1) for y in range(first_year + 1, end.year + 1)] + engine.tree.change_days
    buckets = Buckets(start, end, cuts)
    bucket_sql, params = buckets.sql(q("on"))
    only, only_params = engine._only("to_cell_id")
    rows = _fetch(
        f"""SELECT to_cell_id, {bucket_sql}, COUNT(*) FROM {table(MemberEvent)}
                      WHERE voided_at IS NULL AND type = 'admitted' AND {q("on")} >= %s AND {q("on")} <= %s{only}
                      GROUP BY 1, 2""",
        params + [start, end] + only_params,
    )
    result = defaultdict(int)
    # The root's subtree once per epoch of the tree (buckets never straddle an epoch).
    subtrees: dict[int, set] = {}
    inside = []
    for bucket in range(len(buckets.starts)):
        snapshot = engine.tree.epoch_of(buckets.first_day(bucket))
        if id(snapshot) not in subtrees:
            subtrees[id(snapshot)] = engine.subtree_set(snapshot, root)
        inside.append(subtrees[id(snapshot)])
    for cell, bucket, n in rows:
        if cell in inside[bucket]:
            result[buckets.first_day(bucket).year] += n
    return result


def dissolved_next_day(info, day: dt.date) -> bool:
    """A cell whose dissolution takes effect the day after `day` (the 184 village cells emptied on
    30/06/2025 for the reorganization of 1/7/2025): not a cell "below 3 official members" to
    consolidate, only one being wound up."""
    return info.dissolved_on is not None and info.dissolved_on == day + DAY


def _limitations(engine: Engine, root: int, day: dt.date, values: dict) -> dict:
    """Concrete items behind the weaknesses a report names (its 'hạn chế' section and alerts)."""
    tree = engine.tree
    official = engine.official_by_cell
    cells = [o for o in tree.snapshot(day).subtree(root) if tree.orgs[o].is_cell]
    below = sorted(
        (
            {"code": tree.orgs[c].code, "name": tree.orgs[c].name, "official": official.get(c, 0)}
            for c in cells
            if cell_below_minimum(official.get(c, 0)) and not dissolved_next_day(tree.orgs[c], day)
        ),
        key=lambda item: item["code"],
    )
    names = {}
    without = []
    for loc_id, kind, org_id in _locality_subtree(engine.localities, tree.orgs[root].locality_id):
        info = tree.orgs.get(org_id) if org_id else None
        if info is None or not info.exists_on(day):
            if not names:
                names = {loc: (code, name) for loc, code, name in Locality.objects.values_list("id", "code", "name")}
            code, name = names[loc_id]
            without.append({"code": code, "name": name, "kind": kind})
    without.sort(key=lambda item: item["code"])
    return {
        "cells_below_3": below,
        "probation_overdue": values.get("_probation_overdue", 0),
        "localities_without_org": without,
    }


def spec_json(data: dict) -> dict:
    """The JSON of spec/indicators.md (plus the previous period and annex as extra keys)."""
    out = {
        "org": {"code": data["org"]["code"], "name": data["org"]["name"]},
        "period": data["period"],
        "indicators": data["indicators"],
    }
    if "previous" in data:
        out["previous"] = data["previous"]
    if "annex" in data:
        out["annex"] = [
            {"org": {"code": row["org"]["code"], "name": row["org"]["name"]}, "indicators": row["indicators"]}
            for row in data["annex"]
        ]
    return out


__all__ = ["compute", "compute_many", "members_at", "report_data", "spec_json"]
