"""Member list export to XLSX: the filtered list as shown, text cells made safe for
spreadsheets (no formula injection), national IDs masked."""

import io

from openpyxl import Workbook

from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.spreadsheet import safe_row

HEADERS = [
    "Số lý lịch",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Dân tộc",
    "Tôn giáo",
    "Số định danh",
    "Chi bộ",
    "Loại đảng viên",
    "Tình trạng",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Nghề nghiệp",
    "Lý luận chính trị",
]


def members_xlsx(queryset) -> tuple[bytes, int]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đảng viên")
    sheet.append(HEADERS)
    count = 0
    for m in queryset.select_related("current_cell").iterator(chunk_size=2000):
        sheet.append(
            safe_row(
                "" if v is None else str(v)
                for v in (
                    m.member_no,
                    m.full_name,
                    m.get_gender_display(),
                    fmt_date(m.birth_date),
                    m.ethnicity,
                    m.religion,
                    m.masked_national_id,
                    m.current_cell.name if m.current_cell else "",
                    m.get_status_display(),
                    m.get_state_display(),
                    fmt_date(m.joined_on),
                    fmt_date(m.official_on),
                    m.get_occupation_display(),
                    m.get_political_theory_display(),
                )
            )
        )
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count
