"""The activity tables the web can record, list and void: one entry per table, naming its
model, form, action functions and the columns of its list. Views stay generic."""

from dataclasses import dataclass
from typing import Callable

from xaydungdang.activities import actions as activity_actions
from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.admissions import actions as admission_actions
from xaydungdang.admissions.models import Target
from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.formatting import integer
from xaydungdang.inspections import actions as inspection_actions
from xaydungdang.inspections.models import Discipline, Inspection
from xaydungdang.reviews import actions as review_actions
from xaydungdang.reviews.models import Rating, Screening
from xaydungdang.web.forms import activities as forms


def _subject(r) -> str:
    if r.subject_member_id:
        return f"{r.subject_member.full_name} ({r.subject_member.member_no})"
    return r.subject_org.name if r.subject_org_id else ""


@dataclass(frozen=True)
class Activity:
    slug: str
    title: str  # plural, for the list
    new_title: str
    model: type
    form: type
    record: Callable
    void: Callable
    date_field: str
    # Organization whose subtree a list filtered by organization shows ("" = the subject member's cell).
    org_field: str
    columns: tuple  # (header, function of the record -> text)
    related: tuple = ()


ACTIVITIES = [
    Activity("lop-hoc", "Lớp học, học tập, quán triệt", "Ghi lớp học", TrainingClass, forms.ClassForm,
             activity_actions.record_class, activity_actions.void, "started_on", "org",
             (("Ngày khai giảng", lambda r: fmt_date(r.started_on)), ("Đơn vị", lambda r: r.org.name),
              ("Loại lớp", lambda r: r.get_kind_display()), ("Tên lớp", lambda r: r.title),
              ("Lượt người", lambda r: integer(r.participants))), ("org",)),
    Activity("kiem-tra", "Kiểm tra, giám sát", "Ghi cuộc kiểm tra, giám sát", Inspection, forms.InspectionForm,
             inspection_actions.record_inspection, inspection_actions.void, "started_on", "org",
             (("Ngày bắt đầu", lambda r: fmt_date(r.started_on)), ("Cấp kiểm tra", lambda r: r.org.name),
              ("Hình thức", lambda r: r.get_kind_display()), ("Đối tượng", _subject),
              ("Vi phạm", lambda r: {True: "Có", False: "Không"}.get(r.violation, "Chưa kết luận"))),
             ("org", "subject_member", "subject_org")),
    Activity("ky-luat", "Kỷ luật", "Ghi quyết định kỷ luật", Discipline, forms.DisciplineForm,
             inspection_actions.record_discipline, inspection_actions.void, "decided_on", "decided_by",
             (("Ngày quyết định", lambda r: fmt_date(r.decided_on)), ("Cấp quyết định", lambda r: r.decided_by.name),
              ("Đối tượng", _subject), ("Hình thức", lambda r: r.get_level_display())),
             ("decided_by", "subject_member", "subject_org")),
    Activity("xep-loai", "Đánh giá, xếp loại chất lượng", "Ghi kết quả xếp loại", Rating, forms.RatingForm,
             review_actions.record_rating, review_actions.void, "year", "",
             (("Năm", lambda r: str(r.year)), ("Đối tượng", _subject), ("Mức", lambda r: r.get_level_display()),
              ("Điểm", lambda r: "" if r.score is None else str(r.score))), ("subject_member", "subject_org")),
    Activity("sang-loc", "Rà soát, sàng lọc đảng viên", "Ghi rà soát, sàng lọc", Screening, forms.ScreeningForm,
             review_actions.record_screening, review_actions.void, "listed_on", "",
             (("Ngày đưa vào danh sách", lambda r: fmt_date(r.listed_on)),
              ("Đảng viên", lambda r: f"{r.member.full_name} ({r.member.member_no})"),
              ("Kết quả", lambda r: r.get_outcome_display() or "Chưa có kết quả"),
              ("Ngày có kết quả", lambda r: fmt_date(r.outcome_on))), ("member",)),
    Activity("chi-tieu", "Chỉ tiêu kết nạp", "Ghi chỉ tiêu kết nạp", Target, forms.TargetForm,
             admission_actions.set_target, admission_actions.void, "period_start", "org",
             (("Kỳ", lambda r: r.period), ("Tổ chức", lambda r: r.org.name), ("Chỉ tiêu", lambda r: integer(r.value))),
             ("org",)),
    Activity("doi-thoai", "Đối thoại trực tiếp với Nhân dân", "Ghi buổi đối thoại", Dialogue, forms.DialogueForm,
             activity_actions.record_dialogue, activity_actions.void, "held_on", "org",
             (("Ngày", lambda r: fmt_date(r.held_on)), ("Cấp ủy", lambda r: r.org.name), ("Chủ trì", lambda r: r.host),
              ("Vụ việc", lambda r: integer(r.cases))), ("org",)),
    Activity("van-ban", "Văn bản", "Ghi văn bản", Document, forms.DocumentForm,
             activity_actions.record_document, activity_actions.void, "issued_on", "org",
             (("Ngày ban hành", lambda r: fmt_date(r.issued_on)), ("Cơ quan ban hành", lambda r: r.org.name),
              ("Số, ký hiệu", lambda r: r.number), ("Loại", lambda r: r.get_type_display()),
              ("Trích yếu", lambda r: r.title), ("Cụ thể hóa", lambda r: r.concretizes),
              ("Sơ kết, tổng kết", lambda r: "Có" if r.is_review else "")), ("org",)),
    Activity("khen-thuong", "Khen thưởng", "Ghi khen thưởng", Award, forms.AwardForm,
             activity_actions.record_award, activity_actions.void, "granted_on", "granted_by",
             (("Ngày", lambda r: fmt_date(r.granted_on)), ("Cấp khen thưởng", lambda r: r.granted_by.name),
              ("Đối tượng", _subject), ("Hình thức", lambda r: r.get_award_display())),
             ("granted_by", "subject_member", "subject_org")),
    Activity("can-bo", "Công tác cán bộ", "Ghi công tác cán bộ", CadreAction, forms.CadreForm,
             activity_actions.record_cadre_action, activity_actions.void, "on", "org",
             (("Ngày", lambda r: fmt_date(r.on)), ("Cấp ủy", lambda r: r.org.name),
              ("Loại việc", lambda r: r.get_kind_display()), ("Số trường hợp", lambda r: integer(r.count)),
              ("Ghi chú", lambda r: r.note)), ("org",)),
]
BY_SLUG = {a.slug: a for a in ACTIVITIES}
