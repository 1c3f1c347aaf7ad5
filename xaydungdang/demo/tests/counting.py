"""Counting over the generated tables directly (independent of the indicator engine)."""

import datetime as dt

from xaydungdang.members.attributes import is_ethnic_minority

EXITS = ("transferred_out", "struck_off", "dismissed", "died")
ENTRIES = ("admitted", "transferred_in", "restored")  # a re-admission or a restoration re-enters


def spans(tables) -> dict[str, list[list]]:
    """member_no -> [[entered, left or None], ...] in date order (re-entries open a new span)."""
    exits = {}
    for r in tables.get("disciplines", ()):
        if r["level"] == "expulsion" and r["subject_type"] == "member":
            exits.setdefault(r["subject"], []).append((r["decided_on"], "expelled"))
    moves = {m["member_no"]: [(m["as_of"], "opening")] if m["as_of"] else [] for m in tables["members"]}
    for e in tables["member_events"]:
        if e["type"] in ENTRIES or e["type"] in EXITS:
            moves[e["member_no"]].append((e["on"], e["type"]))
    result = {}
    for no, steps in moves.items():
        steps = sorted(steps + exits.get(no, []), key=lambda s: (s[0], s[1] not in ("opening",) + ENTRIES))
        found: list[list] = []
        for on, kind in steps:
            if kind == "opening" or kind in ENTRIES:
                found.append([on, None])
            elif found and found[-1][1] is None:
                found[-1][1] = on
        result[no] = found
    return result


def presence(tables) -> dict[str, tuple[dt.date, dt.date | None]]:
    """member_no -> (first day in the Party here, day last gone or None while still a member)."""
    return {no: (found[0][0], found[-1][1]) for no, found in spans(tables).items() if found}


def members_at(tables, day: dt.date) -> int:
    return sum(
        1 for found in spans(tables).values() for start, end in found if start <= day and (end is None or end > day)
    )


def orgs_at(tables, day: dt.date, kind: str) -> int:
    return sum(
        1
        for o in tables["organizations"]
        if o["kind"] == kind and o["established_on"] <= day and (o["dissolved_on"] is None or o["dissolved_on"] > day)
    )


def events(tables, type_: str, start: dt.date, end: dt.date) -> list[dict]:
    return [e for e in tables["member_events"] if e["type"] == type_ and start <= e["on"] <= end]


def minority(tables, member_nos) -> int:
    ethnicity = {m["member_no"]: m["ethnicity"] for m in tables["members"]}
    return sum(1 for no in member_nos if is_ethnic_minority(ethnicity[no]))
