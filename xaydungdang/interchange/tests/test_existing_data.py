"""Importing into a database that already holds data: datasets hang from existing
organizations, add history to existing members, and respect the web user's scope."""

import datetime as dt

from xaydungdang.accounts import actions as account_actions
from xaydungdang.conftest import person
from xaydungdang.core.models import AuditEntry
from xaydungdang.interchange.importer import import_tables
from xaydungdang.interchange.tests.helpers import messages, table_counts
from xaydungdang.members import actions
from xaydungdang.members.models import Member, MemberEvent, MemberSpan
from xaydungdang.reviews.models import Rating

D = dt.date


def dataset(**extra):
    tables = {
        "organizations": [
            {"code": "C3", "name": "Chi bộ ấp Ba", "kind": "cell", "parent_code": "G1", "established_on": D(2018, 1, 1)}
        ],
        "members": [
            {
                "member_no": "N1",
                "full_name": "Đặng Văn Nam",
                "gender": "male",
                "birth_date": D(1985, 1, 1),
                "ethnicity": "Kinh",
                "joined_on": D(2010, 1, 1),
                "official_on": D(2011, 1, 1),
                "org_code": "C3",
                "as_of": D(2019, 1, 1),
            }
        ],
    }
    tables.update(extra)
    return tables


def test_dataset_hanging_from_existing_organizations(tree):
    report = import_tables(dataset())
    assert report.ok, messages(report)
    member = Member.objects.get(member_no="N1")
    assert member.current_cell.code == "C3" and member.current_cell.parent_id == tree["G1"].id


def test_events_for_existing_members_rebuild_their_history(tree):
    existing = actions.admit(person("A1"), tree["C1"], D(2020, 3, 10))
    report = import_tables(
        dataset(
            member_events=[
                {"member_no": "A1", "type": "recognized_official", "on": D(2021, 3, 10)},
                {"member_no": "A1", "type": "transferred", "on": D(2022, 1, 1), "org_code": "C3"},
            ],
            ratings=[{"year": 2022, "subject_type": "member", "subject": "A1", "level": "good"}],
        )
    )
    assert report.ok, messages(report)
    existing.refresh_from_db()
    assert (existing.status, existing.current_cell.code, existing.official_on) == ("official", "C3", D(2021, 3, 10))
    assert list(MemberSpan.objects.filter(member=existing).order_by("start").values_list("cell__code", "official")) == [
        ("C1", False),
        ("C1", True),
        ("C3", True),
    ]
    transfer = MemberEvent.objects.get(member=existing, type="transferred")
    assert (transfer.from_cell.code, transfer.to_cell.code) == ("C1", "C3")
    assert Rating.objects.get(subject_member=existing).cell.code == "C3"


def test_existing_members_history_is_judged_with_the_new_events(tree):
    actions.admit(person("A1"), tree["C1"], D(2020, 3, 10))
    before = table_counts()
    report = import_tables(
        dataset(member_events=[{"member_no": "A1", "type": "recognized_official", "on": D(2020, 12, 1)}])
    )
    assert not report.ok and table_counts() == before
    assert messages(report)[0].startswith(
        "member_events, dòng 2, cột on: Công nhận chính thức ngày 01/12/2020 khi chưa đủ 12 tháng dự bị"
    )


def test_national_id_already_in_the_database(tree):
    actions.admit(person("A1", national_id="094012345678"), tree["C1"], D(2020, 3, 10))
    tables = dataset()
    tables["members"][0]["national_id"] = "094012345678"
    report = import_tables(tables)
    assert messages(report) == [
        "members, dòng 2, cột national_id: Số định danh 094012345678 đã thuộc về đảng viên A1 trong hệ thống."
    ]


def user(tree, role, org="U1"):
    return account_actions.create_user(f"{role}.{org}", tree[org], role, "x", validate_password=False)


def test_web_import_inside_the_users_scope(tree):
    staff = user(tree, "staff")
    report = import_tables(dataset(), user=staff, source="tai-len.zip")
    assert report.ok, messages(report)
    entry = AuditEntry.objects.get(action="interchange.import")
    assert entry.user_id == staff.id and entry.after["source"] == "tai-len.zip"


def test_web_import_outside_the_users_scope(tree):
    staff = user(tree, "staff", "U2")
    before = table_counts()
    report = import_tables(
        dataset(classes=[{"org_code": "G1", "kind": "other", "started_on": D(2022, 1, 1), "participants": 5}]),
        user=staff,
    )
    assert table_counts() == before
    assert messages(report) == [
        "organizations, dòng 2, cột parent_code: Tổ chức G1 nằm ngoài phạm vi quyền của tài khoản; không được nhập.",
        "members, dòng 2, cột org_code: Tổ chức C3 nằm ngoài phạm vi quyền của tài khoản; không được nhập.",
        "classes, dòng 2, cột org_code: Tổ chức G1 nằm ngoài phạm vi quyền của tài khoản; không được nhập.",
    ]


def test_web_import_needs_staff_or_admin(tree):
    for role in ("viewer", "secretary"):
        report = import_tables(dataset(), user=user(tree, role))
        assert messages(report) == [
            "organizations: Tài khoản không có quyền nhập dữ liệu: cần vai trò cán bộ Ban Xây "
            "dựng Đảng (staff) hoặc quản trị (admin)."
        ]


def test_web_import_of_a_top_organization_needs_admin(tree):
    staff = user(tree, "staff")
    report = import_tables(
        {"organizations": [{"code": "T2", "name": "Tỉnh khác", "kind": "provincial", "established_on": D(2015, 1, 1)}]},
        user=staff,
    )
    assert messages(report) == [
        "organizations, dòng 2, cột parent_code: Chỉ quản trị hệ thống mới được tạo tổ chức không có cấp trên."
    ]
    admin = user(tree, "admin", "P")
    assert import_tables(
        {"organizations": [{"code": "T2", "name": "Tỉnh khác", "kind": "provincial", "established_on": D(2015, 1, 1)}]},
        user=admin,
    ).ok


def test_web_import_of_events_for_a_member_outside_the_scope(tree):
    actions.admit(person("B1"), tree["GC"], D(2020, 3, 10))
    staff = user(tree, "staff")
    report = import_tables(
        {"organizations": [], "member_events": [{"member_no": "B1", "type": "away_started", "on": D(2021, 1, 1)}]},
        user=staff,
    )
    assert messages(report) == [
        "member_events, dòng 2, cột member_no: Đảng viên B1 sinh hoạt ngoài phạm vi quyền của tài khoản."
    ]
