"""Reading the audit trail: filters, Vietnamese labels, readable before/after, exports.

Used by the web page /quan-tri/nhat-ky/ (scoped per user) and by `xdd audit` (whole log).
"""

import datetime as dt
import json
import re
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone

from xaydungdang.accounts import scope
from xaydungdang.accounts.models import Role
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError
from xaydungdang.core.models import AuditEntry
from xaydungdang.core.spreadsheet import csv_writer, safe_row

# The Vietnamese label of every audit action (core/auditactions.py is the one list).
VERBS = {action.value: action.label for action in AuditAction}

COMMON_KEYS = {
    "on": "ngày",
    "org": "tổ chức",
    "cell": "chi bộ",
    "reason": "lý do",
    "voided": "đã hủy",
    "type": "loại",
    "username": "tên đăng nhập",
    "user": "người dùng",
    "role": "vai trò",
    "decision_no": "số quyết định",
    "new_parent": "trực thuộc mới",
    "moved_on": "ngày chuyển",
    "dissolved_on": "ngày giải thể",
    "ip": "địa chỉ",
    "attempted": "tên đăng nhập đã gõ",
    "file": "tệp",
    "rows": "số dòng",
    "format": "định dạng",
    "filters": "bộ lọc",
    "is_active": "đang hoạt động",
    "fields": "trường bị trùng",
    "clashes": "số chỗ trùng",
    "probes": "trùng với đảng viên ngoài phạm vi",
    "blocked": "đã vượt giới hạn số lần thử",
    "member_situation": "tình trạng đảng viên",
    "decided_on": "ngày quyết định",
    "note": "ghi chú",
}

VIA_LABELS = {
    "web": "web",
    "api": "API",
    "cli": "dòng lệnh",
    "import": "nhập dữ liệu",
    "system": "hệ thống",
    "test": "kiểm thử",
}

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def action_label(action: str) -> str:
    return VERBS.get(action, action)


def _model(label: str):
    try:
        return apps.get_model(label) if label and "." in label else None
    except (LookupError, ValueError):
        return None


def field_label(model_label: str, key: str) -> str:
    model = _model(model_label)
    if model is not None:
        for name in (key, key[:-3] if key.endswith("_id") else None):
            if not name:
                continue
            try:
                return str(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                pass
    return COMMON_KEYS.get(key, key)


def _choice_label(model_label: str, key: str, value):
    model = _model(model_label)
    if model is not None:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.choices:
            return dict(field.flatchoices).get(value, value)
    if key == "role" and value in Role.values:
        return Role(value).label
    if key == "type":
        from xaydungdang.members.models import EventType

        if value in EventType.values:
            return EventType(value).label
    return value


def format_value(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "có"
    if value is False:
        return "không"
    if isinstance(value, str):
        if ISO_DATE.match(value):
            return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
        if ISO_DATETIME.match(value):
            try:
                moment = dt.datetime.fromisoformat(value)
                if timezone.is_aware(moment):
                    moment = timezone.localtime(moment)
                return moment.strftime("%d/%m/%Y %H:%M")
            except ValueError:
                return value
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


# What the trail shows about a member who is no longer in the reader's view scope.
HIDDEN_MEMBER = "một đảng viên nay không thuộc phạm vi của anh/chị"
# Keys that say nothing personal about a member: the only ones kept for such a member.
NEUTRAL_KEYS = frozenset({"on", "org", "cell", "type", "voided", "rows", "format", "decision_no", "decided_on"})
NATIONAL_ID_KEYS = frozenset({"national_id"})
_ID_RUN = re.compile(r"(?<!\d)\d{12}(?!\d)")


def masked(key: str, value):
    """National IDs masked as on the member pages (members.models.mask_national_id): the value
    of a national-ID key, and any run of 12 digits in other text (a search typed into a filter)."""
    from xaydungdang.members.models import mask_national_id

    if isinstance(value, dict):
        return {k: masked(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(key, v) for v in value]
    if key in NATIONAL_ID_KEYS and value not in (None, ""):
        return mask_national_id(str(value))
    if isinstance(value, str) and key != "member_no":
        return _ID_RUN.sub(lambda m: mask_national_id(m.group()), value)
    return value


def _sides(entry: AuditEntry, hidden: bool) -> tuple[dict, dict, bool]:
    before, after = entry.before or {}, entry.after or {}
    if not isinstance(before, dict):
        before = {"": before}
    if not isinstance(after, dict):
        after = {"": after}
    before, after = masked("", before), masked("", after)
    dropped = False
    if hidden:
        dropped = any(k not in NEUTRAL_KEYS for k in list(before) + list(after))
        before = {k: v for k, v in before.items() if k in NEUTRAL_KEYS}
        after = {k: v for k, v in after.items() if k in NEUTRAL_KEYS}
    return before, after, dropped


def changes(entry: AuditEntry, hidden: bool = False) -> list[Change]:
    """The entry's fields as readable (label, before, after) lines, national IDs masked; with
    `hidden` (the member is outside the reader's scope) only the keys that are not personal."""
    before, after, dropped = _sides(entry, hidden)
    keys = list(before) + [k for k in after if k not in before]
    lines = [
        Change(
            field_label(entry.model, k),
            format_value(_choice_label(entry.model, k, before.get(k))),
            format_value(_choice_label(entry.model, k, after.get(k))),
        )
        for k in keys
    ]
    if dropped:
        lines.append(Change("thông tin về đảng viên", "—", f"đã ẩn: {HIDDEN_MEMBER}"))
    return lines


@dataclass(frozen=True)
class Shown:
    """What a reader may see of one entry."""

    object_repr: str
    member_id: int | None
    changes: list
    note: str


def hidden_members(entries, viewer) -> frozenset:
    """Ids of the members the entries are about who are outside `viewer`'s view scope today
    (accounts.scope.restrict); `viewer` None is the whole log (`xdd audit`)."""
    if viewer is None:
        return frozenset()
    ids = {e.member_id for e in entries if e.member_id is not None}
    if not ids:
        return frozenset()
    from xaydungdang.members.models import Member

    visible = set(scope.restrict(Member.objects.filter(id__in=ids), viewer).values_list("id", flat=True))
    return frozenset(ids - visible)


def shown(entry: AuditEntry, hidden_ids=frozenset()) -> Shown:
    if entry.member_id is not None and entry.member_id in hidden_ids:
        return Shown(HIDDEN_MEMBER, None, changes(entry, hidden=True), "")
    return Shown(masked("", entry.object_repr), entry.member_id, changes(entry), masked("", entry.note))


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass
class AuditFilter:
    user: str = ""
    org_id: int | None = None
    member_id: int | None = None
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    def apply(self, queryset):
        if self.user:
            queryset = queryset.filter(username__iexact=self.user.strip())
        if self.org_id is not None:
            queryset = scope.within(queryset, self.org_id)
        if self.member_id is not None:
            queryset = queryset.filter(member_id=self.member_id)
        if self.action:
            queryset = queryset.filter(Q(action=self.action) | Q(action__startswith=self.action.rstrip(".") + "."))
        if self.since:
            queryset = queryset.filter(at__gte=_start_of(self.since))
        if self.until:
            queryset = queryset.filter(at__lt=_start_of(self.until + dt.timedelta(days=1)))
        return queryset

    def check(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise DomainError("Ngày bắt đầu sau ngày kết thúc.", "since")

    def describe(self) -> dict:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.__dict__.items() if v not in (None, "")
        }


COLUMNS = [
    "Thời điểm",
    "Tài khoản",
    "Địa chỉ",
    "Kênh",
    "Thao tác",
    "Mã thao tác",
    "Đối tượng",
    "Tổ chức",
    "Mã đảng viên",
    "Thay đổi",
    "Ghi chú",
]


def _org_codes(entries) -> dict:
    from xaydungdang.organizations.models import Organization

    ids = {e.org_id for e in entries if e.org_id is not None}
    return dict(Organization.objects.filter(id__in=ids).values_list("id", "code")) if ids else {}


def rows(queryset, chunk: int = 2000, viewer=None):
    """Export rows (as lists of strings), in chunks so big logs stream; what `viewer` may see of
    each entry (see `shown`), the whole of it when `viewer` is None (`xdd audit`)."""
    last = None
    queryset = queryset.order_by("-at", "-id")
    while True:
        page = list(queryset.filter(id__lt=last)[:chunk] if last is not None else queryset[:chunk])
        if not page:
            return
        codes = _org_codes(page)
        hidden = hidden_members(page, viewer)
        for e in page:
            view = shown(e, hidden)
            text = "; ".join(f"{c.label}: {c.before} → {c.after}" for c in view.changes)
            yield [
                timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
                e.username,
                e.ip,
                VIA_LABELS.get(e.via, e.via),
                action_label(e.action),
                e.action,
                view.object_repr,
                codes.get(e.org_id, "" if e.org_id is None else str(e.org_id)),
                "" if view.member_id is None else str(view.member_id),
                text,
                view.note,
            ]
        last = page[-1].id
        if len(page) < chunk:
            return


def as_dict(entry: AuditEntry, codes: dict, hidden_ids=frozenset()) -> dict:
    view = shown(entry, hidden_ids)
    hidden = view.member_id is None and entry.member_id is not None
    before, after, _dropped = _sides(entry, hidden)
    if not isinstance(entry.before, dict):
        before = before.get("") if entry.before is not None else None
    if not isinstance(entry.after, dict):
        after = after.get("") if entry.after is not None else None
    return {
        "at": entry.at.isoformat(),
        "username": entry.username,
        "ip": entry.ip,
        "via": entry.via,
        "action": entry.action,
        "action_label": action_label(entry.action),
        "model": entry.model,
        "object_id": entry.object_id,
        "object": view.object_repr,
        "org": codes.get(entry.org_id) if entry.org_id is not None else None,
        "member_id": view.member_id,
        "before": before,
        "after": after,
        "note": view.note,
    }


def write_csv(queryset, fh, bom: bool = True, viewer=None) -> int:
    """CSV with a BOM so Excel opens Vietnamese text correctly."""
    if bom:
        fh.write("\ufeff")
    writer = csv_writer(fh)
    writer.writerow(COLUMNS)
    count = 0
    for row in rows(queryset, viewer=viewer):
        writer.writerow(row)
        count += 1
    return count


def write_json(queryset, fh, viewer=None) -> int:
    entries = list(queryset.order_by("-at", "-id"))
    codes = _org_codes(entries)
    hidden = hidden_members(entries, viewer)
    json.dump([as_dict(e, codes, hidden) for e in entries], fh, ensure_ascii=False, indent=1)
    fh.write("\n")
    return len(entries)


def write_xlsx(queryset, fh, viewer=None) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhật ký")
    header = []
    for title in COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows(queryset, viewer=viewer):
        sheet.append(safe_row(row))
        count += 1
    book.save(fh)
    return count
