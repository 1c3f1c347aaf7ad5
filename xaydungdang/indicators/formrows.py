"""The layout of the official statistical forms (spec/forms.md): titles, columns, row codes and labels.

Labels are the forms' own wording (NFC); the engine (statforms.py) fills a value for every code.
"""

import unicodedata

from xaydungdang.core import rules
from xaydungdang.core.text import fold_key


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


TITLES = {
    "1": "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN",
    "2": "THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP",
    "3": "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN",
    "4": "THỐNG KÊ ĐẢNG VIÊN CHIA THEO DÂN TỘC, TÔN GIÁO",
    "5": "THỐNG KÊ TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN TRONG CÁC LOẠI HÌNH CƠ SỞ",
    "7": "THỐNG KÊ VỀ NGHIỆP VỤ CÔNG TÁC ĐẢNG VIÊN",
}
FORMS = tuple(TITLES)
SYMBOLS = {form: f"Biểu số {form}-BTCTW" for form in FORMS}

COMPARED = ("current", "previous", "pct")
COLUMNS = {
    "1": COMPARED,
    "2": COMPARED,
    "3": COMPARED,
    "4": ("total", "female", "pct"),
    "5": ("grassroots", "committees", "cells", "sub_committees", "subordinate_cells", "members"),
    "7": COMPARED,
}
_COMPARED_LABELS = ("Kỳ này", "Cùng kỳ năm trước", "(%) kỳ này so với cùng kỳ năm trước")
COLUMN_LABELS = {
    "1": _COMPARED_LABELS,
    "2": _COMPARED_LABELS,
    "3": _COMPARED_LABELS,
    "4": ("Tổng số", "Trong đó: nữ", "Tỷ lệ (%)"),
    "5": (
        "Tổng số",
        "Đảng bộ cơ sở",
        "Chi bộ cơ sở",
        "Đảng bộ bộ phận",
        "Chi bộ trực thuộc",
        "Tổng số đảng viên",
    ),
    "7": _COMPARED_LABELS,
}
# The column-number row under the header: the label column is 1.
COLUMN_NUMBERS = {
    "1": ("1", "2", "3", "4(=2*100/3)"),
    "2": ("1", "2", "3", "4(=2*100/3)"),
    "3": ("1", "2", "3", "4(=2*100/3)"),
    "4": ("1", "2", "3", "4"),
    "5": ("1", "2(=3+4)", "3", "4", "5", "6", "7"),
    "7": ("1", "2", "3", "4(=2*100/3)"),
}

# Occupation rows (§Categories): (row suffix, code, label); 07 is the sum of 07a-07c.
OCCUPATIONS = [
    ("01", "state_official", "Cán bộ, công chức cơ quan Nhà nước tính từ cấp huyện trở lên"),
    (
        "02",
        "party_official",
        "Cán bộ, công chức cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội tính từ cấp huyện trở lên",
    ),
    ("03", "commune_official", "Cán bộ, công chức; người hoạt động không chuyên trách ở xã, phường, thị trấn"),
    ("04", "village_worker", "Người hoạt động không chuyên trách thôn, tổ dân phố, bản (ấp, khóm)"),
    ("05", "public_employee", "Viên chức trong các đơn vị sự nghiệp công lập"),
    ("06", "private_service", "Người lao động trong các đơn vị sự nghiệp ngoài công lập"),
    ("07", None, "Người làm việc trong các loại hình doanh nghiệp"),
    ("07a", "enterprise_manager", "Người lãnh đạo, quản lý doanh nghiệp"),
    ("07b", "enterprise", "Nhân viên, người gián tiếp sản xuất"),
    ("07c", "worker", "Công nhân, lao động trực tiếp sản xuất"),
    ("08", "farmer", "Người làm nông, lâm, ngư nghiệp"),
    ("09", "armed_forces", "Sỹ quan, chiến sỹ quân đội và công an (lực lượng vũ trang)"),
    ("10", "student", "Sinh viên"),
    ("11", "pupil", "Học sinh"),
    ("12", "other", "Khác (lao động hợp đồng, tự do…)"),
]
# Which occupation row a stored code counts in (Form 2: `retired` under 12 Khác; version 1 `civil_servant`).
OCCUPATION_ROW = {code: suffix for suffix, code, _label in OCCUPATIONS if code}
OCCUPATION_ROW["civil_servant"] = "01"

AGE_BANDS = [
    ("18_30", None, 30, "- Từ 18 - 30 tuổi"),
    ("31_35", 31, 35, "- Từ 31 - 35 tuổi"),
    ("36_40", 36, 40, "- Từ 36 - 40 tuổi"),
    ("41_45", 41, 45, "- Từ 41 - 45 tuổi"),
    ("46_50", 46, 50, "- Từ 46 - 50 tuổi"),
    ("51_55", 51, 55, "- Từ 51 - 55 tuổi"),
    ("56_60", 56, 60, "- Từ 56 - 60 tuổi"),
    ("over_60", 61, None, "- Trên 60 tuổi"),
]
EDUCATION = [
    ("literate", "- Biết đọc, biết viết chữ quốc ngữ"),
    ("primary", "- Tiểu học"),
    ("lower_secondary", "- Trung học cơ sở"),
    ("upper_secondary", "- Trung học phổ thông"),
]
QUALIFICATIONS = [
    ("elementary", "- Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp"),
    ("intermediate", "- Trung cấp"),
    ("college", "- Cao đẳng"),
    ("bachelor", "- Đại học"),
    ("master", "- Thạc sỹ"),
    ("doctor", "- Tiến sỹ"),
]
QUALIFICATION_ALIASES = {"vocational": "intermediate"}
TITLES_ACADEMIC = [("associate_professor", "- Phó Giáo sư"), ("professor", "- Giáo sư")]
THEORY = [("elementary", "- Sơ cấp"), ("intermediate", "- Trung cấp"), ("advanced", "- Cao cấp, cử nhân")]
THEORY_ROW = {
    "elementary": "elementary",
    "intermediate": "intermediate",
    "advanced": "advanced",
    "bachelor": "advanced",
}
PARTY_AGE = [
    ("before_1945", "- Trước 19/8/1945"),
    ("1945_1954", "- Từ 19/8/1945 đến 20/7/1954"),
    ("1954_1975", "- Từ 21/7/1954 đến 30/4/1975"),
    ("after_1975", "- Từ 01/5/1975 đến nay"),
]

ETHNICITIES = [
    "Kinh", "Tày", "Thái", "Hoa", "Khơ-me", "Mường", "Nùng", "Mông", "Dao", "Gia Rai", "Ê-đê", "Ngái", "Ba-Na",
    "Xơ-Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Raglai", "Xtiêng", "Bru - Vân Kiều", "Thổ",
    "Giáy", "Cơ Tu", "Giẻ Triêng", "Mạ", "Khơ Mú", "Co", "Tà Ôi", "Chơ-Ro", "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru",
    "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y",
    "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm",
]  # fmt: skip
ETHNICITY_ALIASES = {"Khmer": 5, "Khơ me": 5, "H'Mông": 8, "Hmông": 8, "Hmong": 8, "Bru": 23, "Vân Kiều": 23}
RELIGIONS = ["Phật giáo", "Công giáo", "Phật giáo Hòa Hảo", "Cao Đài", "Tin Lành", "Hồi giáo", "Đạo khác"]
RELIGION_ALIASES = {"Thiên Chúa giáo": 2, "Hòa Hảo": 3, "Hoà Hảo": 3, "Đạo Cao Đài": 4, "Đạo Tin Lành": 5, "Islam": 6}

_ETHNIC_KEYS = {fold_key(name): i for i, name in enumerate(ETHNICITIES, 1)}
_ETHNIC_KEYS.update({fold_key(name): i for name, i in ETHNICITY_ALIASES.items()})
_RELIGION_KEYS = {fold_key(name): i for i, name in enumerate(RELIGIONS[:6], 1)}
_RELIGION_KEYS.update({fold_key(name): i for name, i in RELIGION_ALIASES.items()})


def ethnicity_row(ethnicity: str | None) -> int:
    """Form 4's row (1-56) for an ethnicity as written: matched without regard to case, diacritics,
    spaces and hyphens, or its code 01-54; `foreign_origin` is 56; any other name 55."""
    key = fold_key(ethnicity)
    if key.isdecimal() and 1 <= int(key) <= 54:
        return int(key)
    if key == fold_key("foreign_origin") or key == "foreignorigin":
        return 56
    return _ETHNIC_KEYS.get(key, 55)


def religion_row(religion: str | None) -> int | None:
    """Form 4's religion row (1-7), None for no religion; "Phật giáo Hòa Hảo" is 3, not 1."""
    key = fold_key(religion)
    if not key:
        return None
    return _RELIGION_KEYS.get(key, 7)


UNIT_TYPES = [
    ("01", "commune", "Xã"),
    ("02", "ward", "Phường"),
    ("03", "township", "Thị trấn"),
    ("04", "party_mass", "Cơ quan Đảng, MTTQ, đoàn thể CT-XH"),
    ("05", "state_agency", "Cơ quan Nhà nước"),
    ("06", None, "Đơn vị sự nghiệp"),
    ("06a", "public_service", "Công lập"),
    ("06b", "private_service", "Ngoài công lập"),
    ("07", "army", "Quân đội"),
    ("08", "police", "Công an"),
    ("09", None, "Doanh nghiệp"),
    ("09a", None, "Doanh nghiệp nhà nước"),
    ("09a1", "state_100", "Nhà nước nắm giữ 100% vốn điều lệ"),
    ("09a2", "state_majority", "Nhà nước nắm giữ từ 50% vốn điều lệ trở lên"),
    ("09a3", "state_minority", "Nhà nước nắm giữ dưới 50% vốn điều lệ"),
    ("09b", None, "Doanh nghiệp ngoài nhà nước"),
    ("09b1", "joint_stock", "Công ty Cổ phần"),
    ("09b2", "private_enterprise", "Doanh nghiệp tư nhân"),
    ("09b3", "llc", "Công ty trách nhiệm hữu hạn"),
    ("09b4", "partnership", "Công ty hợp danh"),
    ("09b5", "foreign_invested", "Doanh nghiệp có vốn nước ngoài"),
    ("09b5x", "foreign_100", "Trong đó: Doanh nghiệp 100% vốn NN"),
    ("09c", "cooperative", "Hợp tác xã"),
    ("10", "abroad", "Tổ chức cơ sở đảng ở ngoài nước"),
    ("11", "other", "Loại hình cơ sở khác"),
]
# The leaf row of each unit type, and which rows each leaf also counts in (its groups).
UNIT_TYPE_ROW = {code: row for row, code, _label in UNIT_TYPES if code}
UNIT_TYPE_ROW["foreign_100"] = "09b5x"
UNIT_ROW_GROUPS = {
    "06a": ("06",),
    "06b": ("06",),
    "09a1": ("09a", "09"),
    "09a2": ("09a", "09"),
    "09a3": ("09a", "09"),
    "09b1": ("09b", "09"),
    "09b2": ("09b", "09"),
    "09b3": ("09b", "09"),
    "09b4": ("09b", "09"),
    "09b5": ("09b", "09"),
    "09b5x": ("09b5", "09b", "09"),
    "09c": ("09",),
}

BADGE_YEARS = rules.BADGE_YEARS  # the milestones' one definition (Form 7 has a row II.x for each)


def _rows() -> dict[str, list[tuple[str, str]]]:
    occupations = [(s, ("+ " if len(s) == 3 else "- ") + label) for s, _c, label in OCCUPATIONS]
    ages = [(band, label) for band, _lo, _hi, label in AGE_BANDS] + [("avg", "- Tuổi bình quân")]
    form1 = [
        ("A", "A - Đảng viên trong danh sách đầu kỳ báo cáo"),
        ("B", "B - Đảng viên tăng trong kỳ"),
        ("B1", "1. Kết nạp"),
        ("B2", "2. Chuyển đến"),
        ("B2a", "a. Tỉnh khác chuyển đến"),
        ("B2b", "b. Huyện khác trong tỉnh chuyển đến"),
        ("B3", "3. Phục hồi đảng tịch"),
        ("C", "C - Đảng viên giảm trong kỳ"),
        ("C1", "1. Từ trần"),
        ("C2", "2. Khai trừ"),
        ("C3", "3. Xóa tên"),
        ("C3x", "Trong đó: Đảng viên dự bị"),
        ("C4", "4. Xin ra khỏi Đảng"),
        ("C5", "5. Chuyển đi"),
        ("C5a", "a. Chuyển đi tỉnh khác"),
        ("C5b", "b. Chuyển đi huyện khác trong tỉnh"),
        ("D", "D - Đảng viên trong danh sách cuối kỳ báo cáo"),
    ]
    form2 = [
        ("I", "I. Tổng số đảng viên mới kết nạp"),
        ("I.female", "- Nữ"),
        ("I.minority", "- Dân tộc thiểu số"),
        ("I.religious", "- Người theo tôn giáo"),
        ("I.youth_union", "- Đoàn viên Đoàn TNCS Hồ Chí Minh"),
        ("I.business_owner", "- Chủ doanh nghiệp tư nhân"),
        ("I.family_planning", "- Quần chúng vi phạm chính sách KHHGĐ"),
        ("I.foreign_marriage", "- Có quan hệ hôn nhân với người nước ngoài"),
        ("I.readmitted", "- Kết nạp lại"),
        ("II.1", "1. Nghề nghiệp"),
        *[(f"II.1.{s}", label) for s, label in occupations],
        *[(f"II.2.{s}", label) for s, label in ages],
        *[(f"II.3.{s}", label) for s, label in EDUCATION],
        *[(f"II.4.{s}", label) for s, label in QUALIFICATIONS],
        *[(f"II.5.{s}", label) for s, label in TITLES_ACADEMIC],
        ("III.1", "1. Đảng bộ cơ sở"),
        ("III.1.admitted", "Trong đó: + Có kết nạp đảng viên"),
        ("III.2", "2. Chi bộ cơ sở"),
        ("III.2.admitted", "Trong đó: + Có kết nạp đảng viên"),
    ]
    form3 = [
        ("I", "I. Đảng viên trong danh sách có đến cuối kỳ báo cáo"),
        ("I.female", "Trong đó: - Nữ"),
        ("I.probationary", "- Dự bị"),
        ("I.minority", "- Dân tộc thiểu số"),
        ("I.religious", "- Người theo tôn giáo"),
        ("I.youth_union", "- Đoàn viên Đoàn TNCS Hồ Chí Minh"),
        ("I.business_owner", "- Chủ doanh nghiệp tư nhân"),
        ("I.foreign_marriage", "- Có quan hệ hôn nhân với người nước ngoài"),
        ("II.1.a", "a. Đảng viên đang làm việc và công tác"),
        *[(f"II.1.a.{s}", label) for s, label in occupations],
        ("II.1.b", "b. Đảng viên đã nghỉ hưu và nghỉ công tác"),
        ("II.1.b.exempt", "Trong đó: Được miễn công tác và sinh hoạt đảng"),
        *[(f"II.2.{s}", label) for s, label in ages],
        *[(f"II.3.{s}", label) for s, label in PARTY_AGE],
        *[(f"II.4.{s}", label) for s, label in EDUCATION],
        *[(f"II.5.{s}", label) for s, label in QUALIFICATIONS],
        *[(f"II.6.{s}", label) for s, label in TITLES_ACADEMIC],
        *[(f"II.7.{s}", label) for s, label in THEORY],
    ]
    form4 = [
        ("I", "I. Đảng viên chia theo dân tộc"),
        *[(f"I.{i:02d}", f"{i}. {name}") for i, name in enumerate(ETHNICITIES, 1)],
        ("I.55", "55. Dân tộc khác"),
        ("I.56", "56. Q.tịch gốc nước ngoài"),
        ("II", "II. Đảng viên chia theo tôn giáo"),
        *[(f"II.{i}", f"{i}. {name}") for i, name in enumerate(RELIGIONS, 1)],
    ]
    form5 = [(row, f"{row} - {label}" if "x" not in row else label) for row, _c, label in UNIT_TYPES]
    form5.append(("total", "Cộng (1+….+11)"))
    form7 = [
        ("I.1.a", "a) Số tổ chức đảng cấp trên trực tiếp cơ sở được khen, chia ra:"),
        ("I.1.a.flag", "- Tặng cờ"),
        ("I.1.a.merit", "- Tặng bằng khen"),
        ("I.1.b", "b) Số tổ chức cơ sở đảng được khen, chia ra:"),
        ("I.1.b.flag", "- Tặng cờ"),
        ("I.1.b.merit", "- Tặng bằng khen"),
        ("I.1.b.commendation", "- Tặng giấy khen"),
        ("I.1.c", "c) Số đảng bộ bộ phận trực thuộc đảng ủy cơ sở được khen, chia ra:"),
        ("I.1.c.merit", "- Tặng bằng khen"),
        ("I.1.c.commendation", "- Tặng giấy khen"),
        ("I.1.d", "d) Số chi bộ trực thuộc đảng bộ cơ sở được khen, chia ra:"),
        ("I.1.d.merit", "- Tặng bằng khen"),
        ("I.1.d.commendation", "- Tặng giấy khen"),
        ("I.2", "2. Số đảng viên được khen, chia ra:"),
        ("I.2.merit", "- Tặng bằng khen"),
        ("I.2.commendation", "- Tặng giấy khen"),
        *[(f"II.{y}", f"- Huy hiệu Đảng {y} năm") for y in BADGE_YEARS],
        ("III.1", "1. Số thẻ đảng viên phát cho đảng viên chính thức"),
        ("III.2", "2. Số thẻ đảng viên cấp lại cho đảng viên do mất"),
        ("III.3", "3. Số thẻ đảng viên đổi lại cho đảng viên do bị hỏng"),
        ("IV.1.out", "- Giới thiệu chuyển đi"),
        ("IV.1.in", "- Tiếp nhận chuyển đến"),
        ("IV.2.out", "- Giới thiệu chuyển đi"),
        ("IV.2.in", "- Tiếp nhận chuyển đến"),
    ]
    layout = {"1": form1, "2": form2, "3": form3, "4": form4, "5": form5, "7": form7}
    return {form: [(code, _nfc(label)) for code, label in rows] for form, rows in layout.items()}


ROWS = _rows()
# Section headings of the paper forms that carry no figure of their own (renderers print them
# as a line before the first row whose code starts with the heading's code and a dot):
# {form: [(heading code, label)]}.
SECTIONS = {
    "2": [
        ("II", "II. Chia ra"),
        ("II.2", "2. Tuổi đời"),
        ("II.3", "3. Trình độ giáo dục phổ thông"),
        ("II.4", "4. Trình độ chuyên môn, nghiệp vụ"),
        ("II.5", "5. Học hàm"),
        ("III", "III. Tổ chức cơ sở đảng"),
    ],
    "3": [
        ("II", "II. Chia ra"),
        ("II.1", "1. Nghề nghiệp"),
        ("II.2", "2. Tuổi đời"),
        ("II.3", "3. Tuổi đảng (theo thời kỳ vào Đảng)"),
        ("II.4", "4. Trình độ giáo dục phổ thông"),
        ("II.5", "5. Trình độ chuyên môn, nghiệp vụ"),
        ("II.6", "6. Học hàm"),
        ("II.7", "7. Trình độ lý luận chính trị"),
    ],
    "7": [
        ("I", "I. Khen thưởng"),
        ("I.1", "1. Số tổ chức đảng được khen"),
        ("II", "II. Số đảng viên được tặng Huy hiệu Đảng"),
        ("III", "III. Thẻ đảng viên"),
        ("IV", "IV. Chuyển sinh hoạt đảng"),
        ("IV.1", "1. Số lượt đảng viên chuyển sinh hoạt đảng tạm thời:"),
        ("IV.2", "2. Số lượt đảng viên chuyển sinh hoạt đảng chính thức:"),
    ],
}
