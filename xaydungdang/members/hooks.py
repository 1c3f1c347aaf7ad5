"""How other apps' records take part in a member's history, without `members` importing them.

The apps above `members` register, when they are ready (their apps.py):

* **step sources**: records that are steps of the membership history although they live in
  another app. An expulsion is a discipline record (inspections); it ends the membership on its
  date. A source is `function(member_id or None) -> iterable of (member_id, Step)` (None: all members,
  for `xdd rebuild`); each Step's key is `(kind, id)` so a void can leave one out.
* **owner-cell records**: records that store the member's cell at their own date (ratings at 31/12
  of their year, screenings, disciplines), so the engine counts them where the member then was.
  They are kept in step whenever a member's history is written.
* **dossier records**: the member's records kept by another app (ratings, screenings, inspections,
  disciplines, awards), listed on the member's dossier under a name its template knows.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OwnerCellRecords:
    model: Any  # a Django model class
    member_field: str  # the foreign key to the member, e.g. "subject_member"
    date_field: str  # the record's date, or its year
    to_date: Callable = lambda value: value  # turns the date field into the day the cell is read at

    def day(self, value) -> dt.date:
        return self.to_date(value)


STEP_SOURCES: list[Callable] = []
OWNER_CELL_RECORDS: list[OwnerCellRecords] = []
DOSSIER_RECORDS: dict[str, Callable] = {}


def register_step_source(function: Callable) -> None:
    if function not in STEP_SOURCES:
        STEP_SOURCES.append(function)


def register_owner_cell_records(records: OwnerCellRecords) -> None:
    if all(r.model is not records.model for r in OWNER_CELL_RECORDS):
        OWNER_CELL_RECORDS.append(records)


def extra_steps(member_id=None):
    for source in STEP_SOURCES:
        yield from source(member_id)


def register_dossier_records(name: str, records: Callable) -> None:
    """`records(member)`: the queryset of the member's records of one kind, in the dossier's order."""
    DOSSIER_RECORDS.setdefault(name, records)


def dossier_records(member) -> dict:
    return {name: records(member) for name, records in DOSSIER_RECORDS.items()}
