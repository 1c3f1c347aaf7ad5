"""Operations on the organization tree: found, rename, move, merge, dissolve.

Each checks the whole dated tree with rules.check_tree before writing, so the tree that
reports read is always consistent for every date.
"""

import datetime as dt
from collections import defaultdict

from xaydungdang.core import audit
from xaydungdang.core.access import CHANGE, UNSET, require_org, resolve_user, scope_for
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.context import current_actor
from xaydungdang.core.dates import today
from xaydungdang.core.errors import ConcurrentEditError, DomainError, PermissionDenied, Problem
from xaydungdang.core.text import nfc
from xaydungdang.core.transactions import action_transaction
from xaydungdang.organizations import hooks, projection
from xaydungdang.organizations.models import CELL_KINDS, Locality, Organization, OrgKind, OrgMove, UnitType
from xaydungdang.organizations.rules import MoveRecord, OrgRecord, check_tree, name_problems

ORG_FIELDS = [
    "code",
    "name",
    "kind",
    "parent_id",
    "established_on",
    "dissolved_on",
    "locality_id",
    "unit_type",
    "decision_no",
    "note",
]


def _unit_type_problems(unit_type: str) -> list[Problem]:
    if unit_type and unit_type not in UnitType.values:
        return [Problem(f'Loại hình cơ sở "{unit_type}" không hợp lệ.', "unit_type")]
    return []


def _records(
    extra_org: OrgRecord | None = None,
    extra_move: MoveRecord | None = None,
    dissolve: tuple[str, dt.date] | None = None,
):
    codes = dict(Organization.objects.values_list("id", "code"))
    orgs = {}
    for o in Organization.objects.values("code", "name", "kind", "parent_id", "established_on", "dissolved_on"):
        orgs[o["code"]] = OrgRecord(
            o["code"], o["name"], o["kind"], codes.get(o["parent_id"]), o["established_on"], o["dissolved_on"]
        )
    if extra_org:
        orgs[extra_org.code] = extra_org
    if dissolve:
        orgs[dissolve[0]].dissolved_on = dissolve[1]
    moves = defaultdict(list)
    for m in OrgMove.objects.active().values("org_id", "new_parent_id", "moved_on"):
        moves[codes[m["org_id"]]].append(MoveRecord(codes[m["org_id"]], codes[m["new_parent_id"]], m["moved_on"]))
    if extra_move:
        moves[extra_move.code].append(extra_move)
    return orgs, moves


def _raise_for(check, focus=None) -> None:
    problems = [p for record, p in check.problems if focus is None or record is focus]
    if not problems and check.problems:
        problems = [p for _r, p in check.problems]
    if problems:
        raise DomainError(problems)


def _require_change(user, *orgs: Organization | None) -> None:
    """The CHANGE right on each organization (None: a new root, which needs CHANGE everywhere)."""
    if user is None:
        return
    for org in orgs:
        if org is None:
            if not scope_for(user, CHANGE).is_global:
                raise PermissionDenied(
                    "Chỉ người có quyền sửa dữ liệu toàn hệ thống mới thành lập được tổ chức không có cấp trên.",
                    "parent",
                    rule="scope",
                )
        else:
            require_org(user, org.id, CHANGE)


def _lock(*orgs: Organization | None) -> None:
    """Lock the organizations a tree change hangs on (in id order), so that two changes checked
    against the same tree at once (two moves making a cycle, a founding under a dissolving parent)
    run one after the other, the second checking the tree the first left (PostgreSQL; SQLite
    serializes writing transactions anyway)."""
    ids = sorted({o.pk for o in orgs if o is not None})
    list(Organization.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


@action_transaction()
def found(
    code: str,
    name: str,
    kind: str,
    parent: Organization | None,
    established_on: dt.date,
    locality: Locality | None = None,
    decision_no: str = "",
    note: str = "",
    *,
    unit_type: str = "",
    acting_user=UNSET,
) -> Organization:
    _require_change(resolve_user(acting_user), parent)
    _lock(parent)
    code, name = nfc(code), nfc(name)
    problems = []
    if not code:
        problems.append(Problem("Thiếu mã tổ chức.", "code"))
    elif Organization.objects.filter(code=code).exists():
        problems.append(Problem(f"Mã tổ chức {code} đã có.", "code"))
    if not name:
        problems.append(Problem("Thiếu tên tổ chức.", "name"))
    problems += name_problems(name)
    if kind not in OrgKind.values:
        problems.append(Problem(f'Loại tổ chức "{kind}" không hợp lệ.', "kind"))
    if parent is None and kind not in (OrgKind.CENTRAL, OrgKind.PROVINCIAL) and Organization.objects.exists():
        problems.append(Problem("Cần chọn tổ chức cấp trên.", "parent"))
    problems += _unit_type_problems(unit_type)
    if problems:
        raise DomainError(problems)
    record = OrgRecord(code, name, kind, parent.code if parent else None, established_on)
    orgs, moves = _records(extra_org=record)
    _raise_for(check_tree(orgs, moves, today()), focus=record)
    org = Organization.objects.create(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        established_on=established_on,
        locality=locality,
        unit_type=unit_type,
        decision_no=decision_no,
        note=note,
    )
    projection.rebuild_links([org.id])
    audit.record(AuditAction.ORG_FOUND, org, after=audit.snapshot(org, ORG_FIELDS), org_id=org.id)
    return org


@action_transaction()
def update(
    org: Organization,
    *,
    name: str,
    locality: Locality | None,
    note: str,
    expected_version: int,
    unit_type: str | None = None,
    acting_user=UNSET,
) -> Organization:
    """Name, locality, note and (when given) the unit type (loại hình cơ sở)."""
    locked = Organization.objects.select_for_update().get(pk=org.pk)
    _require_change(resolve_user(acting_user), locked)
    if locked.version != expected_version:
        raise ConcurrentEditError("tổ chức")
    name = nfc(name)
    if not name:
        raise DomainError("Thiếu tên tổ chức.", "name")
    if name_problems(name):
        raise DomainError(name_problems(name))
    if unit_type is not None and _unit_type_problems(unit_type):
        raise DomainError(_unit_type_problems(unit_type))
    fields = ["name", "locality_id", "note", "unit_type"]
    before = audit.snapshot(locked, fields)
    locked.name, locked.locality, locked.note = name, locality, note
    if unit_type is not None:
        locked.unit_type = unit_type
    locked.version += 1
    locked.save()
    projection.tree.invalidate()
    old, new = audit.diff(before, audit.snapshot(locked, fields))
    audit.record(AuditAction.ORG_UPDATE, locked, before=old, after=new, org_id=locked.id)
    return locked


@action_transaction()
def move(
    org: Organization,
    new_parent: Organization,
    moved_on: dt.date,
    decision_no: str = "",
    note: str = "",
    *,
    acting_user=UNSET,
) -> OrgMove:
    _require_change(resolve_user(acting_user), org, new_parent)
    _lock(org, new_parent)
    record = MoveRecord(org.code, new_parent.code, moved_on)
    orgs, moves = _records(extra_move=record)
    _raise_for(check_tree(orgs, moves, today()), focus=record)
    moved = OrgMove.objects.create(
        org=org,
        new_parent=new_parent,
        moved_on=moved_on,
        decision_no=decision_no,
        note=note,
        created_by_id=current_actor().user_id,
    )
    projection.rebuild_links([org.id])
    audit.record(
        AuditAction.ORG_MOVE,
        moved,
        after={"org": org.code, "new_parent": new_parent.code, "moved_on": moved_on},
        org_id=org.id,
    )
    return moved


@action_transaction()
def dissolve(
    org: Organization,
    dissolved_on: dt.date,
    decision_no: str = "",
    note: str = "",
    *,
    successor: Organization | None = None,
    acting_user=UNSET,
) -> Organization:
    """Giải thể; `successor`: the organization it was merged into (hợp nhất, sáp nhập), which must
    exist on the day of the dissolution. Reading the successor needs no right on it: its name is
    shown on the dissolved organization's page."""
    org = Organization.objects.select_for_update().get(pk=org.pk)
    _require_change(resolve_user(acting_user), org)
    if successor is not None:
        if successor.pk == org.pk:
            raise DomainError("Tổ chức tiếp nhận phải khác tổ chức giải thể.", "successor")
        if not successor.exists_on(dissolved_on):
            raise DomainError(
                f"{successor.name} không tồn tại vào ngày {dissolved_on:%d/%m/%Y} nên không tiếp nhận được {org.name}.",
                "successor",
            )
    if org.dissolved_on is not None:
        raise DomainError(f"{org.name} đã giải thể ngày {org.dissolved_on:%d/%m/%Y}.", "dissolved_on")
    if org.kind in CELL_KINDS:
        remaining = hooks.members_in(org, dissolved_on)
        if remaining:
            raise DomainError(
                f"{org.name} còn {remaining} đảng viên sinh hoạt vào ngày {dissolved_on:%d/%m/%Y}; "
                "cần chuyển sinh hoạt (hoặc dùng chức năng hợp nhất) trước khi giải thể.",
                "dissolved_on",
                "member_in_cell",
            )
    orgs, moves = _records(dissolve=(org.code, dissolved_on))
    check = check_tree(orgs, moves, today())
    _raise_for(check)
    org.dissolved_on = dissolved_on
    org.successor = successor
    if decision_no:
        org.note = (org.note + f"\nGiải thể theo quyết định {decision_no}").strip()
    org.version += 1
    org.save()
    projection.rebuild_links([org.id])
    audit.record(
        AuditAction.ORG_DISSOLVE,
        org,
        after={"dissolved_on": dissolved_on, "decision_no": decision_no}
        | ({"successor": successor.code} if successor is not None else {}),
        org_id=org.id,
    )
    return org


@action_transaction()
def merge(
    source: Organization, target: Organization, on: dt.date, decision_no: str = "", *, acting_user=UNSET
) -> Organization:
    """Hợp nhất: members of a cell are transferred to the target cell (children of a committee
    are moved under the target), then the source is dissolved on the same day."""
    user = resolve_user(acting_user)
    _require_change(user, source, target)
    _lock(source, target)
    if source.pk == target.pk:
        raise DomainError("Tổ chức hợp nhất phải khác tổ chức tiếp nhận.", "target")
    if source.kind in CELL_KINDS:
        if target.kind not in CELL_KINDS:
            raise DomainError("Chi bộ chỉ hợp nhất vào một chi bộ khác.", "target")
        hooks.transfer_members(
            source, target, on, decision_no=decision_no, note=f"Hợp nhất {source.code}", acting_user=user
        )
    else:
        from xaydungdang.organizations.tree import load_tree

        snapshot = load_tree().snapshot(on)
        for child_id in snapshot.direct_children(source.id):
            move(
                Organization.objects.get(pk=child_id),
                target,
                on,
                decision_no=decision_no,
                note=f"Hợp nhất {source.code}",
                acting_user=user,
            )
    return dissolve(
        source, on, decision_no=decision_no, note=f"Hợp nhất vào {target.code}", successor=target, acting_user=user
    )
