"""A cell's round of ratings from an XLSX workbook (issue 16 item 2): the template has Vietnamese
headers, one row per member; the whole file is written through actions.record_ratings (all or
nothing), and every problem names its row and column as the file shows them."""

import io

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from xaydungdang.core.dates import parse_date
from xaydungdang.core.spreadsheet import safe_cell
from xaydungdang.core.text import fold
from xaydungdang.reviews import actions, rulesets
from xaydungdang.reviews.models import NotRatedReason, RatingLevel

# (values key, header, kind)
COLUMNS = (
    ("member_no", "Số lý lịch", "text"),
    ("full_name", "Họ và tên", "text"),
    ("self_score", "Tự đánh giá: điểm", "score"),
    ("self_level", "Tự đánh giá: mức", "level"),
    ("self_on", "Ngày tự đánh giá", "date"),
    ("proposed_score", "Chi bộ đề xuất: điểm", "score"),
    ("proposed_level", "Chi bộ đề xuất: mức", "level"),
    ("proposed_on", "Ngày chi bộ đề xuất", "date"),
    ("score", "Cấp ủy quyết định: điểm", "score"),
    ("level", "Cấp ủy quyết định: mức", "level"),
    ("decided_on", "Ngày quyết định", "date"),
    ("tasks_on_time", "100% nhiệm vụ đúng hạn", "bool"),
    ("exceeding_targets", "≥ 30% chỉ tiêu vượt mức", "bool"),
    ("disciplined", "Bị kỷ luật trong kỳ", "bool"),
    ("violation", "Vi phạm (không hoàn thành)", "text"),
    ("not_rated", "Không xếp loại: lý do", "reason"),
    ("not_rated_note", "Ghi chú", "text"),
)
HEADERS = {fold(h): (key, h, kind) for key, h, kind in COLUMNS}
HEADER_OF = {key: h for key, h, _kind in COLUMNS}
_LEVELS = {fold(label): value for value, label in RatingLevel.choices} | {
    str(i): value for i, (value, _l) in enumerate(RatingLevel.choices, start=1)
}
_LEVELS |= {value: value for value in RatingLevel.values}
_LEVELS |= {"xuat sac": "excellent", "tot": "good", "hoan thanh": "complete", "khong hoan thanh": "incomplete"}
_REASONS = {fold(label): value for value, label in NotRatedReason.choices} | {v: v for v in NotRatedReason.values}
_REASONS |= {"mien": "exempt", "dinh chi": "suspended", "chua du 6 thang": "new_member", "khac": "other"}
_YES, _NO = {"co", "x", "yes", "1", "dung"}, {"khong", "no", "0", "sai", ""}


def template(org, period, members) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại"
    sheet.cell(row=1, column=1, value=safe_cell(f"{org.name} — xếp loại chất lượng đảng viên {period.label}"))
    sheet.cell(row=1, column=1).font = Font(bold=True)
    for col, (_key, header, _kind) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=col, value=safe_cell(header))
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, len(header) + 2)
    for r, m in enumerate(members, start=3):
        sheet.cell(row=r, column=1, value=safe_cell(m.member_no))
        sheet.cell(row=r, column=2, value=safe_cell(m.full_name))
    sheet.freeze_panes = "C3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class RoundFileError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _cell(kind: str, raw, header: str):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None if kind != "text" else ""
    text = str(raw).strip()
    if kind == "text":
        return text[:200]
    if kind == "score":
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 100:
            return raw
        if text.isdecimal() and int(text) <= 100:
            return int(text)
        raise ValueError(f'"{text[:20]}" không phải điểm từ 0 đến 100')
    if kind == "level":
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        key = fold(text)
        found = _LEVELS.get(key) or _LEVELS.get(key.removeprefix("hoan thanh ").removesuffix(" nhiem vu"))
        if found is None:
            raise ValueError(f'mức "{text[:40]}" không hiểu được (ghi 1–4 hoặc tên mức)')
        return found
    if kind == "reason":
        found = _REASONS.get(fold(text))
        if found is None:
            raise ValueError(f'lý do "{text[:40]}" không hiểu được (miễn, đình chỉ, chưa đủ 6 tháng, khác)')
        return found
    if kind == "bool":
        key = fold(text)
        if key in _YES:
            return True
        if key in _NO:
            return False
        raise ValueError(f'"{text[:20]}" không phải có/không')
    try:
        return parse_date(raw)
    except ValueError:
        raise ValueError(f'ngày "{text[:20]}" không hợp lệ (ngày/tháng/năm)') from None


def read(content: bytes) -> list[tuple[int, dict, dict]]:
    """(row number, values, header of each values key) for each filled row; RoundFileError lists
    every problem of the file's shape or cells."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise RoundFileError(["Tệp không phải bảng tính Excel (.xlsx) đọc được."]) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header_at, columns = None, {}
    for index, row in enumerate(rows[:10]):
        found = {i: HEADERS[fold(str(v))] for i, v in enumerate(row) if v is not None and fold(str(v)) in HEADERS}
        if any(key == "member_no" for key, _h, _k in found.values()):
            header_at, columns = index, found
            break
    if header_at is None:
        raise RoundFileError(["Không thấy dòng tiêu đề có cột “Số lý lịch” (dùng tệp mẫu)."])
    problems, out = [], []
    for index, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(v not in (None, "") for v in row):
            continue
        values = {}
        for i, (key, header, kind) in columns.items():
            raw = row[i] if i < len(row) else None
            try:
                values[key] = _cell(kind, raw, header)
            except ValueError as exc:
                problems.append(f"Dòng {index}, cột “{header}”: {exc}.")
        if not values.get("member_no"):
            problems.append(f"Dòng {index}, cột “Số lý lịch”: thiếu số lý lịch.")
        out.append((index, values))
    if problems:
        raise RoundFileError(problems)
    return out


def import_round(content: bytes, org, period, members, *, acting_user) -> int:
    """Write the file's round for the cell's members; RoundFileError (nothing written) otherwise."""
    rows = read(content)
    by_no = {m.member_no: m for m in members}
    stored = "" if period.kind == rulesets.YEAR else period.text
    problems, values, where = [], [], []
    for n, row in rows:
        member = by_no.get(str(row.pop("member_no")))
        row.pop("full_name", None)
        if member is None:
            problems.append(f"Dòng {n}, cột “Số lý lịch”: không phải đảng viên đang sinh hoạt ở {org.name}.")
            continue
        row["disciplined"] = bool(row.get("disciplined"))
        for key in ("violation", "not_rated", "not_rated_note", "self_level", "proposed_level", "level"):
            row[key] = row.get(key) or ""
        values.append(
            row
            | {
                "year": period.year,
                "period": stored,
                "rated_by": "",
                "subject_type": "member",
                "subject_member_id": member.id,
                "subject_org_id": None,
            }
        )
        where.append(n)
    if problems:
        raise RoundFileError(problems)
    if not values:
        raise RoundFileError(["Tệp không có dòng nào."])
    try:
        made = actions.record_ratings(values, acting_user=acting_user)
    except actions.RoundRefused as exc:
        raise RoundFileError(
            [
                f"Dòng {where[i]}, cột “{HEADER_OF.get(p.field, HEADER_OF['level'])}”: {p.message}"
                for i, found in sorted(exc.by_row.items())
                for p in found
            ]
        ) from None
    return len(made)
