"""Mirroring another instance through its change feed (interchange/feed.py; `xdd mirror`).

`apply_page(changes)` replays one page in one transaction, through the machinery every write uses:
runs of new rows go through the importer (interchange.importer.import_tables, all or nothing),
changes to existing organizations and members through their actions (organizations.actions.update
and dissolve, members.actions.update_member), voids through each app's void action. `pull(url,
token)` reads the feed page by page and applies each page together with the cursor it reached
(`MirrorState`), so an interrupted mirror resumes where the last applied page ended.
"""

import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request

from django.db.models import Q

from xaydungdang.activities import actions as activity_actions
from xaydungdang.admissions import actions as admission_actions
from xaydungdang.core.context import Actor, acting_as
from xaydungdang.core.errors import DomainError
from xaydungdang.core.transactions import composing
from xaydungdang.dues import actions as dues_actions
from xaydungdang.inspections import actions as inspection_actions
from xaydungdang.interchange.feed import TABLES
from xaydungdang.interchange.importer import import_tables
from xaydungdang.interchange.models import MirrorState
from xaydungdang.members import actions as member_actions
from xaydungdang.members.models import Member
from xaydungdang.organizations import actions as org_actions
from xaydungdang.organizations.models import Locality, Organization
from xaydungdang.reviews import actions as review_actions

VOIDERS = {
    "member_events": member_actions.void_event,
    "member_changes": member_actions.void_change,
    "targets": admission_actions.void,
    "screenings": review_actions.void,
    "ratings": review_actions.void,
    "inspections": inspection_actions.void,
    "disciplines": inspection_actions.void,
    "classes": activity_actions.void,
    "dialogues": activity_actions.void,
    "documents": activity_actions.void,
    "awards": activity_actions.void,
    "cadre_actions": activity_actions.void,
    "temporary_arrivals": activity_actions.void,
    "dues_bases": dues_actions.void,
    "dues_payments": dues_actions.void,
}
MASK = "•"


class MirrorError(DomainError):
    pass


class _Batch:
    """New rows waiting to be imported together (one dataset)."""

    def __init__(self):
        self.tables: dict[str, list[dict]] = {}
        self.keys: set[tuple] = set()

    def add(self, table: str, row: dict, key: tuple | None = None) -> None:
        self.tables.setdefault(table, []).append(row)
        if key is not None:
            self.keys.add(key)

    def flush(self) -> None:
        if not self.tables:
            return
        tables = {"organizations": []} | self.tables
        report = import_tables(tables, source="(nguồn thay đổi)")
        if not report.ok:
            first = report.errors[0]
            raise MirrorError(
                f"Không áp dụng được trang thay đổi: {first.message if hasattr(first, 'message') else first}"
            )
        self.tables, self.keys = {}, set()


def _clean(row: dict) -> dict:
    row = {k: v for k, v in row.items() if v is not None}
    if MASK in str(row.get("national_id") or ""):
        row.pop("national_id")  # the source masked it: this mirror may not hold it
    return row


def _exists(table: str, key: dict) -> bool:
    model = TABLES[table][0]
    return model.objects.filter(**key).exists()


def apply_page(changes: list[dict]) -> dict:
    """Apply one page of the feed, all or nothing; counts by operation."""
    counts = {"insert": 0, "upsert": 0, "void": 0}
    batch = _Batch()
    with composing():
        for change in changes:
            op, table, key, row = change["op"], change.get("table"), change.get("key") or {}, change.get("row") or {}
            if op == "resync":
                raise MirrorError(
                    "Nguồn có một thay đổi không phát lại được (khôi phục cơ sở dữ liệu hoặc nhập dữ liệu từ phiên bản "
                    "cũ): hãy nhập lại toàn bộ dữ liệu xuất từ nguồn, rồi đồng bộ tiếp."
                )
            if op == "insert":
                batch.add(table, _clean(row))
            elif op == "upsert":
                ident = (table, *sorted(key.items()))
                if ident in batch.keys or _exists(table, key):
                    batch.flush()
                    _update(table, key, row, change.get("meta") or {})
                else:
                    if table == "organizations" and not row.get("parent_code"):
                        batch.flush()  # a dataset has one top organization
                    batch.add(table, _clean(key | row), ident)
            elif op == "void":
                batch.flush()
                _void(table, key, row.get("reason") or "Hủy theo nguồn")
            else:
                raise MirrorError(f"Thao tác «{op}» không rõ trong nguồn thay đổi.")
            counts[op] += 1
        batch.flush()
    return counts


def _date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _update(table: str, key: dict, row: dict, meta: dict) -> None:
    if table == "members":
        member = Member.objects.get(**key)
        data = {
            k: v
            for k, v in row.items()
            if k not in ("org_code", "as_of") and not (k == "national_id" and MASK in str(v or ""))
        }
        current = {k: getattr(member, k) for k in data}
        data = {k: v for k, v in data.items() if _plain(current[k]) != v}
        if data:
            member_actions.update_member(member, data, expected_version=member.version, acting_user=None)
        return
    if table == "organizations":
        org = Organization.objects.get(**key)
        if row.get("dissolved_on") and org.dissolved_on is None:
            successor_code = row.get("successor_code")
            successor = Organization.objects.filter(code=successor_code).first() if successor_code else None
            org = org_actions.dissolve(
                org, _date(row["dissolved_on"]), meta.get("decision_no") or "", successor=successor, acting_user=None
            )
        fields = {"name", "locality_code", "note", "unit_type"} & set(row)
        if fields:
            locality = org.locality
            if "locality_code" in row:
                locality = Locality.objects.filter(code=row["locality_code"]).first() if row["locality_code"] else None
                if row["locality_code"] and locality is None:
                    raise MirrorError(f"Chưa có địa bàn mã «{row['locality_code']}» để gán cho tổ chức {org.code}.")
            org_actions.update(
                org,
                name=row.get("name", org.name),
                locality=locality,
                note=row.get("note", org.note) or "",
                unit_type=row.get("unit_type", org.unit_type) or "",
                expected_version=org.version,
                acting_user=None,
            )
        return
    if table == "localities":
        locality = Locality.objects.get(**key)
        for name, value in row.items():
            if name == "parent_code":
                locality.parent = Locality.objects.filter(code=value).first() if value else None
            elif name == "org_code":
                locality.org = Organization.objects.filter(code=value).first() if value else None
            elif name in ("name", "kind"):
                setattr(locality, name, value)
        locality.save()
        return
    raise MirrorError(f"Bảng «{table}» không nhận thao tác upsert.")


def _plain(value):
    if value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _void(table: str, key: dict, reason: str) -> None:
    model, columns = TABLES[table]
    condition = Q(voided_at__isnull=True)
    for name, value in key.items():
        lookup = columns[name]
        if isinstance(lookup, tuple):  # a subject: a member number or an organization code
            lookup = lookup[0] if key.get("subject_type") == "member" else lookup[1]
        if value is not None:
            condition &= Q(**{lookup: value})
        elif "__" in lookup:
            condition &= Q(**{lookup.split("__")[0] + "__isnull": True})
        elif model._meta.get_field(lookup).get_internal_type() in ("CharField", "TextField"):
            condition &= Q(**{lookup: ""}) | Q(**{lookup + "__isnull": True})
        else:
            condition &= Q(**{lookup + "__isnull": True})
    record = model.objects.filter(condition).order_by("id").first()
    if record is None:
        raise MirrorError(
            f"Không tìm thấy bản ghi cần hủy trong bảng «{table}»: {json.dumps(key, ensure_ascii=False)}."
        )
    VOIDERS[table](record, reason, acting_user=None)


# --- Pulling from another instance -----------------------------------------------------------------


def fetch_page(url: str, token: str, since: str, limit: int, opener=None) -> dict:
    """One page of the feed at `url` (the address of /api/v1/changes/)."""
    query = urllib.parse.urlencode({"since": since, "limit": limit})
    request = urllib.request.Request(
        f"{url}{'&' if '?' in url else '?'}{query}",
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )
    try:
        with (opener or urllib.request.urlopen)(request, timeout=120) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            said = json.loads(exc.read().decode("utf-8")).get("message") or ""
        except (ValueError, AttributeError, OSError):
            said = ""
        raise MirrorError(f"Nguồn trả lời lỗi {exc.code} tại {url}" + (f": {said}" if said else ".")) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise MirrorError(f"Không đọc được nguồn thay đổi tại {url}: {exc}.") from None


def pull(source: str, read_page, since: str | None = None, limit: int = 500, on_page=None) -> MirrorState:
    """Read pages with `read_page(since, limit)` and apply each one with the cursor it reached, until the
    source has nothing more. `since` overrides the remembered cursor of `source`."""
    with acting_as(Actor(user=None, ip="", via="mirror")):
        state, _created = MirrorState.objects.get_or_create(source=source)
        cursor = state.cursor if since is None else since
        while True:
            page = read_page(cursor, limit)
            with composing():
                counts = apply_page(page["changes"])
                state.cursor = page["next"]
                state.applied += len(page["changes"])
                state.save()
            cursor = page["next"]
            if on_page is not None:
                on_page(page, counts)
            if not page.get("more") or (not page["changes"] and not page.get("settled", True)):
                break
    return state
