"""Broken datasets fail with messages naming table, row and column, and write nothing."""

import pytest

from xaydungdang.interchange.importer import import_path, import_tables
from xaydungdang.interchange.tests.helpers import add_row, copy_sample, messages, read_table, set_cell, table_counts


@pytest.fixture
def broken(db, tmp_path):
    """Import a copy of the sample after `edit(folder)`; returns the messages, and checks
    that not one row of any table was written."""
    calls = []

    def run(edit):
        calls.append(edit)
        folder = copy_sample(tmp_path, f"ds{len(calls)}")
        edit(folder)
        before = table_counts()
        report = import_path(folder)
        assert not report.ok
        assert table_counts() == before
        return messages(report)

    return run


def test_bad_date(broken):
    errors = broken(lambda f: set_cell(f, "members", 3, "Ngày sinh", "31/02/1990"))
    assert errors == ['members, dòng 3, cột birth_date: Ngày "31/02/1990" không hợp lệ.']


def test_unknown_organization(broken):
    errors = broken(lambda f: set_cell(f, "members", 4, "Mã chi bộ", "KHONGCO"))
    assert errors == ['members, dòng 4, cột org_code: Không có tổ chức mã "KHONGCO" trong bộ dữ liệu hay hệ thống.']


def test_parent_of_a_wrong_kind(broken):
    # A chi bộ trực thuộc directly under a district committee.
    errors = broken(lambda f: set_cell(f, "organizations", 8, "Mã tổ chức cấp trên", "H1"))
    assert len(errors) == 1
    assert errors[0].startswith(
        "organizations, dòng 8, cột parent_code: Chi bộ trực thuộc không thể trực thuộc "
        "Đảng bộ cấp trên trực tiếp của cơ sở (H1)"
    )


def test_event_before_admission(broken):
    errors = broken(
        lambda f: add_row(
            f, "member_events", {"Số lý lịch": "TM004", "Loại biến động": "Đi làm ăn xa", "Ngày hiệu lực": "01/01/2021"}
        )
    )
    assert errors == [
        'member_events, dòng 15, cột on: "Đi làm ăn xa" ngày 01/01/2021 trước ngày vào Đảng '
        "26/03/2021 của Trần Thị Cúc (TM004)."
    ]


def test_recognition_before_twelve_months(broken):
    errors = broken(lambda f: set_cell(f, "member_events", 11, "Ngày hiệu lực", "25/03/2022"))
    assert len(errors) == 1
    assert errors[0].startswith(
        "member_events, dòng 11, cột on: Công nhận chính thức ngày 25/03/2022 khi chưa đủ 12 tháng dự bị"
    )


def test_duplicate_national_id(broken):
    errors = broken(lambda f: set_cell(f, "members", 5, "Số định danh cá nhân", "094070000001"))
    assert errors == ["members, dòng 5, cột national_id: Số định danh 094070000001 trùng với đảng viên ở dòng 2."]


def test_national_id_of_eleven_digits(broken):
    errors = broken(lambda f: set_cell(f, "members", 2, "Số định danh cá nhân", "09407000000"))
    assert len(errors) == 1
    assert errors[0].startswith('members, dòng 2, cột national_id: Số định danh "09407000000" phải gồm đúng 12 chữ số')


def test_member_without_opening_or_entry_event(broken):
    def edit(folder):
        rows = read_table(folder, "member_events")
        rows = [r for r in rows if r[0] != "TM005"]  # drop TM005's transfer in
        from xaydungdang.interchange.tests.helpers import write_table

        write_table(folder, "member_events", rows)

    errors = broken(edit)
    assert errors == [
        "members, dòng 6, cột org_code: Đảng viên không có mã chi bộ (số dư đầu kỳ) và cũng không có "
        "biến động «Kết nạp» hay «Chuyển đến»."
    ]


def test_event_in_a_cell_dissolved_before(broken):
    errors = broken(
        lambda f: add_row(
            f,
            "member_events",
            {"Số lý lịch": "TM001", "Loại biến động": "transferred", "Ngày hiệu lực": "01/01/2023", "Mã chi bộ": "X1B"},
        )
    )
    assert errors == ["member_events, dòng 15, cột org_code: Chi bộ Chi bộ ấp B (X1B) không tồn tại ngày 01/01/2023."]


def test_member_left_in_a_dissolved_cell(broken):
    # Without the transfer, TM002 is still in X1B when it is dissolved on 01/07/2022.
    errors = broken(lambda f: set_cell(f, "member_events", 12, "Ngày hiệu lực", "15/06/2099"))
    assert "member_events, dòng 12, cột on: Ngày 15/06/2099 ở sau ngày hôm nay." in errors


def test_future_dates(broken):
    def edit(folder):
        set_cell(folder, "organizations", 11, "Ngày thành lập", "01/01/2099")
        set_cell(folder, "classes", 3, "Ngày khai giảng", "2099-04-01")

    errors = broken(edit)
    assert "organizations, dòng 11, cột established_on: Ngày thành lập 01/01/2099 ở sau ngày hôm nay." in errors
    assert "classes, dòng 3, cột started_on: Ngày 01/04/2099 ở sau ngày hôm nay." in errors


def test_every_error_is_collected_in_a_stable_order(broken):
    def edit(folder):
        set_cell(folder, "documents", 2, "Loại văn bản", "thư tay")
        set_cell(folder, "members", 3, "Giới tính", "không rõ")
        set_cell(folder, "organizations", 4, "Loại tổ chức", "")
        set_cell(folder, "members", 2, "Ngày sinh", "hôm qua")

    errors = broken(edit)
    assert errors[0] == "organizations, dòng 4, cột kind: Thiếu loại tổ chức."
    assert errors[1] == 'members, dòng 2, cột birth_date: Ngày "hôm qua" không hợp lệ.'
    assert errors[2].startswith(
        'members, dòng 3, cột gender: Giá trị "không rõ" không hợp lệ; dùng một trong: male (Nam), female (Nữ).'
    )
    assert errors[-1].startswith('documents, dòng 2, cột type: Giá trị "thư tay" không hợp lệ')
    # The same dataset gives the same messages in the same order every time.
    assert errors == broken(edit)


def test_discipline_and_subject_rules(broken):
    def edit(folder):
        add_row(
            folder,
            "disciplines",
            {
                "Cấp quyết định": "H1",
                "Loại đối tượng": "Tổ chức đảng",
                "Đối tượng": "X1",
                "Hình thức kỷ luật": "Khai trừ",
                "Ngày quyết định": "01/01/2023",
            },
        )
        add_row(
            folder, "ratings", {"Năm": "2023", "Loại đối tượng": "member", "Đối tượng": "TM006", "Mức xếp loại": "good"}
        )

    errors = broken(edit)
    assert errors[0].startswith("ratings, dòng 4, cột subject: Lâm Thị Em (TM006) không sinh hoạt đảng trong kỳ")
    assert errors[1].startswith(
        "disciplines, dòng 4, cột level: Tổ chức đảng chỉ bị khiển trách, cảnh cáo hoặc giải tán"
    )


def test_expelling_a_member_twice(broken):
    errors = broken(
        lambda f: add_row(
            f,
            "disciplines",
            {
                "Cấp quyết định": "H1",
                "Loại đối tượng": "Đảng viên",
                "Đối tượng": "TM008",
                "Hình thức kỷ luật": "Khai trừ",
                "Ngày quyết định": "01/01/2023",
            },
        )
    )
    assert any(e.startswith("disciplines, dòng 4, cột") and "Võ Văn Giàu (TM008)" in e for e in errors)


def test_two_tops_and_unknown_parent(broken):
    def edit(folder):
        add_row(
            folder,
            "organizations",
            {
                "Mã tổ chức": "T2",
                "Tên tổ chức": "Tỉnh khác",
                "Loại tổ chức": "provincial",
                "Ngày thành lập": "01/01/2010",
            },
        )
        add_row(
            folder,
            "organizations",
            {
                "Mã tổ chức": "C9",
                "Tên tổ chức": "Chi bộ lạc",
                "Loại tổ chức": "cell",
                "Mã tổ chức cấp trên": "KHONGCO",
                "Ngày thành lập": "01/01/2010",
            },
        )

    errors = broken(edit)
    assert errors == [
        "organizations, dòng 12, cột parent_code: Chỉ tổ chức cao nhất của bộ dữ liệu được để trống mã cấp trên "
        "(đã có TM ở dòng 2).",
        'organizations, dòng 13, cột parent_code: Không có tổ chức cấp trên mã "KHONGCO" trong bộ dữ liệu hay '
        "hệ thống.",
    ]


def test_import_tables_reports_the_same_way(db):
    report = import_tables(
        {"organizations": [{"code": "P", "name": "Tỉnh", "kind": "tỉnh", "established_on": "2010-01-01"}]}
    )
    assert not report.ok
    assert [str(e) for e in report.errors][0].startswith('organizations, dòng 2, cột kind: Giá trị "tỉnh" không hợp lệ')
    assert report.errors[0].table == "organizations" and report.errors[0].row == 2 and report.errors[0].column == "kind"


def test_a_recognition_dated_on_its_late_decision_still_imports(db, tmp_path):
    """Datasets written by other programs may date a recognition on its (late) decision rather than
    at the end of the twelve months: that imported before and still does (only recording one by hand
    is held to the end of probation, members.actions.record_event)."""
    import datetime as dt

    from xaydungdang.members.models import EventType, Member, MemberEvent

    folder = copy_sample(tmp_path, "late")
    set_cell(folder, "member_events", 11, "Ngày hiệu lực", "15/05/2022")  # TM004: admitted 26/03/2021
    report = import_path(folder)
    assert report.ok, messages(report)
    member = Member.objects.get(member_no="TM004")
    recognition = MemberEvent.objects.get(member=member, type=EventType.RECOGNIZED_OFFICIAL)
    assert recognition.on == dt.date(2022, 5, 15) and member.status == "official"
