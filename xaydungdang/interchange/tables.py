"""The tables of the interchange format (spec/interchange.md), one declaration each.

Canonical column names come first in the order the spec lists them; columns marked
`extension=True` are the optional additions this implementation documents in
docs/interchange.md. Enumerations take their codes and Vietnamese labels from the
models' TextChoices, plus the spellings the spec uses where they differ.
"""

from dataclasses import dataclass, field

from xaydungdang.activities.models import AwardKind, CadreKind, ClassKind, DocumentType
from xaydungdang.admissions.models import Union as CandidateUnion
from xaydungdang.core.subjects import SubjectType
from xaydungdang.dues.models import Category as DuesCategory
from xaydungdang.dues.models import Channel as DuesChannel
from xaydungdang.inspections.models import DisciplineLevel, InspectionKind
from xaydungdang.interchange.columns import (
    BOOL,
    DATE,
    ENUM,
    INT,
    LONGTEXT,
    TEXT,
    Choices,
    Column,
    choices_from,
    header_key,
)
from xaydungdang.members.models import (
    AcademicTitle,
    ChangeField,
    Counterpart,
    EventType,
    Gender,
    Occupation,
    PoliticalTheory,
    Qualification,
    RemovalReason,
)
from xaydungdang.organizations.models import LocalityKind, OrgKind, UnitType
from xaydungdang.reviews.models import NotRatedReason, RatingLevel, ScreeningOutcome

ORG_KINDS = choices_from(
    OrgKind,
    {
        "tw": "central",
        "tinh uy": "provincial",
        "dang bo tinh": "provincial",
        "thanh uy": "provincial",
        "dang bo huyen": "upper",
        "huyen uy": "upper",
        "dang uy khoi": "upper",
        "cap tren co so": "upper",
        "dang bo cap tren truc tiep cua co so (huyen, quan, thi xa, dang uy khoi, ...)": "upper",
        "dang bo co so": "grassroots_committee",
        "chi bo co so": "grassroots_cell",
        "dang bo bo phan": "sub_committee",
        "chi bo truc thuoc": "cell",
        "chi bo": "cell",
    },
)
LOCALITY_KINDS = choices_from(
    LocalityKind,
    {
        "xa": "commune",
        "phuong": "commune",
        "thi tran": "commune",
        "xa/phuong/thi tran": "commune",
        "dac khu": "commune",
        "thon": "village",
        "ap": "village",
        "to dan pho": "village",
        "khom": "village",
        "thon/ap/to dan pho": "village",
        "truong": "school",
        "benh vien": "clinic",
        "tram y te": "clinic",
        "co so y te": "clinic",
        "doanh nghiep": "enterprise",
        "co quan": "agency",
        "khac": "other",
    },
)
GENDERS = choices_from(Gender, {"nam": "male", "nu": "female"})
QUALIFICATIONS = choices_from(
    Qualification,
    {
        # version 1 (spec/forms.md §Categories)
        "vocational": "intermediate",
        "khong": "none",
        "so cap": "elementary",
        "dai hoc": "bachelor",
        "cu nhan": "bachelor",
        "ky su": "bachelor",
        "thac sy": "master",
        "tien sy": "doctor",
    },
)
THEORIES = choices_from(PoliticalTheory, {"khong": "none"})
ACADEMIC_TITLES = choices_from(AcademicTitle, {"pgs": "associate_professor", "gs": "professor"})
CHANGE_FIELDS = choices_from(ChangeField)
OCCUPATIONS = choices_from(
    Occupation,
    {
        # version 1 (spec/forms.md §Categories) and its labels
        "civil_servant": "state_official",
        "can bo, cong chuc": "state_official",
        "cong chuc": "state_official",
        "can bo": "state_official",
        "vien chuc": "public_employee",
        "doanh nghiep": "enterprise",
        "cong nhan": "worker",
        "nong dan": "farmer",
        "hoc sinh, sinh vien": "student",
        "quan doi": "armed_forces",
        "cong an": "armed_forces",
        "huu tri": "retired",
        "khac": "other",
    },
)
EVENT_TYPES = choices_from(
    EventType,
    {
        "ket nap": "admitted",
        "cong nhan chinh thuc": "recognized_official",
        "chuyen sinh hoat": "transferred",
        "chuyen sinh hoat dang": "transferred",
        "chuyen sinh hoat dang chinh thuc (trong bo du lieu)": "transferred",
        "chuyen den": "transferred_in",
        "chuyen di": "transferred_out",
        "di lam an xa": "away_started",
        "tro ve": "away_ended",
        "mien sinh hoat": "exempted",
        "thoi mien": "exemption_ended",
        "xoa ten": "struck_off",
        "cho ra khoi dang": "dismissed",
        "tu tran": "died",
        "huy hieu dang": "badge_awarded",
        "trao huy hieu": "badge_awarded",
        "phat the": "card_issued",
        "ket nap lai": "admitted",
        "phuc hoi": "restored",
        "phuc hoi dang tich": "restored",
        "cap lai the": "card_reissued",
        "cap lai the dang vien": "card_reissued",
        "doi the": "card_replaced",
        "doi the dang vien": "card_replaced",
        "doi lai the dang vien": "card_replaced",
        "sinh hoat tam thoi": "temporary_out",
        "chuyen sinh hoat tam thoi": "temporary_out",
        "chuyen sinh hoat dang tam thoi": "temporary_out",
        "tro ve sinh hoat chinh thuc": "temporary_returned",
        "het sinh hoat tam thoi": "temporary_returned",
    },
    exclude=(EventType.OPENING,),
)
COUNTERPARTS = choices_from(
    Counterpart,
    {
        "tinh khac": "other_province",
        "ngoai tinh": "other_province",
        "huyen khac": "same_province",
        "trong tinh": "same_province",
    },
)
UNIT_TYPES = choices_from(
    UnitType,
    {
        "xa": "commune",
        "phuong": "ward",
        "thi tran": "township",
        "cong lap": "public_service",
        "ngoai cong lap": "private_service",
        "cong ty co phan": "joint_stock",
        "cong ty tnhh": "llc",
        "hop tac xa": "cooperative",
        "ngoai nuoc": "abroad",
        "khac": "other",
    },
)
REMOVAL_REASONS = choices_from(RemovalReason, {"khac": "other", "khong duoc cong nhan": "probation_failed"})
SUBJECT_TYPES = choices_from(
    SubjectType, {"dang vien": "member", "to chuc": "org", "organization": "org", "to chuc dang": "org"}
)
RATING_LEVELS = choices_from(
    RatingLevel, {"xuat sac": "excellent", "tot": "good", "hoan thanh": "complete", "khong hoan thanh": "incomplete"}
)
NOT_RATED = choices_from(
    NotRatedReason,
    {"mien": "exempt", "dinh chi": "suspended", "chua du 6 thang": "new_member", "khac": "other"},
)
OUTCOMES = choices_from(
    ScreeningOutcome, {"tien bo": "progressed", "tiep tuc": "continued", "dua ra khoi dang": "removed"}
)
INSPECTION_KINDS = choices_from(InspectionKind)
DISCIPLINE_LEVELS = choices_from(DisciplineLevel)
CLASS_KINDS = choices_from(
    ClassKind,
    {
        "quan triet": "resolution_study",
        "quan triet nghi quyet": "resolution_study",
        "chuyen de": "thematic",
        "nhan thuc ve dang": "party_awareness",
        "boi duong nhan thuc ve dang / ly luan chinh tri cho quan chung uu tu": "party_awareness",
        "dang vien moi": "new_member",
        "khac": "other",
    },
)
DOCUMENT_TYPES = choices_from(DocumentType, {"khac": "other"})
AWARD_KINDS = choices_from(AwardKind, {"khac": "other", "co": "flag", "tang co": "flag", "co thi dua": "flag"})
CADRE_KINDS = choices_from(
    CadreKind,
    {
        "cong tac can bo": "personnel",
        "dao tao": "training",
        "boi duong": "training",
        "cu di dao tao, boi duong": "training",
        "lay phieu": "confidence_vote",
        "khac": "other",
    },
)
INDICATORS = Choices({"admissions": "Kết nạp đảng viên"}, {"ket nap": "admissions"})


@dataclass
class Table:
    name: str
    label: str
    columns: list[Column]
    aliases: tuple = ()
    by_key: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for col in self.columns:
            for spelling in (col.name, col.label, *col.aliases):
                key = header_key(spelling)
                owner = self.by_key.setdefault(key, col.name)
                if owner != col.name:
                    raise ValueError(f"{self.name}: header {spelling!r} is ambiguous ({owner}, {col.name})")

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def resolve(self, header) -> str | None:
        return self.by_key.get(header_key(header))


def C(name, label, type=TEXT, required=False, aliases=(), **kw) -> Column:
    return Column(name, label, type, required, tuple(aliases), **kw)


def _subject_cols(member_label: str = "Đối tượng") -> list[Column]:
    return [
        C("subject_type", "Loại đối tượng", ENUM, True, ["doi tuong la"], choices=SUBJECT_TYPES),
        C("subject", member_label, TEXT, True, ["ma doi tuong", "so ly lich hoac ma to chuc"], max_length=40),
    ]


DUES_CATEGORIES = choices_from(
    DuesCategory,
    {
        "huong luong": "salaried",
        "huu tri": "pensioner",
        "hoc sinh, sinh vien": "student",
        "khac": "other",
        "om dau, thai san": "benefit",
    },
)
DUES_CHANNELS = choices_from(DuesChannel, {"tien mat": "cash", "cong dich vu cong": "portal", "dvc": "portal"})
CANDIDATE_UNIONS = choices_from(
    CandidateUnion, {"doan thanh nien": "doan", "doan tncs": "doan", "cong doan": "cong_doan", "khong": "none"}
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table(
            "organizations",
            "Tổ chức đảng",
            [
                C("code", "Mã tổ chức", required=True, aliases=["ma", "ma to chuc dang"], max_length=40),
                C("name", "Tên tổ chức", required=True, aliases=["ten", "ten to chuc dang"], max_length=255),
                C("kind", "Loại tổ chức", ENUM, True, ["loai", "cap to chuc"], choices=ORG_KINDS),
                C(
                    "parent_code",
                    "Mã tổ chức cấp trên",
                    aliases=["cap tren", "ma cap tren", "truc thuoc", "parent"],
                    max_length=40,
                ),
                C("established_on", "Ngày thành lập", DATE, True),
                C("dissolved_on", "Ngày giải thể", DATE, aliases=["ngay giai the, sap nhap"]),
                C("locality_code", "Mã địa bàn", aliases=["dia ban"], max_length=40),
                C(
                    "unit_type",
                    "Loại hình cơ sở",
                    ENUM,
                    aliases=["loai hinh", "loai hinh to chuc co so"],
                    choices=UNIT_TYPES,
                ),
                C("decision_no", "Số quyết định", aliases=["so qd"], max_length=64, extension=True),
                C("note", "Ghi chú", LONGTEXT, max_length=10_000, extension=True),
                # Hợp nhất, sáp nhập: the organization a dissolved one was merged into (issue 15).
                C(
                    "successor_code",
                    "Mã tổ chức hợp nhất vào",
                    aliases=["hop nhat vao", "sap nhap vao", "to chuc tiep nhan"],
                    max_length=40,
                    extension=True,
                ),
            ],
            aliases=("to chuc", "to chuc dang"),
        ),
        Table(
            "org_moves",
            "Sắp xếp tổ chức",
            [
                C("code", "Mã tổ chức", required=True, aliases=["ma"], max_length=40),
                C(
                    "new_parent_code",
                    "Mã tổ chức cấp trên mới",
                    required=True,
                    aliases=["cap tren moi", "ma cap tren moi"],
                    max_length=40,
                ),
                C("moved_on", "Ngày chuyển", DATE, True, ["ngay sap xep", "ngay hieu luc"]),
                C("decision_no", "Số quyết định", aliases=["so qd"], max_length=64, extension=True),
                C("note", "Ghi chú", LONGTEXT, max_length=10_000, extension=True),
            ],
            aliases=("sap xep to chuc", "sap xep"),
        ),
        Table(
            "localities",
            "Địa bàn, đơn vị",
            [
                C("code", "Mã địa bàn", required=True, aliases=["ma"], max_length=40),
                C("name", "Tên địa bàn", required=True, aliases=["ten"], max_length=255),
                C("kind", "Loại địa bàn", ENUM, True, ["loai"], choices=LOCALITY_KINDS),
                C("parent_code", "Mã địa bàn cấp trên", aliases=["thuoc dia ban", "ma cap tren"], max_length=40),
                C("org_code", "Mã tổ chức đảng", aliases=["ma to chuc", "to chuc dang"], max_length=40),
            ],
            aliases=("dia ban", "dia ban, don vi"),
        ),
        Table(
            "members",
            "Đảng viên",
            [
                C(
                    "member_no",
                    "Số lý lịch",
                    required=True,
                    aliases=["so ll", "ma dang vien", "so ly lich dang vien"],
                    max_length=32,
                ),
                C(
                    "full_name",
                    "Họ và tên",
                    required=True,
                    aliases=["ho ten", "ho va ten dang vien", "ten"],
                    max_length=255,
                ),
                C("gender", "Giới tính", ENUM, True, ["gioi"], choices=GENDERS),
                C("birth_date", "Ngày sinh", DATE, True, ["ngay thang nam sinh"]),
                C("ethnicity", "Dân tộc", required=True, max_length=64),
                C("religion", "Tôn giáo", max_length=64),
                C(
                    "national_id",
                    "Số định danh cá nhân",
                    aliases=["so dinh danh", "cccd", "so cccd", "can cuoc", "so can cuoc"],
                    max_length=40,
                ),
                C("hometown", "Quê quán", max_length=255),
                C("residence", "Nơi cư trú", aliases=["noi o", "noi o hien nay", "dia chi"], max_length=255),
                C(
                    "general_education",
                    "Giáo dục phổ thông",
                    aliases=["trinh do van hoa", "van hoa"],
                    max_length=16,
                    date_as_text="%-d/%-m",
                ),
                C(
                    "qualification",
                    "Chuyên môn, nghiệp vụ",
                    ENUM,
                    aliases=["trinh do chuyen mon", "chuyen mon"],
                    choices=QUALIFICATIONS,
                ),
                C(
                    "political_theory",
                    "Lý luận chính trị",
                    ENUM,
                    aliases=["trinh do ly luan chinh tri"],
                    choices=THEORIES,
                ),
                C("occupation", "Nghề nghiệp", ENUM, choices=OCCUPATIONS),
                C("joined_on", "Ngày vào Đảng", DATE, True, ["ngay ket nap"]),
                C("official_on", "Ngày chính thức", DATE, aliases=["ngay cong nhan chinh thuc"]),
                C("card_no", "Số thẻ đảng viên", aliases=["so the"], max_length=32),
                C("org_code", "Mã chi bộ", aliases=["chi bo", "ma to chuc", "chi bo sinh hoat"], max_length=40),
                C("as_of", "Tính từ ngày", DATE, aliases=["ngay so du", "so du tu ngay"]),
                C(
                    "admission_exception",
                    "Kết nạp ngoài độ tuổi",
                    BOOL,
                    aliases=["ket nap tren 60 tuoi"],
                    extension=True,
                ),
                # spec/forms.md "Interchange additions" (optional)
                C("youth_union_from", "Ngày vào Đoàn", DATE, aliases=["ngay vao doan tncs ho chi minh"]),
                C("youth_union_until", "Ngày ra khỏi Đoàn", DATE, aliases=["ngay ra doan", "ngay truong thanh doan"]),
                C("business_owner", "Chủ doanh nghiệp tư nhân", BOOL, aliases=["chu doanh nghiep"]),
                C(
                    "foreign_marriage",
                    "Có quan hệ hôn nhân với người nước ngoài",
                    BOOL,
                    aliases=["hon nhan voi nguoi nuoc ngoai"],
                ),
                C(
                    "family_planning_violation",
                    "Vi phạm chính sách KHHGĐ",
                    BOOL,
                    aliases=["vi pham chinh sach ke hoach hoa gia dinh", "vi pham khhgd"],
                ),
                C("academic_title", "Học hàm", ENUM, choices=ACADEMIC_TITLES),
            ],
            aliases=("dang vien", "danh sach dang vien"),
        ),
        Table(
            "member_events",
            "Biến động đảng viên",
            [
                C("member_no", "Số lý lịch", required=True, aliases=["so ll", "ma dang vien"], max_length=32),
                C("type", "Loại biến động", ENUM, True, ["loai", "bien dong"], choices=EVENT_TYPES),
                C("on", "Ngày hiệu lực", DATE, True, ["ngay"]),
                C("org_code", "Mã chi bộ", aliases=["chi bo", "ma to chuc", "chi bo den"], max_length=40),
                C("reason", "Lý do", max_length=255),
                C("decision_no", "Số quyết định", aliases=["so qd"], max_length=64),
                C("decided_on", "Ngày quyết định", DATE, aliases=["ngay qd"]),
                C("note", "Ghi chú", LONGTEXT, max_length=10_000),
                C(
                    "counterpart",
                    "Nơi chuyển đến, chuyển đi",
                    ENUM,
                    aliases=["noi chuyen", "tinh khac/huyen khac"],
                    choices=COUNTERPARTS,
                ),
                # The other side of a transfer and its letter (optional; docs/interchange.md).
                C(
                    "other_org_code",
                    "Mã tổ chức nơi đến, nơi đi",
                    aliases=["ma to chuc noi den", "ma to chuc noi di", "noi den trong he thong"],
                    max_length=40,
                ),
                C(
                    "other_place",
                    "Nơi đến, nơi đi (ngoài hệ thống)",
                    aliases=["noi den", "noi di", "noi den, noi di", "noi den ngoai he thong"],
                    max_length=255,
                ),
                C("letter_no", "Số giấy giới thiệu", aliases=["so ggt", "giay gioi thieu so"], max_length=64),
                C("letter_on", "Ngày giấy giới thiệu", DATE, aliases=["ngay ggt", "ngay giay gioi thieu"]),
            ],
            aliases=("bien dong", "bien dong dang vien"),
        ),
        Table(
            "targets",
            "Chỉ tiêu",
            [
                C("org_code", "Mã tổ chức", required=True, aliases=["to chuc"], max_length=40),
                C("period", "Kỳ", required=True, aliases=["nam", "giai doan", "nhiem ky"], max_length=16),
                C("indicator", "Chỉ tiêu", ENUM, True, ["loai chi tieu"], choices=INDICATORS),
                C("value", "Giá trị", INT, True, ["so luong", "chi tieu giao"]),
            ],
            aliases=("chi tieu",),
        ),
        Table(
            "screenings",
            "Rà soát, sàng lọc",
            [
                C("member_no", "Số lý lịch", required=True, aliases=["so ll", "ma dang vien"], max_length=32),
                C("listed_on", "Ngày đưa vào danh sách", DATE, True, ["ngay"]),
                C("outcome", "Kết quả", ENUM, choices=OUTCOMES),
                C("outcome_on", "Ngày có kết quả", DATE, aliases=["ngay ket qua"]),
                C("note", "Ghi chú", LONGTEXT, max_length=10_000, extension=True),
            ],
            aliases=("ra soat", "sang loc", "ra soat, sang loc"),
        ),
        Table(
            "ratings",
            "Đánh giá, xếp loại chất lượng",
            [
                C("year", "Năm", INT, True, ["nam danh gia"]),
                *_subject_cols(),
                C("level", "Mức xếp loại", ENUM, False, ["xep loai", "muc"], choices=RATING_LEVELS),
                C("rated_by", "Cấp xếp loại", aliases=["cap danh gia"], max_length=64),
                C("score", "Điểm", INT, aliases=["diem so"], extension=True),
                # Issue 16: the period, the not-rated reason, 366's conditions and the round's stages.
                C("period", "Kỳ đánh giá", aliases=["ky"], max_length=10, extension=True),
                C(
                    "not_rated",
                    "Không xếp loại",
                    ENUM,
                    aliases=["ly do khong xep loai"],
                    choices=NOT_RATED,
                    extension=True,
                ),
                C("not_rated_note", "Ghi chú không xếp loại", max_length=200, extension=True),
                C("tasks_on_time", "Hoàn thành 100% nhiệm vụ đúng hạn", BOOL, extension=True),
                C("exceeding_targets", "Có ít nhất 30% chỉ tiêu vượt mức", BOOL, extension=True),
                C("disciplined", "Bị kỷ luật trong kỳ", BOOL, extension=True),
                C("violation", "Vi phạm (không hoàn thành)", max_length=200, extension=True),
                C("self_level", "Tự đánh giá: mức", ENUM, choices=RATING_LEVELS, extension=True),
                C("self_score", "Tự đánh giá: điểm", INT, extension=True),
                C("self_on", "Ngày tự đánh giá", DATE, extension=True),
                C("proposed_level", "Chi bộ đề xuất: mức", ENUM, choices=RATING_LEVELS, extension=True),
                C("proposed_score", "Chi bộ đề xuất: điểm", INT, extension=True),
                C("proposed_on", "Ngày chi bộ đề xuất", DATE, extension=True),
                C("decided_on", "Ngày quyết định", DATE, extension=True),
            ],
            aliases=("xep loai", "danh gia", "danh gia, xep loai"),
        ),
        Table(
            "inspections",
            "Kiểm tra, giám sát",
            [
                C("org_code", "Cấp kiểm tra", required=True, aliases=["ma to chuc", "to chuc kiem tra"], max_length=40),
                C("kind", "Hình thức", ENUM, True, ["loai"], choices=INSPECTION_KINDS),
                *_subject_cols(),
                C("started_on", "Ngày bắt đầu", DATE, True, ["ngay"]),
                C("concluded_on", "Ngày kết luận", DATE),
                C("violation", "Có vi phạm", BOOL, aliases=["vi pham"]),
                C("note", "Ghi chú", LONGTEXT, max_length=10_000, extension=True),
            ],
            aliases=("kiem tra", "kiem tra, giam sat"),
        ),
        Table(
            "disciplines",
            "Kỷ luật",
            [
                C("decided_by", "Cấp quyết định", required=True, aliases=["ma to chuc", "cap ky luat"], max_length=40),
                *_subject_cols(),
                C("level", "Hình thức kỷ luật", ENUM, True, ["hinh thuc", "muc ky luat"], choices=DISCIPLINE_LEVELS),
                C("decided_on", "Ngày quyết định", DATE, True, ["ngay"]),
                C("reason", "Lý do", LONGTEXT, max_length=10_000),
            ],
            aliases=("ky luat",),
        ),
        Table(
            "member_changes",
            "Thay đổi thông tin đảng viên",
            [
                C("member_no", "Số lý lịch", required=True, aliases=["so ll", "ma dang vien"], max_length=32),
                C("field", "Thông tin thay đổi", ENUM, True, ["thong tin", "truong"], choices=CHANGE_FIELDS),
                C("value", "Giá trị mới", aliases=["gia tri"], max_length=64, date_as_text="%-d/%-m"),
                C("on", "Từ ngày", DATE, True, ["ngay", "ngay hieu luc", "ngay thay doi"]),
            ],
            aliases=("thay doi thong tin", "thay doi thong tin dang vien"),
        ),
        Table(
            "classes",
            "Lớp học, học tập, quán triệt",
            [
                C("org_code", "Đơn vị tổ chức", required=True, aliases=["ma to chuc"], max_length=40),
                C("kind", "Loại lớp", ENUM, True, ["loai"], choices=CLASS_KINDS),
                C("title", "Tên lớp", aliases=["ten", "noi dung"], max_length=255),
                C("started_on", "Ngày khai giảng", DATE, True, ["ngay bat dau", "ngay"]),
                C("ended_on", "Ngày bế giảng", DATE, aliases=["ngay ket thuc"]),
                C("participants", "Số lượt người", INT, True, ["so hoc vien", "so nguoi", "luot nguoi"]),
            ],
            aliases=("lop hoc", "lop hoc, hoc tap, quan triet"),
        ),
        Table(
            "dialogues",
            "Đối thoại trực tiếp với Nhân dân",
            [
                C("org_code", "Mã tổ chức", required=True, aliases=["cap uy"], max_length=40),
                C("held_on", "Ngày đối thoại", DATE, True, ["ngay"]),
                C("host", "Người chủ trì", aliases=["chu tri"], max_length=255),
                C("cases", "Số vụ việc", INT, True, ["vu viec"]),
            ],
            aliases=("doi thoai",),
        ),
        Table(
            "documents",
            "Văn bản",
            [
                C("org_code", "Cơ quan ban hành", required=True, aliases=["ma to chuc"], max_length=40),
                C("number", "Số, ký hiệu", aliases=["so hieu", "so van ban", "so ky hieu"], max_length=64),
                C("type", "Loại văn bản", ENUM, True, ["loai"], choices=DOCUMENT_TYPES),
                C("issued_on", "Ngày ban hành", DATE, True, ["ngay"]),
                C("title", "Trích yếu", aliases=["ten van ban", "noi dung"], max_length=500),
                C("concretizes", "Cụ thể hóa văn bản", aliases=["cu the hoa"], max_length=64),
                C("is_review", "Văn bản sơ kết, tổng kết", BOOL, aliases=["so ket, tong ket", "so ket tong ket"]),
            ],
            aliases=("van ban",),
        ),
        Table(
            "awards",
            "Khen thưởng",
            [
                C("granted_by", "Cấp khen thưởng", required=True, aliases=["ma to chuc"], max_length=40),
                *_subject_cols(),
                C("award", "Hình thức khen thưởng", ENUM, True, ["hinh thuc"], choices=AWARD_KINDS),
                C("granted_on", "Ngày khen thưởng", DATE, True, ["ngay"]),
                C("reason", "Thành tích", LONGTEXT, aliases=["ly do"], max_length=10_000),
            ],
            aliases=("khen thuong",),
        ),
        Table(
            "cadre_actions",
            "Công tác cán bộ",
            [
                C("org_code", "Mã tổ chức", required=True, aliases=["cap uy"], max_length=40),
                C("kind", "Loại việc", ENUM, True, ["loai"], choices=CADRE_KINDS),
                C("on", "Ngày", DATE, True),
                C("count", "Số trường hợp", INT, aliases=["so luong"]),
                C("note", "Ghi chú", LONGTEXT, max_length=10_000),
            ],
            aliases=("cong tac can bo",),
        ),
        Table(
            "temporary_arrivals",
            "Tiếp nhận sinh hoạt tạm thời",
            [
                C("org_code", "Mã chi bộ tiếp nhận", required=True, aliases=["chi bo", "ma chi bo"], max_length=40),
                C("on", "Ngày tiếp nhận", DATE, True, ["ngay"]),
                C("full_name", "Họ và tên", required=True, aliases=["ho ten"], max_length=255),
                C(
                    "home_org",
                    "Nơi sinh hoạt chính thức",
                    aliases=["don vi chuyen den", "to chuc dang noi di"],
                    max_length=255,
                ),
                C("until", "Đến ngày", DATE, aliases=["ngay ket thuc", "sinh hoat den ngay"]),
            ],
            aliases=("tiep nhan sinh hoat tam thoi", "sinh hoat tam thoi", "tiep nhan sinh hoat dang tam thoi"),
        ),
        # Dues (issue 16; optional tables, docs/interchange.md): amounts in integer đồng.
        Table(
            "dues_bases",
            "Mức đóng đảng phí",
            [
                C("member_no", "Số lý lịch", required=True, aliases=["so ll", "ma dang vien"], max_length=32),
                C("category", "Đối tượng", ENUM, True, ["doi tuong dong dang phi"], choices=DUES_CATEGORIES),
                C("base", "Căn cứ tính (đồng/tháng)", INT, aliases=["can cu", "muc luong", "tien luong"]),
                C("from", "Áp dụng từ ngày", DATE, True, ["tu ngay", "ngay"]),
                C("reduction_pct", "Giảm (%)", INT, aliases=["muc giam", "giam"]),
                C("exempt", "Miễn đóng", BOOL, aliases=["mien"]),
            ],
            aliases=("muc dong dang phi", "can cu dong dang phi"),
        ),
        Table(
            "dues_payments",
            "Thu đảng phí",
            [
                C("member_no", "Số lý lịch", required=True, aliases=["so ll", "ma dang vien"], max_length=32),
                C("month", "Tháng", required=True, aliases=["thang dong"], max_length=10, date_as_text="%Y-%m"),
                C("amount", "Số tiền (đồng)", INT, True, ["so tien"]),
                C("paid_on", "Ngày nộp", DATE, True, ["ngay"]),
                C("channel", "Hình thức", ENUM, aliases=["hinh thuc nop"], choices=DUES_CHANNELS),
                C("receipt_no", "Số biên lai", aliases=["bien lai"], max_length=32),
            ],
            aliases=("thu dang phi", "dang phi", "so thu dang phi"),
        ),
        # Candidates (issue 14; optional, docs/interchange.md): one row per quần chúng ưu tú, a step
        # recorded when its date is filled (admissions/exchange.py reads and writes the rows).
        Table(
            "candidates",
            "Quần chúng ưu tú",
            [
                C("org_code", "Mã chi bộ", required=True, aliases=["chi bo", "ma to chuc"], max_length=40),
                C("full_name", "Họ và tên", required=True, aliases=["ho ten"], max_length=255),
                C("gender", "Giới tính", ENUM, True, ["gioi"], choices=GENDERS),
                C("birth_date", "Ngày sinh", DATE, True),
                C("ethnicity", "Dân tộc", required=True, max_length=64),
                C("religion", "Tôn giáo", max_length=64),
                C("national_id", "Số định danh cá nhân", aliases=["cccd", "so cccd"], max_length=12),
                C("hometown", "Quê quán", max_length=255),
                C("residence", "Nơi cư trú", max_length=255),
                C("general_education", "Giáo dục phổ thông", max_length=16),
                C("occupation", "Nghề nghiệp", ENUM, choices=OCCUPATIONS),
                C("admission_exception", "Ngoài độ tuổi (có văn bản đồng ý)", BOOL, aliases=["ngoai do tuoi"]),
                C("identified_on", "Ngày đưa vào danh sách", DATE, True, ["ngay vao danh sach"]),
                C("note", "Ghi chú", LONGTEXT, max_length=10_000),
                C("awareness_on", "Ngày giấy chứng nhận lớp nhận thức về Đảng", DATE, aliases=["ngay hoc lop"]),
                C("awareness_no", "Số giấy chứng nhận", max_length=64),
                C("dossier_on", "Ngày nộp đủ hồ sơ", DATE),
                C("application_on", "Ngày làm đơn", DATE),
                C("background_on", "Ngày khai lý lịch", DATE),
                C("introducer1_no", "Số lý lịch người giới thiệu 1", aliases=["nguoi gioi thieu 1"], max_length=32),
                C("introducer2_no", "Số lý lịch người giới thiệu 2", aliases=["nguoi gioi thieu 2"], max_length=32),
                C("union", "Đoàn thể giới thiệu", ENUM, choices=CANDIDATE_UNIONS),
                C("union_resolution_on", "Ngày nghị quyết của đoàn thể", DATE),
                C("residence_comments_on", "Ngày nhận xét nơi cư trú", DATE),
                C("verified_on", "Ngày thẩm tra lý lịch", DATE),
                C("resolution_on", "Ngày nghị quyết chi bộ", DATE),
                C("resolution_no", "Số nghị quyết chi bộ", max_length=64),
                C("members_total", "Số đảng viên chính thức", INT),
                C("members_present", "Số có mặt", INT),
                C("votes_for", "Số tán thành", INT),
                C("decision_on", "Ngày quyết định kết nạp", DATE),
                C("decision_no", "Số quyết định kết nạp", max_length=64),
                C("deciding_org_code", "Mã cấp ủy quyết định", aliases=["cap uy quyet dinh"], max_length=40),
                C("delegated", "Đảng ủy cơ sở được ủy quyền", BOOL, aliases=["uy quyen"]),
                C("committee_resolution_no", "Số nghị quyết đảng ủy cơ sở", max_length=64),
                C("committee_resolution_on", "Ngày nghị quyết đảng ủy cơ sở", DATE),
                C("decision_received_on", "Ngày chi bộ nhận quyết định", DATE),
                C("ceremony_on", "Ngày lễ kết nạp", DATE),
                C("member_no", "Số lý lịch đảng viên", aliases=["so ll"], max_length=32),
            ],
            aliases=("quan chung uu tu", "ket nap", "quan chung"),
        ),
    ]
}

TABLE_ORDER = list(TABLES)
_TABLE_KEYS: dict[str, str] = {}
for _table in TABLES.values():
    for _spelling in (_table.name, _table.label, *_table.aliases):
        _TABLE_KEYS.setdefault(header_key(_spelling), _table.name)


def resolve_table(name: str) -> str | None:
    """A file or sheet name (without extension) to a table name, any case, with or without diacritics."""
    return _TABLE_KEYS.get(header_key(name))
