"""The papers of a transfer: the letter (giấy giới thiệu sinh hoạt đảng) as DOCX, and the transfer
register of a committee for a year (Sổ giới thiệu sinh hoạt đảng, mẫu 10-SHĐ) as XLSX and DOCX.

The register's columns follow the paper register (docs/procedures.md "Chuyển sinh hoạt đảng"):
STT, họ và tên, số lý lịch, chi bộ (nơi sinh hoạt khi chuyển), nơi chuyển đến, số giấy giới
thiệu, ngày cấp giấy, ngày nộp giấy (nơi đến nhận; ngoài hệ thống: ngày nhận lại phiếu báo), ghi
chú (hình thức, lý do, cơ quan cấp, không nhận được). Its rows: every transfer out of a cell of the
committee's subtree whose letter is dated in the year — the Transfers with their letter, and the
transfer events recorded without a Transfer (imports, the demo: their letter date, else their date).
"""

import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Q
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from xaydungdang.core import partydoc
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.spreadsheet import print_on_a4, safe_cell
from xaydungdang.members.models import EventType, MemberEvent
from xaydungdang.organizations import naming
from xaydungdang.organizations.tree import load_tree
from xaydungdang.transfers.deadlines import presentation_due
from xaydungdang.transfers.models import Kind, Transfer

DOCX_CONTENT_TYPE = partydoc.CONTENT_TYPE
REGISTER_COLUMNS = (
    "STT",
    "Họ và tên",
    "Số lý lịch",
    "Chi bộ",
    "Nơi chuyển đến",
    "Số giấy giới thiệu",
    "Ngày cấp giấy",
    "Ngày nộp giấy",
    "Ghi chú",
)
# The text width of landscape A4 (29,7 − 2 − 1,5 cm): the notes get the room, the STT the least.
REGISTER_WIDTHS_CM = (1.2, 3.8, 2.2, 3.4, 3.8, 2.2, 2.4, 2.4, 4.8)
EVENT_TYPES = (EventType.TRANSFERRED, EventType.TRANSFERRED_OUT, EventType.TEMPORARY_OUT)
EVENT_NOTES = {
    EventType.TRANSFERRED: "Chuyển sinh hoạt chính thức",
    EventType.TRANSFERRED_OUT: "Chuyển sinh hoạt chính thức ra ngoài",
    EventType.TEMPORARY_OUT: "Chuyển sinh hoạt tạm thời",
}


def _para(document, text: str = "", *, bold=False, italic=False, center=False, size=None):
    align = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    return partydoc.line(document, text, bold=bold, italic=italic, size=size, align=align)


def _parent_name(transfer: Transfer) -> str:
    """The issuing body's parent organization on the letter's day, the line above the issuer in the
    header of a party document (36-HD/VPTW; as the admission papers write it); "" at the top."""
    from xaydungdang.organizations.tree import load_tree

    if not transfer.issuer_id:
        return ""
    tree = load_tree()
    parent = tree.parent_at(transfer.issuer_id, transfer.letter_on)
    return tree.orgs[parent].name if parent in tree.orgs else ""


def letter_docx(transfer: Transfer) -> bytes:
    """The letter, from the data: the issuing body the rules of its date name (stored at issue)."""
    member = transfer.member
    document = partydoc.new_document()
    # "Số 15-GGT" as the guide writes numbers (36-HD/VPTW: "Số 127-QĐ/TW", no colon).
    number = f"Số {transfer.letter_no}-GGT"
    place = naming.place_on(transfer.issuer_id or transfer.from_cell_id, transfer.letter_on)  # the issuer's
    partydoc.header(
        document, _parent_name(transfer), transfer.issued_by, number, partydoc.place_date(transfer.letter_on, place)
    )
    _para(document)
    title = "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG" + (" TẠM THỜI" if transfer.temporary else "")
    _para(document, title, bold=True, center=True, size=15)
    _para(document)
    destination = transfer.to_cell.name if transfer.to_cell_id else transfer.to_place
    _para(document, f"Kính gửi: {destination}", bold=True, center=True)
    _para(document)
    status = member.get_status_display().lower() if member.status else ""
    lines = [
        f"{transfer.issued_by} giới thiệu đồng chí: {member.full_name}",
        f"Sinh ngày: {fmt(member.birth_date)}",
        f"Là đảng viên {status}" + (f", vào Đảng ngày {fmt(member.joined_on)}" if member.joined_on else ""),
        f"Số lý lịch đảng viên: {member.member_no}"
        + (f"; số thẻ đảng viên: {member.card_no}" if member.card_no else ""),
        f"Đang sinh hoạt tại: {transfer.from_cell.name}",
        f"Lý do chuyển: {transfer.get_reason_display()}"
        + (f" (quyết định số {transfer.decision_no}, ngày {fmt(transfer.moved_on)})" if transfer.decision_no else ""),
    ]
    if transfer.temporary:
        lines.append(
            f"Được chuyển sinh hoạt đảng tạm thời từ ngày {fmt(transfer.moved_on)} đến ngày {fmt(transfer.until)}."
        )
    else:
        lines.append("Được chuyển sinh hoạt đảng chính thức.")
    lines.append(f"Đến sinh hoạt tại: {destination}.")
    for line in lines:
        _para(document, line)
    _para(document)
    if transfer.kind == Kind.OFFICIAL:
        _para(
            document,
            f"Đề nghị các đồng chí tiếp nhận và quản lý đảng viên. Giấy này có giá trị đến hết ngày "
            f"{fmt(presentation_due(transfer))} (30 ngày làm việc kể từ ngày ký).",
        )
    else:
        _para(document, "Đề nghị các đồng chí tiếp nhận và quản lý đảng viên trong thời gian sinh hoạt tạm thời.")
    partydoc.signature(
        document,
        ["Như trên,", "Đảng viên có tên trên,", "Lưu."],
        f"T/M {transfer.issued_by.upper()}",
        "",
        note="(Ký tên, đóng dấu)",
    )
    _para(document)
    _para(document, "PHIẾU BÁO ĐÃ NHẬN SINH HOẠT ĐẢNG", bold=True, center=True)
    _para(
        document,
        f"Đã tiếp nhận đồng chí {member.full_name} (số lý lịch {member.member_no}) theo giấy giới thiệu số "
        f"{transfer.letter_no} ngày {fmt(transfer.letter_on)} của {transfer.issued_by}, nộp ngày ..../..../........",
    )
    return partydoc.to_bytes(document)


@dataclass
class RegisterRow:
    day: dt.date
    full_name: str
    member_no: str
    cell: str
    destination: str
    letter_no: str
    letter_on: dt.date | None
    presented_on: dt.date | None
    note: str

    def values(self, number: int) -> list:
        return [
            number,
            self.full_name,
            self.member_no,
            self.cell,
            self.destination,
            self.letter_no,
            fmt(self.letter_on) if self.letter_on else "",
            fmt(self.presented_on) if self.presented_on else "",
            self.note,
        ]


def register_rows(org, year: int) -> list[RegisterRow]:
    """The register of `org` (a committee, or any organization) for `year`: module docstring."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tree = load_tree()
    cells = set()
    for day in (start, min(end, max(start, today()))):
        cells.update(tree.snapshot(day).subtree(org.id))
    cells.add(org.id)
    rows = []
    transfers = (
        Transfer.objects.active()
        .filter(from_cell_id__in=cells, letter_on__gte=start, letter_on__lte=end)
        .select_related("member", "from_cell", "to_cell")
    )
    carried = set()
    for t in transfers:
        if t.event_id:
            carried.add(t.event_id)
        notes = [t.get_kind_display(), t.get_reason_display()] + ([f"Cấp giấy: {t.issued_by}"] if t.issued_by else [])
        if t.temporary and t.until:
            notes.append(f"Đến ngày {fmt(t.until)}")
        if t.not_arrived_on:
            notes.append(f"Bên nhận báo không nhận được ngày {fmt(t.not_arrived_on)}")
        if t.returned_on:
            notes.append(f"Trở về ngày {fmt(t.returned_on)}")
        rows.append(
            RegisterRow(
                t.letter_on,
                t.member.full_name,
                t.member.member_no,
                t.from_cell.name,
                t.destination,
                t.letter_no,
                t.letter_on,
                t.presented_on,
                "; ".join(notes),
            )
        )
    carried |= set(
        Transfer.objects.active().filter(event__isnull=False, from_cell_id__in=cells).values_list("event_id", flat=True)
    )
    events = (
        MemberEvent.objects.active()
        .filter(type__in=EVENT_TYPES, from_cell_id__in=cells)
        .filter(Q(letter_on__range=(start, end)) | Q(letter_on__isnull=True, on__range=(start, end)))
        .exclude(id__in=carried)
        .select_related("member", "from_cell", "org", "other_org")
    )
    for e in events:
        day = e.letter_on or e.on
        if e.type == EventType.TRANSFERRED:
            destination = e.org.name if e.org_id else ""
        elif e.type == EventType.TEMPORARY_OUT and e.org_id:
            destination = e.org.name
        else:
            destination = e.other_org.name if e.other_org_id else e.other_place or e.get_counterpart_display()
        note = EVENT_NOTES[e.type] + f" ngày {fmt(e.on)}"
        rows.append(
            RegisterRow(
                day,
                e.member.full_name,
                e.member.member_no,
                e.from_cell.name if e.from_cell_id else "",
                destination,
                e.letter_no,
                e.letter_on,
                None,
                note,
            )
        )
    rows.sort(key=lambda r: (r.day, r.full_name, r.member_no))
    return rows


def _register_title(org, year: int) -> tuple[str, str]:
    return "SỔ GIỚI THIỆU SINH HOẠT ĐẢNG (Mẫu 10-SHĐ)", f"{org.name} — năm {year}"


def register_xlsx(org, year: int, rows: list[RegisterRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"So GTSHD {year}"
    title, sub = _register_title(org, year)
    sheet.append([safe_cell(title)])
    sheet.append([safe_cell(sub)])
    sheet.append([])
    sheet.append([safe_cell(c) for c in REGISTER_COLUMNS])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for number, row in enumerate(rows, 1):
        sheet.append([safe_cell(v) for v in row.values(number)])
    for letter, width in zip("ABCDEFGHI", (6, 24, 12, 22, 24, 12, 12, 12, 36), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    print_on_a4(sheet, landscape=True, title_rows="4:4")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_docx(org, year: int, rows: list[RegisterRow]) -> bytes:
    document = partydoc.new_document(landscape=True)
    title, sub = _register_title(org, year)
    partydoc.header(document, "", org.name, "", "", widths=(10.0, 16.2))
    _para(document)
    _para(document, title, bold=True, center=True, size=15)
    _para(document, sub, center=True)
    _para(document)
    table = document.add_table(rows=1, cols=len(REGISTER_COLUMNS))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, REGISTER_COLUMNS, strict=True):
        partydoc.line(cell, label, bold=True, size=11, first=True)
    partydoc.repeat_header(table.rows[0])
    for number, row in enumerate(rows, 1):
        cells = table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, row.values(number), strict=True)):
            align = WD_ALIGN_PARAGRAPH.CENTER if column in (0, 2, 5, 6, 7) else WD_ALIGN_PARAGRAPH.LEFT
            partydoc.line(cell, str(value), size=11, align=align, first=True)
    partydoc.set_widths(table, REGISTER_WIDTHS_CM)
    if not rows:
        _para(document, f"Không có giấy giới thiệu sinh hoạt đảng nào trong năm {year}.", italic=True)
    return partydoc.to_bytes(document)
