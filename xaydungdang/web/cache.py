"""The data version the caches key on (core/cache.py holds the caches themselves).

It is made of three cheap index look-ups: the org-tree version (core.versions), the newest audit
entry of a data change (every action writes one in its transaction; sign-ins, exports and report
views do not count) and the newest derived member interval (every projection write and bulk import
inserts new span rows). Any write therefore changes the key; stale entries simply age out.
Registered with core.cache when the web app is ready (web/apps.py). `cached`, `local_cached` and
`scope_signature` are core.cache's, re-exported for the shell's modules.
"""

from django.db.models import Max

from xaydungdang.core import versions as core_versions
from xaydungdang.core.auditactions import READS
from xaydungdang.core.cache import cached, local_cached, scope_signature  # noqa: F401  (the shell's caches)

# Audit actions that record reading or signing in, not a change of party-building data: the one
# list is core.auditactions.READS.
READ_ONLY_ACTIONS = tuple(sorted(READS))


def _last_data_audit_id() -> int:
    from xaydungdang.core.models import AuditEntry

    # A backward walk of the primary key that stops at the first data change.
    return (
        AuditEntry.objects.exclude(action__in=READ_ONLY_ACTIONS).order_by("-id").values_list("id", flat=True).first()
        or 0
    )


def data_version(org_id: int | None = None) -> str:
    """Of everything; with `org_id`, of that organization's subtree (what `bump_touched` bumps)."""
    from xaydungdang.core import versions
    from xaydungdang.members.models import MemberSpan
    from xaydungdang.organizations.tree import TREE_VERSION_KEY

    if org_id is not None:
        return versions.subtree_version(org_id)
    audit_max = _last_data_audit_id()
    span_max = MemberSpan.objects.aggregate(m=Max("id"))["m"] or 0
    return f"{versions.get(TREE_VERSION_KEY)}.{audit_max}.{span_max}"


def data_versions(org_ids) -> dict[int, str]:
    """`data_version(org_id)` of many organizations in one look-up."""
    from xaydungdang.core import versions

    return versions.subtree_versions(org_ids)


# Per-subtree versions. Every write's audit entry names the organization and/or member it is about
# (core.transactions.touched, from the post_save below); at the end of the action, inside its
# transaction, the organizations touched — the entry's organization, every cell the member was ever
# in (after the write: a transfer counts both sides) — and all their ancestors in any year of the
# tree get a new token. An entry about neither (an import, the demo, a rebuild) bumps ALL_KEY,
# which is part of every organization's version. Reorganizations bump the tree version, also part.
# The key format is core.versions' (ALL_KEY, org_key), shared with every reader.
ALL_KEY = core_versions.ALL_KEY
org_key = core_versions.org_key


def ancestors_ever(tree, org_id: int) -> set[int]:
    """`org_id` and every organization that was its parent, grandparent... at any time."""
    seen, stack = set(), [org_id]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(parent for _start, _end, parent in tree.links.get(current, ()) if parent is not None)
    return seen


def bump_touched(pairs: set) -> None:
    from xaydungdang.core import versions
    from xaydungdang.members.models import Member, MemberSpan
    from xaydungdang.organizations.tree import load_tree

    org_ids = {org for org, _member in pairs if org is not None}
    member_ids = {member for _org, member in pairs if member is not None}
    whole = any(org is None and member is None for org, member in pairs)
    if member_ids:
        cells = set(MemberSpan.objects.filter(member_id__in=member_ids).values_list("cell_id", flat=True))
        current = Member.objects.filter(id__in=member_ids, current_cell__isnull=False)
        cells |= set(current.values_list("current_cell_id", flat=True))
        if not cells:
            whole = True  # a member in no cell yet: nothing narrower is known
        org_ids |= cells
    keys = {ALL_KEY} if whole else set()
    if org_ids:
        tree = load_tree()
        for org_id in org_ids:
            keys.update(org_key(o) for o in ancestors_ever(tree, org_id))
    versions.bump_many(keys)


def audit_written(sender, instance, created, **kwargs) -> None:
    """post_save of AuditEntry (connected in web/apps.py): a data change notes what it touched."""
    from xaydungdang.core import transactions

    if created and instance.action not in READS:
        transactions.touched(instance.org_id, instance.member_id)
