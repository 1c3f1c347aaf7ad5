"""Making the export of one part of the tree a dataset that imports on its own.

The scope (accounts.scope) covers today's subtree of the user's organizations. The records of
its members and organizations still name organizations outside it: the cell a member opened
in before the 2025 reorganization, the dissolved district the cells were founded under, the
province commission that inspected a cell. And some activity records in scope (an award
granted by the commune) name a member who has since moved out of it.

So a scoped export adds, as reference rows, the organizations its records name and every
organization above them at any date (code, name, kind, parent, dates; no locality, decision
or note, and none of their records), with their moves, so the dated tree is whole and has one
top. Records whose subject is a member outside the scope are left out: that member's data
is not the user's to take. The result passes `xdd import` into an empty database.
"""

from xaydungdang.interchange.tables import TABLES
from xaydungdang.organizations.models import Organization, OrgMove
from xaydungdang.organizations.tree import load_tree

# (table, column) pairs that hold an organization code. (The parents of the scope's top
# organizations are not among them: alone they need nothing, the tops simply have none.)
ORG_COLUMNS = [
    ("org_moves", "new_parent_code"),
    ("localities", "org_code"),
    ("members", "org_code"),
    ("member_events", "org_code"),
    ("member_events", "other_org_code"),
    ("targets", "org_code"),
    ("inspections", "org_code"),
    ("disciplines", "decided_by"),
    ("classes", "org_code"),
    ("dialogues", "org_code"),
    ("documents", "org_code"),
    ("awards", "granted_by"),
    ("cadre_actions", "org_code"),
    ("temporary_arrivals", "org_code"),
    ("candidates", "org_code"),
    ("candidates", "deciding_org_code"),
]
SUBJECT_TABLES = ["ratings", "inspections", "disciplines", "awards"]


def _index(table: str, column: str) -> int:
    return TABLES[table].names.index(column)


def _without_outside_successor(row: tuple, present: set) -> tuple:
    """The successor (merged into, the last column) only when the dataset holds it."""
    if len(row) > SUCCESSOR_COLUMN and row[SUCCESSOR_COLUMN] is not None and row[SUCCESSOR_COLUMN] not in present:
        return (*row[:SUCCESSOR_COLUMN], None, *row[SUCCESSOR_COLUMN + 1 :])
    return row


SUCCESSOR_COLUMN = 10  # organizations: code ... note, successor_code (exporter.py)


def _drop_foreign_member_subjects(tables: dict) -> dict:
    """Rows about a member the export does not contain are left out; returns {table: count}."""
    members = {row[_index("members", "member_no")] for row in tables["members"]}
    dropped = {}
    for table in SUBJECT_TABLES:
        kind, subject = _index(table, "subject_type"), _index(table, "subject")
        kept = [row for row in tables[table] if row[kind] != "member" or row[subject] in members]
        if len(kept) != len(tables[table]):
            dropped[table] = len(tables[table]) - len(kept)
        tables[table] = kept
    return dropped


def _named_orgs(tables: dict) -> set:
    codes = set()
    for table, column in ORG_COLUMNS:
        at = _index(table, column)
        codes.update(row[at] for row in tables[table] if row[at])
    for table in SUBJECT_TABLES:
        kind, subject = _index(table, "subject_type"), _index(table, "subject")
        codes.update(row[subject] for row in tables[table] if row[kind] == "org" and row[subject])
    return codes


def _with_ancestors(codes: set) -> set:
    """`codes` and every organization above one of them at any date (the dated tree's links:
    the founding parent and each move's new parent)."""
    tree = load_tree()
    found, stack = set(), [tree.by_code[code] for code in codes if code in tree.by_code]
    while stack:
        org_id = stack.pop()
        if org_id not in found:
            found.add(org_id)
            stack.extend(parent for _start, _end, parent in tree.links.get(org_id, ()) if parent is not None)
    return {tree.orgs[org_id].code for org_id in found}


def complete(tables: dict) -> dict:
    """Finish a scoped export in place: tables["organizations"] and ["org_moves"] come in as
    the scope's organizations with their real parents and all their moves; they leave with
    the reference rows added and every parent code inside the dataset. Returns what was added
    and left out, for the audit entry."""
    dropped = _drop_foreign_member_subjects(tables)
    org_rows, move_rows = tables["organizations"], tables["org_moves"]
    inside = {row[0] for row in org_rows}
    named = _named_orgs(tables) - inside
    tops = {row[0] for row in org_rows if row[3] not in inside}
    # Reference rows when records name outsiders, or when the scope has several tops (roles
    # on two communes): a dataset has one top organization.
    needed = named or len(tops) > 1
    context = _with_ancestors(named | {row[3] for row in org_rows if row[3]}) - inside if needed else set()
    rows = list(org_rows)
    moves = list(move_rows)
    if context:
        rows += [
            (code, name, kind, parent, established, dissolved, None, None, None)
            for code, name, kind, parent, established, dissolved in Organization.objects.filter(
                code__in=context
            ).values_list("code", "name", "kind", "parent__code", "established_on", "dissolved_on")
        ]
        moves += [
            (code, parent, on, None, None)
            for code, parent, on in OrgMove.objects.active()
            .filter(org__code__in=context)
            .values_list("org__code", "new_parent__code", "moved_on")
        ]
    present = inside | context
    tables["organizations"] = sorted(
        (
            _without_outside_successor((c, n, k, p if p in present else None, *rest), present)
            for c, n, k, p, *rest in rows
        ),
        key=lambda row: row[0],
    )
    tables["org_moves"] = sorted((row for row in moves if row[1] in present), key=lambda row: (row[0], row[2]))
    localities = {row[0] for row in tables["localities"]}
    tables["localities"] = [
        (code, name, kind, parent if parent in localities else None, org if org in present else None)
        for code, name, kind, parent, org in tables["localities"]
    ]
    return {"context_orgs": len(context), "left_out": dropped}
