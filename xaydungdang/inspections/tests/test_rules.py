"""inspections.rules: inspections/supervisions and discipline, with the levels of Điều 35 Điều lệ Đảng."""

import datetime as dt

import pytest

from xaydungdang.inspections.rules import check_discipline, check_inspection
from xaydungdang.members.testing import FakeContext, FakeMember, FakeOrg, span

D = dt.date
CELL, OLD = 1, 2
OFFICIAL, PROBATIONARY, LEFT = 10, 11, 12
CHARTER = "Điều 35 Điều lệ Đảng"


@pytest.fixture
def ctx():
    return FakeContext(
        today=D(2024, 6, 1),
        orgs={
            CELL: FakeOrg("Chi bộ ấp Một", "C1", D(2015, 1, 1)),
            OLD: FakeOrg("Đảng bộ xã Cũ", "G0", D(2000, 1, 1), dissolved_on=D(2020, 1, 1)),
        },
        members={
            OFFICIAL: FakeMember("Nguyễn Văn An", "M001", [span(CELL, D(2016, 1, 1))]),
            PROBATIONARY: FakeMember("Trần Thị Bình", "M002", [span(CELL, D(2023, 9, 2), official=False)]),
            LEFT: FakeMember("Lê Văn Cường", "M003", [span(CELL, D(2016, 1, 1), D(2022, 1, 1))]),
        },
    )


def fields(problems):
    return [(p.field, p.message) for p in problems]


def inspection(**changes):
    return {
        "kind": "inspection",
        "started_on": D(2024, 3, 1),
        "concluded_on": D(2024, 4, 1),
        "org_id": CELL,
        "subject_type": "member",
        "subject_member_id": OFFICIAL,
    } | changes


def test_inspection_valid(ctx):
    assert check_inspection(inspection(), ctx) == []
    assert check_inspection(inspection(kind="supervision", concluded_on=None), ctx) == []
    assert check_inspection(inspection(subject_type="org", subject_member_id=None, subject_org_id=CELL), ctx) == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"kind": "thanh_tra"}, [("kind", 'Hình thức "thanh_tra" không hợp lệ (kiểm tra hoặc giám sát).')]),
        ({"started_on": None, "concluded_on": None}, [("started_on", "Thiếu ngày bắt đầu.")]),
        ({"concluded_on": D(2024, 2, 1)}, [("concluded_on", "Ngày kết luận 01/02/2024 trước ngày 01/03/2024.")]),
        ({"concluded_on": D(2024, 7, 1)}, [("concluded_on", "Ngày 01/07/2024 ở sau ngày hôm nay.")]),
        ({"org_id": OLD}, [("org_code", "Đảng bộ xã Cũ (G0) không tồn tại ngày 01/03/2024.")]),
        (
            {"started_on": D(2015, 3, 1), "concluded_on": None},
            [("subject", "Nguyễn Văn An (M001) chưa vào Đảng ngày 01/03/2015.")],
        ),
    ],
)
def test_inspection_invalid(ctx, changes, expected):
    assert fields(check_inspection(inspection(**changes), ctx)) == expected


def discipline(**changes):
    return {
        "decided_on": D(2024, 5, 1),
        "decided_by_id": CELL,
        "level": "warning",
        "subject_type": "member",
        "subject_member_id": OFFICIAL,
    } | changes


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"level": "reprimand"},
        {"level": "dismissal"},
        {"level": "expulsion"},
        {"subject_member_id": PROBATIONARY, "level": "reprimand"},
        {"subject_member_id": PROBATIONARY, "level": "warning"},
        {"subject_type": "org", "subject_member_id": None, "subject_org_id": CELL, "level": "dissolution"},
        {"subject_type": "org", "subject_member_id": None, "subject_org_id": CELL, "level": "warning"},
    ],
)
def test_discipline_valid(ctx, changes):
    assert check_discipline(discipline(**changes), ctx) == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"level": "dissolution"}, ("level", f"Giải tán chỉ áp dụng cho tổ chức đảng — {CHARTER}.")),
        (
            {"subject_type": "org", "subject_member_id": None, "subject_org_id": CELL, "level": "expulsion"},
            ("level", f"Tổ chức đảng chỉ bị khiển trách, cảnh cáo hoặc giải tán — {CHARTER}."),
        ),
        (
            {"subject_member_id": PROBATIONARY, "level": "dismissal"},
            ("level", f"Đảng viên dự bị chỉ bị khiển trách hoặc cảnh cáo — {CHARTER}."),
        ),
        (
            {"subject_member_id": PROBATIONARY, "level": "expulsion"},
            ("level", f"Đảng viên dự bị chỉ bị khiển trách hoặc cảnh cáo — {CHARTER}."),
        ),
    ],
)
def test_discipline_levels_by_subject(ctx, changes, expected):
    [problem] = check_discipline(discipline(**changes), ctx)
    assert (problem.field, problem.message) == expected
    assert problem.rule == "discipline_levels"


def test_probationary_member_disciplined_after_becoming_official_is_judged_as_official(ctx):
    ctx.members[PROBATIONARY].spans = [
        span(CELL, D(2022, 9, 2), D(2023, 9, 2), official=False),
        span(CELL, D(2023, 9, 2)),
    ]
    assert check_discipline(discipline(subject_member_id=PROBATIONARY, level="dismissal"), ctx) == []
    assert (
        check_discipline(discipline(subject_member_id=PROBATIONARY, level="dismissal", decided_on=D(2023, 9, 1)), ctx)
        != []
    )


def test_expelling_someone_who_already_left(ctx):
    assert fields(check_discipline(discipline(subject_member_id=LEFT, level="expulsion"), ctx)) == [
        ("decided_on", "Lê Văn Cường (M003) không còn sinh hoạt đảng ngày 01/05/2024.")
    ]
    # A warning after leaving is not refused by this rule (it judges only expulsion).
    assert check_discipline(discipline(subject_member_id=LEFT, level="warning"), ctx) == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"level": "canh_cao"}, [("level", 'Hình thức kỷ luật "canh_cao" không hợp lệ.')]),
        ({"decided_on": None}, [("decided_on", "Thiếu ngày quyết định.")]),
        ({"decided_on": D(2024, 6, 2)}, [("decided_on", "Ngày 02/06/2024 ở sau ngày hôm nay.")]),
        ({"decided_by_id": None}, [("decided_by", "Thiếu tổ chức.")]),
        ({"decided_by_id": OLD}, [("decided_by", "Đảng bộ xã Cũ (G0) không tồn tại ngày 01/05/2024.")]),
    ],
)
def test_discipline_invalid(ctx, changes, expected):
    assert fields(check_discipline(discipline(**changes), ctx)) == expected
