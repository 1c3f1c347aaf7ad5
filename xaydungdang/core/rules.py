"""Dated regulations. Every rule states where it comes from and when it is in force,
so a record is judged by the rules of its own date (domain/rules.md)."""

import datetime as dt
from dataclasses import dataclass

from xaydungdang.core.dates import add_months, add_working_days


@dataclass(frozen=True)
class Regulation:
    code: str
    title: str
    source: str
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None  # exclusive

    def in_force(self, day: dt.date) -> bool:
        if self.effective_from and day < self.effective_from:
            return False
        if self.effective_to and day >= self.effective_to:
            return False
        return True

    @property
    def cite(self) -> str:
        return self.source


D = dt.date

REGULATIONS: dict[str, Regulation] = {}


def _register(*regs: Regulation) -> None:
    for reg in regs:
        REGULATIONS.setdefault(reg.code, reg)


_register(
    Regulation(
        "admission_age",
        "Tuổi kết nạp từ đủ 18 đến đủ 60 tuổi (tính theo tháng)",
        "Điều 1 Điều lệ Đảng; Hướng dẫn 01-HD/TW (28/9/2021), 06-HD/TW (9/6/2025)",
    ),
    Regulation(
        "probation_12_months",
        "Thời gian dự bị 12 tháng",
        "Điều 5 Điều lệ Đảng; Quy định 24-QĐ/TW (2021), 294-QĐ/TW (2025)",
    ),
    Regulation(
        "probation_recognition",
        "Chi bộ xét công nhận chính thức trong 30 ngày làm việc sau khi hết 12 tháng dự bị",
        "Điều 5 Điều lệ Đảng (2011); Hướng dẫn 12-HD/BTCTW (18/01/2022)",
        D(2011, 1, 19),
    ),
    Regulation(
        "cell_min_official",
        "Chi bộ có ít nhất 3 đảng viên chính thức",
        "Điều 21 Điều lệ Đảng (2011); Quy định 24-QĐ/TW (2021), 294-QĐ/TW (2025)",
        D(2011, 1, 19),
    ),
    Regulation(
        "member_lifecycle",
        "Biến động đảng viên theo trình tự",
        "Hướng dẫn 12-HD/BTCTW (18/01/2022) về nghiệp vụ công tác đảng viên",
    ),
    Regulation("member_in_cell", "Đảng viên sinh hoạt ở chi bộ", "Điều 21, 24 Điều lệ Đảng"),
    Regulation(
        "readmission_once",
        "Kết nạp lại chỉ một lần, với thời gian dự bị mới; tuổi đảng tính từ lần kết nạp đầu trừ thời gian gián đoạn",
        "Hướng dẫn 01-HD/TW (28/9/2021) về kết nạp lại người vào Đảng (domain/rules.md §2, §6)",
    ),
    Regulation(
        "restoration",
        "Phục hồi đảng tịch chỉ với người đã bị xóa tên, khai trừ hoặc cho ra khỏi Đảng",
        "Hướng dẫn 12-HD/BTCTW (18/01/2022) về nghiệp vụ công tác đảng viên (domain/rules.md §2)",
    ),
    Regulation(
        "temporary_activity",
        "Chuyển sinh hoạt đảng tạm thời: đảng viên vẫn thuộc đảng số của chi bộ sinh hoạt chính thức",
        "Hướng dẫn 12-HD/BTCTW (18/01/2022) về chuyển sinh hoạt đảng tạm thời (domain/rules.md §2)",
    ),
    Regulation(
        "national_id",
        "Số định danh cá nhân (căn cước) 12 chữ số",
        "Luật Căn cước 2023; Quy định 384-QĐ/TW (19/11/2025) về chia sẻ dữ liệu",
    ),
    Regulation("discipline_levels", "Hình thức kỷ luật theo đối tượng", "Điều 35 Điều lệ Đảng"),
    Regulation("org_kinds", "Hệ thống tổ chức của Đảng", "Điều 11, 21 Điều lệ Đảng; Quy định 294-QĐ/TW (26/5/2025)"),
    Regulation(
        "org_kinds_district",
        "Cấp huyện còn tồn tại (đảng bộ huyện, quận, thị xã)",
        "Trước Quy định 294-QĐ/TW; cấp huyện kết thúc hoạt động từ 01/7/2025",
        effective_to=D(2025, 7, 1),
    ),
    Regulation(
        "rating_132",
        "Đánh giá, xếp loại chất lượng theo 132-QĐ/TW",
        "Quy định 132-QĐ/TW (8/3/2018)",
        D(2018, 1, 1),
        D(2023, 1, 1),
    ),
    Regulation(
        "rating_124",
        "Đánh giá, xếp loại chất lượng theo 124-QĐ/TW",
        "Quy định 124-QĐ/TW (4/10/2023)",
        D(2023, 1, 1),
        D(2025, 1, 1),
    ),
    Regulation(
        "rating_366",
        "Đánh giá, xếp loại theo thang điểm 100 (366-QĐ/TW)",
        "Quy định 366-QĐ/TW (30/8/2025)",
        D(2025, 1, 1),
    ),
    Regulation(
        "badge_years",
        "Huy hiệu Đảng 30, 40, 45, 50 … 90 năm tuổi đảng",
        "Quy định về xét tặng Huy hiệu Đảng (domain/rules.md §6)",
    ),
    Regulation(
        "screening",
        "Rà soát, sàng lọc đảng viên",
        "Chỉ thị 28-CT/TW (21/01/2019); Hướng dẫn 02-HD/BTCTW (12/4/2021)",
        D(2019, 1, 21),
    ),
    Regulation(
        "future_dates",
        "Ngày không được ở tương lai",
        "Nguyên tắc ghi chép hồ sơ đảng viên (tài liệu mật, không tẩy xóa)",
    ),
)


def regulation(code: str) -> Regulation:
    return REGULATIONS[code]


def rating_regulation(year: int) -> Regulation:
    """The rating regulation in force for a year's rating."""
    day = D(year, 12, 31)
    for code in ("rating_366", "rating_124", "rating_132"):
        reg = REGULATIONS[code]
        if reg.in_force(day):
            return reg
    return REGULATIONS["rating_132"]


# Score bands of 366-QĐ/TW (100-point scale), lower bound inclusive.
RATING_SCORE_BANDS_366 = (("excellent", 90), ("good", 70), ("complete", 50), ("incomplete", 0))

# Badge milestones: 30, 40, then every five years up to 90.
BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
# Badges are presented on these days (3/2, 19/5, 2/9, 7/11).
BADGE_DAYS = ((2, 3), (5, 19), (9, 2), (11, 7))

MIN_ADMISSION_MONTHS = 18 * 12
MAX_ADMISSION_MONTHS = 60 * 12
PROBATION_MONTHS = 12
MIN_OFFICIAL_PER_CELL = 3
RECOGNITION_WORKING_DAYS = 30


# --- probation (regulations "probation_12_months" and "probation_recognition") ---------------------
def probation_end(joined_on: dt.date) -> dt.date:
    """The day the twelve months of probation end (the member is official from then on)."""
    return add_months(joined_on, PROBATION_MONTHS)


def probation_ended(joined_on: dt.date, day: dt.date) -> bool:
    """The twelve months have ended on or before `day` (indicator `probation.due`)."""
    return probation_end(joined_on) <= day


def recognition_deadline(probation_end_day: dt.date) -> dt.date:
    """The last day for the cell's decision: 30 working days after probation ends (core/workdays.py:
    holidays and the administrators' DayOff rows excluded; cached there, cleared on a DayOff change)."""
    return add_working_days(probation_end_day, RECOGNITION_WORKING_DAYS)


def probation_overdue(joined_on: dt.date, day: dt.date) -> bool:
    """Probation overdue at `day`: the recognition deadline has passed without a decision
    (the caller checks that the member is still probationary)."""
    return day > recognition_deadline(probation_end(joined_on))


def latest_joined_with_probation_ended(day: dt.date) -> dt.date:
    """The latest joining day whose twelve months have ended by `day`: members who joined on or
    before it are exactly those with probation_ended(joined_on, day) (for SQL filters)."""
    limit = add_months(day, -PROBATION_MONTHS)
    while probation_ended(limit + _DAY, day):
        limit += _DAY
    while not probation_ended(limit, day):
        limit -= _DAY
    return limit


def latest_joined_overdue(day: dt.date) -> dt.date:
    """The latest joining day whose recognition is overdue on `day` (probation_overdue, for SQL filters)."""
    limit = latest_joined_with_probation_ended(day)
    while not probation_overdue(limit, day):
        limit -= _DAY
    return limit


_DAY = dt.timedelta(days=1)


# --- cells (regulation "cell_min_official") --------------------------------------------------------
def cell_below_minimum(official_members: int) -> bool:
    """A cell with fewer than three official members (indicator `orgs.cells_below_3_official`)."""
    return official_members < MIN_OFFICIAL_PER_CELL
