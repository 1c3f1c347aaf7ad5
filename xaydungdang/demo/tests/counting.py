"""Counting over the generated tables directly (independent of the indicator engine)."""

import datetime as dt

from xaydungdang.members.attributes import is_ethnic_minority

EXITS = ("transferred_out", "struck_off", "dismissed", "died")


def presence(tables) -> dict[str, tuple[dt.date, dt.date | None]]:
    """member_no -> (first day in the Party here, day gone or None); no re-entries in the demo."""
    expelled = {
        r["subject"]: r["decided_on"]
        for r in tables["disciplines"]
        if r["level"] == "expulsion" and r["subject_type"] == "member"
    }
    spans = {m["member_no"]: [m["as_of"], expelled.get(m["member_no"])] for m in tables["members"]}
    for e in tables["member_events"]:
        span = spans[e["member_no"]]
        if e["type"] in ("admitted", "transferred_in"):
            span[0] = e["on"]
        elif e["type"] in EXITS:
            span[1] = e["on"]
    return {no: (start, end) for no, (start, end) in spans.items()}


def members_at(tables, day: dt.date) -> int:
    return sum(1 for start, end in presence(tables).values() if start <= day and (end is None or end > day))


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
