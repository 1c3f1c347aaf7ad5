"""Write what `lifecycle.replay` derives: spans, event cells, member state, owner cells."""

from collections import defaultdict

from django.db import connection

from xaydungdang.core.bulk import bulk_insert
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.members import hooks
from xaydungdang.members.lifecycle import EXPELLED, Facts, OrgLookup, Result, Step, allowed_next, replay
from xaydungdang.members.models import (
    EVENTS_WITH_CELL,
    SPAN_COPIED,
    SPAN_COPY_COLUMNS,
    Member,
    MemberEvent,
    MemberSpan,
    span_copies,
)
from xaydungdang.organizations.tree import Tree, load_tree

SPAN_FIELDS = ["member_id", "cell_id", "start", "end", "official", "exempt", "away", *SPAN_COPY_COLUMNS]


def lookup_from_tree(tree: Tree) -> OrgLookup:
    def label(org_id):
        info = tree.orgs.get(org_id)
        return f"{info.name} ({info.code})" if info else str(org_id)

    return OrgLookup(
        is_cell=lambda org_id: org_id in tree.orgs and tree.orgs[org_id].is_cell,
        exists_on=lambda org_id, day: org_id in tree.orgs and tree.orgs[org_id].exists_on(day),
        dissolved_on=lambda org_id: tree.orgs[org_id].dissolved_on if org_id in tree.orgs else None,
        label=label,
    )


def facts_of(member: Member) -> Facts:
    return Facts(
        label=f"{member.full_name} ({member.member_no})",
        birth_date=member.birth_date,
        joined_on=member.joined_on,
        official_on=member.official_on,
        admission_exception=member.admission_exception,
    )


def steps_of(member_id: int, extra: list[Step] | None = None, skip_event_ids=(), skip_discipline_ids=()) -> list[Step]:
    """The member's active events plus the steps other apps register (expulsions), in replay order."""
    skip = {("discipline", d) for d in skip_discipline_ids}
    steps = [
        Step(key=("event", e.id), type=e.type, on=e.on, org_id=e.org_id, reason=e.reason, decided_on=e.decided_on)
        for e in MemberEvent.objects.active().filter(member_id=member_id).order_by("on", "id")
        if e.id not in skip_event_ids
    ]
    steps.extend(step for _m, step in hooks.extra_steps(member_id) if step.key not in skip)
    steps.extend(extra or [])
    return sort_steps(steps)


def sort_steps(steps: list[Step]) -> list[Step]:
    # Same-day order: the order recorded (stable sort keeps it); an expulsion closes the day.
    return sorted(steps, key=lambda s: (s.on, 1 if s.type == EXPELLED else 0))


def replay_member(
    member: Member, extra: list[Step] | None = None, skip_event_ids=(), tree: Tree | None = None, skip_discipline_ids=()
) -> Result:
    tree = tree or load_tree()
    return replay(
        facts_of(member),
        steps_of(member.id, extra, skip_event_ids, skip_discipline_ids),
        lookup_from_tree(tree),
        today(),
    )


def allowed_events(member: Member, candidates, tree: Tree | None = None) -> dict:
    """{event type: the problems that refuse it today (empty: it may be recorded)} for the
    member's present state, by the lifecycle's own rules (lifecycle.allowed_next)."""
    tree = tree or load_tree()
    return allowed_next(
        facts_of(member), steps_of(member.id), lookup_from_tree(tree), today(), candidates, with_cell=EVENTS_WITH_CELL
    )


def check(result: Result, key=None) -> None:
    """Raise the problems of a replay (those of `key`, or the history's own) as a DomainError."""
    problems = [p for k, p in result.problems if key is None or k == key or k is None]
    if problems:
        raise DomainError(problems)


def span_rows(member_id: int, copies: dict, result: Result) -> list[tuple]:
    """The rows (SPAN_FIELDS) of a replay's spans; `copies`: models.span_copies of the member."""
    copied = tuple(copies[name] for name in SPAN_COPY_COLUMNS)
    return [(member_id, s.cell_id, s.start, s.end, s.official, s.exempt, s.away, *copied) for s in result.spans]


def write(member: Member, result: Result) -> None:
    """Replace the member's derived data with a replay result (inside the caller's transaction)."""
    MemberSpan.objects.filter(member_id=member.id).delete()
    bulk_insert(MemberSpan, SPAN_FIELDS, span_rows(member.id, span_copies(lambda name: getattr(member, name)), result))
    event_cells = {key[1]: cells for key, cells in result.cells.items() if isinstance(key, tuple) and key[0] == "event"}
    for event in MemberEvent.objects.filter(member_id=member.id).only("id", "from_cell_id", "to_cell_id"):
        from_cell, to_cell = event_cells.get(event.id, (None, None))
        if (event.from_cell_id, event.to_cell_id) != (from_cell, to_cell):
            MemberEvent.objects.filter(id=event.id).update(from_cell_id=from_cell, to_cell_id=to_cell)
    Member.objects.filter(id=member.id).update(
        state=result.state, status=result.status, current_cell_id=result.current_cell
    )
    member.state, member.status, member.current_cell_id = result.state, result.status, result.current_cell
    for owned in hooks.OWNER_CELL_RECORDS:
        rows = owned.model.objects.filter(**{f"{owned.member_field}_id": member.id})
        for record_id, value, cell_id in rows.values_list("id", owned.date_field, "cell_id"):
            cell = result.cell_at(owned.day(value))
            if cell != cell_id:
                owned.model.objects.filter(id=record_id).update(cell_id=cell)


def rebuild(member: Member) -> Result:
    """Replay and write one member; raises DomainError if the stored history is inconsistent."""
    result = replay_member(member)
    check(result)
    write(member, result)
    return result


def rebuild_all(progress=None) -> dict:
    """Rebuild every member's derived data from the events (maintenance: `xdd rebuild`).

    Returns counts; members whose history breaks a rule are reported, not written.
    """
    tree = load_tree()
    lookup = lookup_from_tree(tree)
    now = today()
    steps_by_member = defaultdict(list)
    for e in (
        MemberEvent.objects.active()
        .order_by("on", "id")
        .values_list("id", "member_id", "type", "on", "org_id", "reason", "decided_on")
        .iterator(chunk_size=20000)
    ):
        steps_by_member[e[1]].append(Step(("event", e[0]), e[2], e[3], e[4], e[5], e[6]))
    for m_id, step in hooks.extra_steps():
        steps_by_member[m_id].append(step)
    spans, event_cells, member_state, broken = [], {}, [], []
    results = {}
    members = list(
        Member.objects.values_list(
            "id",
            "member_no",
            "full_name",
            "birth_date",
            "joined_on",
            "official_on",
            "admission_exception",
            "gender",
            "ethnicity",
            "religion",
            *SPAN_COPIED,
        )
    )
    names = ("gender", "ethnicity", "religion", "birth_date", "joined_on", *SPAN_COPIED)
    for index, row in enumerate(members):
        m_id, no, name, birth, joined, official, exc = row[:7]
        copies = span_copies(dict(zip(names, (*row[7:10], birth, joined, *row[10:]), strict=True)).get)
        result = replay(
            Facts(f"{name} ({no})", birth, joined, official, exc), sort_steps(steps_by_member[m_id]), lookup, now
        )
        if result.problems:
            broken.append((no, result.problems))
        results[m_id] = result
        minority = copies["minority"]
        spans.extend(span_rows(m_id, copies, result))
        for key, cells in result.cells.items():
            if key[0] == "event":
                event_cells[key[1]] = cells
        member_state.append((result.state, result.status, result.current_cell, minority, m_id))
        if progress and index % 5000 == 0:
            progress(index, len(members))
    MemberSpan.objects.all().delete()
    bulk_insert(MemberSpan, SPAN_FIELDS, spans)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(MemberEvent._meta.db_table)} SET from_cell_id = %s, to_cell_id = %s WHERE id = %s",
            [(f, t, eid) for eid, (f, t) in event_cells.items()],
        )
        cursor.executemany(
            f"UPDATE {quote(Member._meta.db_table)} SET state = %s, status = %s, current_cell_id = %s, "
            f"ethnic_minority = %s WHERE id = %s",
            member_state,
        )
        for owned in hooks.OWNER_CELL_RECORDS:
            rows = owned.model.objects.filter(**{f"{owned.member_field}__isnull": False})
            updates = [
                (results[m].cell_at(owned.day(value)), rid)
                for rid, m, value in rows.values_list("id", f"{owned.member_field}_id", owned.date_field)
                if m in results
            ]
            cursor.executemany(f"UPDATE {quote(owned.model._meta.db_table)} SET cell_id = %s WHERE id = %s", updates)
    return {"members": len(members), "spans": len(spans), "broken": broken}
