"""What an import says back: errors and warnings located by table, row and column, and counts."""

from dataclasses import dataclass, field, replace

from xaydungdang.interchange.tables import TABLE_ORDER, TABLES


@dataclass(frozen=True)
class Issue:
    """One problem of the dataset. `row` is the spreadsheet row (header = 1); None for a
    problem of the whole table or file.

    `table` and `column` are the canonical names (str() uses them: logs and tests); `sheet`,
    `column_shown` and `text` say it as the user's file does (Names.name): what a user reads."""

    table: str
    row: int | None
    column: str | None
    message: str
    seq: int = field(default=0, compare=False)
    sheet: str = field(default="", compare=False)  # "Trang «Đảng viên»", "Tệp «dang-vien.csv»"
    column_shown: str = field(default="", compare=False)  # "«Ngày sinh» (birth_date)"

    def __str__(self) -> str:
        where = self.table or "tệp"
        if self.row is not None:
            where += f", dòng {self.row}"
        if self.column:
            where += f", cột {self.column}"
        return f"{where}: {self.message}"

    @property
    def text(self) -> str:
        """The message as a user reads it: "Trang «Đảng viên», dòng 5, cột «Ngày sinh»
        (birth_date): …" (str() until the issue is named)."""
        if not self.sheet:
            return str(self)
        where = self.sheet
        if self.row is not None:
            where += f", dòng {self.row}"
        if self.column_shown:
            where += f", cột {self.column_shown}"
        return f"{where}: {self.message}"

    def sort_key(self):
        table_index = TABLE_ORDER.index(self.table) if self.table in TABLES else -1
        columns = TABLES[self.table].names if self.table in TABLES else []
        column_index = columns.index(self.column) if self.column in columns else len(columns)
        return (table_index, self.row if self.row is not None else 0, column_index, self.seq)


@dataclass
class Names:
    """How the user's file names the tables and columns it holds: a sheet «Đảng viên» is the
    table members, a header «Ngày sinh» the column birth_date (the readers and parse_table
    fill it in). Messages then name them as the user sees them, the canonical name in brackets."""

    places: dict = field(default_factory=dict)  # table -> "Trang «Đảng viên»" / "Tệp «members.csv»"
    headers: dict = field(default_factory=dict)  # (table, column) -> header as written
    file: str = ""  # the stored file's name (upload.xlsx) ...
    file_shown: str = ""  # ... and the name the user gave it

    def sheet(self, table: str) -> str:
        if table in self.places:
            return self.places[table]
        if table in TABLES:
            return f"Bảng «{TABLES[table].label}»"
        if self.file and table == self.file:
            return f"Tệp «{self.file_shown or self.file}»"
        return f"Tệp «{table}»" if table else "Tệp"

    def column(self, table: str, column: str | None) -> str:
        if not column:
            return ""
        header = self.headers.get((table, column))
        if header is None and table in TABLES:
            header = next((c.label for c in TABLES[table].columns if c.name == column), None)
        if header is None or header == column:
            return f"«{header or column}»"
        return f"«{header}» ({column})"

    def name(self, issue: Issue) -> Issue:
        message = issue.message
        if self.file and self.file_shown and self.file != self.file_shown:
            message = message.replace(self.file, self.file_shown)
        return replace(
            issue, message=message, sheet=self.sheet(issue.table), column_shown=self.column(issue.table, issue.column)
        )


class Issues:
    """Collects issues in the order found; `sorted()` gives the stable printed order."""

    def __init__(self, names: Names | None = None):
        self._items: list[Issue] = []
        self._cells: set = set()
        self.names = names if names is not None else Names()

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
        """The issues in printed order, once each, named as the user's file names things."""
        unique, seen = [], set()
        for issue in sorted(self._items, key=Issue.sort_key):
            key = (issue.table, issue.row, issue.column, issue.message)
            if key not in seen:
                seen.add(key)
                unique.append(self.names.name(issue))
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
