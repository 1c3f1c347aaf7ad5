"""The change feed (/api/v1/changes/, docs/api.md "Nguồn thay đổi"): every committed change in a
user's scope, in order, in the vocabulary of the interchange format, so that another database
(where ids differ) can replay it — `xdd mirror` (interchange/mirror.py) does.

Source: the audit trail. Each audit entry of a write becomes one unit of changes:

    {"cursor", "at", "entry", "action", "op", "table", "key", "row"}

`op` is "upsert" (organizations, localities, members: the row with that key exists with these
values; `row` may hold only the columns that changed), "insert" (a dated record: member events,
changes of information, org moves, ratings, classes...; `key` holds the columns that identify it)
or "void" (the record matching `key` is voided, `row` = {"reason"}); "resync" says the history
cannot be replayed (a restore, an import written before the feed existed): start again from a
full export. An import (and `xdd demo`, which imports) is expanded into the rows it wrote: it
records in its audit entry the id range and write time of each table (`written_rows`), and the
feed reads those rows back in an order an importer accepts (organizations by depth, localities,
moves, each new member with its events, then everything else).

Cursor: "<entry>.<phase>.<row>", opaque to clients: everything up to audit entry `entry` has
been delivered, except inside an import (phase > 0: that import's phases before `phase`, and
rows up to `row` of `phase`). Entries are served in id order up to a horizon below which every
entry is committed: on PostgreSQL ids are handed out before commit, so a later id may commit
first; every audit write holds core.audit.FEED_LOCK shared until its commit, and the feed takes
it exclusively for an instant (never waiting on it: it retries for two seconds, then serves
what it already knows is settled) and reads the highest id then. SQLite commits one writer at a
time, in id order.
"""

import datetime as dt
import decimal
import time
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BigIntegerField, Case, ExpressionWrapper, F, Value, When
from django.utils.dateparse import parse_datetime

from xaydungdang.accounts.scope import CHANGE, VIEW, restrict, scope_for
from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.admissions.models import Target
from xaydungdang.core.audit import FEED_LOCK
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError
from xaydungdang.core.models import AuditEntry
from xaydungdang.dues.models import DuesBase, DuesPayment
from xaydungdang.inspections.models import Discipline, DisciplineLevel, Inspection
from xaydungdang.members.models import (
    FORM_ATTRIBUTES,
    PERSONAL_DATA,
    EventType,
    Member,
    MemberChange,
    MemberEvent,
    mask_national_id,
)
from xaydungdang.organizations.models import Locality, Organization, OrgKind, OrgMove, TemporaryArrival
from xaydungdang.reviews.models import RATING_ROUND_FIELDS, Rating, Screening

DEFAULT_LIMIT, MAX_LIMIT = 500, 5000
EXPULSION = DisciplineLevel.EXPULSION

MEMBER_COLUMNS = (*PERSONAL_DATA, "joined_on", "official_on", "card_no", "admission_exception", *FORM_ATTRIBUTES)
_SUBJECT = {"subject": ("subject_member__member_no", "subject_org__code")}

# table -> (model, {column: lookup}); a tuple lookup takes the first value that is not empty.
TABLES: dict[str, tuple] = {
    "organizations": (
        Organization,
        {
            "code": "code",
            "name": "name",
            "kind": "kind",
            "parent_code": "parent__code",
            "established_on": "established_on",
            "dissolved_on": "dissolved_on",
            "locality_code": "locality__code",
            "unit_type": "unit_type",
            "decision_no": "decision_no",
            "note": "note",
            "successor_code": "successor__code",
        },
    ),
    "org_moves": (
        OrgMove,
        {
            "code": "org__code",
            "new_parent_code": "new_parent__code",
            "moved_on": "moved_on",
            "decision_no": "decision_no",
            "note": "note",
        },
    ),
    "localities": (
        Locality,
        {"code": "code", "name": "name", "kind": "kind", "parent_code": "parent__code", "org_code": "org__code"},
    ),
    "members": (Member, {c: c for c in MEMBER_COLUMNS}),
    "member_events": (
        MemberEvent,
        {
            "member_no": "member__member_no",
            "type": "type",
            "on": "on",
            "org_code": "org__code",
            "reason": "reason",
            "decision_no": "decision_no",
            "decided_on": "decided_on",
            "note": "note",
            "counterpart": "counterpart",
        },
    ),
    "member_changes": (
        MemberChange,
        {"member_no": "member__member_no", "field": "field", "value": "value", "on": "on"},
    ),
    "targets": (Target, {"org_code": "org__code", "period": "period", "indicator": "indicator", "value": "value"}),
    "screenings": (
        Screening,
        {
            "member_no": "member__member_no",
            "listed_on": "listed_on",
            "outcome": "outcome",
            "outcome_on": "outcome_on",
            "note": "note",
        },
    ),
    "dues_bases": (
        DuesBase,
        {
            "member_no": "member__member_no",
            "category": "category",
            "base": "base",
            "from": "valid_from",
            "reduction_pct": "reduction_pct",
            "exempt": "exempt",
        },
    ),
    "dues_payments": (
        DuesPayment,
        {
            "member_no": "member__member_no",
            "month": "month",  # served as the month's first day; the importer reads it as its month
            "amount": "amount",
            "paid_on": "paid_on",
            "channel": "channel",
            "receipt_no": "receipt_no",
        },
    ),
    "ratings": (
        Rating,
        {
            "year": "year",
            "subject_type": "subject_type",
            **_SUBJECT,
            "level": "level",
            "rated_by": "rated_by",
            "score": "score",
            "period": "period",
            **{name: name for name in RATING_ROUND_FIELDS},
        },
    ),
    "inspections": (
        Inspection,
        {
            "org_code": "org__code",
            "kind": "kind",
            "subject_type": "subject_type",
            **_SUBJECT,
            "started_on": "started_on",
            "concluded_on": "concluded_on",
            "violation": "violation",
            "note": "note",
        },
    ),
    "disciplines": (
        Discipline,
        {
            "decided_by": "decided_by__code",
            "subject_type": "subject_type",
            **_SUBJECT,
            "level": "level",
            "decided_on": "decided_on",
            "reason": "reason",
        },
    ),
    "classes": (
        TrainingClass,
        {
            "org_code": "org__code",
            "kind": "kind",
            "title": "title",
            "started_on": "started_on",
            "ended_on": "ended_on",
            "participants": "participants",
        },
    ),
    "dialogues": (Dialogue, {"org_code": "org__code", "held_on": "held_on", "host": "host", "cases": "cases"}),
    "documents": (
        Document,
        {
            "org_code": "org__code",
            "number": "number",
            "type": "type",
            "issued_on": "issued_on",
            "title": "title",
            "concretizes": "concretizes",
            "is_review": "is_review",
        },
    ),
    "awards": (
        Award,
        {
            "granted_by": "granted_by__code",
            "subject_type": "subject_type",
            **_SUBJECT,
            "award": "award",
            "granted_on": "granted_on",
            "reason": "reason",
        },
    ),
    "cadre_actions": (
        CadreAction,
        {"org_code": "org__code", "kind": "kind", "on": "on", "count": "count", "note": "note"},
    ),
    "temporary_arrivals": (
        TemporaryArrival,
        {"org_code": "org__code", "on": "on", "full_name": "full_name", "home_org": "home_org", "until": "until"},
    ),
}
# Interchange tables the feed does not serve: a `candidates` row gathers a candidate and its dated
# steps (two models); a mirror takes them by a dataset export (docs/interchange.md).
NOT_IN_FEED = ("candidates",)
# Columns of members the feed fills from the member's opening event, not from the members row.
FROM_OPENING = ("org_code", "as_of")


def _follow_the_format() -> None:
    """A column the interchange format gains later (interchange/tables.py) is read like its neighbours when the
    model has a field of that name, or a foreign key `<name>` for a column `<name>_code`."""
    from xaydungdang.interchange.tables import TABLES as FORMAT

    for name, (model, columns) in TABLES.items():
        fields = {f.name: f for f in model._meta.concrete_fields}
        for column in FORMAT[name].columns:
            if column.name in columns or (name == "members" and column.name in FROM_OPENING):
                continue
            field = fields.get(column.name)
            if field is not None and not field.is_relation:
                columns[column.name] = column.name
            elif column.name.endswith("_code") and getattr(fields.get(column.name[:-5]), "is_relation", False):
                columns[column.name] = f"{column.name[:-5]}__code"


_follow_the_format()
TABLE_OF_MODEL = {model._meta.label_lower: name for name, (model, _cols) in TABLES.items()}
KEYED = {"organizations": ("code",), "localities": ("code",), "members": ("member_no",)}
# The columns that identify a record of an insert-only table (a void finds the record by them).
IDENTITY = {"member_events": ("member_no", "type", "on", "org_code", "reason", "decision_no", "decided_on")}
RECORD_TABLES = [
    "targets",
    "screenings",
    "ratings",
    "inspections",
    "disciplines",
    "classes",
    "dialogues",
    "documents",
    "awards",
    "cadre_actions",
    "temporary_arrivals",
]
RANGE_TABLES = [
    "organizations",
    "localities",
    "org_moves",
    "members",
    "member_events",
    "member_changes",
    *RECORD_TABLES,
]
# The phases of an import's expansion, in the order they are served.
PHASES = [
    "organizations",
    "localities",
    "organization_localities",
    "org_moves",
    "members",
    "member_events",
    "member_changes",
    *RECORD_TABLES,
]


def _plain(value):
    if value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _lookups(columns: dict) -> list[str]:
    paths = []
    for lookup in columns.values():
        paths += list(lookup) if isinstance(lookup, tuple) else [lookup]
    return paths


def _row(columns: dict, values: dict) -> dict:
    row = {}
    for name, lookup in columns.items():
        if isinstance(lookup, tuple):
            value = next((values[p] for p in lookup if values[p] not in (None, "")), None)
        else:
            value = values[lookup]
        row[name] = _plain(value)
    return row


def _identity(table: str, row: dict) -> dict:
    names = IDENTITY.get(table) or KEYED.get(table) or tuple(row)
    return {k: row.get(k) for k in names}


# --- Writing side: what an import records so the feed can read its rows back -------------------


def high_marks() -> dict[str, int]:
    """The highest id of each table before an import writes (ids it writes are higher)."""
    marks = {}
    with connection.cursor() as cursor:
        for table in RANGE_TABLES:
            model = TABLES[table][0]
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")
            marks[table] = cursor.fetchone()[0] or 0
    return marks


def written_rows(before: dict[str, int], stamp: dt.datetime) -> dict:
    """For an import's audit entry: per table the ids (low, high] it wrote (with rows of concurrent
    writers in between on PostgreSQL, told apart by the write time `stamp` the import gives every
    row it creates), read in the import's own transaction."""
    after = high_marks()
    return {
        "stamp": stamp.isoformat(),
        "ranges": {t: [before[t], after[t]] for t in RANGE_TABLES if after[t] > before[t]},
    }


# --- Cursor and horizon ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Cursor:
    entry: int = 0
    phase: int = 0
    row: int = 0

    def __str__(self) -> str:
        return f"{self.entry}.{self.phase}.{self.row}"

    @classmethod
    def parse(cls, text: str | None) -> "Cursor":
        if text in (None, ""):
            return cls()
        parts = str(text).strip().split(".")
        if len(parts) != 3 or not all(p.isdecimal() and len(p) < 19 for p in parts):
            raise DomainError(
                f"Con trỏ «{str(text)[:40]}» không hợp lệ; dùng giá trị «next» của lần đọc trước.", "since"
            )
        return cls(*(int(p) for p in parts))


def horizon(wait: float = 2.0) -> int | None:
    """The highest audit id below which every entry is committed; None when writers kept the feed lock
    for `wait` seconds (the caller serves nothing new and asks again later)."""
    if connection.vendor != "postgresql":
        return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    deadline = time.monotonic() + wait
    while True:
        with connection.cursor() as cursor:
            # A session lock, released at once (a transaction lock would last as long as the request's).
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [FEED_LOCK])
            if cursor.fetchone()[0]:
                try:
                    cursor.execute(f"SELECT MAX(id) FROM {AuditEntry._meta.db_table}")
                    return cursor.fetchone()[0] or 0
                finally:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [FEED_LOCK])
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)


# --- Reading side --------------------------------------------------------------------------------


@dataclass
class Change:
    entry: AuditEntry
    op: str
    table: str
    key: dict
    row: dict
    meta: dict = field(default_factory=dict)
    cursor: Cursor | None = None

    def as_json(self) -> dict:
        data = {
            "cursor": str(self.cursor),
            "at": self.entry.at.isoformat(),
            "entry": self.entry.id,
            "action": self.entry.action,
            "op": self.op,
            "table": self.table,
            "key": self.key,
            "row": self.row,
        }
        if self.meta:
            data["meta"] = self.meta
        return data


MEMBER_ENTRIES = {"member.admitted", "member.transferred_in", "member.opening"}
RECORD_ACTIONS = {
    AuditAction.CLASS_RECORD,
    AuditAction.DIALOGUE_RECORD,
    AuditAction.DOCUMENT_RECORD,
    AuditAction.AWARD_RECORD,
    AuditAction.CADRE_RECORD,
    AuditAction.TARGET_SET,
    AuditAction.INSPECTION_RECORD,
    AuditAction.DISCIPLINE_RECORD,
    AuditAction.RATING_RECORD,
    AuditAction.SCREENING_RECORD,
    AuditAction.ARRIVAL_RECORD,
    AuditAction.MEMBER_CHANGE_RECORD,
    AuditAction.ORG_MOVE,
}
VOID_ACTIONS = {
    AuditAction.EVENT_VOID,
    AuditAction.MEMBER_CHANGE_VOID,
    AuditAction.CLASS_VOID,
    AuditAction.DIALOGUE_VOID,
    AuditAction.DOCUMENT_VOID,
    AuditAction.AWARD_VOID,
    AuditAction.CADRE_VOID,
    AuditAction.TARGET_VOID,
    AuditAction.INSPECTION_VOID,
    AuditAction.DISCIPLINE_VOID,
    AuditAction.RATING_VOID,
    AuditAction.SCREENING_VOID,
    AuditAction.ARRIVAL_VOID,
}
EVENT_ACTIONS = {AuditAction.event(t) for t in EventType.values if t != EventType.OPENING}
ORG_ACTIONS = {AuditAction.ORG_FOUND, AuditAction.ORG_UPDATE, AuditAction.ORG_DISSOLVE}
RESYNC_ACTIONS = {AuditAction.SYSTEM_RESTORE, AuditAction.IMPORT}
FEED_ACTIONS = sorted(
    {
        *MEMBER_ENTRIES,
        AuditAction.MEMBER_UPDATE,
        *RECORD_ACTIONS,
        *VOID_ACTIONS,
        *EVENT_ACTIONS,
        *ORG_ACTIONS,
        *RESYNC_ACTIONS,
        AuditAction.INTERCHANGE_IMPORT,
    }
)


class Reader:
    """One page of the feed for `user` (None: everything, as the CLI)."""

    def __init__(self, user=None):
        self.user = user
        self.view = scope_for(user, VIEW) if user is not None else None
        self.change = scope_for(user, CHANGE) if user is not None else None

    # scope ------------------------------------------------------------------------------------
    def _scoped(self, queryset):
        if self.user is None or self.view.is_global:
            return queryset
        return restrict(queryset, self.user, VIEW)

    def _mask(self, row: dict, cell_id) -> dict:
        if row.get("national_id") and not (self.change is None or self.change.covers(cell_id)):
            row["national_id"] = mask_national_id(row["national_id"])
        return row

    def _rows(self, table: str, queryset, *extra: str) -> list[tuple[dict, dict]]:
        """(row, raw values) of `queryset` in the table's columns."""
        columns = TABLES[table][1]
        out = []
        for values in queryset.values("id", *_lookups(columns), *extra):
            out.append((_row(columns, values), values))
        return out

    # the page ---------------------------------------------------------------------------------
    def page(self, since: Cursor, limit: int = DEFAULT_LIMIT) -> dict:
        limit = max(1, min(int(limit), MAX_LIMIT))
        top = horizon()
        changes: list[Change] = []
        position = since
        settled = top is not None
        if top is None:
            top = since.entry  # writers busy: nothing new this time
        more = False
        if since.phase:  # inside an import
            entry = AuditEntry.objects.filter(pk=since.entry, id__lte=top).first()
            if entry is not None and _expandable(entry):
                position = self._expand_import(entry, since, changes, limit)
            else:
                position = Cursor(since.entry)
        while len(changes) < limit and position.phase == 0:
            entries = list(
                AuditEntry.objects.filter(id__gt=position.entry, id__lte=top, action__in=FEED_ACTIONS).order_by("id")[
                    : max(limit - len(changes), 50)
                ]
            )
            if not entries:
                position = Cursor(max(position.entry, top)) if settled else position
                break
            for entry in entries:
                if len(changes) >= limit:
                    break
                if _expandable(entry):
                    position = self._expand_import(entry, Cursor(entry.id, 1, 0), changes, limit)
                    if position.phase:
                        break
                    continue
                unit = self._unit(entry)
                position = Cursor(entry.id)
                for change in unit:
                    change.cursor = position
                changes += unit
        if position.phase or AuditEntry.objects.filter(id__gt=position.entry, action__in=FEED_ACTIONS).exists():
            more = True
        _numbers_at_the_time(changes)
        return {
            "changes": [c.as_json() for c in changes],
            "next": str(position),
            "more": more,
            "settled": settled,
        }

    # one audit entry --------------------------------------------------------------------------
    def _unit(self, entry: AuditEntry) -> list[Change]:
        action = entry.action
        after, before = entry.after or {}, entry.before or {}
        if action in RESYNC_ACTIONS or action == AuditAction.INTERCHANGE_IMPORT:  # (an import before the feed)
            return [Change(entry, "resync", "", {}, {}, {"reason": AuditAction(action).label})]
        table = TABLE_OF_MODEL.get(entry.model)
        if table is None or not entry.object_id.isdigit():
            return []
        model = TABLES[table][0]
        pk = int(entry.object_id)
        if action in MEMBER_ENTRIES:
            return self._member_entry(entry, pk, after)
        if action == AuditAction.MEMBER_UPDATE:
            return self._member_update(entry, pk, before, after)
        if action in ORG_ACTIONS:
            return self._org_entry(entry, pk, before, after)
        found = self._rows(table, self._scoped(model.objects.filter(pk=pk)), *self._cell_lookup(table))
        if not found:
            return []
        row, values = found[0]
        if table == "members":
            return []
        if action in VOID_ACTIONS:
            return [Change(entry, "void", table, _identity(table, row), {"reason": after.get("reason")})]
        return [Change(entry, "insert", table, _identity(table, row), row)]

    @staticmethod
    def _cell_lookup(table: str) -> tuple:
        return ("current_cell_id",) if table == "members" else ()

    def _member_entry(self, entry, pk: int, after: dict) -> list[Change]:
        member = self._scoped(Member.objects.filter(pk=pk)).values("member_no", "current_cell_id").first()
        if member is None:
            return []
        row = {c: _plain(after.get(c)) for c in MEMBER_COLUMNS if c in after}
        row["member_no"] = after.get("member_no") or member["member_no"]
        kind = entry.action.split(".", 1)[1]
        if kind == EventType.OPENING:
            row |= {"org_code": after.get("cell"), "as_of": after.get("on")}
        changes = [
            Change(
                entry, "upsert", "members", {"member_no": row["member_no"]}, self._mask(row, member["current_cell_id"])
            )
        ]
        if kind != EventType.OPENING:
            event = self._rows(
                "member_events",
                MemberEvent.objects.filter(member_id=pk, type=kind, on=after.get("on")).order_by("id")[:1],
            )
            if event:
                changes.append(
                    Change(entry, "insert", "member_events", _identity("member_events", event[0][0]), event[0][0])
                )
        return changes

    def _member_update(self, entry, pk: int, before: dict, after: dict) -> list[Change]:
        member = self._scoped(Member.objects.filter(pk=pk)).values("member_no", "current_cell_id").first()
        if member is None or not after:
            return []
        number = before.get("member_no") or member["member_no"]
        row = {c: _plain(v) for c, v in after.items() if c in MEMBER_COLUMNS}
        return [Change(entry, "upsert", "members", {"member_no": number}, self._mask(row, member["current_cell_id"]))]

    def _org_entry(self, entry, pk: int, before: dict, after: dict) -> list[Change]:
        org = self._scoped(Organization.objects.filter(pk=pk)).values("code", "parent__code", "locality__code").first()
        if org is None:
            return []
        codes = _codes(after)
        if entry.action == AuditAction.ORG_FOUND:
            # The founding snapshot names its fields, not their ids: the parent is the one the organization
            # was founded under (a move is an org_moves row); the locality, when the snapshot lacks it, today's.
            codes.setdefault("parent_id", org["parent__code"])
            if "locality_id" not in after:
                codes["locality_id"] = org["locality__code"]
            row = {
                "code": after.get("code") or org["code"],
                "name": after.get("name"),
                "kind": after.get("kind"),
                "parent_code": codes.get("parent_id"),
                "established_on": after.get("established_on"),
                "dissolved_on": after.get("dissolved_on"),
                "locality_code": codes.get("locality_id"),
                "unit_type": after.get("unit_type"),
                "decision_no": after.get("decision_no"),
                "note": after.get("note"),
                "successor_code": None,  # set when it is dissolved (ORG_DISSOLVE below)
            }
            row = {k: _plain(v) for k, v in row.items()}
            return [Change(entry, "upsert", "organizations", {"code": row["code"]}, row)]
        if entry.action == AuditAction.ORG_DISSOLVE:
            meta = {"decision_no": after.get("decision_no") or ""}
            return [
                Change(
                    entry,
                    "upsert",
                    "organizations",
                    {"code": org["code"]},
                    {"dissolved_on": after.get("dissolved_on")}
                    | ({"successor_code": after["successor"]} if after.get("successor") else {}),
                    meta,
                )
            ]
        row = {}
        for name, value in after.items():
            if name == "locality_id":
                row["locality_code"] = codes.get("locality_id")
            elif name in TABLES["organizations"][1]:
                row[name] = _plain(value)
        return [Change(entry, "upsert", "organizations", {"code": org["code"]}, row)] if row else []

    # an import --------------------------------------------------------------------------------
    def _expand_import(self, entry: AuditEntry, start: Cursor, changes: list[Change], limit: int) -> Cursor:
        """Append the rows of import `entry` from `start` on until `limit`; the cursor reached (phase 0:
        the import is done)."""
        info = entry.after["feed"]
        stamp = parse_datetime(info["stamp"])
        ranges = info["ranges"]
        phase, last = start.phase, start.row
        while phase <= len(PHASES):
            name = PHASES[phase - 1]
            reached = self._phase(entry, name, ranges, stamp, last, changes, limit)
            if reached is not None:
                return Cursor(entry.id, phase, reached)
            phase, last = phase + 1, 0
        return Cursor(entry.id)

    def _written(self, table: str, ranges: dict, stamp):
        if table not in ranges:
            return None
        model = TABLES[table][0]
        low, high = ranges[table]
        queryset = model.objects.filter(id__gt=low, id__lte=high)
        if any(f.name == "created_at" for f in model._meta.concrete_fields):
            queryset = queryset.filter(created_at=stamp)
        return queryset

    def _phase(self, entry, name: str, ranges: dict, stamp, last: int, changes: list, limit: int) -> int | None:
        """Serve rows of one phase after `last`; the position reached when the page is full, else None."""
        if len(changes) >= limit:
            return last
        if name == "members":
            return self._members_phase(entry, ranges, stamp, last, changes, limit)
        if name == "localities":  # a few thousand at most: parents first by walking the tree
            queryset = self._written("localities", ranges, stamp)
            if queryset is None:
                return None
            ordered = _by_depth(self._rows("localities", self._scoped(queryset), "parent_id"))
            for index, (row, _values) in enumerate(ordered[last:], start=last + 1):
                changes.append(
                    Change(entry, "upsert", "localities", {"code": row["code"]}, row, cursor=Cursor(entry.id, 2, index))
                )
                if len(changes) >= limit and index < len(ordered):
                    return index
            return None
        queryset = self._written("organizations" if name == "organization_localities" else name, ranges, stamp)
        if queryset is None:
            return None
        table = "organizations" if name == "organization_localities" else name
        if name == "organization_localities":
            queryset = queryset.filter(locality__isnull=False)
        new_members = ranges.get("members")
        if name == "member_events":
            queryset = queryset.exclude(type=EventType.OPENING)
            if new_members:  # served with their member
                queryset = queryset.exclude(member_id__gt=new_members[0], member_id__lte=new_members[1])
        if name == "disciplines" and new_members:  # expulsions of new members: served with their member
            queryset = queryset.exclude(
                level=EXPULSION, subject_member_id__gt=new_members[0], subject_member_id__lte=new_members[1]
            )
        if table == "organizations":
            # Parents before children: a parent's kind always ranks above its child's (spec: allowed parents).
            # (bigint: Django refuses a lookup above the range of the type it infers, int4 on PostgreSQL)
            position = ExpressionWrapper(KIND_RANK * RANK_STEP + F("id"), output_field=BigIntegerField())
            queryset = queryset.annotate(position=position)
        else:
            queryset = queryset.annotate(position=F("id"))
        phase = PHASES.index(name) + 1
        while True:
            batch = self._rows(
                table,
                self._scoped(queryset.filter(position__gt=last)).order_by("position")[: limit - len(changes)],
                "position",
            )
            for row, values in batch:
                last = values["position"]
                if name == "organizations":
                    row = dict(row, locality_code=None)  # set once the localities exist
                elif name == "organization_localities":
                    row = {"code": row["code"], "locality_code": row["locality_code"]}
                op = "upsert" if table == "organizations" else "insert"
                changes.append(
                    Change(entry, op, table, _identity(table, row), row, cursor=Cursor(entry.id, phase, last))
                )
            if len(changes) >= limit:
                return last if queryset.filter(position__gt=last).exists() else None
            if not batch:
                return None

    def _members_phase(self, entry, ranges, stamp, last, changes, limit) -> int | None:
        queryset = self._written("members", ranges, stamp)
        if queryset is None:
            return None
        if len(changes) >= limit:
            return last
        phase = PHASES.index("members") + 1
        while True:
            batch = self._rows(
                "members",
                self._scoped(queryset.filter(id__gt=last)).order_by("id")[: max(limit - len(changes), 1)],
                "current_cell_id",
            )
            if not batch:
                return None
            events: dict[int, list] = {}
            event_rows = self._written("member_events", ranges, stamp)
            if event_rows is not None:
                ids = [v["id"] for _r, v in batch]
                for row, values in self._rows(
                    "member_events", event_rows.filter(member_id__in=ids).order_by("id"), "member_id"
                ):
                    events.setdefault(values["member_id"], []).append((row, values))
            expulsions: dict[int, list] = {}  # an expulsion removes the member: their history needs it
            discipline_rows = self._written("disciplines", ranges, stamp)
            if discipline_rows is not None:
                for row, values in self._rows(
                    "disciplines",
                    discipline_rows.filter(
                        subject_member_id__in=[v["id"] for _r, v in batch], level=EXPULSION
                    ).order_by("id"),
                    "subject_member_id",
                ):
                    expulsions.setdefault(values["subject_member_id"], []).append(row)
            for row, values in batch:
                last = values["id"]
                position = Cursor(entry.id, phase, last)
                mine = events.get(last, [])
                opening = next((r for r, v in mine if v["type"] == EventType.OPENING), None)
                row = dict(
                    row, org_code=opening["org_code"] if opening else None, as_of=opening["on"] if opening else None
                )
                changes.append(
                    Change(
                        entry,
                        "upsert",
                        "members",
                        {"member_no": row["member_no"]},
                        self._mask(row, values["current_cell_id"]),
                        cursor=position,
                    )
                )
                for event, _v in mine:
                    if event["type"] != EventType.OPENING:
                        changes.append(
                            Change(
                                entry,
                                "insert",
                                "member_events",
                                _identity("member_events", event),
                                event,
                                cursor=position,
                            )
                        )
                for discipline in expulsions.get(last, []):
                    changes.append(
                        Change(
                            entry,
                            "insert",
                            "disciplines",
                            _identity("disciplines", discipline),
                            discipline,
                            cursor=position,
                        )
                    )
            if len(changes) >= limit:
                return last if queryset.filter(id__gt=last).exists() else None


# Rank of each kind of organization: an allowed parent always ranks lower than its child (spec/interchange.md).
_RANKS = {
    OrgKind.CENTRAL: 0,
    OrgKind.PROVINCIAL: 1,
    OrgKind.UPPER: 2,
    OrgKind.GRASSROOTS_COMMITTEE: 3,
    OrgKind.GRASSROOTS_CELL: 3,
    OrgKind.SUB_COMMITTEE: 4,
    OrgKind.CELL: 5,
}
KIND_RANK = Case(
    *(When(kind=k, then=Value(r)) for k, r in _RANKS.items()), default=Value(6), output_field=BigIntegerField()
)
RANK_STEP = 2**40  # above any id: the position (rank, id) in one number, for the cursor


def _expandable(entry: AuditEntry) -> bool:
    """An import that recorded the rows it wrote."""
    return entry.action == AuditAction.INTERCHANGE_IMPORT and isinstance((entry.after or {}).get("feed"), dict)


def _numbers_at_the_time(changes: list[Change]) -> None:
    """Rows name members by today's number; a member whose number was corrected later (member.update with
    member_no) is named by the number they had when the entry was written, as a mirror knows them then."""
    if not changes:
        return
    renames = [
        (entry_id, before.get("member_no"), after.get("member_no"))
        for entry_id, before, after in AuditEntry.objects.filter(
            action=AuditAction.MEMBER_UPDATE, id__gt=changes[0].entry.id, before__has_key="member_no"
        )
        .order_by("-id")
        .values_list("id", "before", "after")
    ]
    if not renames:
        return

    def then(number, entry_id):
        for rename_id, old, new in renames:
            if rename_id > entry_id and number == new:
                number = old
        return number

    for change in changes:
        for data in (change.key, change.row):
            if data.get("member_no"):
                data["member_no"] = then(data["member_no"], change.entry.id)
            if data.get("subject") and data.get("subject_type") == "member":
                data["subject"] = then(data["subject"], change.entry.id)


def _codes(after: dict) -> dict:
    out = {}
    if after.get("parent_id"):
        out["parent_id"] = Organization.objects.filter(pk=after["parent_id"]).values_list("code", flat=True).first()
    if after.get("locality_id"):
        out["locality_id"] = Locality.objects.filter(pk=after["locality_id"]).values_list("code", flat=True).first()
    return out


def _by_depth(rows: list[tuple[dict, dict]]) -> list[tuple[dict, dict]]:
    """Parents before children (within the rows given), then by id: an importer reading them in pages
    finds every parent already written."""
    by_id = {v["id"]: v for _r, v in rows}
    depth: dict[int, int] = {}

    def depth_of(row_id: int) -> int:
        seen = []
        current = row_id
        while current in by_id and current not in depth and current not in seen:
            seen.append(current)
            current = by_id[current]["parent_id"]
        base = depth.get(current, 0)
        for node in reversed(seen):
            base += 1
            depth[node] = base
        return depth[row_id]

    return sorted(rows, key=lambda rv: (depth_of(rv[1]["id"]), rv[1]["id"]))
