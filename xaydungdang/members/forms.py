"""Member forms: personal data (admit, transfer in, edit) and one form per event type."""

from django import forms

from xaydungdang.core import access
from xaydungdang.core.forms import OrgChoiceField, StyledForm, VNDateField, VoidForm  # noqa: F401  (VoidForm: core's)
from xaydungdang.core.rules import BADGE_YEARS
from xaydungdang.members import attributes
from xaydungdang.members.models import (
    FORM_ATTRIBUTES,
    PERSONAL_DATA,
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
from xaydungdang.organizations.models import CELL_KINDS, Organization

# Where a domain problem's field is named differently from the form field.
ALIASES = {
    "org_code": "org",
    "cell": "org",
    "as_of": "on",
    "type": None,
    "member_lifecycle": None,
    "void_reason": "reason",
}


def _blank(choices):
    return [("", "— chọn —")] + list(choices)


def recordable_cells(user):
    qs = Organization.objects.filter(kind__in=CELL_KINDS, dissolved_on__isnull=True)
    return qs.restrict(user, access.RECORD).order_by("name")


class PersonalForm(StyledForm):
    member_no = forms.CharField(label="Số lý lịch", max_length=32)
    full_name = forms.CharField(label="Họ và tên", max_length=255)
    gender = forms.ChoiceField(label="Giới tính", choices=_blank(Gender.choices))
    birth_date = VNDateField(label="Ngày sinh", past=True)
    ethnicity = forms.CharField(label="Dân tộc", max_length=64, initial="Kinh")
    religion = forms.CharField(
        label="Tôn giáo", max_length=64, required=False, help_text="Để trống nếu không theo tôn giáo nào."
    )
    national_id = forms.CharField(
        label="Số định danh cá nhân", max_length=12, required=False, help_text="12 chữ số (căn cước)."
    )
    hometown = forms.CharField(label="Quê quán", max_length=255, required=False)
    residence = forms.CharField(label="Nơi cư trú", max_length=255, required=False)
    general_education = forms.CharField(
        label="Giáo dục phổ thông",
        max_length=16,
        required=False,
        help_text="Ghi như trong lý lịch: 12/12, 9/10, hoặc Tiểu học, Trung học cơ sở, Trung học phổ thông.",
    )
    qualification = forms.ChoiceField(
        label="Trình độ chuyên môn", choices=_blank(Qualification.choices), required=False
    )
    political_theory = forms.ChoiceField(
        label="Lý luận chính trị", choices=_blank(PoliticalTheory.choices), required=False
    )
    occupation = forms.ChoiceField(label="Nghề nghiệp", choices=_blank(Occupation.choices), required=False)
    academic_title = forms.ChoiceField(
        label="Học hàm", choices=[("", "Không")] + list(AcademicTitle.choices), required=False
    )
    youth_union_from = VNDateField(label="Ngày vào Đoàn TNCS Hồ Chí Minh", required=False, past=True)
    youth_union_until = VNDateField(
        label="Ngày ra khỏi Đoàn (trưởng thành Đoàn)",
        required=False,
        past=True,
        help_text="Để trống nếu vẫn là đoàn viên.",
    )
    business_owner = forms.BooleanField(label="Chủ doanh nghiệp tư nhân", required=False)
    foreign_marriage = forms.BooleanField(label="Có quan hệ hôn nhân với người nước ngoài", required=False)
    family_planning_violation = forms.BooleanField(
        label="Vi phạm chính sách kế hoạch hóa gia đình (khi kết nạp)", required=False
    )

    PERSONAL = [*PERSONAL_DATA, *FORM_ATTRIBUTES]

    def personal_data(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in self.PERSONAL if k in self.cleaned_data}


class AdmitForm(PersonalForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Chi bộ kết nạp")
    on = VNDateField(label="Ngày kết nạp", past=True)
    decision_no = forms.CharField(label="Số quyết định", max_length=64, required=False)
    decided_on = VNDateField(label="Ngày quyết định", required=False, past=True)
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    admission_exception = forms.BooleanField(
        label="Kết nạp ngoài độ tuổi (có văn bản đồng ý của cấp có thẩm quyền)", required=False
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = recordable_cells(user)
        order = ["org", "on", "decision_no", "decided_on"] + self.PERSONAL + ["admission_exception", "note"]
        self.order_fields(order)

    def personal_data(self) -> dict:
        return super().personal_data() | {"admission_exception": self.cleaned_data.get("admission_exception", False)}


class TransferInNewForm(PersonalForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Chi bộ tiếp nhận")
    on = VNDateField(label="Ngày chuyển đến", past=True)
    joined_on = VNDateField(label="Ngày vào Đảng", past=True)
    official_on = VNDateField(
        label="Ngày chính thức", required=False, past=True, help_text="Để trống nếu còn là đảng viên dự bị."
    )
    card_no = forms.CharField(label="Số thẻ đảng viên", max_length=32, required=False)
    decision_no = forms.CharField(label="Số quyết định", max_length=64, required=False)
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = recordable_cells(user)
        self.order_fields(
            ["org", "on", "decision_no"] + self.PERSONAL + ["joined_on", "official_on", "card_no", "note"]
        )

    def personal_data(self) -> dict:
        d = self.cleaned_data
        return super().personal_data() | {
            "joined_on": d.get("joined_on"),
            "official_on": d.get("official_on"),
            "card_no": d.get("card_no", ""),
            "new_member_course_on": d.get("new_member_course_on"),
        }


class EditForm(PersonalForm):
    """The national ID is never pre-filled (it would be shown unaudited): empty keeps it."""

    joined_on = VNDateField(label="Ngày vào Đảng", past=True)
    official_on = VNDateField(label="Ngày chính thức", required=False, past=True)
    card_no = forms.CharField(label="Số thẻ đảng viên", max_length=32, required=False)
    new_member_course_on = VNDateField(
        label="Ngày hoàn thành lớp bồi dưỡng đảng viên mới",
        required=False,
        past=True,
        help_text="Cần có trước khi xét công nhận đảng viên chính thức.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, masked_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if masked_id:
            self.fields["national_id"].widget.attrs["placeholder"] = masked_id
            self.fields["national_id"].help_text = "Để trống để giữ nguyên số hiện có; nhập 12 chữ số để thay."

    def personal_data(self) -> dict:
        d = self.cleaned_data
        data = super().personal_data()
        if not data.get("national_id"):
            data.pop("national_id", None)
        return data | {
            "joined_on": d.get("joined_on"),
            "official_on": d.get("official_on"),
            "card_no": d.get("card_no", ""),
        }


class EventForm(StyledForm):
    """The fields every event has; subclasses add the destination cell or the reason."""

    on = VNDateField(label="Ngày hiệu lực", past=True)
    decision_no = forms.CharField(label="Số quyết định", max_length=64, required=False)
    decided_on = VNDateField(
        label="Ngày quyết định",
        required=False,
        past=True,
        help_text="Nếu quyết định ký khác ngày hiệu lực.",
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def event_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "org": d.get("org"),
            "reason": d.get("reason") or "",
            "decision_no": d.get("decision_no", ""),
            "decided_on": d.get("decided_on"),
            "note": d.get("note", ""),
            "counterpart": d.get("counterpart") or "",
            "other_org": d.get("other_org"),
            "other_place": d.get("other_place") or "",
            "letter_no": d.get("letter_no") or "",
            "letter_on": d.get("letter_on"),
        }


class CellEventForm(EventForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Chi bộ chuyển đến")

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["org"].queryset = recordable_cells(user)
        self.order_fields(["org", "on"])


class RemovalForm(EventForm):
    reason = forms.ChoiceField(label="Lý do", choices=_blank(RemovalReason.choices))

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.order_fields(["on", "reason"])


class BadgeForm(EventForm):
    reason = forms.ChoiceField(
        label="Huy hiệu", choices=_blank((str(y), f"Huy hiệu {y} năm tuổi đảng") for y in BADGE_YEARS)
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.order_fields(["on", "reason"])


class CardForm(EventForm):
    reason = forms.CharField(label="Số thẻ đảng viên", max_length=32)

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.order_fields(["on", "reason"])


class SimpleEventForm(EventForm):
    pass


class RecognitionForm(EventForm):
    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields[
            "decided_on"
        ].help_text = "Nếu khác ngày hiệu lực (ví dụ quyết định công nhận ký sau ngày hết 12 tháng dự bị)."
        self.fields["on"].help_text = "Ngày hết 12 tháng dự bị: chính thức từ ngày này, kể cả khi quyết định ký sau."


TRANSFER_DECIDED_HELP = "Ngày ký quyết định chuyển sinh hoạt đảng, nếu khác ngày chuyển."
OTHER_PLACE_HELP = (
    "Nếu nơi đó ở ngoài hệ thống, ghi tên tổ chức đảng và tỉnh, huyện (ví dụ: Đảng ủy xã An Bình, TP. Cần Thơ)."
)


class LetterFields(forms.Form):
    """The introduction letter a transfer travels with (giấy giới thiệu sinh hoạt đảng)."""

    letter_no = forms.CharField(label="Số giấy giới thiệu", max_length=64, required=False)
    letter_on = VNDateField(label="Ngày giấy giới thiệu", required=False, past=True)


def _transfer_layout(form, first: list[str]) -> None:
    form.fields["on"].label = "Ngày chuyển"
    form.fields["decided_on"].help_text = TRANSFER_DECIDED_HELP
    form.order_fields([*first, "on", "letter_no", "letter_on", "decision_no", "decided_on"])


def no_default(form, *names) -> None:
    """The other side of a move is never the user's own unit by default (core.forms.OrgChoiceField)."""
    for name in names:
        form.fields[name].initial = None


def other_orgs():
    """Any organization of the system may be the other side of a transfer (not only the user's)."""
    return Organization.objects.filter(dissolved_on__isnull=True).order_by("name")


COUNTERPART_FIELD_HELP = "Tổ chức đảng ngoài hệ thống ở tỉnh khác hay huyện khác trong tỉnh (Biểu 1-BTCTW)."


class TransferForm(LetterFields, CellEventForm):
    """Chuyển sinh hoạt đảng trong hệ thống: the destination cell and the letter."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        no_default(self, "org")
        _transfer_layout(self, ["org"])


class TransferOutForm(LetterFields, EventForm):
    other_org = OrgChoiceField(
        queryset=Organization.objects.none(),
        label="Nơi chuyển đến (tổ chức đảng trong hệ thống)",
        required=False,
        help_text="Chọn nếu nơi đến có trong hệ thống (ví dụ đảng ủy nơi đảng viên chuyển về).",
    )
    other_place = forms.CharField(
        label="Nơi chuyển đến (ngoài hệ thống)", max_length=255, required=False, help_text=OTHER_PLACE_HELP
    )
    counterpart = forms.ChoiceField(
        label="Nơi đến thuộc",
        choices=[("", "Không rõ")] + list(Counterpart.choices),
        required=False,
        help_text=COUNTERPART_FIELD_HELP,
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["other_org"].queryset = other_orgs()
        no_default(self, "other_org")
        _transfer_layout(self, ["other_org", "other_place", "counterpart"])

    def clean(self):
        data = super().clean()
        if data.get("other_org") and (data.get("other_place") or "").strip():
            self.add_error("other_place", "Đã chọn tổ chức trong hệ thống; để trống ô này (hoặc bỏ chọn ô trên).")
        return data


class TransferInForm(LetterFields, CellEventForm):
    other_org = OrgChoiceField(
        queryset=Organization.objects.none(),
        label="Chuyển từ (tổ chức đảng trong hệ thống)",
        required=False,
        help_text="Chọn nếu nơi đi có trong hệ thống.",
    )
    other_place = forms.CharField(
        label="Chuyển từ (ngoài hệ thống)", max_length=255, required=False, help_text=OTHER_PLACE_HELP
    )
    counterpart = forms.ChoiceField(
        label="Nơi đi thuộc",
        choices=[("", "Không rõ")] + list(Counterpart.choices),
        required=False,
        help_text=COUNTERPART_FIELD_HELP,
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["other_org"].queryset = other_orgs()
        no_default(self, "other_org")
        _transfer_layout(self, ["org", "other_org", "other_place", "counterpart"])

    clean = TransferOutForm.clean


class ReturnToCellForm(CellEventForm):
    """Phục hồi đảng tịch, kết nạp lại: the cell the person is (again) a member of."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["org"].label = "Chi bộ sinh hoạt"


class TemporaryOutForm(LetterFields, EventForm):
    org = OrgChoiceField(
        queryset=Organization.objects.none(),
        label="Chi bộ nơi sinh hoạt tạm thời",
        required=False,
        help_text="Để trống nếu nơi đến ở ngoài hệ thống. Đảng viên vẫn thuộc đảng số của chi bộ mình.",
    )
    other_place = forms.CharField(
        label="Nơi sinh hoạt tạm thời (ngoài hệ thống)", max_length=255, required=False, help_text=OTHER_PLACE_HELP
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        cells = Organization.objects.filter(kind__in=CELL_KINDS, dissolved_on__isnull=True)
        self.fields["org"].queryset = cells.restrict(user, access.VIEW).order_by("name")
        no_default(self, "org")
        _transfer_layout(self, ["org", "other_place"])

    def clean(self):
        data = super().clean()
        if data.get("org") and (data.get("other_place") or "").strip():
            self.add_error("other_place", "Đã chọn chi bộ trong hệ thống; để trống ô này (hoặc bỏ chọn ô trên).")
        return data


# Event type -> (URL slug, form class, page title)
EVENT_FORMS = {
    EventType.RECOGNIZED_OFFICIAL: ("cong-nhan-chinh-thuc", RecognitionForm, "Công nhận đảng viên chính thức"),
    EventType.TRANSFERRED: ("chuyen-sinh-hoat", TransferForm, "Chuyển sinh hoạt đảng (trong hệ thống)"),
    EventType.TRANSFERRED_OUT: ("chuyen-di", TransferOutForm, "Chuyển sinh hoạt đi (ra ngoài hệ thống)"),
    EventType.TRANSFERRED_IN: ("chuyen-den-lai", TransferInForm, "Chuyển sinh hoạt đến (trở lại)"),
    EventType.AWAY_STARTED: ("di-lam-an-xa", SimpleEventForm, "Đi làm ăn xa"),
    EventType.AWAY_ENDED: ("tro-ve", SimpleEventForm, "Trở về sau khi đi làm ăn xa"),
    EventType.EXEMPTED: ("mien-sinh-hoat", SimpleEventForm, "Miễn công tác và sinh hoạt đảng"),
    EventType.EXEMPTION_ENDED: ("thoi-mien", SimpleEventForm, "Thôi miễn công tác và sinh hoạt đảng"),
    EventType.STRUCK_OFF: ("xoa-ten", RemovalForm, "Xóa tên"),
    EventType.DISMISSED: ("cho-ra-khoi-dang", RemovalForm, "Cho ra khỏi Đảng"),
    EventType.DIED: ("tu-tran", SimpleEventForm, "Từ trần"),
    EventType.BADGE_AWARDED: ("huy-hieu", BadgeForm, "Trao Huy hiệu Đảng"),
    EventType.CARD_ISSUED: ("the-dang-vien", CardForm, "Phát thẻ đảng viên"),
    EventType.CARD_REISSUED: ("cap-lai-the", CardForm, "Cấp lại thẻ đảng viên (do mất)"),
    EventType.CARD_REPLACED: ("doi-the", CardForm, "Đổi thẻ đảng viên (do hỏng)"),
    EventType.TEMPORARY_OUT: ("sinh-hoat-tam-thoi", TemporaryOutForm, "Chuyển sinh hoạt đảng tạm thời"),
    EventType.TEMPORARY_RETURNED: ("het-sinh-hoat-tam-thoi", SimpleEventForm, "Trở về sau sinh hoạt tạm thời"),
    EventType.RESTORED: ("phuc-hoi-dang-tich", ReturnToCellForm, "Phục hồi đảng tịch"),
    EventType.ADMITTED: ("ket-nap-lai", ReturnToCellForm, "Kết nạp lại (sau khi ra khỏi Đảng)"),
}
SLUG_TO_TYPE = {slug: event_type for event_type, (slug, _f, _t) in EVENT_FORMS.items()}


# The categorical values of a change, grouped by field ("field:code"), for one select.
def _change_value_choices():
    groups = [("", "— chọn —")]
    for field, label in ChangeField.choices:
        options = attributes.value_choices(field)
        if options is not None:
            groups.append((label, [(f"{field}:{code}", text) for code, text in options]))
    return groups


class ChangeForm(StyledForm):
    """Ghi thay đổi thông tin: from a date, one attribute takes a new value (the dated change
    the statistical forms read; members.attributes.attribute_at)."""

    field = forms.ChoiceField(label="Thông tin thay đổi", choices=_blank(ChangeField.choices))
    choice_value = forms.ChoiceField(
        label="Giá trị mới",
        choices=_change_value_choices,
        required=False,
        help_text="Với nghề nghiệp, chuyên môn, lý luận chính trị, học hàm, chủ doanh nghiệp, hôn nhân.",
    )
    text_value = forms.CharField(
        label="Giá trị mới (ghi chữ)",
        max_length=64,
        required=False,
        help_text="Với giáo dục phổ thông (ví dụ 12/12) và tôn giáo (để trống: không theo tôn giáo).",
    )
    on = VNDateField(label="Từ ngày", past=True)

    def clean(self):
        data = super().clean()
        field = data.get("field")
        if not field:
            return data
        if attributes.value_choices(field) is None:
            data["value"] = (data.get("text_value") or "").strip()
            error = attributes.value_error(field, data["value"])
            if error:
                self.add_error("text_value", error)
            return data
        picked = data.get("choice_value") or ""
        prefix, _sep, code = picked.partition(":")
        if prefix != field:
            self.add_error("choice_value", f"Chọn giá trị mới của {ChangeField(field).label.lower()}.")
        else:
            data["value"] = code
        return data
