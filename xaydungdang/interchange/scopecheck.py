"""The access scope of a web import: every organization the rows name must be inside the
user's "change" scope (accounts.scope), and the user must hold the staff or admin role.

A new organization of the dataset is inside the scope when the organization it hangs
from is (at founding and after every move).
"""

from xaydungdang.accounts.scope import CHANGE, scope_for
from xaydungdang.core.subjects import SubjectType
from xaydungdang.interchange.work import Work

# table -> columns naming an organization
ORG_COLUMNS = {
    "organizations": ("parent_code",),
    "org_moves": ("code", "new_parent_code"),
    "localities": ("org_code",),
    "members": ("org_code",),
    "member_events": ("org_code",),
    "targets": ("org_code",),
    "inspections": ("org_code",),
    "disciplines": ("decided_by",),
    "classes": ("org_code",),
    "dialogues": ("org_code",),
    "documents": ("org_code",),
    "awards": ("granted_by",),
    "cadre_actions": ("org_code",),
    "temporary_arrivals": ("org_code",),
}
MEMBER_COLUMNS = {
    "member_events": "member_no",
    "screenings": "member_no",
    "dues_bases": "member_no",
    "dues_payments": "member_no",
}
SUBJECT_TABLES = ("ratings", "inspections", "disciplines", "awards")


def check_scope(work: Work, user) -> None:
    scope = scope_for(user, CHANGE)
    if scope.is_global:
        return
    if scope.empty:
        work.issues.add(
            "organizations",
            None,
            None,
            "Tài khoản không có quyền nhập dữ liệu: cần vai trò cán bộ Ban "
            "Xây dựng Đảng (staff) hoặc quản trị (admin).",
        )
        return
    cache: dict[str, bool] = {}

    def allowed(code: str, trail=()) -> bool:
        if code in cache:
            return cache[code]
        fact = work.orgs.get(code)
        if fact is None:
            info = work.tree.get(code)
            result = info is not None and scope.covers(info.id)
        else:
            parent = fact.row.v.get("parent_code")
            result = parent is not None and parent not in trail and allowed(parent, (*trail, code))
            if result:
                result = all(
                    allowed(m.v["new_parent_code"], (*trail, code))
                    for m in work.rows.get("org_moves", [])
                    if m.v.get("code") == code and m.v.get("new_parent_code")
                )
        cache[code] = result
        return result

    def outside(row, column, code):
        work.error(row, column, f"Tổ chức {code} nằm ngoài phạm vi quyền của tài khoản; không được nhập.")

    for table, columns in ORG_COLUMNS.items():
        for row in work.rows.get(table, []):
            for column in columns:
                code = row.v.get(column)
                if code is None:
                    if table == "organizations" and column == "parent_code" and row.v.get("code"):
                        work.error(row, column, "Chỉ quản trị hệ thống mới được tạo tổ chức không có cấp trên.")
                    continue
                if work.org_known(code) and not allowed(code):
                    outside(row, column, code)

    def member_allowed(number) -> bool:
        entry = work.members.get(number)
        if entry is None:
            return True  # already reported as unknown
        if entry.db_id is None:
            return True  # a dataset member: its own rows are checked above
        return entry.current_cell is not None and allowed(entry.current_cell)

    for table, column in MEMBER_COLUMNS.items():
        for row in work.rows.get(table, []):
            number = row.v.get(column)
            if number and not member_allowed(number):
                work.error(row, column, f"Đảng viên {number} sinh hoạt ngoài phạm vi quyền của tài khoản.")
    for table in SUBJECT_TABLES:
        for row in work.rows.get(table, []):
            kind, subject = row.v.get("subject_type"), row.v.get("subject")
            if subject is None:
                continue
            if kind == SubjectType.MEMBER and not member_allowed(subject):
                work.error(row, "subject", f"Đảng viên {subject} sinh hoạt ngoài phạm vi quyền của tài khoản.")
            elif kind == SubjectType.ORG and work.org_known(subject) and not allowed(subject):
                outside(row, "subject", subject)
