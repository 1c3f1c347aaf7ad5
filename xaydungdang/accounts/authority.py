"""Authority follows the decision: who may make a record, and so who may correct it.

A dated record carries the authority of the organization that decided or issued it (the
committee that decided a discipline, the body that inspected, granted an award, held a class;
for a member event, the cells it moves the member between). Recording such a record, and later
correcting it (voiding, editing), needs the RECORD right of the acting user on each of those
organizations and on the record's subject (the member's current cell, or the organization that
is rated, inspected, disciplined...), as of today's tree.

Each check asks the scope of its own action: a user holding "record" on a cell and "view" on
the commune above it may record only for the cell; the two roles never add up.

Models declare their deciding organizations with `authority_fields` (attribute names of the
organization foreign keys). The acting user is passed explicitly (`acting_user=`) by every
caller that serves a person (web, API); when it is not passed, the user of the current actor
(set per request by the middleware) is used; with no user at all (the system, the CLI, the
importer, which checks every row against the importing user's scope itself) there is no
restriction.
"""

from xaydungdang.accounts.scope import RECORD, scope_for
from xaydungdang.core.access import UNSET, resolve_user  # noqa: F401  (re-exported for the layers above)
from xaydungdang.core.errors import PermissionDenied


def _label(org_id) -> str:
    from xaydungdang.organizations.tree import load_tree

    info = load_tree().orgs.get(org_id)
    return info.name if info is not None else "tổ chức đã chọn"


def _member_cell(member_id):
    from xaydungdang.members.models import Member

    return Member.objects.filter(pk=member_id).values_list("current_cell_id", flat=True).first()


def deciders(model, get) -> list[int]:
    """The organizations whose authority a record (or the values of a new one) carries."""
    ids = []
    for name in getattr(model, "authority_fields", ()):
        value = get(name)
        if value is not None and value not in ids:
            ids.append(value)
    return ids


def subject_member_id(get):
    return get("subject_member_id") or get("member_id")


def require_authority(user, model, get, *, verb: str = "ghi", scope=None, member_cell=None) -> None:
    """Raise PermissionDenied unless `user` may decide a record of `model` with these fields.

    `get(name)` reads a field: `getattr` bound to an instance, or `dict.get` of new values.
    `scope` (the user's RECORD scope) may be passed when checking many records at once.
    """
    if user is None:
        return
    scope = scope or scope_for(user, RECORD)
    if scope.is_global:
        return
    for org_id in deciders(model, get):
        if not scope.covers(org_id):
            raise PermissionDenied(
                f"Bản ghi này thuộc thẩm quyền của {_label(org_id)}; anh/chị không có quyền {verb} "
                "bản ghi do cấp này quyết định (cần quyền ghi của chính cấp đó hoặc cấp trên).",
                rule="authority",
            )
    member_id = subject_member_id(get)
    if member_id is not None:
        cell = member_cell() if member_cell is not None else _member_cell(member_id)
        if cell is None or not scope.covers(cell):
            raise PermissionDenied(f"Đảng viên này không thuộc phạm vi anh/chị được {verb}.", rule="authority")
    org_id = get("subject_org_id")
    if org_id is not None and not scope.covers(org_id):
        raise PermissionDenied(f"{_label(org_id)} không thuộc phạm vi anh/chị được {verb}.", rule="authority")


def require_for_values(user, model, values: dict, *, verb: str = "ghi") -> None:
    require_authority(user, model, values.get, verb=verb)


def _loaded_member_cell(record):
    """The subject member's current cell from an already loaded relation (no query), if any."""
    for relation in ("subject_member", "member"):
        field = getattr(type(record), relation, None)
        if field is not None and field.is_cached(record):
            member = getattr(record, relation)
            return (lambda: member.current_cell_id) if member is not None else None  # noqa: B023
    return None


def require_for_record(user, record, *, verb: str = "hủy", scope=None) -> None:
    require_authority(
        user,
        type(record),
        lambda name: getattr(record, name, None),
        verb=verb,
        scope=scope,
        member_cell=_loaded_member_cell(record),
    )


def may_correct(user, record, scope=None) -> bool:
    """For pages: may this user void or edit this record? (`scope`: the user's RECORD scope, to
    check a whole list with one computation.)"""
    try:
        require_for_record(user, record, scope=scope)
    except PermissionDenied:
        return False
    return True
