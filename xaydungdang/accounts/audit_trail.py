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
from xaydungdang.core.auditactions import DESCRIPTIONS, AuditAction
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
    "from": "từ ngày",
    "to": "đến ngày",
    "period": "kỳ",
    "kind": "loại",
    "bytes": "dung lượng (byte)",
    "size": "dung lượng (byte)",
    "source": "tệp",
    "filename": "tệp",
    "path": "tệp",
    "sha256": "mã băm SHA-256",
    "counts": "số dòng theo bảng",
    "forms": "biểu",
    "field": "thông tin",
    "value": "giá trị",
    "other_org": "tổ chức nơi đi/đến",
    "other_place": "nơi đi/đến",
    "letter_no": "số giấy giới thiệu",
    "letter_on": "ngày giấy giới thiệu",
    "counterpart": "nơi đi/đến",
    "member_no": "số lý lịch",
    "full_name": "họ và tên",
    "code": "mã",
    "name": "tên",
    "parent": "cấp trên",
    "feed": "các dòng đã ghi",
    "id": "số thứ tự",
    "ids": "các số thứ tự",
    "search": "tìm kiếm",
    "q": "tìm kiếm",
    "count": "số lượng",
    "year": "năm",
    "level": "mức",
    "score": "điểm",
    "expires": "hết hạn",
    "scope": "phạm vi",
    "token": "mã truy cập",
    "endpoint": "địa chỉ đọc",
    "member": "đảng viên",
    "members": "đảng viên",
    "user_agent": "trình duyệt",
    "row": "dòng",
    "column": "cột",
    "since": "từ ngày",
    "until": "đến ngày",
    "action": "thao tác",
    "org_id": "tổ chức",
    "member_id": "đảng viên",
}

# Values of the report and export entries (kind, format) in words.
VALUE_LABELS = {
    "annual": "báo cáo năm",
    "term": "báo cáo nhiệm kỳ",
    "charter": "báo cáo thi hành Điều lệ",
    "xlsx": "XLSX",
    "csv": "CSV",
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "json": "JSON",
    "html": "HTML",
}

# Keys holding a file's path: only its name is shown (never the server's folders).
PATH_KEYS = frozenset({"source", "path", "file", "filename", "output"})

# Table names of the interchange format as a clerk reads them (no import of the higher app:
# the labels are repeated here, a test keeps them in step with interchange/tables.py).
TABLE_LABELS = {
    "organizations": "tổ chức đảng",
    "org_moves": "sắp xếp tổ chức",
    "localities": "địa bàn",
    "members": "đảng viên",
    "member_events": "biến động đảng viên",
    "targets": "chỉ tiêu",
    "screenings": "rà soát",
    "ratings": "xếp loại",
    "inspections": "kiểm tra, giám sát",
    "disciplines": "kỷ luật",
    "member_changes": "thay đổi thông tin",
    "classes": "lớp học",
    "dialogues": "đối thoại",
    "documents": "văn bản",
    "awards": "khen thưởng",
    "cadre_actions": "công tác cán bộ",
    "temporary_arrivals": "tiếp nhận sinh hoạt tạm thời",
    "dues_bases": "mức đóng đảng phí",
    "dues_payments": "thu đảng phí",
    "candidates": "quần chúng ưu tú",
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
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            label = str(field.verbose_name)
            if label != field.name.replace("_", " "):  # a field given no Vietnamese name: Django's default
                return label
    return _key_label(key)


def _choice_label(model_label: str, key: str, value, refs: dict | None = None):
    reference = _reference_label(model_label, key, value, refs)
    if reference is not None:
        return reference
    if key == "ruleset" and isinstance(value, str):
        from xaydungdang.reviews.rulesets import BY_CODE

        if value in BY_CODE:
            return BY_CODE[value].title
    model = _model(model_label)
    if model is not None:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.choices:
            choices = dict(field.flatchoices)
            if value in choices:
                return choices[value]
    if key == "role" and value in Role.values:
        return Role(value).label
    if key in ("kind", "format") and isinstance(value, str) and value in VALUE_LABELS:
        return VALUE_LABELS[value]
    if key == "type":
        from xaydungdang.members.models import EventType

        if value in EventType.values:
            return EventType(value).label
    return value


# Keys of entries that name an organization by its id without being a field of the entry's model.
ORG_ID_KEYS = frozenset({"org", "org_id", "cell", "cell_id", "new_parent", "new_parent_id"})


def _reference_target(model_label: str, key: str):
    """The model an entry's key refers to by database id (Organization or Member), else None."""
    from xaydungdang.members.models import Member
    from xaydungdang.organizations.models import Organization

    target = None
    model = _model(model_label)
    if model is not None:
        for name in (key, key[:-3] if key.endswith("_id") else None):
            if not name:
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation:
                target = field.related_model
                break
    if target is None and key in ORG_ID_KEYS:
        target = Organization
    return target if target in (Organization, Member) else None


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def prefetch_references(entries) -> dict:
    """Every organization and member the entries' changes name by id, looked up in two queries:
    {(model, id): label}, passed to `shown`/`changes` so a page of entries costs no query per id."""
    from xaydungdang.members.models import Member
    from xaydungdang.organizations.models import Organization

    wanted: dict = {Organization: set(), Member: set()}
    for entry in entries:
        for side in (entry.before, entry.after):
            if not isinstance(side, dict):
                continue
            for key, value in side.items():
                if _is_id(value):
                    target = _reference_target(entry.model, key)
                    if target is not None:
                        wanted[target].add(value)
    refs: dict = {}
    if wanted[Organization]:
        for pk, name in Organization.objects.filter(pk__in=wanted[Organization]).values_list("pk", "name"):
            refs[(Organization, pk)] = name
    if wanted[Member]:
        for pk, number in Member.objects.filter(pk__in=wanted[Member]).values_list("pk", "member_no"):
            refs[(Member, pk)] = f"số lý lịch {number}"
    for target, ids in wanted.items():
        for pk in ids:
            refs.setdefault((target, pk), "—")
    return refs


def _reference_label(model_label: str, key: str, value, refs: dict | None = None):
    """A database id in an entry shown as what it names: an organization by its name, a member by
    their number (never by name: another member named in someone's entry is not the reader's
    business). None when the key is not a reference. `refs` (prefetch_references) saves the query."""
    if not _is_id(value):
        return None
    from xaydungdang.members.models import Member
    from xaydungdang.organizations.models import Organization

    target = _reference_target(model_label, key)
    if target is None:
        return None
    if refs is not None and (target, value) in refs:
        return refs[(target, value)]
    if target is Organization:
        return Organization.objects.filter(pk=value).values_list("name", flat=True).first() or "—"
    number = Member.objects.filter(pk=value).values_list("member_no", flat=True).first()
    return f"số lý lịch {number}" if number else "—"


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
    if isinstance(value, dict):
        # Never raw JSON: "đảng viên: 2; biến động đảng viên: 2".
        return "; ".join(f"{_key_label(k)}: {format_value(v)}" for k, v in value.items()) or "—"
    if isinstance(value, list):
        return ", ".join(format_value(v) for v in value) or "—"
    return str(value)


def _key_label(key) -> str:
    key = str(key)
    bare = key[:-3] if key.endswith("_id") else key
    return TABLE_LABELS.get(key) or COMMON_KEYS.get(key) or COMMON_KEYS.get(bare) or bare.replace("_", " ")


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
    if key in PATH_KEYS and isinstance(value, str) and ("/" in value or "\\" in value):
        return value.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
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


def changes(entry: AuditEntry, hidden: bool = False, refs: dict | None = None) -> list[Change]:
    """The entry's fields as readable (label, before, after) lines, national IDs masked; with
    `hidden` (the member is outside the reader's scope) only the keys that are not personal."""
    before, after, dropped = _sides(entry, hidden)
    keys = list(before) + [k for k in after if k not in before]
    lines = [
        Change(
            field_label(entry.model, k),
            format_value(_choice_label(entry.model, k, before.get(k), refs)),
            format_value(_choice_label(entry.model, k, after.get(k), refs)),
        )
        for k in keys
    ]
    lines = [line for line in lines if line.before != "—" or line.after != "—"]  # empty on both sides
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


def shown(entry: AuditEntry, hidden_ids=frozenset(), refs: dict | None = None) -> Shown:
    """`refs`: prefetch_references of the page's entries (one lookup per page, not per id)."""
    if entry.member_id is not None and entry.member_id in hidden_ids:
        return Shown(HIDDEN_MEMBER, None, changes(entry, hidden=True, refs=refs), "")
    return Shown(
        masked("", entry.object_repr),
        entry.member_id,
        changes(entry, refs=refs),
        readable_note(masked("", entry.note)),
    )


_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_FIELD = re.compile(r"\{(\w+)\}")
FORMAT_NAMES = {"xlsx": "XLSX", "csv": "CSV", "pdf": "PDF", "docx": "Word (DOCX)", "json": "JSON", "html": "HTML"}


def period_phrase(after) -> str:
    """ "năm 2023" for a calendar year, "từ 01/01/2023 đến 30/06/2023" otherwise, from an entry's
    after (from/to, or the forms' period such as 2024 or 2024-6T)."""
    if not isinstance(after, dict):
        return ""
    start, end = after.get("from"), after.get("to")
    if isinstance(start, str) and isinstance(end, str) and ISO_DATE.match(start) and ISO_DATE.match(end):
        if start[5:] == "01-01" and end[5:] == "12-31" and start[:4] == end[:4]:
            return f"năm {start[:4]}"
        return f"từ {format_value(start)} đến {format_value(end)}"
    period = after.get("period")
    if isinstance(period, (str, int)) and str(period):
        text = str(period)
        return f"năm {text}" if text.isdigit() else f"kỳ {text}"
    return ""


def sentence(entry: AuditEntry, who: str = "", org_name: str = "", object_repr: str | None = None) -> str:
    """The entry as a Vietnamese sentence: "Nguyễn Văn A xuất báo cáo năm 2023 của Đảng bộ xã
    Kế Sách dạng XLSX" (core/auditactions.DESCRIPTIONS)."""
    try:
        action = AuditAction(entry.action)
    except ValueError:
        action = None
    phrase = DESCRIPTIONS.get(action) if action is not None else None
    after = entry.after if isinstance(entry.after, dict) else {}
    fmt = str(after.get("format") or "")
    values = {
        "object": object_repr if object_repr is not None else (entry.object_repr or ""),
        "org": org_name,
        "period": period_phrase(after),
        "format": FORMAT_NAMES.get(fmt.lower(), fmt.upper()),
        "file": masked("source", after.get("filename") or after.get("source") or entry.object_repr or ""),
    }
    if phrase is None:
        label = action.label if action is not None else "thao tác khác"
        phrase = label[:1].lower() + label[1:] + "[ — {object}]"

    def optional(match):
        part = match.group(1)
        names = _FIELD.findall(part)
        return part if all(values.get(n) for n in names) else ""

    text = _OPTIONAL.sub(optional, phrase)
    text = _FIELD.sub(lambda m: str(values.get(m.group(1), "")), text)
    who = who or entry.username or "Hệ thống"
    return f"{who} {text}".strip()


def user_names(entries) -> dict:
    """The full name (or user name) of the users of the entries, looked up once."""
    from django.contrib.auth import get_user_model

    ids = {e.user_id for e in entries if e.user_id is not None}
    if not ids:
        return {}
    users = get_user_model().objects.filter(id__in=ids).values_list("id", "first_name", "last_name", "username")
    return {pk: (" ".join(p for p in (last, first) if p).strip() or username) for pk, first, last, username in users}


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
    "Người thực hiện",
    "Địa chỉ",
    "Kênh",
    "Thao tác",
    "Nội dung",
    "Đối tượng",
    "Tổ chức",
    "Số lý lịch",
    "Thay đổi",
    "Ghi chú",
]


def _org_codes(entries) -> dict:
    from xaydungdang.organizations.models import Organization

    ids = {e.org_id for e in entries if e.org_id is not None}
    return dict(Organization.objects.filter(id__in=ids).values_list("id", "code")) if ids else {}


def _org_names(entries) -> dict:
    from xaydungdang.organizations.models import Organization

    ids = {e.org_id for e in entries if e.org_id is not None}
    return dict(Organization.objects.filter(id__in=ids).values_list("id", "name")) if ids else {}


def _member_numbers(entries) -> dict:
    from xaydungdang.members.models import Member

    ids = {e.member_id for e in entries if e.member_id is not None}
    return dict(Member.objects.filter(id__in=ids).values_list("id", "member_no")) if ids else {}


def readable_note(note: str) -> str:
    """Notes written by earlier versions named tables by their code (organizations 10, members 2)."""
    if not note:
        return note
    return re.sub(
        r"\b(" + "|".join(sorted(TABLE_LABELS, key=len, reverse=True)) + r")\b(?= \d)",
        lambda m: TABLE_LABELS[m.group(1)],
        note,
    )


def rows(queryset, chunk: int = 2000, viewer=None):
    """Export rows (as lists of strings), in chunks so big logs stream; what `viewer` may see of
    each entry (see `shown`), the whole of it when `viewer` is None (`xdd audit`)."""
    last = None
    queryset = queryset.order_by("-at", "-id")
    while True:
        page = list(queryset.filter(id__lt=last)[:chunk] if last is not None else queryset[:chunk])
        if not page:
            return
        codes, names = _org_codes(page), _org_names(page)
        numbers, people = _member_numbers(page), user_names(page)
        hidden = hidden_members(page, viewer)
        refs = prefetch_references(page)
        for e in page:
            view = shown(e, hidden, refs)
            text = "; ".join(
                f"{c.label}: {c.after}" if c.before == "—" else f"{c.label}: {c.before} → {c.after}"
                for c in view.changes
            )
            org = names.get(e.org_id, "")
            yield [
                timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
                e.username,
                people.get(e.user_id, e.username),
                e.ip,
                VIA_LABELS.get(e.via, e.via),
                action_label(e.action),
                sentence(e, people.get(e.user_id, ""), org, view.object_repr),
                view.object_repr,
                f"{org} ({codes[e.org_id]})" if org else "",
                numbers.get(view.member_id, "") if view.member_id is not None else "",
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
