"""The organization tree a user may see at a day, flattened into open/leaf/close tokens so a
template renders thousands of nested nodes without recursive includes."""

import datetime as dt
from dataclasses import dataclass

from xaydungdang.accounts import scope
from xaydungdang.core.text import fold, vi_sort_key
from xaydungdang.organizations.models import OrgKind
from xaydungdang.organizations.tree import load_tree
from xaydungdang.organizations.views import visible_org_ids, visible_roots
from xaydungdang.web.counts import members_by_org

KIND_LABELS = dict(OrgKind.choices)
KIND_ORDER = {kind: i for i, kind in enumerate(OrgKind.values)}


@dataclass
class Node:
    id: int
    code: str
    name: str
    kind: str
    members: int
    depth: int
    open: bool = False
    match: bool = False
    children: int = 0
    dissolved_on: dt.date | None = None  # shown on dates before it ("đến 30/06/2025")

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


MAX_DEPTH = 3  # levels written into one page; deeper branches are a link to their own tree
NODE_BUDGET = 250  # past this many nodes, branches below the top level become links as well
MAX_MATCHES = 300


def tree_tokens(
    user, day: dt.date, query: str = "", open_depth: int = 1, root_id: int | None = None, max_depth: int = MAX_DEPTH
) -> tuple[list[tuple], int]:
    """Tokens ("open", node) / ("leaf", node) / ("more", node) / ("close", None) and the number
    of matches. Without a search, branches below `max_depth` levels become ("more", node): a
    province tree of thousands of nodes would otherwise be half a megabyte of HTML."""
    tree = load_tree()
    snapshot = tree.snapshot(day)
    view = scope.scope_for(user)
    # Today's scope, and before a dissolution the old subtree of a grant on the dissolved unit.
    allowed = None if view.is_global else visible_org_ids(view, day)
    counts = members_by_org(day)
    folded = fold(query)
    roots = visible_roots(user, day)
    if root_id is not None:
        roots = [root_id] if root_id in snapshot and (allowed is None or root_id in allowed) else []

    def visible(org_id):
        return allowed is None or org_id in allowed

    def sort_key(org_id):
        info = tree.orgs[org_id]
        return KIND_ORDER.get(info.kind, 99), vi_sort_key(info.name)

    # With a search, keep only matching nodes and the path to them, opened.
    keep = None
    matches = set()
    if folded:
        keep = set()
        for root in roots:
            for org_id in snapshot.subtree(root):
                if not visible(org_id):
                    continue
                info = tree.orgs[org_id]
                if (folded in fold(info.name) or folded in info.code.casefold()) and len(matches) < MAX_MATCHES:
                    matches.add(org_id)
                    for ancestor in snapshot.ancestors_cached(org_id):
                        keep.add(ancestor)
                        if ancestor in roots:
                            break
    tokens: list[tuple] = []

    def walk(org_id: int, depth: int):
        info = tree.orgs[org_id]
        children = [c for c in snapshot.direct_children(org_id) if visible(c) and (keep is None or c in keep)]
        node = Node(
            org_id,
            info.code,
            info.name,
            info.kind,
            counts.get(org_id, 0),
            depth,
            open=depth < open_depth or (keep is not None),
            match=org_id in matches,
            dissolved_on=info.dissolved_on,
        )
        if children and keep is None and depth >= max_depth:
            node.children = len(children)
            tokens.append(("more", node))
        elif children:
            tokens.append(("open", node))
            for child in sorted(children, key=sort_key):
                walk(child, depth + 1)
            tokens.append(("close", None))
        else:
            tokens.append(("leaf", node))

    if keep is None:
        max_depth = _depth_within_budget(roots, snapshot, visible, max_depth)
    for root in sorted(roots, key=sort_key):
        if keep is None or root in keep:
            walk(root, 0)
    return tokens, len(matches)


def _depth_within_budget(roots, snapshot, visible, max_depth: int) -> int:
    """The deepest level (at least 1, at most max_depth) whose nodes, with all above, fit in
    NODE_BUDGET, so every branch is opened to the same depth."""
    level, total, depth = list(roots), len(roots), 0
    while depth < max_depth:
        below = [c for o in level for c in snapshot.direct_children(o) if visible(c)]
        if not below or (depth >= 1 and total + len(below) > NODE_BUDGET):
            break
        total += len(below)
        level = below
        depth += 1
    return max(depth, 1)
