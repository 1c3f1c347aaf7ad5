"""Derive the `OrgLink` intervals from organizations and their moves."""

from collections import defaultdict

from xaydungdang.core.bulk import bulk_insert
from xaydungdang.organizations import tree
from xaydungdang.organizations.models import Organization, OrgLink, OrgMove


def link_rows(org_ids=None) -> list[tuple]:
    orgs = Organization.objects.all()
    moves = OrgMove.objects.active()
    if org_ids is not None:
        orgs = orgs.filter(id__in=org_ids)
        moves = moves.filter(org_id__in=org_ids)
    by_org = defaultdict(list)
    for org_id, parent_id, moved_on in moves.order_by("moved_on", "id").values_list(
        "org_id", "new_parent_id", "moved_on"
    ):
        by_org[org_id].append((parent_id, moved_on))
    rows = []
    for org_id, parent_id, established_on, dissolved_on in orgs.values_list(
        "id", "parent_id", "established_on", "dissolved_on"
    ):
        start, current_parent = established_on, parent_id
        for new_parent, moved_on in by_org.get(org_id, ()):
            rows.append((org_id, current_parent, start, moved_on))
            start, current_parent = moved_on, new_parent
        rows.append((org_id, current_parent, start, dissolved_on))
    return rows


def rebuild_links(org_ids=None) -> int:
    """Replace the derived links of the given organizations (all when None)."""
    rows = link_rows(org_ids)
    existing = OrgLink.objects.all()
    if org_ids is not None:
        existing = existing.filter(org_id__in=org_ids)
    existing.delete()
    bulk_insert(OrgLink, ["org_id", "parent_id", "start", "end"], rows)
    tree.invalidate()
    return len(rows)
