"""Every indicator key of spec/indicators.md, in report order, with its Vietnamese label.

The engine fills exactly these keys; renderers and the web read labels from here.
"""

from xaydungdang.activities.models import CadreKind, ClassKind, DocumentType

_ORGS = [
    ("orgs.direct_committees", "Đảng bộ trực thuộc"),
    ("orgs.direct_committees_grassroots", "Trong đó: đảng bộ cơ sở trực thuộc"),
    ("orgs.grassroots", "Tổ chức cơ sở đảng"),
    ("orgs.grassroots_committees", "Đảng bộ cơ sở"),
    ("orgs.grassroots_cells", "Chi bộ cơ sở"),
    ("orgs.sub_committees", "Đảng bộ bộ phận"),
    ("orgs.subordinate_cells", "Chi bộ trực thuộc"),
    ("orgs.cells_below_3_official", "Chi bộ có dưới 3 đảng viên chính thức"),
]
_MEMBERS = [
    ("members.total", "Tổng số đảng viên"),
    ("members.official", "Đảng viên chính thức"),
    ("members.probationary", "Đảng viên dự bị"),
    ("members.female", "Đảng viên nữ"),
    ("members.ethnic_minority", "Đảng viên dân tộc thiểu số"),
    ("members.religious", "Đảng viên có đạo"),
    ("members.exempt", "Được miễn công tác và sinh hoạt"),
    ("members.away", "Đi làm ăn xa"),
    ("members.age.upto_30", "Tuổi đời đến 30"),
    ("members.age.31_40", "Tuổi đời 31–40"),
    ("members.age.41_50", "Tuổi đời 41–50"),
    ("members.age.51_60", "Tuổi đời 51–60"),
    ("members.age.61_70", "Tuổi đời 61–70"),
    ("members.age.over_70", "Tuổi đời trên 70"),
    ("members.net_change", "Tăng (+), giảm (−) trong kỳ"),
    ("probation.due", "Đảng viên dự bị đến hạn, quá hạn xét chính thức"),
]
_MOVEMENTS = [
    ("admissions.total", "Kết nạp đảng viên mới"),
    ("admissions.female", "Kết nạp: nữ"),
    ("admissions.ethnic_minority", "Kết nạp: dân tộc thiểu số"),
    ("admissions.students", "Kết nạp: học sinh, sinh viên"),
    ("admissions.target", "Chỉ tiêu kết nạp"),
    ("admissions.target_pct", "Tỷ lệ đạt chỉ tiêu (%)"),
    ("probation.recognized", "Công nhận đảng viên chính thức"),
    ("transfers.in", "Chuyển đến"),
    ("transfers.out", "Chuyển đi"),
    ("removals.total", "Giảm do ra khỏi Đảng, từ trần"),
    ("removals.struck_off", "Xóa tên"),
    ("removals.dismissed", "Cho ra khỏi Đảng"),
    ("removals.expelled", "Khai trừ"),
    ("removals.died", "Từ trần"),
    ("removals.abandoned_activities", "Ra khỏi Đảng do bỏ sinh hoạt"),
]
_SCREENING = [
    ("screening.listed", "Đưa vào danh sách rà soát, sàng lọc"),
    ("screening.progressed", "Được công nhận sự tiến bộ"),
    ("screening.continued", "Tiếp tục giáo dục, giúp đỡ"),
    ("screening.removed", "Đưa ra khỏi Đảng qua sàng lọc"),
    ("screening.pending", "Chưa có kết quả"),
]
RATING_LEVEL_LABELS = [
    ("excellent", "Hoàn thành xuất sắc nhiệm vụ"),
    ("good", "Hoàn thành tốt nhiệm vụ"),
    ("complete", "Hoàn thành nhiệm vụ"),
    ("incomplete", "Không hoàn thành nhiệm vụ"),
]


def _ratings(prefix: str, who: str):
    rows = [(f"ratings.{prefix}.{level}", f"{who}: {label.lower()}") for level, label in RATING_LEVEL_LABELS]
    rows.append((f"ratings.{prefix}.rated", f"{who} được đánh giá, xếp loại"))
    rows.append((f"ratings.{prefix}.good_or_better_pct", f"{who} hoàn thành tốt nhiệm vụ trở lên (%)"))
    return rows


_INSPECTION = [
    ("inspection.orgs", "Kiểm tra, giám sát tổ chức đảng (lượt)"),
    ("inspection.members", "Kiểm tra, giám sát đảng viên (lượt)"),
    ("inspection.inspection", "Cuộc kiểm tra"),
    ("inspection.supervision", "Cuộc giám sát"),
]
_DISCIPLINE = [
    ("discipline.members.total", "Đảng viên bị kỷ luật"),
    ("discipline.members.reprimand", "Kỷ luật khiển trách"),
    ("discipline.members.warning", "Kỷ luật cảnh cáo"),
    ("discipline.members.dismissal", "Kỷ luật cách chức"),
    ("discipline.members.expulsion", "Kỷ luật khai trừ"),
    ("discipline.orgs.total", "Tổ chức đảng bị kỷ luật"),
]


def _activities():
    rows = []
    for kind, label in ClassKind.choices:
        rows.append((f"education.{kind}.classes", f"{label}: số lớp"))
        rows.append((f"education.{kind}.participants", f"{label}: lượt người"))
    rows += [("dialogues.sessions", "Cuộc đối thoại với Nhân dân"), ("dialogues.cases", "Vụ việc được phản ánh")]
    rows.append(("documents.concretized.total", "Văn bản cụ thể hóa"))
    for kind, label in DocumentType.choices:
        rows.append((f"documents.concretized.{kind}", f"Cụ thể hóa: {label.lower()}"))
    rows.append(("documents.reviews", "Văn bản sơ kết, tổng kết"))
    rows += [("awards.orgs", "Tổ chức đảng được khen thưởng"), ("awards.members", "Đảng viên được khen thưởng")]
    for kind, label in CadreKind.choices:
        short = label.split(" (")[0]
        rows.append((f"cadre.{kind}", short))
    return rows


_COVERAGE = [
    ("coverage.communes", "Xã, phường, thị trấn"),
    ("coverage.communes_with_committee", "Xã, phường, thị trấn có đảng bộ cơ sở"),
    ("coverage.communes_with_committee_pct", "Tỷ lệ xã, phường, thị trấn có đảng bộ (%)"),
    ("coverage.villages", "Thôn, ấp, tổ dân phố"),
    ("coverage.villages_with_cell", "Thôn, ấp, tổ dân phố có chi bộ"),
    ("coverage.villages_with_cell_pct", "Tỷ lệ thôn, ấp, tổ dân phố có chi bộ (%)"),
    ("coverage.localities_without_org", "Địa bàn, đơn vị chưa có tổ chức đảng"),
]

ACTIVITY_KEYS = [k for k, _ in _activities()]
OWN_KEYS = [("own." + k, label + " (của cấp này)") for k, label in _activities() + _INSPECTION]

SECTIONS = [
    ("Tổ chức đảng", _ORGS),
    ("Đảng viên", _MEMBERS),
    ("Biến động đảng viên", _MOVEMENTS),
    ("Rà soát, sàng lọc", _SCREENING),
    ("Đánh giá, xếp loại", _ratings("members", "Đảng viên") + _ratings("grassroots", "Tổ chức cơ sở đảng")),
    ("Kiểm tra, giám sát, kỷ luật", _INSPECTION + _DISCIPLINE),
    ("Giáo dục, đối thoại, văn bản, khen thưởng, cán bộ", _activities()),
    ("Của riêng cấp ủy", OWN_KEYS),
    ("Địa bàn", _COVERAGE),
]

LABELS = {key: label for _title, rows in SECTIONS for key, label in rows}
KEYS = [key for _title, rows in SECTIONS for key, _label in rows]
PERCENT_KEYS = {k for k in KEYS if k.endswith("_pct")}
# Keys that may be null: percentages of zero and a target that was never set.
NULLABLE_KEYS = PERCENT_KEYS | {"admissions.target"}
