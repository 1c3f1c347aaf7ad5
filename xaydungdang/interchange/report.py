"""What an import says back: errors and warnings located by table, row and column, and counts."""

from dataclasses import dataclass, field

from xaydungdang.interchange.tables import TABLE_ORDER, TABLES


@dataclass(frozen=True)
class Issue:
    """One problem of the dataset. `row` is the spreadsheet row (header = 1); None for a
    problem of the whole table or file."""

    table: str
    row: int | None
    column: str | None
    message: str
    seq: int = field(default=0, compare=False)

    def __str__(self) -> str:
        where = self.table or "tệp"
        if self.row is not None:
            where += f", dòng {self.row}"
        if self.column:
            where += f", cột {self.column}"
        return f"{where}: {self.message}"

    def sort_key(self):
        table_index = TABLE_ORDER.index(self.table) if self.table in TABLES else -1
        columns = TABLES[self.table].names if self.table in TABLES else []
        column_index = columns.index(self.column) if self.column in columns else len(columns)
        return (table_index, self.row if self.row is not None else 0, column_index, self.seq)


class Issues:
    """Collects issues in the order found; `sorted()` gives the stable printed order."""

    def __init__(self):
        self._items: list[Issue] = []
        self._cells: set = set()

    def add(self, table: str, row: int | None, column: str | None, message: str) -> None:
        self._items.append(Issue(table, row, column, message, len(self._items)))
        if row is not None and column:
            self._cells.add((table, row, column))

    def has_cell(self, table: str, row: int | None, column: str | None) -> bool:
        """A parse error already names this cell (rules then stay quiet about it)."""
        return (table, row, column) in self._cells

    def tables(self) -> set[str]:
        return {issue.table for issue in self._items}

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def sorted(self) -> list[Issue]:
        unique, seen = [], set()
        for issue in sorted(self._items, key=Issue.sort_key):
            key = (issue.table, issue.row, issue.column, issue.message)
            if key not in seen:
                seen.add(key)
                unique.append(issue)
        return unique


@dataclass
class ImportReport:
    ok: bool = False
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # table -> rows read (written unless dry_run)
    dry_run: bool = False
    written: bool = False
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)  # stage -> seconds (read, parse, check, write)

    def summary(self) -> str:
        parts = [f"{name} {n:,}".replace(",", ".") for name, n in self.counts.items() if n]
        return ", ".join(parts) if parts else "không có dòng nào"
