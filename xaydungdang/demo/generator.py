"""`generate(seed)`: the whole demo province as interchange tables (spec/interchange.md).

Everything random comes from `random.Random` streams derived from the seed; the only other
input is the day the history ends (today), so the same seed on the same day gives the same
tables, row for row.
"""

import datetime as dt
import random

from xaydungdang.demo import neighbours as neighbour_parties
from xaydungdang.demo import orgs as org_tree
from xaydungdang.demo.activities import Activities
from xaydungdang.demo.history import History
from xaydungdang.demo.people import PeopleFactory, Person
from xaydungdang.demo.plan import OPENING_DAY, REORGANIZATION_DAY
from xaydungdang.demo.reviews import Reviews

DEFAULT_SEED = 2023
COUNTERPART_TYPES = ("transferred_in", "transferred_out")
TABLE_ORDER = (
    "organizations",
    "org_moves",
    "localities",
    "members",
    "member_events",
    "member_changes",
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
)


def _stream(seed: int, name: str) -> random.Random:
    return random.Random(f"xdd-demo:{seed}:{name}")


def generate(seed: int = DEFAULT_SEED, today: dt.date | None = None, progress=None) -> dict[str, list[dict]]:
    """The demo's tables keyed by canonical column names (dates as `datetime.date`): the datasets
    of `generate_parts` put together.

    `progress(done, total)`, if given, is called as the work advances."""
    return merged(generate_parts(seed, today, progress))


def merged(parts: list[tuple[str, dict]]) -> dict[str, list[dict]]:
    """The datasets' tables put together, table by table in import order."""
    return {name: [row for _code, tables in parts for row in tables.get(name, ())] for name in TABLE_ORDER}


def generate_parts(seed: int = DEFAULT_SEED, today: dt.date | None = None, progress=None) -> list[tuple[str, dict]]:
    """The demo as datasets to import in this order, each with one top organization (the
    interchange contract): the city (CT, founded 1/7/2025), Sóc Trăng (ST, with everything of
    the city's own records), Hậu Giang (HG) and the former Cần Thơ (CTO)."""
    if today is None:
        from xaydungdang.core.dates import today as current_day

        today = current_day()
    if today <= REORGANIZATION_DAY:
        raise ValueError("Dữ liệu mẫu cần ngày hiện tại sau 01/7/2025 (sau khi sắp xếp tổ chức cấp xã).")
    days = (today - OPENING_DAY).days
    total = days + 20
    report = progress or (lambda done, total: None)
    report(0, total)
    structure = org_tree.build(_stream(seed, "orgs"), today)
    history = History(structure, _stream(seed, "history"), today, PeopleFactory(_stream(seed, "people")))
    reviews = Reviews(history, _stream(seed, "reviews"))
    history.run(progress=lambda done: report(5 + done * days // (days + 1), total) if done % 30 == 0 else None)
    activities = Activities(history, _stream(seed, "activities"))
    activities.build()
    # Hậu Giang and the former Cần Thơ, merged with Sóc Trăng into the city on 1/7/2025 (neighbours.py).
    others = neighbour_parties.build(_stream(seed, "neighbours"), today, history.people, org_tree.CITY_LOCALITY)
    report(days + 10, total)
    city = [o for o in structure.orgs.values() if o.code == org_tree.CITY]
    province = [o for o in structure.orgs.values() if o.code != org_tree.CITY]
    city_places = [loc for loc in structure.localities if loc.org == org_tree.CITY]
    province_places = [loc for loc in structure.localities if loc.org != org_tree.CITY]
    main = _tree_tables(province, province_places, history.persons)
    main.update(
        {
            "targets": _targets(activities.targets, today),
            "screenings": sorted(history.screenings, key=lambda r: (r["listed_on"], r["member_no"])),
            "ratings": reviews.ratings,
            "inspections": sorted(history.inspections + reviews.inspections, key=lambda r: r["started_on"]),
            "disciplines": sorted(history.disciplines + reviews.disciplines, key=lambda r: r["decided_on"]),
            "classes": sorted(activities.classes, key=lambda r: r["started_on"]),
            "dialogues": sorted(activities.dialogues, key=lambda r: r["held_on"]),
            "documents": sorted(activities.documents, key=lambda r: r["issued_on"]),
            "awards": sorted(reviews.awards, key=lambda r: r["granted_on"]),
            "cadre_actions": sorted(activities.cadre, key=lambda r: r["on"]),
            "temporary_arrivals": sorted(activities.arrivals, key=lambda r: r["on"]),
        }
    )
    parts = [(org_tree.CITY, _tree_tables(city, city_places, [])), ("ST", main)]
    for n in others:
        tables = _tree_tables(list(n.s.orgs.values()), n.s.localities, n.persons)
        tables.update(targets=n.targets(), ratings=n.ratings)
        parts.append((n.p.code, tables))
    report(total, total)
    return [(code, {name: tables[name] for name in TABLE_ORDER if tables.get(name)}) for code, tables in parts]


def _tree_tables(orgs: list, places: list, persons: list[Person]) -> dict[str, list[dict]]:
    return {
        "organizations": [_org_row(o) for o in orgs],
        "org_moves": [dict(code=o.code, new_parent_code=parent, moved_on=day) for o in orgs for day, parent in o.moves],
        "localities": [
            dict(code=loc.code, name=loc.name, kind=loc.kind, parent_code=loc.parent, org_code=loc.org)
            for loc in places
        ],
        "members": [_member_row(p) for p in persons],
        "member_events": _event_rows(persons),
        "member_changes": _change_rows(persons),
    }


def _targets(rows: list[dict], today: dt.date) -> list[dict]:
    """Sóc Trăng's targets, and the city's from 2026 with the former Hậu Giang's and Cần Thơ's share added."""
    extra = neighbour_parties.yearly_target(today)
    result = []
    for row in rows:
        if row["org_code"] == org_tree.CITY and row["period"].isdecimal():
            row = dict(row, value=row["value"] + extra.get(int(row["period"]), 0))
        result.append(row)
    return result


def _org_row(o) -> dict:
    return dict(
        code=o.code,
        name=o.name,
        kind=o.kind,
        parent_code=o.parent,
        established_on=o.established,
        dissolved_on=o.dissolved,
        locality_code=o.locality,
        unit_type=o.unit_type or None,
    )


def _member_row(p: Person) -> dict:
    opening = p.entry == "opening"
    return dict(
        member_no=p.no,
        full_name=p.name,
        gender="female" if p.female else "male",
        birth_date=p.birth,
        ethnicity=p.ethnicity,
        religion=p.religion,
        national_id=p.national_id,
        hometown=p.hometown,
        residence=p.residence,
        general_education=p.education,
        qualification=p.qualification,
        political_theory=p.theory,
        occupation=p.occupation,
        joined_on=p.joined,
        official_on=p.official_on,
        card_no=p.card,
        org_code=p.opening_cell if opening else None,
        as_of=OPENING_DAY if opening else None,
        youth_union_from=p.youth_from,
        youth_union_until=p.youth_until,
        business_owner=p.business_owner,
        foreign_marriage=p.foreign_marriage,
        family_planning_violation=p.family_planning,
        academic_title=p.academic_title or None,
    )


def _change_rows(persons: list[Person]) -> list[dict]:
    """member_changes (spec/forms.md): each dated change of an attribute, by date."""
    rows = [
        dict(member_no=p.no, field=name, value=value, on=on)
        for p in persons
        for on, name, value in p.changes
        if on >= p.joined
    ]
    rows.sort(key=lambda r: (r["on"], r["member_no"]))
    return rows


def _event_rows(persons: list[Person]) -> list[dict]:
    """Events by date; a member's same-day events keep the order they happened in."""
    keyed = []
    for i, p in enumerate(persons):
        for j, (on, type_, org, reason, decision_no, decided_on) in enumerate(p.events):
            keyed.append(
                (
                    (on, i, j),
                    dict(
                        member_no=p.no,
                        type=type_,
                        on=on,
                        org_code=org,
                        reason=reason,
                        decision_no=decision_no,
                        decided_on=decided_on,
                        note="",
                        # Transfers in and out of the data set come from or go to another province.
                        **({"counterpart": "other_province"} if type_ in COUNTERPART_TYPES else {}),
                    ),
                )
            )
    keyed.sort(key=lambda kv: kv[0])
    return [row for _, row in keyed]
