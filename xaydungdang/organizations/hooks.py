"""What the organization actions need from the apps above them, without importing them.

Dissolving a cell is refused while members still belong to it, and merging a cell transfers its
members to the receiving cell; members live in the `members` app, which registers both functions
when it is ready (members/apps.py):

* `members_in(cell, day) -> int`: how many members belong to the cell on that day;
* `transfer_members(source, target, on, decision_no, note, acting_user)`: transfer everyone in `source` on `on`
  (each transfer checked against `acting_user`'s scope).

The organization API shows members per organization as the indicator engine counts them; the
web shell registers that count (web/apps.py, web/counts.py):

* `members_by_org(day) -> {org_id: members}` for every organization existing that day.
"""

_registry: dict = {}


def register(**functions) -> None:
    _registry.update(functions)


def members_in(cell, day) -> int:
    function = _registry.get("members_in")
    return function(cell, day) if function else 0


def transfer_members(source, target, on, *, decision_no: str = "", note: str = "", acting_user=None) -> None:
    function = _registry.get("transfer_members")
    if function:
        function(source, target, on, decision_no=decision_no, note=note, acting_user=acting_user)


def members_by_org(day) -> dict[int, int]:
    function = _registry.get("members_by_org")
    return function(day) if function else {}
