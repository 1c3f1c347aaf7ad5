"""activities.rules: classes, dialogues, documents, awards and cadre work — valid records pass, each
invalid value gives a Vietnamese message on its field."""

import datetime as dt

import pytest

from xaydungdang.activities.rules import check_award, check_cadre_action, check_class, check_dialogue, check_document
from xaydungdang.members.testing import FakeContext, FakeMember, FakeOrg, span

D = dt.date
CELL, OLD = 1, 2


@pytest.fixture
def ctx():
    return FakeContext(
        today=D(2024, 6, 1),
        orgs={
            CELL: FakeOrg("Chi bộ ấp Một", "C1", D(2015, 1, 1)),
            OLD: FakeOrg("Đảng bộ xã Cũ", "G0", D(2000, 1, 1), dissolved_on=D(2020, 1, 1)),
        },
        members={10: FakeMember("Nguyễn Văn An", "M001", [span(CELL, D(2016, 1, 1))])},
    )


def fields(problems):
    return [(p.field, p.message) for p in problems]


def a_class(**changes):
    return {
        "kind": "thematic",
        "started_on": D(2024, 3, 1),
        "ended_on": D(2024, 3, 5),
        "org_id": CELL,
        "participants": 30,
    } | changes


def test_class_valid(ctx):
    assert check_class(a_class(), ctx) == []
    assert check_class(a_class(ended_on=None, participants=None), ctx) == []  # optional fields


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"kind": "hoc_tap"}, [("kind", 'Loại lớp "hoc_tap" không hợp lệ.')]),
        ({"started_on": None, "ended_on": None}, [("started_on", "Thiếu ngày khai giảng.")]),
        ({"ended_on": D(2024, 2, 28)}, [("ended_on", "Ngày bế giảng 28/02/2024 trước ngày 01/03/2024.")]),
        ({"started_on": D(2024, 6, 2), "ended_on": None}, [("started_on", "Ngày 02/06/2024 ở sau ngày hôm nay.")]),
        ({"org_id": None}, [("org_code", "Thiếu tổ chức.")]),
        ({"org_id": OLD}, [("org_code", "Đảng bộ xã Cũ (G0) không tồn tại ngày 01/03/2024.")]),
        ({"participants": -1}, [("participants", "Số lượng không được âm.")]),
    ],
)
def test_class_invalid(ctx, changes, expected):
    assert fields(check_class(a_class(**changes), ctx)) == expected


def test_future_date_names_its_rule(ctx):
    [problem] = check_class(a_class(started_on=D(2024, 6, 2), ended_on=None), ctx)
    assert problem.rule == "future_dates"


def test_dialogue(ctx):
    good = {"held_on": D(2024, 5, 19), "org_id": CELL, "cases": 2}
    assert check_dialogue(good, ctx) == []
    assert fields(check_dialogue(good | {"held_on": None}, ctx)) == [("held_on", "Thiếu ngày đối thoại.")]
    assert fields(check_dialogue(good | {"cases": -3}, ctx)) == [("cases", "Số lượng không được âm.")]
    assert fields(check_dialogue(good | {"org_id": OLD}, ctx)) == [
        ("org_code", "Đảng bộ xã Cũ (G0) không tồn tại ngày 19/05/2024.")
    ]


def test_document(ctx):
    good = {"type": "resolution", "issued_on": D(2019, 12, 31), "org_id": OLD}
    assert check_document(good, ctx) == []  # the day before its dissolution
    assert fields(check_document(good | {"type": "thong_bao"}, ctx)) == [
        ("type", 'Loại văn bản "thong_bao" không hợp lệ.')
    ]
    assert fields(check_document(good | {"issued_on": None}, ctx)) == [("issued_on", "Thiếu ngày ban hành.")]
    assert fields(check_document(good | {"issued_on": D(2020, 1, 1)}, ctx)) == [
        ("org_code", "Đảng bộ xã Cũ (G0) không tồn tại ngày 01/01/2020.")
    ]


def an_award(**changes):
    return {
        "award": "commendation",
        "granted_on": D(2023, 2, 3),
        "granted_by_id": CELL,
        "subject_type": "member",
        "subject_member_id": 10,
    } | changes


def test_award(ctx):
    assert check_award(an_award(), ctx) == []
    assert check_award(an_award(subject_type="org", subject_member_id=None, subject_org_id=CELL), ctx) == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"award": "huan_chuong"}, [("award", 'Hình thức khen thưởng "huan_chuong" không hợp lệ.')]),
        ({"granted_on": None}, [("granted_on", "Thiếu ngày khen thưởng.")]),
        ({"granted_by_id": None}, [("granted_by", "Thiếu tổ chức.")]),
        ({"granted_on": D(2015, 6, 1)}, [("subject", "Nguyễn Văn An (M001) chưa vào Đảng ngày 01/06/2015.")]),
        ({"subject_member_id": None}, [("subject", "Thiếu đảng viên.")]),
        (
            {"subject_type": "org", "subject_member_id": None, "subject_org_id": OLD},
            [("subject", "Đảng bộ xã Cũ (G0) không tồn tại ngày 03/02/2023.")],
        ),
        ({"subject_type": "person"}, [("subject_type", "Đối tượng phải là đảng viên (member) hoặc tổ chức (org).")]),
    ],
)
def test_award_invalid(ctx, changes, expected):
    assert fields(check_award(an_award(**changes), ctx)) == expected


def test_cadre_action(ctx):
    good = {"kind": "planning", "on": D(2024, 1, 15), "org_id": CELL, "count": 1}
    assert check_cadre_action(good, ctx) == []
    assert check_cadre_action(good | {"count": None}, ctx) == []
    assert fields(check_cadre_action(good | {"count": 0}, ctx)) == [("count", "Số trường hợp phải từ 1 trở lên.")]
    assert fields(check_cadre_action(good | {"kind": "x"}, ctx)) == [("kind", 'Loại công tác cán bộ "x" không hợp lệ.')]
    assert fields(check_cadre_action(good | {"on": None}, ctx)) == [("on", "Thiếu ngày.")]


def test_several_problems_are_all_reported(ctx):
    problems = check_class(a_class(kind="?", org_id=None, participants=-5), ctx)
    assert [p.field for p in problems] == ["kind", "org_code", "participants"]
