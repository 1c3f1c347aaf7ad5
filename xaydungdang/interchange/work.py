"""The state of one import while it is checked: what the dataset defines, what the database
already holds, and the answers the shared rule functions ask for.

Organizations and members are keyed by their codes (org code, member_no) rather than
database ids, so the whole dataset can be judged before anything is written; the writer
maps codes to ids at the end.
"""

import datetime as dt
from dataclasses import dataclass, field

from xaydungdang.core.errors import Problem
from xaydungdang.interchange.dataset import Row
from xaydungdang.interchange.report import Issues
from xaydungdang.members.lifecycle import Facts, OrgLookup, Result, Step
from xaydungdang.organizations.models import CELL_KINDS
from xaydungdang.organizations.tree import Tree

CELLS = frozenset(kind.value for kind in CELL_KINDS)


@dataclass(slots=True)
class OrgFact:
    """An organization of the dataset (the database's come from the tree as OrgInfo)."""

    code: str
    name: str
    kind: str
    established_on: dt.date
    dissolved_on: dt.date | None
    row: Row

    def exists_on(self, day: dt.date) -> bool:
        return self.established_on <= day and (self.dissolved_on is None or day < self.dissolved_on)

    def exists_during(self, start: dt.date, end: dt.date) -> bool:
        return self.established_on <= end and (self.dissolved_on is None or self.dissolved_on > start)


@dataclass
class MemberEntry:
    """A member the dataset defines (row set) or names from the database (db_id set)."""

    member_no: str
    facts: Facts | None
    row: Row | None = None
    db_id: int | None = None
    values: dict = field(default_factory=dict)
    steps: list = field(default_factory=list)  # Step, in file order (opening first)
    result: Result | None = None
    broken: bool = False  # its own rows have errors: rows naming it are not judged again
    female: bool = False
    minority: bool = False
    religious: bool = False
    current_cell: str | None = None  # database members: the cell now (for the access scope)


class Work:
    def __init__(self, rows: dict[str, list[Row]], issues: Issues, warnings: Issues, tree: Tree, today: dt.date):
        self.rows = rows
        self.issues = issues
        self.warnings = warnings
        self.tree = tree
        self.today = today
        self.orgs: dict[str, OrgFact] = {}  # dataset organizations by code
        self.broken_orgs: set[str] = set()  # codes defined by rows with errors
        self.localities: dict[str, Row] = {}
        self.db_localities: dict[str, int] = {}
        self.members: dict[str, MemberEntry] = {}  # dataset and referenced database members
        self.lookup = OrgLookup(
            is_cell=self._is_cell, exists_on=self._exists_on, dissolved_on=self._dissolved_on, label=self.org_label
        )
        self.derived_cells: dict[tuple, str | None] = {}  # (table, row) -> cell code for writers
        self.extra_values: dict[tuple, dict] = {}  # (table, row) -> resolved values for writers

    def release(self) -> None:
        """Drop everything the import held. `lookup` refers back to this object through its
        bound methods, a reference cycle that would leave the whole dataset (a million
        objects at province scale) to the cyclic garbage collector: one pause of more than
        half a second. Cutting the cycle frees it at once by reference counting."""
        self.lookup = None
        for holder in (self.rows, self.orgs, self.localities, self.members, self.derived_cells, self.extra_values):
            holder.clear()

    # --- organizations -------------------------------------------------------------
    def org(self, code: str | None):
        if code is None:
            return None
        fact = self.orgs.get(code)
        if fact is not None:
            return fact
        return self.tree.get(code)

    def org_known(self, code: str | None) -> bool:
        return code is not None and (code in self.orgs or code in self.broken_orgs or code in self.tree.by_code)

    def org_broken(self, code: str | None) -> bool:
        return code in self.broken_orgs

    def _is_cell(self, code) -> bool:
        org = self.org(code)
        return org is not None and org.kind in CELLS

    def _exists_on(self, code, day) -> bool:
        org = self.org(code)
        return org is not None and org.exists_on(day)

    def _dissolved_on(self, code):
        org = self.org(code)
        return org.dissolved_on if org is not None else None

    def org_label(self, code) -> str:
        org = self.org(code)
        return f"{org.name} ({org.code})" if org is not None else str(code)

    # --- the context the record rules ask (see members/context.py) --------------------
    def org_exists_on(self, code, day: dt.date) -> bool:
        return self._exists_on(code, day)

    def org_exists_during(self, code, start: dt.date, end: dt.date) -> bool:
        org = self.org(code)
        return org is not None and org.exists_during(start, end)

    def org_kind(self, code) -> str | None:
        org = self.org(code)
        return org.kind if org is not None else None

    def member_result(self, member_no) -> Result:
        """The member's replayed history; a database member the dataset only names is
        replayed on first use."""
        entry = self.members[member_no]
        if entry.result is None and entry.facts is not None:
            from xaydungdang.members.lifecycle import replay
            from xaydungdang.members.projection import sort_steps

            entry.result = replay(entry.facts, sort_steps(entry.steps), self.lookup, self.today)
        return entry.result

    def member_label(self, member_no) -> str:
        entry = self.members.get(member_no)
        return entry.facts.label if entry and entry.facts else str(member_no)

    # --- messages ------------------------------------------------------------------
    def error(self, row: Row, column: str | None, message: str) -> None:
        self.issues.add(row.table, row.n, column, message)
        row.ok = False

    def problems(self, row: Row, problems: list[Problem], columns: dict | None = None) -> bool:
        """Report rule problems on a row (unless a parse error already names that cell)."""
        reported = False
        for problem in problems:
            column = problem.field
            if columns and column in columns:
                column = columns[column]
            if column is not None and self.issues.has_cell(row.table, row.n, column):
                continue
            self.issues.add(row.table, row.n, column, problem.message)
            reported = True
        if problems:
            row.ok = False
        return reported


def opening_step(row: Row, org_code: str, on: dt.date) -> Step:
    return Step(key=(row.table, row.n), type="opening", on=on, org_id=org_code)
