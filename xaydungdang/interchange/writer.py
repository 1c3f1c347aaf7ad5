"""Writing a checked dataset in one transaction, fast.

Rows go in as plain tuples through core.bulk.bulk_insert (COPY on PostgreSQL, executemany
on SQLite). Organization, locality and member ids are reserved up front so every
foreign key can be filled in Python; foreign keys are deferred to commit on both
databases, so the insert order does not matter. Derived data (member spans, event cells,
member state, cells of screenings, ratings and disciplines) comes from the replays the
validation already did.
"""

from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.admissions.models import Target
from xaydungdang.core.bulk import bulk_insert
from xaydungdang.core.context import current_actor
from xaydungdang.core.text import fold
from xaydungdang.dues.models import DuesBase, DuesPayment
from xaydungdang.inspections.models import Discipline, Inspection
from xaydungdang.interchange.membercheck import database_member_updates, derived_member_fields
from xaydungdang.interchange.textcache import fold_name, sort_key
from xaydungdang.interchange.work import Work
from xaydungdang.members import projection
from xaydungdang.members.models import EventType, Member, MemberChange, MemberEvent, MemberSpan, span_copies
from xaydungdang.organizations import projection as org_projection
from xaydungdang.organizations.models import Locality, Organization, OrgMove, TemporaryArrival, org_sort_key
from xaydungdang.reviews.models import RATING_ROUND_FIELDS, Rating, Screening
from xaydungdang.reviews.rules import prepare_rating

VOIDABLE = ["created_at", "created_by_id", "voided_at", "voided_by_id", "void_reason", "version"]
MEMBER_FIELDS = [
    "id",
    "member_no",
    "full_name",
    "name_folded",
    "sort_key",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "national_id",
    "hometown",
    "residence",
    "general_education",
    "qualification",
    "political_theory",
    "occupation",
    "joined_on",
    "official_on",
    "card_no",
    "admission_exception",
    "current_cell_id",
    "state",
    "status",
    "version",
    "created_at",
    "updated_at",
    "ethnic_minority",
    "youth_union_from",
    "youth_union_until",
    "business_owner",
    "foreign_marriage",
    "family_planning_violation",
    "academic_title",
]
EVENT_FIELDS = [
    "member_id",
    "type",
    "on",
    "org_id",
    "reason",
    "decision_no",
    "decided_on",
    "note",
    "counterpart",
    "other_org_id",
    "other_place",
    "letter_no",
    "letter_on",
    "from_cell_id",
    "to_cell_id",
] + VOIDABLE


def allocate_ids(model, count: int) -> list[int]:
    """Reserve `count` primary keys. PostgreSQL hands them out from the table's sequence
    (safe with concurrent writers); SQLite's write lock is already held by the
    transaction, so the next numbers after the highest used are free."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        top = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(top, row[0] if row else 0) + 1
    return list(range(start, start + count))


# Below this many new rows, or when a table already holds more rows than arrive, indexes
# are kept and maintained row by row.
REBUILD_INDEXES_FROM = 20_000


def _bulk_worthy(cursor, table: str, count: int) -> bool:
    """A load that dwarfs the table: at least REBUILD_INDEXES_FROM rows, more than it holds."""
    if count < REBUILD_INDEXES_FROM:
        return False
    quote = connection.ops.quote_name
    cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {quote(table)} LIMIT %s) AS t", [count + 1])
    return cursor.fetchone()[0] <= count


def _sqlite_set_aside(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL", [table]
    )
    restore = []
    for name, sql in cursor.fetchall():
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        restore.append(sql)
    return restore


def _postgres_set_aside(cursor, table: str) -> list[str]:
    """Secondary indexes (not those behind a primary key or unique constraint) and foreign
    keys of `table`: dropped now, the statements to create them again returned."""
    quote = connection.ops.quote_name
    cursor.execute(
        "SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "WHERE c.conrelid = %s::regclass AND c.contype = 'f'",
        [table],
    )
    keys = cursor.fetchall()
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
        [table],
    )
    indexes = cursor.fetchall()
    for name, _definition in keys:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    return [definition for _name, definition in indexes] + [
        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}" for name, definition in keys
    ]


@contextmanager
def bulk_load(incoming: dict):
    """Load a table that receives far more rows than it holds without maintaining its
    secondary indexes (and, on PostgreSQL, its foreign keys) row by row: set them aside,
    load, create them again. A sorted index build is about five times faster than ten
    indexes kept up row by row, and re-adding a foreign key checks every row with one join
    instead of one query per row at commit. DDL is transactional on both databases, so an
    import that fails gets everything back with its rollback. The price on PostgreSQL: the
    table is locked for the rest of the import (readers wait); that is why this happens only
    when the table receives more rows than it already holds — a first load, not a routine
    import into a full database."""
    restore, cache_size = [], None
    with connection.cursor() as cursor:
        tables = [
            model._meta.db_table
            for model, count in incoming.items()
            if _bulk_worthy(cursor, model._meta.db_table, count)
        ]
        if tables and connection.vendor == "sqlite":
            # Index builds sort in the page cache: 128 MB instead of SQLite's 2 MB for this
            # load only (the connection's own setting comes back afterwards).
            cursor.execute("PRAGMA cache_size")
            cache_size = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA cache_size = -131072")
        if tables and connection.vendor == "postgresql":
            # A table with pending deferred checks (the organizations just written) cannot
            # be altered: run those checks now, then go back to checking at commit.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables:
            if connection.vendor == "sqlite":
                restore += _sqlite_set_aside(cursor, table)
            elif connection.vendor == "postgresql":
                restore += _postgres_set_aside(cursor, table)
    try:
        yield
        if restore:
            with connection.cursor() as cursor:
                for statement in restore:
                    cursor.execute(statement)
    finally:
        if cache_size is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {cache_size}")


class Writer:
    def __init__(self, work: Work, progress=None):
        self.work = work
        self.progress = progress
        self.now = timezone.now()
        self.stamp = connection.ops.adapt_datetimefield_value(self.now)  # as the ORM stores it
        self.user_id = current_actor().user_id
        self.org_ids = {code: info_id for code, info_id in work.tree.by_code.items()}
        self.member_ids: dict[str, int] = {}
        self.voidable = (self.stamp, self.user_id, None, None, "", 1)
        self.done = 0
        self.rebuild_members: set[int] = set()
        self.total = sum(len(rows) for rows in work.rows.values()) or 1

    def _advance(self, n: int) -> None:
        self.done += n
        if self.progress:
            self.progress(min(self.done, self.total), self.total)

    def org_id(self, code):
        return self.org_ids[code] if code is not None else None

    def write(self) -> None:
        work = self.work
        new_orgs = list(work.orgs.values())
        for fact, new_id in zip(new_orgs, allocate_ids(Organization, len(new_orgs))):
            self.org_ids[fact.code] = new_id
        locality_ids = dict(work.db_localities)
        new_localities = list(work.localities.values())
        for row, new_id in zip(new_localities, allocate_ids(Locality, len(new_localities))):
            locality_ids[row.v["code"]] = new_id
        bulk_insert(
            Organization,
            [
                "id",
                "code",
                "name",
                "name_folded",
                "kind",
                "parent_id",
                "established_on",
                "dissolved_on",
                "sort_key",
                "locality_id",
                "unit_type",
                "decision_no",
                "note",
                "successor_id",
                "version",
                "created_at",
            ],
            [
                (
                    self.org_ids[f.code],
                    f.code,
                    f.name,
                    fold(f.name)[:255],
                    f.kind,
                    self.org_id(f.row.v.get("parent_code")),
                    f.established_on,
                    f.dissolved_on,
                    org_sort_key(f.name),
                    locality_ids.get(f.row.v.get("locality_code")),
                    f.row.v.get("unit_type") or "",
                    f.row.v.get("decision_no") or "",
                    f.row.v.get("note") or "",
                    self.org_id(f.row.v.get("successor_code")),
                    1,
                    self.stamp,
                )
                for f in new_orgs
            ],
        )
        self._advance(len(new_orgs))
        bulk_insert(
            Locality,
            ["id", "code", "name", "kind", "parent_id", "org_id", "version"],
            [
                (
                    locality_ids[r.v["code"]],
                    r.v["code"],
                    r.v["name"],
                    r.v["kind"],
                    locality_ids.get(r.v.get("parent_code")),
                    self.org_id(r.v.get("org_code")),
                    1,
                )
                for r in new_localities
            ],
        )
        self._advance(len(new_localities))
        moves = work.rows.get("org_moves", [])
        bulk_insert(
            OrgMove,
            ["org_id", "new_parent_id", "moved_on", "decision_no", "note"] + VOIDABLE,
            [
                (
                    self.org_ids[r.v["code"]],
                    self.org_ids[r.v["new_parent_code"]],
                    r.v["moved_on"],
                    r.v.get("decision_no") or "",
                    r.v.get("note") or "",
                    *self.voidable,
                )
                for r in moves
            ],
        )
        self._advance(len(moves))
        touched_orgs = [self.org_ids[f.code] for f in new_orgs] + [
            self.org_ids[r.v["code"]] for r in moves if r.v["code"] not in work.orgs
        ]
        if touched_orgs:
            org_projection.rebuild_links(sorted(set(touched_orgs)))
        events = len(work.members) + len(work.rows.get("member_events", []))
        with bulk_load({Member: len(work.members), MemberEvent: events, MemberSpan: 2 * len(work.members)}):
            self._write_members()
        self._write_records()

    def _write_members(self) -> None:
        work = self.work
        new_members = [e for e in work.members.values() if e.db_id is None]
        for entry, new_id in zip(new_members, allocate_ids(Member, len(new_members))):
            self.member_ids[entry.member_no] = new_id
        for entry in work.members.values():
            if entry.db_id is not None:
                self.member_ids[entry.member_no] = entry.db_id
        member_rows, span_rows, opening_rows = [], [], []
        cell = self.org_id
        for entry in new_members:
            derived = derived_member_fields(entry)
            v = entry.values | derived if derived else entry.values
            result = entry.result
            member_id = self.member_ids[entry.member_no]
            member_rows.append(
                (
                    member_id,
                    entry.member_no,
                    v["full_name"],
                    fold_name(v["full_name"])[:255],
                    sort_key(v["full_name"]),
                    v["gender"],
                    v["birth_date"],
                    v["ethnicity"],
                    v.get("religion") or "",
                    v.get("national_id") or None,
                    v.get("hometown") or "",
                    v.get("residence") or "",
                    v.get("general_education") or "",
                    v.get("qualification") or "",
                    v.get("political_theory") or "",
                    v.get("occupation") or "",
                    v["joined_on"],
                    v.get("official_on"),
                    v.get("card_no") or "",
                    bool(v.get("admission_exception")),
                    cell(result.current_cell),
                    result.state,
                    result.status,
                    1,
                    self.stamp,
                    self.stamp,
                    entry.minority,
                    v.get("youth_union_from"),
                    v.get("youth_union_until"),
                    bool(v.get("business_owner")),
                    bool(v.get("foreign_marriage")),
                    bool(v.get("family_planning_violation")),
                    v.get("academic_title") or "",
                )
            )
            for row in projection.span_rows(member_id, span_copies(v.get), result):
                span_rows.append((row[0], cell(row[1]), *row[2:]))
            if v.get("org_code"):
                key = ("members", entry.row.n)
                from_code, to_code = result.cells.get(key, (None, None))
                opening_rows.append(
                    (
                        member_id,
                        EventType.OPENING,
                        v.get("as_of") or v["joined_on"],
                        cell(v["org_code"]),
                        "",
                        "",
                        None,
                        "",
                        "",
                        None,
                        "",
                        "",
                        None,
                        cell(from_code),
                        cell(to_code),
                        *self.voidable,
                    )
                )
        bulk_insert(Member, MEMBER_FIELDS, member_rows)
        self._advance(len(member_rows))
        event_rows = opening_rows
        rebuild = set()
        for row in work.rows.get("member_events", []):
            v = row.v
            entry = work.members[v["member_no"]]
            from_code, to_code = entry.result.cells.get((row.table, row.n), (None, None))
            event_rows.append(
                (
                    self.member_ids[entry.member_no],
                    v["type"],
                    v["on"],
                    cell(v.get("org_code")),
                    v.get("reason") or "",
                    v.get("decision_no") or "",
                    v.get("decided_on"),
                    v.get("note") or "",
                    v.get("counterpart") or "",
                    cell(v.get("other_org_code")),
                    v.get("other_place") or "",
                    v.get("letter_no") or "",
                    v.get("letter_on"),
                    cell(from_code),
                    cell(to_code),
                    *self.voidable,
                )
            )
            if entry.db_id is not None:
                rebuild.add(entry.db_id)
        for entry in work.members.values() if rebuild else ():
            if entry.db_id in rebuild:
                updates = database_member_updates(entry)
                if updates:
                    Member.objects.filter(pk=entry.db_id).update(**updates)
        bulk_insert(MemberEvent, EVENT_FIELDS, event_rows)
        self._advance(len(event_rows) - len(opening_rows))
        bulk_insert(MemberSpan, projection.SPAN_FIELDS, span_rows)
        changes = work.rows.get("member_changes", [])
        bulk_insert(
            MemberChange,
            ["member_id", "field", "value", "on"] + VOIDABLE,
            [
                (self.member_ids[r.v["member_no"]], r.v["field"], r.v["value"], r.v["on"], *self.voidable)
                for r in changes
            ],
        )
        self._advance(len(changes))
        for row in work.rows.get("disciplines", []):
            number = work.extra_values[(row.table, row.n)].get("subject_member_id")
            if number and work.members[number].db_id is not None and row.v.get("level") == "expulsion":
                rebuild.add(work.members[number].db_id)
        self.rebuild_members = rebuild

    def _write_records(self) -> None:
        work = self.work
        org, member = self.org_id, self.member_ids.get
        cells = work.derived_cells
        extra = work.extra_values

        def rows(table, build):
            return [build(r.v, extra[(table, r.n)], cells.get((table, r.n))) for r in work.rows.get(table, [])]

        def subject(x):
            kind = "member" if x["subject_member_id"] else "org"
            return kind, member(x["subject_member_id"]), org(x["subject_org_id"])

        plans = [
            (
                "targets",
                Target,
                ["org_id", "period", "period_start", "period_end", "indicator", "value"],
                lambda v, x, c: (
                    org(v["org_code"]),
                    v["period"],
                    x["period_start"],
                    x["period_end"],
                    v["indicator"],
                    v["value"],
                ),
            ),
            (
                "screenings",
                Screening,
                ["member_id", "listed_on", "outcome", "outcome_on", "note", "cell_id"],
                lambda v, x, c: (
                    member(v["member_no"]),
                    v["listed_on"],
                    v.get("outcome") or "",
                    v.get("outcome_on"),
                    v.get("note") or "",
                    org(c),
                ),
            ),
            (
                "ratings",
                Rating,
                [
                    "subject_type",
                    "subject_member_id",
                    "subject_org_id",
                    "year",
                    "level",
                    "score",
                    "rated_by",
                    "cell_id",
                    "period",
                    "ruleset",
                    *RATING_ROUND_FIELDS,
                ],
                lambda v, x, c: _rating_row(prepare_rating(v), subject(x), org(c)),
            ),
            (
                "inspections",
                Inspection,
                [
                    "subject_type",
                    "subject_member_id",
                    "subject_org_id",
                    "org_id",
                    "kind",
                    "started_on",
                    "concluded_on",
                    "violation",
                    "note",
                ],
                lambda v, x, c: (
                    *subject(x),
                    org(v["org_code"]),
                    v["kind"],
                    v["started_on"],
                    v.get("concluded_on"),
                    v.get("violation"),
                    v.get("note") or "",
                ),
            ),
            (
                "disciplines",
                Discipline,
                [
                    "subject_type",
                    "subject_member_id",
                    "subject_org_id",
                    "decided_by_id",
                    "level",
                    "decided_on",
                    "reason",
                    "cell_id",
                ],
                lambda v, x, c: (
                    *subject(x),
                    org(v["decided_by"]),
                    v["level"],
                    v["decided_on"],
                    v.get("reason") or "",
                    org(c),
                ),
            ),
            (
                "classes",
                TrainingClass,
                ["org_id", "kind", "title", "started_on", "ended_on", "participants"],
                lambda v, x, c: (
                    org(v["org_code"]),
                    v["kind"],
                    v.get("title") or "",
                    v["started_on"],
                    v.get("ended_on"),
                    v["participants"],
                ),
            ),
            (
                "dialogues",
                Dialogue,
                ["org_id", "held_on", "host", "cases"],
                lambda v, x, c: (org(v["org_code"]), v["held_on"], v.get("host") or "", v["cases"]),
            ),
            (
                "documents",
                Document,
                ["org_id", "number", "type", "issued_on", "title", "concretizes", "is_review"],
                lambda v, x, c: (
                    org(v["org_code"]),
                    v.get("number") or "",
                    v["type"],
                    v["issued_on"],
                    v.get("title") or "",
                    v.get("concretizes") or "",
                    bool(v.get("is_review")),
                ),
            ),
            (
                "awards",
                Award,
                [
                    "subject_type",
                    "subject_member_id",
                    "subject_org_id",
                    "granted_by_id",
                    "award",
                    "granted_on",
                    "reason",
                ],
                lambda v, x, c: (*subject(x), org(v["granted_by"]), v["award"], v["granted_on"], v.get("reason") or ""),
            ),
            (
                "cadre_actions",
                CadreAction,
                ["org_id", "kind", "on", "count", "note"],
                lambda v, x, c: (
                    org(v["org_code"]),
                    v["kind"],
                    v["on"],
                    1 if v.get("count") is None else v["count"],
                    v.get("note") or "",
                ),
            ),
            (
                "dues_bases",
                DuesBase,
                ["member_id", "category", "base", "valid_from", "reduction_pct", "exempt", "exempt_reason"],
                lambda v, x, c: (
                    member(v["member_no"]),
                    v["category"],
                    v.get("base"),
                    v["from"],
                    v.get("reduction_pct") or 0,
                    bool(v.get("exempt")),
                    "",
                ),
            ),
            (
                "dues_payments",
                DuesPayment,
                ["member_id", "month", "amount", "paid_on", "channel", "receipt_no", "transaction_id", "cell_id"],
                lambda v, x, c: (
                    member(v["member_no"]),
                    x["month_day"],
                    v["amount"],
                    v["paid_on"],
                    v.get("channel") or "cash",
                    v.get("receipt_no") or "",
                    "",
                    org(c),
                ),
            ),
            (
                "temporary_arrivals",
                TemporaryArrival,
                ["org_id", "on", "full_name", "home_org", "until"],
                lambda v, x, c: (org(v["org_code"]), v["on"], v["full_name"], v.get("home_org") or "", v.get("until")),
            ),
        ]
        for table, model, fields, build in plans:
            built = rows(table, build)
            bulk_insert(model, fields + VOIDABLE, [(*r, *self.voidable) for r in built])
            self._advance(len(built))
        self._write_candidates()
        for member_id in sorted(self.rebuild_members):  # database members with new history
            projection.rebuild(Member.objects.get(pk=member_id))

    def _write_candidates(self) -> None:
        """The optional `candidates` table: each row a Candidate and the steps its dates give
        (admissions/exchange.py); few rows, written with the ORM."""
        from xaydungdang.admissions.exchange import build
        from xaydungdang.admissions.models import Candidate, CandidateStep

        rows = self.work.rows.get("candidates", [])
        voidable = {"created_at": self.now, "created_by_id": self.user_id}
        for row in rows:
            values, steps = build(row.v, self.org_id, self.member_ids.get)
            candidate = Candidate.objects.create(**values, **voidable)
            CandidateStep.objects.bulk_create([CandidateStep(candidate=candidate, **s, **voidable) for s in steps])
        self._advance(len(rows))


_RATING_TEXT = frozenset({"not_rated", "not_rated_note", "violation", "self_level", "proposed_level"})


def _rating_row(v: dict, subject: tuple, cell_id) -> tuple:
    """A ratings row as stored: its period and rule set (reviews.rules.prepare_rating), "" for the
    text columns left empty, False for an unrecorded discipline."""
    rest = []
    for name in RATING_ROUND_FIELDS:
        value = v.get(name)
        if name in _RATING_TEXT:
            value = value or ""
        elif name == "disciplined":
            value = bool(value)
        rest.append(value)
    head = (v["year"], v.get("level") or "", v.get("score"), v.get("rated_by") or "", cell_id)
    return (*subject, *head, v.get("period") or "", v.get("ruleset") or "", *rest)
