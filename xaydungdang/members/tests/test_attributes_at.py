"""The one definition of the forms' member attributes (members.attributes): the general education
level as written, Đoàn membership at a date, and an attribute at a date (member_changes)."""

import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.members.attributes import (
    attribute_at,
    attributes_at,
    education_level,
    is_youth_union_member,
    value_error,
    youth_union_q,
)
from xaydungdang.members.models import Member, MemberChange

D = dt.date


@pytest.mark.parametrize(
    "text, level",
    [
        ("12/12", "upper_secondary"),
        ("11/12", "lower_secondary"),
        ("9/12", "lower_secondary"),
        ("8/12", "primary"),
        ("5/12", "primary"),
        ("4/12", "literate"),
        ("0/12", "literate"),
        ("10/10", "upper_secondary"),
        ("9/10", "lower_secondary"),
        ("7/10", "lower_secondary"),
        ("6/10", "primary"),
        ("4/10", "primary"),
        ("3/10", "literate"),
        (" 12 / 12 ", "upper_secondary"),
        ("upper_secondary", "upper_secondary"),
        ("lower_secondary", "lower_secondary"),
        ("primary", "primary"),
        ("literate", "literate"),
        ("Trung học phổ thông", "upper_secondary"),
        ("trung hoc co so", "lower_secondary"),
        ("Tiểu học", "primary"),
        ("Biết đọc, biết viết chữ quốc ngữ", "literate"),
        ("THPT", "upper_secondary"),
    ],
)
def test_education_level_of_what_staff_write(text, level):
    assert education_level(text) == level


@pytest.mark.parametrize("text", ["", None, "  ", "13/12", "11/10", "12", "12/11", "đại học", "abc", "-1/12"])
def test_education_level_unknown_is_none(text):
    assert education_level(text) is None


@pytest.fixture
def member(db):
    return Member.objects.create(
        **person("M1", occupation="farmer", general_education="9/12", religion="", business_owner=False)
    )


def change(member, field, value, on, voided=False):
    return MemberChange.objects.create(
        member=member,
        field=field,
        value=value,
        on=on,
        voided_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC) if voided else None,
    )


def test_attribute_at_follows_the_changes_in_date_order(member):
    change(member, "occupation", "retired", D(2024, 7, 1))
    change(member, "occupation", "worker", D(2020, 1, 1))
    change(member, "occupation", "enterprise", D(2022, 3, 1), voided=True)
    assert attribute_at(member, "occupation", D(2019, 12, 31)) == "farmer"
    assert attribute_at(member, "occupation", D(2020, 1, 1)) == "worker"
    assert attribute_at(member, "occupation", D(2023, 1, 1)) == "worker"  # the voided change does not count
    assert attribute_at(member, "occupation", D(2024, 7, 1)) == "retired"
    # other fields are untouched
    assert attribute_at(member, "general_education", D(2025, 1, 1)) == "9/12"


def test_same_day_changes_apply_in_recording_order(member):
    change(member, "qualification", "college", D(2021, 5, 1))
    change(member, "qualification", "bachelor", D(2021, 5, 1))
    assert attribute_at(member, "qualification", D(2021, 5, 1)) == "bachelor"
    assert attributes_at([member.pk], ["qualification"], D(2021, 5, 1)) == {member.pk: {"qualification": "bachelor"}}


def test_yes_no_fields_are_booleans(member):
    change(member, "business_owner", "yes", D(2022, 1, 1))
    change(member, "business_owner", "no", D(2023, 1, 1))
    assert attribute_at(member, "business_owner", D(2021, 1, 1)) is False
    assert attribute_at(member, "business_owner", D(2022, 6, 1)) is True
    assert attribute_at(member, "business_owner", D(2023, 6, 1)) is False


def test_bulk_form_agrees_with_the_single_one(member):
    other = Member.objects.create(**person("M2", "Lê Thị Bình", occupation="student", religion="Phật giáo"))
    change(member, "occupation", "worker", D(2020, 1, 1))
    change(member, "religion", "Công giáo", D(2021, 1, 1))
    change(other, "occupation", "state_official", D(2022, 1, 1))
    change(other, "religion", "", D(2023, 1, 1))
    change(other, "occupation", "armed_forces", D(2023, 1, 1), voided=True)
    fields = ["occupation", "religion", "general_education", "gender", "business_owner"]
    for day in (D(2019, 1, 1), D(2020, 1, 1), D(2021, 6, 1), D(2022, 1, 1), D(2024, 1, 1)):
        expected = {m.pk: {f: attribute_at(m, f, day) for f in fields} for m in (member, other)}
        assert attributes_at(Member.objects.all(), fields, day) == expected
        assert attributes_at([member.pk, other.pk], fields, day) == expected
        assert attributes_at(Member.objects.filter(pk=other.pk), fields, day) == {other.pk: expected[other.pk]}
    assert attributes_at([other.pk], ["religion"], D(2023, 1, 1)) == {other.pk: {"religion": ""}}


def test_bulk_form_with_many_ids(member, monkeypatch):
    from xaydungdang.members import attributes

    change(member, "occupation", "worker", D(2020, 1, 1))
    Member.objects.create(**person("M2", "Lê Thị Bình", occupation="student"))
    monkeypatch.setattr(attributes, "_IDS_IN_QUERY", 0)  # the path of long id lists
    assert attributes_at([member.pk], ["occupation"], D(2021, 1, 1)) == {member.pk: {"occupation": "worker"}}


@pytest.mark.parametrize(
    "start, end, day, expected",
    [
        (None, None, D(2020, 1, 1), False),
        (D(2010, 3, 26), None, D(2010, 3, 25), False),
        (D(2010, 3, 26), None, D(2010, 3, 26), True),
        (D(2010, 3, 26), D(2020, 3, 26), D(2020, 3, 25), True),
        (D(2010, 3, 26), D(2020, 3, 26), D(2020, 3, 26), False),
        (None, D(2020, 3, 26), D(2015, 1, 1), False),
    ],
)
def test_youth_union_membership_at_a_date(db, start, end, day, expected):
    m = Member.objects.create(**person("Y1", youth_union_from=start, youth_union_until=end))
    assert is_youth_union_member(m, day) is expected
    assert Member.objects.filter(youth_union_q(day), pk=m.pk).exists() is expected


@pytest.mark.parametrize(
    "field, value, ok",
    [
        ("occupation", "retired", True),
        ("occupation", "pupil", True),
        ("occupation", "civil_servant", False),
        ("occupation", "", False),
        ("qualification", "intermediate", True),
        ("qualification", "vocational", False),
        ("general_education", "10/10", True),
        ("general_education", "13/12", False),
        ("academic_title", "professor", True),
        ("academic_title", "", True),
        ("religion", "Cao Đài", True),
        ("religion", "", True),
        ("business_owner", "yes", True),
        ("foreign_marriage", "maybe", False),
        ("gender", "female", False),
    ],
)
def test_change_values_are_checked(field, value, ok):
    assert (value_error(field, value) is None) is ok
