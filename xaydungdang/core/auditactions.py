"""Every action the audit trail records, with its Vietnamese label.

`audit.record` accepts only these (a member, or its stored string, which is checked): a typo
fails at once instead of writing an entry nobody can label or count. The stored strings are
the ones written since the first version, so old entries read the same; a few are kept only
for entries written by earlier versions (marked "earlier versions").

The audit trail's labels (accounts/audit_trail.py) and the dashboard's data version (which
entries are reads, not changes: `READS`) come from here.
"""

from django.db import models


class AuditAction(models.TextChoices):
    # Signing in and accounts
    LOGIN_SUCCESS = "login.success", "Đăng nhập"
    LOGIN_FAILURE = "login.failure", "Đăng nhập thất bại"
    LOGIN_LOCKOUT = "login.lockout", "Khóa đăng nhập do sai nhiều lần"
    LOGOUT = "logout", "Đăng xuất"
    OTP_ENROL = "otp.enrol", "Bật xác thực hai lớp"
    OTP_REMOVE = "otp.remove", "Tắt xác thực hai lớp"
    OTP_FAILURE = "otp.failure", "Mã xác thực hai lớp sai"
    USER_CREATE = "user.create", "Tạo người dùng"
    USER_PASSWORD = "user.password", "Đổi mật khẩu"
    USER_DEACTIVATE = "user.deactivate", "Khóa tài khoản"
    USER_ACTIVATE = "user.activate", "Mở lại tài khoản"
    ROLE_GRANT = "role.grant", "Cấp quyền"
    ROLE_REVOKE = "role.revoke", "Thu hồi quyền"
    USER_EXPORT = "user.export", "Xuất danh sách người dùng"
    TOKEN_CREATE = "token.create", "Tạo mã truy cập API"
    TOKEN_REVOKE = "token.revoke", "Thu hồi mã truy cập API"
    API_READ = "api.read", "Đọc dữ liệu cá nhân qua API"
    USER_DIGEST = "user.digest", "Đăng ký nhận thư nhắc hạn"
    # The system
    AUDIT_EXPORT = "audit.export", "Xuất nhật ký"
    SYSTEM_RESTORE = "system.restore", "Khôi phục cơ sở dữ liệu"
    DATA_REBUILD = "data.rebuild", "Dựng lại dữ liệu tổng hợp của đảng viên"
    INTERCHANGE_UPLOAD = "interchange.upload", "Tải lên tệp để nhập dữ liệu"
    INTERCHANGE_IMPORT = "interchange.import", "Nhập bộ dữ liệu"
    INTERCHANGE_EXPORT = "interchange.export", "Xuất bộ dữ liệu"
    IMPORT = "import", "Nhập dữ liệu"  # earlier versions
    # The working-day calendar and the deadline registry (core/calendar_actions.py, alerts)
    DAYOFF_SAVE = "dayoff.save", "Ghi ngày nghỉ, ngày làm bù"
    DAYOFF_REMOVE = "dayoff.remove", "Xóa ngày nghỉ, ngày làm bù"
    DEADLINES_EXPORT = "deadlines.export", "Xuất danh sách hạn cần xử lý"
    DEADLINES_DIGEST = "deadlines.digest", "Gửi thư nhắc hạn cần xử lý"
    DATA_CAMPAIGN_EXPORT = "datacheck.export", "Xuất danh sách rà soát dữ liệu đảng viên"  # indicators/campaign.py
    # Reports
    REPORT_VIEW = "report.view", "Xem báo cáo"
    REPORT_HTML = "report.html", "Tải báo cáo (HTML)"
    REPORT_JSON = "report.json", "Tải báo cáo (JSON)"
    REPORT_DOCX = "report.docx", "Tải báo cáo (Word)"
    REPORT_PDF = "report.pdf", "Tải báo cáo (PDF)"
    REPORT_XLSX = "report.xlsx", "Tải báo cáo (Excel)"
    # The statistical forms (Biểu thống kê)
    FORMS_VIEW = "forms.view", "Xem biểu thống kê"
    FORMS_XLSX = "forms.xlsx", "Tải biểu thống kê (Excel)"
    FORMS_PDF = "forms.pdf", "Tải biểu thống kê (PDF)"
    FORMS_BEHIND = "forms.behind", "Xem danh sách sau một số liệu của biểu thống kê"
    FORMS_BEHIND_EXPORT = "forms.behind_export", "Xuất danh sách sau một số liệu của biểu thống kê"
    FORMS_RECONCILE = "forms.reconcile", "Đối chiếu biểu thống kê với đơn vị trực thuộc"
    # The report workspace (reports/actions.py): documents staff write, not party-building figures
    REPORT_DRAFT_OPEN = "report.draft_open", "Mở dự thảo báo cáo"
    REPORT_DRAFT_SAVE = "report.draft_save", "Lưu dự thảo báo cáo"
    REPORT_ISSUE = "report.issue", "Ban hành báo cáo"
    REPORT_REOPEN = "report.reopen", "Mở lại báo cáo đã ban hành thành phiên bản mới"
    REPORT_REQUEST = "report.request", "Gửi yêu cầu báo cáo cho đơn vị trực thuộc"
    REPORT_SUBMIT = "report.submit", "Nộp báo cáo lên cấp trên"
    REPORT_PULL = "report.pull", "Trích báo cáo của đơn vị trực thuộc vào dự thảo"
    # Members: the dossier
    MEMBER_ADMITTED = "member.admitted", "Kết nạp đảng viên"
    MEMBER_TRANSFERRED_IN = "member.transferred_in", "Đảng viên chuyển đến"
    MEMBER_OPENING = "member.opening", "Nhập đảng viên (số dư đầu kỳ)"
    MEMBER_UPDATE = "member.update", "Sửa hồ sơ đảng viên"
    MEMBER_CHANGE_RECORD = "memberchange.record", "Ghi thay đổi thông tin đảng viên"
    MEMBER_CHANGE_VOID = "memberchange.void", "Hủy thay đổi thông tin đảng viên"
    MEMBER_EXPORT = "member.export", "Xuất danh sách đảng viên"
    ACTIVITY_EXPORT = "activity.export", "Xuất danh sách hoạt động"  # core/generic.py
    MEMBER_SHOW_NATIONAL_ID = "member.show_national_id", "Xem số định danh đầy đủ"
    MEMBER_LIST = "member.list", "Xem danh sách đảng viên"
    MEMBER_VIEW = "member.view", "Xem hồ sơ đảng viên"
    MEMBER_EVENTS = "member.events", "Xem biến động của một đảng viên"
    MEMBER_CLASH = "member.clash", "Từ chối: số lý lịch hoặc số định danh trùng"
    EVENT_LIST = "event.list", "Xem danh sách biến động đảng viên"
    # Members: one per event type (members.models.EventType; a test keeps the two in step)
    EVENT_OPENING = "event.opening", "Ghi biến động: Số dư đầu kỳ"
    EVENT_ADMITTED = "event.admitted", "Ghi biến động: Kết nạp"
    EVENT_RECOGNIZED_OFFICIAL = "event.recognized_official", "Ghi biến động: Công nhận đảng viên chính thức"
    EVENT_TRANSFERRED = "event.transferred", "Ghi biến động: Chuyển sinh hoạt đảng chính thức"
    EVENT_TRANSFERRED_IN = "event.transferred_in", "Ghi biến động: Chuyển đến"
    EVENT_TRANSFERRED_OUT = "event.transferred_out", "Ghi biến động: Chuyển đi"
    EVENT_AWAY_STARTED = "event.away_started", "Ghi biến động: Đi làm ăn xa"
    EVENT_AWAY_ENDED = "event.away_ended", "Ghi biến động: Trở về"
    EVENT_EXEMPTED = "event.exempted", "Ghi biến động: Miễn công tác và sinh hoạt đảng"
    EVENT_EXEMPTION_ENDED = "event.exemption_ended", "Ghi biến động: Thôi miễn công tác và sinh hoạt đảng"
    EVENT_STRUCK_OFF = "event.struck_off", "Ghi biến động: Xóa tên"
    EVENT_DISMISSED = "event.dismissed", "Ghi biến động: Cho ra khỏi Đảng"
    EVENT_DIED = "event.died", "Ghi biến động: Từ trần"
    EVENT_BADGE_AWARDED = "event.badge_awarded", "Ghi biến động: Trao Huy hiệu Đảng"
    EVENT_CARD_ISSUED = "event.card_issued", "Ghi biến động: Phát thẻ đảng viên"
    EVENT_RESTORED = "event.restored", "Ghi biến động: Phục hồi đảng tịch"
    EVENT_CARD_REISSUED = "event.card_reissued", "Ghi biến động: Cấp lại thẻ đảng viên (do mất)"
    EVENT_CARD_REPLACED = "event.card_replaced", "Ghi biến động: Đổi thẻ đảng viên (do hỏng)"
    EVENT_TEMPORARY_OUT = "event.temporary_out", "Ghi biến động: Chuyển sinh hoạt đảng tạm thời"
    EVENT_TEMPORARY_RETURNED = "event.temporary_returned", "Ghi biến động: Trở về sau sinh hoạt tạm thời"
    EVENT_VOID = "event.void", "Hủy biến động"
    # The organization tree
    ORG_FOUND = "org.found", "Thành lập tổ chức đảng"
    ORG_UPDATE = "org.update", "Sửa thông tin tổ chức đảng"
    ORG_MOVE = "org.move", "Chuyển tổ chức đảng trực thuộc"
    ORG_MOVE_VOID = "org.move.void", "Hủy việc chuyển tổ chức"  # earlier versions
    ORG_DISSOLVE = "org.dissolve", "Giải thể tổ chức đảng"
    ORG_MERGE = "org.merge", "Hợp nhất tổ chức đảng"  # earlier versions
    # Dated records and their voids (recording.void: "<model name>.void")
    CLASS_RECORD = "class.record", "Ghi lớp học"
    DIALOGUE_RECORD = "dialogue.record", "Ghi buổi đối thoại"
    DOCUMENT_RECORD = "document.record", "Ghi văn bản"
    AWARD_RECORD = "award.record", "Ghi khen thưởng"
    CADRE_RECORD = "cadre.record", "Ghi công tác cán bộ"
    TARGET_SET = "target.set", "Đặt chỉ tiêu kết nạp"
    INSPECTION_RECORD = "inspection.record", "Ghi cuộc kiểm tra, giám sát"
    DISCIPLINE_RECORD = "discipline.record", "Ghi kỷ luật"
    RATING_RECORD = "rating.record", "Ghi xếp loại"
    SCREENING_RECORD = "screening.record", "Ghi rà soát"
    ARRIVAL_RECORD = "arrival.record", "Ghi tiếp nhận sinh hoạt đảng tạm thời"
    CLASS_VOID = "trainingclass.void", "Hủy bản ghi lớp học"
    DIALOGUE_VOID = "dialogue.void", "Hủy bản ghi buổi đối thoại"
    DOCUMENT_VOID = "document.void", "Hủy bản ghi văn bản"
    AWARD_VOID = "award.void", "Hủy bản ghi khen thưởng"
    CADRE_VOID = "cadreaction.void", "Hủy bản ghi công tác cán bộ"
    TARGET_VOID = "target.void", "Hủy chỉ tiêu kết nạp"
    INSPECTION_VOID = "inspection.void", "Hủy bản ghi kiểm tra, giám sát"
    DISCIPLINE_VOID = "discipline.void", "Hủy bản ghi kỷ luật"
    RATING_VOID = "rating.void", "Hủy bản ghi xếp loại"
    SCREENING_VOID = "screening.void", "Hủy bản ghi rà soát"
    ARRIVAL_VOID = "temporaryarrival.void", "Hủy bản ghi tiếp nhận sinh hoạt đảng tạm thời"
    DUES_BASE_RECORD = "duesbase.record", "Ghi mức đóng đảng phí"
    DUES_BASE_VOID = "duesbase.void", "Hủy mức đóng đảng phí"
    DUES_PAYMENT_RECORD = "duespayment.record", "Ghi thu đảng phí"
    DUES_PAYMENT_VOID = "duespayment.void", "Hủy khoản thu đảng phí"
    # Huy hiệu Đảng (badges app)
    BADGE_FLAG_RECORD = "badgeflag.record", "Ghi trường hợp trao sớm, truy tặng Huy hiệu Đảng"
    BADGE_FLAG_VOID = "badgeflag.void", "Hủy trường hợp trao sớm, truy tặng Huy hiệu Đảng"
    BADGE_EXPORT = "badges.export", "Xuất danh sách đề nghị tặng Huy hiệu Đảng"
    # Transfers of party activity (transfers/actions.py)
    TRANSFER_START = "transfer.start", "Lập chuyển sinh hoạt đảng"
    TRANSFER_ISSUE = "transfer.issue", "Cấp giấy giới thiệu sinh hoạt đảng"
    TRANSFER_ACCEPT = "transfer.accept", "Tiếp nhận đảng viên chuyển sinh hoạt đến"
    TRANSFER_NOT_ARRIVED = "transfer.not_arrived", "Báo không nhận được đảng viên chuyển sinh hoạt đến"
    TRANSFER_CONFIRM = "transfer.confirm", "Ghi nhận lại phiếu báo đã nhận sinh hoạt đảng"
    TRANSFER_RETURN = "transfer.return", "Ghi trở về sau sinh hoạt đảng tạm thời"
    TRANSFER_VOID = "transfer.void", "Hủy chuyển sinh hoạt đảng"
    # Admission of candidates (admissions/actions.py)
    CANDIDATE_RECORD = "candidate.record", "Ghi quần chúng ưu tú"
    CANDIDATE_VOID = "candidate.void", "Hủy quần chúng ưu tú khỏi danh sách"
    CANDIDATE_STEP = "candidatestep.record", "Ghi bước kết nạp đảng viên"
    CANDIDATE_STEP_VOID = "candidatestep.void", "Hủy bước kết nạp đảng viên"

    @classmethod
    def of(cls, action) -> "AuditAction":
        """The member for `action` (a member or its stored string); ValueError for anything else."""
        if isinstance(action, cls):
            return action
        try:
            return cls(action)
        except ValueError:
            raise ValueError(f"unknown audit action {action!r}: add it to core/auditactions.py AuditAction") from None

    @classmethod
    def event(cls, event_type: str) -> "AuditAction":
        return cls.of(f"event.{event_type}")

    @classmethod
    def void_of(cls, model) -> "AuditAction":
        return cls.of(f"{model._meta.model_name}.void")


# Entries that record reading, signing in or managing accounts, not a change of party-building
# data: they do not change the dashboard's data version (web/cache.py).
READS = frozenset(
    {
        AuditAction.LOGIN_SUCCESS,
        AuditAction.LOGIN_FAILURE,
        AuditAction.LOGIN_LOCKOUT,
        AuditAction.LOGOUT,
        AuditAction.OTP_ENROL,
        AuditAction.OTP_REMOVE,
        AuditAction.OTP_FAILURE,
        AuditAction.USER_CREATE,
        AuditAction.USER_PASSWORD,
        AuditAction.USER_DEACTIVATE,
        AuditAction.USER_ACTIVATE,
        AuditAction.ROLE_GRANT,
        AuditAction.ROLE_REVOKE,
        AuditAction.AUDIT_EXPORT,
        AuditAction.USER_EXPORT,
        AuditAction.TOKEN_CREATE,
        AuditAction.TOKEN_REVOKE,
        AuditAction.API_READ,
        AuditAction.USER_DIGEST,
        AuditAction.REPORT_VIEW,
        AuditAction.REPORT_HTML,
        AuditAction.REPORT_JSON,
        AuditAction.REPORT_DOCX,
        AuditAction.REPORT_PDF,
        AuditAction.REPORT_XLSX,
        AuditAction.FORMS_VIEW,
        AuditAction.FORMS_XLSX,
        AuditAction.FORMS_PDF,
        AuditAction.FORMS_BEHIND,
        AuditAction.FORMS_BEHIND_EXPORT,
        AuditAction.FORMS_RECONCILE,
        # The report workspace writes the staff's text: no figure changes, so no cache is outdated.
        AuditAction.REPORT_DRAFT_OPEN,
        AuditAction.REPORT_DRAFT_SAVE,
        AuditAction.REPORT_ISSUE,
        AuditAction.REPORT_REOPEN,
        AuditAction.REPORT_REQUEST,
        AuditAction.REPORT_SUBMIT,
        AuditAction.REPORT_PULL,
        AuditAction.MEMBER_EXPORT,
        AuditAction.DEADLINES_EXPORT,
        AuditAction.DEADLINES_DIGEST,
        AuditAction.DATA_CAMPAIGN_EXPORT,
        AuditAction.MEMBER_SHOW_NATIONAL_ID,
        AuditAction.MEMBER_LIST,
        AuditAction.MEMBER_VIEW,
        AuditAction.MEMBER_EVENTS,
        AuditAction.EVENT_LIST,
        AuditAction.MEMBER_CLASH,
        AuditAction.ACTIVITY_EXPORT,
        AuditAction.BADGE_EXPORT,
    }
)


# What each action says in a sentence of the audit trail and the member's log: "<who> <phrase>",
# e.g. "Nguyễn Văn A xuất báo cáo năm 2023 của Đảng bộ xã Kế Sách dạng XLSX". Placeholders:
# {object} (what the entry is about: a member, an organization, a file), {org} (the entry's
# organization), {period} ("năm 2023", "từ 01/01/2023 đến 30/06/2023"), {format} (XLSX, PDF…),
# {file} (the user's file name). A part in [brackets] is left out when a placeholder in it is
# empty. accounts/audit_trail.sentence() fills them in; a test keeps one phrase per action.
A = AuditAction
DESCRIPTIONS: dict = {
    A.LOGIN_SUCCESS: "đăng nhập thành công",
    A.LOGIN_FAILURE: "đăng nhập không thành công (sai tên đăng nhập hoặc mật khẩu)",
    A.LOGIN_LOCKOUT: "bị tạm khóa đăng nhập do nhập sai nhiều lần",
    A.LOGOUT: "đăng xuất",
    A.OTP_ENROL: "bật xác thực hai lớp[ cho tài khoản {object}]",
    A.OTP_REMOVE: "tắt xác thực hai lớp[ của tài khoản {object}]",
    A.OTP_FAILURE: "nhập sai mã xác thực hai lớp",
    A.USER_CREATE: "tạo tài khoản[ {object}]",
    A.USER_PASSWORD: "đổi mật khẩu[ của tài khoản {object}]",
    A.USER_DEACTIVATE: "khóa tài khoản[ {object}]",
    A.USER_ACTIVATE: "mở lại tài khoản[ {object}]",
    A.ROLE_GRANT: "cấp quyền[ cho {object}][ tại {org}]",
    A.ROLE_REVOKE: "thu hồi quyền[ của {object}][ tại {org}]",
    A.USER_EXPORT: "xuất danh sách người dùng[ dạng {format}]",
    A.TOKEN_CREATE: "tạo mã truy cập API[ {object}]",
    A.TOKEN_REVOKE: "thu hồi mã truy cập API[ {object}]",
    A.API_READ: "đọc dữ liệu cá nhân qua API[: {object}]",
    A.USER_DIGEST: "thay đổi đăng ký nhận thư nhắc hạn cần xử lý[ của {object}]",
    A.AUDIT_EXPORT: "xuất nhật ký[ dạng {format}]",
    A.SYSTEM_RESTORE: "khôi phục cơ sở dữ liệu từ bản sao lưu[ {file}]",
    A.DATA_REBUILD: "dựng lại dữ liệu tổng hợp của đảng viên",
    A.INTERCHANGE_UPLOAD: "tải lên tệp[ {file}] để nhập dữ liệu",
    A.INTERCHANGE_IMPORT: "nhập dữ liệu từ tệp[ {file}]",
    A.INTERCHANGE_EXPORT: "xuất bộ dữ liệu[ của {org}]",
    A.IMPORT: "nhập dữ liệu[ từ tệp {file}]",
    A.DAYOFF_SAVE: "ghi ngày nghỉ, ngày làm bù[ {object}]",
    A.DAYOFF_REMOVE: "xóa ngày nghỉ, ngày làm bù[ {object}]",
    A.DEADLINES_EXPORT: "xuất danh sách hạn cần xử lý[ của {org}][ dạng {format}]",
    A.DATA_CAMPAIGN_EXPORT: "xuất danh sách rà soát dữ liệu đảng viên[ của {org}][ dạng {format}]",
    A.DEADLINES_DIGEST: "gửi thư nhắc hạn cần xử lý[ cho {object}]",
    A.REPORT_VIEW: "xem báo cáo[ {period}][ của {org}]",
    A.REPORT_HTML: "xuất báo cáo[ {period}][ của {org}] dạng HTML",
    A.REPORT_JSON: "xuất báo cáo[ {period}][ của {org}] dạng JSON",
    A.REPORT_DOCX: "xuất báo cáo[ {period}][ của {org}] dạng Word (DOCX)",
    A.REPORT_PDF: "xuất báo cáo[ {period}][ của {org}] dạng PDF",
    A.REPORT_XLSX: "xuất báo cáo[ {period}][ của {org}] dạng XLSX",
    A.FORMS_VIEW: "xem biểu thống kê[ {period}][ của {org}]",
    A.FORMS_XLSX: "xuất biểu thống kê[ {period}][ của {org}] dạng XLSX",
    A.FORMS_PDF: "xuất biểu thống kê[ {period}][ của {org}] dạng PDF",
    A.FORMS_BEHIND: "xem danh sách sau một số liệu của biểu thống kê[ {period}][ của {org}]",
    A.FORMS_BEHIND_EXPORT: "xuất danh sách sau một số liệu của biểu thống kê[ {period}][ của {org}]",
    A.FORMS_RECONCILE: "đối chiếu biểu thống kê[ {period}][ của {org}] với các đơn vị trực thuộc",
    A.REPORT_DRAFT_OPEN: "mở dự thảo báo cáo[ {period}][ của {org}]",
    A.REPORT_DRAFT_SAVE: "lưu dự thảo báo cáo[ {period}][ của {org}]",
    A.REPORT_ISSUE: "ban hành báo cáo[ {period}][ của {org}]",
    A.REPORT_REOPEN: "mở lại báo cáo[ {period}][ của {org}] thành phiên bản mới",
    A.REPORT_REQUEST: "gửi yêu cầu báo cáo[ {period}][ của {org}] cho các đơn vị trực thuộc",
    A.REPORT_SUBMIT: "nộp báo cáo[ {period}][ của {org}] lên cấp trên",
    A.REPORT_PULL: "trích báo cáo của đơn vị trực thuộc vào dự thảo[ {period}][ của {org}]",
    A.MEMBER_ADMITTED: "ghi kết nạp đảng viên[ {object}][ vào {org}]",
    A.MEMBER_TRANSFERRED_IN: "ghi đảng viên[ {object}] chuyển đến[ {org}]",
    A.MEMBER_OPENING: "nhập hồ sơ đảng viên[ {object}] (số dư đầu kỳ)",
    A.MEMBER_UPDATE: "sửa hồ sơ đảng viên[ {object}]",
    A.MEMBER_CHANGE_RECORD: "ghi thay đổi thông tin đảng viên[ {object}]",
    A.MEMBER_CHANGE_VOID: "hủy thay đổi thông tin đảng viên[ {object}]",
    A.MEMBER_EXPORT: "xuất danh sách đảng viên[ của {org}][ dạng {format}]",
    A.ACTIVITY_EXPORT: "xuất danh sách hoạt động[ {object}][ của {org}][ dạng {format}]",
    A.MEMBER_SHOW_NATIONAL_ID: "xem số định danh đầy đủ[ của {object}]",
    A.MEMBER_LIST: "xem danh sách đảng viên[ của {org}]",
    A.MEMBER_VIEW: "xem hồ sơ đảng viên[ {object}]",
    A.MEMBER_EVENTS: "xem biến động của đảng viên[ {object}]",
    A.MEMBER_CLASH: "bị từ chối vì số lý lịch hoặc số định danh trùng với một đảng viên khác",
    A.EVENT_LIST: "xem danh sách biến động đảng viên[ của {org}]",
    A.EVENT_VOID: "hủy biến động[ {object}]",
    A.ORG_FOUND: "thành lập tổ chức đảng[ {object}]",
    A.ORG_UPDATE: "sửa thông tin tổ chức đảng[ {object}]",
    A.ORG_MOVE: "chuyển tổ chức đảng[ {object}] sang trực thuộc cấp trên mới",
    A.ORG_MOVE_VOID: "hủy việc chuyển tổ chức đảng[ {object}]",
    A.ORG_DISSOLVE: "giải thể tổ chức đảng[ {object}]",
    A.ORG_MERGE: "hợp nhất tổ chức đảng[ {object}]",
    A.CLASS_RECORD: "ghi lớp học[ {object}][ của {org}]",
    A.DIALOGUE_RECORD: "ghi buổi đối thoại với Nhân dân[ của {org}]",
    A.DOCUMENT_RECORD: "ghi văn bản[ {object}][ của {org}]",
    A.AWARD_RECORD: "ghi khen thưởng[ {object}]",
    A.CADRE_RECORD: "ghi công tác cán bộ[ của {org}]",
    A.TARGET_SET: "đặt chỉ tiêu kết nạp[ của {org}]",
    A.INSPECTION_RECORD: "ghi cuộc kiểm tra, giám sát[ {object}]",
    A.DISCIPLINE_RECORD: "ghi kỷ luật[ {object}]",
    A.RATING_RECORD: "ghi xếp loại chất lượng[ {object}]",
    A.SCREENING_RECORD: "ghi rà soát[ {object}]",
    A.ARRIVAL_RECORD: "ghi tiếp nhận sinh hoạt đảng tạm thời[ {object}][ tại {org}]",
    A.CLASS_VOID: "hủy bản ghi lớp học[ {object}]",
    A.DIALOGUE_VOID: "hủy bản ghi buổi đối thoại[ {object}]",
    A.DOCUMENT_VOID: "hủy bản ghi văn bản[ {object}]",
    A.AWARD_VOID: "hủy bản ghi khen thưởng[ {object}]",
    A.CADRE_VOID: "hủy bản ghi công tác cán bộ[ {object}]",
    A.TARGET_VOID: "hủy chỉ tiêu kết nạp[ {object}]",
    A.INSPECTION_VOID: "hủy bản ghi kiểm tra, giám sát[ {object}]",
    A.DISCIPLINE_VOID: "hủy bản ghi kỷ luật[ {object}]",
    A.RATING_VOID: "hủy bản ghi xếp loại[ {object}]",
    A.SCREENING_VOID: "hủy bản ghi rà soát[ {object}]",
    A.ARRIVAL_VOID: "hủy bản ghi tiếp nhận sinh hoạt đảng tạm thời[ {object}]",
    A.DUES_BASE_RECORD: "ghi mức đóng đảng phí[ {object}]",
    A.DUES_BASE_VOID: "hủy mức đóng đảng phí[ {object}]",
    A.DUES_PAYMENT_RECORD: "ghi thu đảng phí[ {object}]",
    A.DUES_PAYMENT_VOID: "hủy khoản thu đảng phí[ {object}]",
    A.BADGE_FLAG_RECORD: "ghi trường hợp trao sớm, truy tặng Huy hiệu Đảng[ {object}]",
    A.BADGE_FLAG_VOID: "hủy trường hợp trao sớm, truy tặng Huy hiệu Đảng[ {object}]",
    A.BADGE_EXPORT: "xuất danh sách đề nghị tặng Huy hiệu Đảng[ {object}][ của {org}][ dạng {format}]",
    A.TRANSFER_START: "lập chuyển sinh hoạt đảng[ {object}]",
    A.TRANSFER_ISSUE: "cấp giấy giới thiệu sinh hoạt đảng[ {object}]",
    A.TRANSFER_ACCEPT: "tiếp nhận đảng viên chuyển sinh hoạt đến[ {object}][ tại {org}]",
    A.TRANSFER_NOT_ARRIVED: "báo không nhận được đảng viên chuyển sinh hoạt đến[ {object}][ tại {org}]",
    A.TRANSFER_CONFIRM: "ghi nhận lại phiếu báo đã nhận sinh hoạt đảng[ {object}]",
    A.TRANSFER_RETURN: "ghi trở về sau sinh hoạt đảng tạm thời[ {object}]",
    A.TRANSFER_VOID: "hủy chuyển sinh hoạt đảng[ {object}]",
    A.CANDIDATE_RECORD: "ghi quần chúng ưu tú[ {object}][ của {org}]",
    A.CANDIDATE_VOID: "hủy quần chúng ưu tú[ {object}] khỏi danh sách",
    A.CANDIDATE_STEP: "ghi bước kết nạp[ {object}]",
    A.CANDIDATE_STEP_VOID: "hủy bước kết nạp[ {object}]",
}
# One per member event type, from its label ("Ghi biến động: Kết nạp" -> "ghi biến động «Kết nạp»: …").
for _action in AuditAction:
    if _action.value.startswith("event.") and _action not in DESCRIPTIONS and ": " in _action.label:
        DESCRIPTIONS[_action] = f"ghi biến động «{_action.label.split(': ', 1)[1]}»[ — {{object}}]"
del A, _action
