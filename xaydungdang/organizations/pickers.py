"""What an organization picker shows and finds (issue 12 item 2).

Every organization choice shows the organization with the path of those above it, nearest first
("Chi bộ ấp An Bình — Đảng bộ xã Kế Sách"), in Vietnamese order; the province is left out of the
path when the database holds a single one (it would repeat on every line), the central level always.
`search` is the server side of the pickers whose lists are too long to send with the page (the
member filter's organization box): accent-insensitive words matched against the name, or a code.
"""

import datetime as dt

from xaydungdang.core.dates import today
from xaydungdang.core.text import fold, vi_sort_key
from xaydungdang.organizations.models import Organization, OrgKind
from xaydungdang.organizations.tree import Tree, load_tree

PATH_SEP = " — "
SEARCH_LIMIT = 30

_hidden_cache: dict[int, frozenset] = {}


def _hidden_kinds(tree: Tree) -> frozenset:
    """Levels not worth repeating in a path: central always, provincial when there is only one."""
    found = _hidden_cache.get(id(tree))
    if found is None:
        provinces = sum(1 for info in tree.orgs.values() if info.kind == OrgKind.PROVINCIAL)
        found = frozenset({OrgKind.CENTRAL} | ({OrgKind.PROVINCIAL} if provinces <= 1 else set()))
        _hidden_cache.clear()
        _hidden_cache[id(tree)] = found
    return found


def _chain(tree: Tree, org_id: int) -> tuple[int, ...]:
    """The organizations above `org_id`, nearest first: today's tree, or for a dissolved
    organization the tree of its last day."""
    day = today()
    snapshot = tree.snapshot(day)
    if org_id not in snapshot:
        info = tree.orgs.get(org_id)
        if info is None:
            return ()
        last = info.dissolved_on - dt.timedelta(days=1) if info.dissolved_on else info.established_on
        snapshot = tree.snapshot(max(last, info.established_on))
    return snapshot.ancestors_cached(org_id)[1:]


def org_paths(ids) -> dict[int, str]:
    """For each organization id, the names above it joined by " — " (empty at the top)."""
    tree = load_tree()
    hidden = _hidden_kinds(tree)
    paths = {}
    for org_id in ids:
        names = [tree.orgs[a].name for a in _chain(tree, org_id) if tree.orgs[a].kind not in hidden]
        paths[org_id] = PATH_SEP.join(names)
    return paths


def fate_text(org_id: int, tree: Tree | None = None) -> str:
    """For a dissolved organization, its last day and what carries it on today ("đến 30/06/2025,
    nay thuộc Đảng bộ thành phố Cần Thơ"); empty for a living one."""
    tree = tree or load_tree()
    fate = tree.fate(org_id)
    if fate is None:
        return ""
    text = f"đến {fate[0] - dt.timedelta(days=1):%d/%m/%Y}"
    return f"{text}, nay thuộc {tree.orgs[fate[1]].name}" if fate[1] is not None else text


def org_label(org_id: int, name: str, path: str | None = None) -> str:
    if path is None:
        path = org_paths([org_id]).get(org_id, "")
    fate = fate_text(org_id)
    if fate:
        name = f"{name} ({fate})"
    return f"{name}{PATH_SEP}{path}" if path else name


def find_orgs(queryset, text: str):
    """Organizations of `queryset` matching `text`: its code exactly, else every folded word in
    the folded name ("ke sach" finds "Đảng bộ xã Kế Sách"). Vietnamese order."""
    text = (text or "").strip()[:200]
    if not text:
        return queryset.none()
    by_code = queryset.filter(code=text[:40])
    if by_code.exists():
        return by_code
    qs = queryset
    for word in fold(text).split():
        qs = qs.filter(name_folded__contains=word)
    return qs.order_by("sort_key", "code")


def resolve(queryset, text: str) -> tuple[Organization | None, list[Organization]]:
    """The one organization `text` names (code, exact folded name, or the only match), else
    None with the candidates (at most SEARCH_LIMIT) for a message."""
    text = (text or "").strip()[:200]
    found = list(find_orgs(queryset, text)[: SEARCH_LIMIT + 1])
    if len(found) == 1:
        return found[0], found
    exact = [o for o in found if o.name_folded == fold(text)]
    if len(exact) == 1:
        return exact[0], found
    if found and len({_depth(o.id) for o in found}) > 1:
        # "ke sach" names the commune committee rather than the cells inside it: the highest
        # matches when it is alone at its level.
        top = min(_depth(o.id) for o in found)
        highest = [o for o in found if _depth(o.id) == top]
        if len(highest) == 1:
            return highest[0], found
    return None, found


def find_one(user, text: str, action: str = "view") -> tuple[Organization | None, list[str]]:
    """The organization `text` names among those the user may `action` (a code, or a name:
    `resolve`), else None with the labels of the candidates (empty: nothing matches)."""
    queryset = Organization.objects.restrict(user, action)
    org = queryset.filter(code=(text or "").strip()[:40]).first()
    if org is not None:
        return org, []
    org, candidates = resolve(queryset, text)
    if org is not None:
        return org, []
    return None, [org_label(o.id, o.name) for o in candidates[:SEARCH_LIMIT]]


def _depth(org_id: int) -> int:
    return len(_chain(load_tree(), org_id))


def search(queryset, text: str, limit: int = SEARCH_LIMIT) -> list[dict]:
    """Picker rows for `text`: code, name, label with the path; the highest level first ("ke sach":
    the commune before the units named after it inside it), then Vietnamese order by name and path."""
    rows = list(find_orgs(queryset, text).values_list("id", "code", "name")[: limit * 10])
    paths = org_paths([r[0] for r in rows])
    tree = load_tree()
    rows.sort(key=lambda r: (len(_chain(tree, r[0])), vi_sort_key(r[2]), vi_sort_key(paths[r[0]]), r[1]))
    return [
        {"value": code, "name": name, "label": org_label(org_id, name, paths[org_id])}
        for org_id, code, name in rows[:limit]
    ]


def code_choices(queryset, limit: int = 5000) -> list[tuple[str, str]]:
    """(code, "name — path") for a picker whose value is the code, Vietnamese order."""
    rows = list(queryset.values_list("id", "code", "name", "sort_key")[:limit])
    paths = org_paths([r[0] for r in rows])
    path_keys = {path: vi_sort_key(path) for path in set(paths.values())}  # paths repeat: one key each
    rows.sort(key=lambda r: (r[3] or vi_sort_key(r[2]).hex(), path_keys[paths[r[0]]], r[1]))
    return [(code, org_label(org_id, name, paths[org_id])) for org_id, code, name, _key in rows]


def home_code(user, codes) -> str:
    """The code of the user's own unit (the organization of their highest role) if among `codes`."""
    from xaydungdang.core import access

    wanted = set(codes)
    tree = load_tree()
    for org_id in access.home_org_ids(user):
        info = tree.orgs.get(org_id)
        if info is not None and info.code in wanted:
            return info.code
    return ""


def breadcrumbs(user, org_id: int | None) -> list[dict]:
    """Where a page stands: the organizations from the user's top one down to `org_id` (today's
    tree, or a dissolved organization's last day), each {"code", "name"}, only those the user may see."""
    from xaydungdang.core import access

    if org_id is None:
        return []
    tree = load_tree()
    if org_id not in tree.orgs:
        return []
    chain = [org_id, *_chain(tree, org_id)]
    scope = access.scope_for(user)
    return [
        {"code": tree.orgs[o].code, "name": tree.orgs[o].name}
        for o in reversed(chain)
        if scope.is_global or o in scope.org_ids
    ]
