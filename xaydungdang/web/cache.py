"""The data version the caches key on (core/cache.py holds the caches themselves).

It is made of three cheap index look-ups: the org-tree version (core.versions), the newest audit
entry of a data change (every action writes one in its transaction; sign-ins, exports and report
views do not count) and the newest derived member interval (every projection write and bulk import
inserts new span rows). Any write therefore changes the key; stale entries simply age out.
Registered with core.cache when the web app is ready (web/apps.py). `cached`, `local_cached` and
`scope_signature` are core.cache's, re-exported for the shell's modules.
"""

from django.db.models import Max

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


def data_version() -> str:
    from xaydungdang.core import versions
    from xaydungdang.members.models import MemberSpan
    from xaydungdang.organizations.tree import TREE_VERSION_KEY

    audit_max = _last_data_audit_id()
    span_max = MemberSpan.objects.aggregate(m=Max("id"))["m"] or 0
    return f"{versions.get(TREE_VERSION_KEY)}.{audit_max}.{span_max}"
