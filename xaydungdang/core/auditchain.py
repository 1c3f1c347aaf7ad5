"""Tamper evidence for the audit trail: a hash chain, sealed by `xdd audit --seal`, checked by
`xdd audit --verify`.

The database triggers stop UPDATE/DELETE from the application and from a careless hand, not from
someone who holds the SQLite file or the PostgreSQL table's owner role: they can drop or bypass the
triggers. The chain makes such a change visible. Each seal (core.AuditSeal) stores the SHA-256 of
one entry's content and chain = SHA-256(previous chain + that digest). Deleting or editing a sealed
entry, or a seal, breaks the recomputation. Someone able to rewrite the whole chain after the change
is caught only by a chain hash kept elsewhere (`--expect`): that is why the operator writes the hash
printed by each seal somewhere outside the server (docs/security.md §5).

Writes are not slowed: entries are inserted as before, and sealing is a separate step that links
every committed entry not yet sealed, in id order, under a lock only sealers take. On PostgreSQL an
entry can commit after one with a higher id was sealed; it is simply linked by the next seal.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from xaydungdang.core.models import AuditEntry, AuditSeal

GENESIS = "0" * 64
CONTENT_FIELDS = [
    "id",
    "at",
    "user_id",
    "username",
    "ip",
    "via",
    "request_id",
    "action",
    "model",
    "object_id",
    "object_repr",
    "org_id",
    "member_id",
    "before",
    "after",
    "note",
]
BATCH = 2000
SEAL_LOCK = 0x78646461  # pg_advisory_xact_lock key: one sealer at a time


def entry_digest(values: dict) -> str:
    """SHA-256 of an entry's content, the same on SQLite and PostgreSQL (canonical JSON, UTC time)."""
    data = {}
    for name in CONTENT_FIELDS:
        value = values[name]
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
        data[name] = value
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def next_chain(previous: str, digest: str) -> str:
    return hashlib.sha256(f"{previous}{digest}".encode("ascii")).hexdigest()


@dataclass
class SealResult:
    added: int
    total: int
    head_entry: int | None
    head_chain: str


def _head() -> tuple[str, int | None, int]:
    last = AuditSeal.objects.order_by("-id").values("chain", "entry_id").first()
    total = AuditSeal.objects.count()
    return (last["chain"], last["entry_id"], total) if last else (GENESIS, None, 0)


def seal() -> SealResult:
    """Link every committed, not yet sealed entry to the chain, in id order."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEAL_LOCK])
        # (SQLite: the atomic block already holds the write lock — transaction_mode IMMEDIATE.)
        chain, head_entry, total = _head()
        sealed = AuditSeal.objects.filter(entry_id=OuterRef("id"))
        pending = (
            AuditEntry.objects.filter(~Exists(sealed)).order_by("id").values(*CONTENT_FIELDS).iterator(chunk_size=BATCH)
        )
        batch, added = [], 0
        for values in pending:
            digest = entry_digest(values)
            chain = next_chain(chain, digest)
            batch.append(AuditSeal(entry_id=values["id"], digest=digest, chain=chain))
            head_entry = values["id"]
            if len(batch) >= BATCH:
                AuditSeal.objects.bulk_create(batch)
                added += len(batch)
                batch = []
        if batch:
            AuditSeal.objects.bulk_create(batch)
            added += len(batch)
    return SealResult(added, total + added, head_entry, chain)


@dataclass
class VerifyResult:
    sealed: int = 0
    unsealed: int = 0
    head_entry: int | None = None
    head_chain: str = GENESIS
    problems: list[str] = field(default_factory=list)
    expected_found: bool | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.expected_found is not False


def verify(expect: str | None = None) -> VerifyResult:
    """Recompute the chain from the entries as they are now; every difference is a problem."""
    result = VerifyResult()
    expect = (expect or "").strip().lower() or None
    if expect is not None:
        result.expected_found = False
    previous = GENESIS
    seals = AuditSeal.objects.order_by("id").values_list("id", "entry_id", "digest", "chain")
    last_id = 0
    while True:
        chunk = list(seals.filter(id__gt=last_id)[:BATCH])
        if not chunk:
            break
        last_id = chunk[-1][0]
        entries = {v["id"]: v for v in AuditEntry.objects.filter(id__in=[c[1] for c in chunk]).values(*CONTENT_FIELDS)}
        for _seal_id, entry_id, digest, chain in chunk:
            result.sealed += 1
            values = entries.get(entry_id)
            if values is None:
                result.problems.append(f"dòng nhật ký #{entry_id} đã niêm phong nhưng không còn trong bảng (bị xóa)")
            elif entry_digest(values) != digest:
                result.problems.append(f"dòng nhật ký #{entry_id} đã bị sửa sau khi niêm phong")
            expected_chain = next_chain(previous, digest)
            if expected_chain != chain:
                result.problems.append(f"chuỗi niêm phong bị đứt tại dòng #{entry_id} (niêm phong bị xóa hoặc sửa)")
            previous = chain  # go on from the stored link: one break is reported once
            if expect is not None and chain == expect:
                result.expected_found = True
            result.head_entry, result.head_chain = entry_id, chain
    sealed = AuditSeal.objects.filter(entry_id=OuterRef("id"))
    result.unsealed = AuditEntry.objects.filter(~Exists(sealed)).count()
    return result
