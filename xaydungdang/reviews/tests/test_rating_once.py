"""One active rating per subject and year: the rule (Vietnamese message naming the year), the
action, the importer (dataset rows and ratings already in the database) and the database
constraint all refuse a second one; a voided rating frees the year."""

import datetime as dt
from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from xaydungdang.conftest import person
from xaydungdang.core.errors import DomainError
from xaydungdang.interchange.importer import import_path, import_tables
from xaydungdang.interchange.tests.helpers import add_row, copy_sample, messages, table_counts
from xaydungdang.members import actions
from xaydungdang.reviews import actions as reviews
from xaydungdang.reviews.models import Rating

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def member(tree):
    return actions.enter_member(
        person("R1", "Lê Văn Xếp", official_on=D(2017, 1, 1)), entry="opening", cell=tree["C1"], on=D(2017, 1, 1)
    )


def test_the_action_refuses_a_second_rating_of_a_member(member):
    first = reviews.record_rating(
        {"year": 2023, "subject_type": "member", "subject_member_id": member.id, "level": "good"}
    )
    with pytest.raises(DomainError) as refused:
        reviews.record_rating(
            {"year": 2023, "subject_type": "member", "subject_member_id": member.id, "level": "excellent"}
        )
    problem = refused.value.problems[0]
    assert problem.field == "year"
    assert problem.message.startswith(
        "Đã có xếp loại chất lượng năm 2023 của Lê Văn Xếp (R1) (đã ghi, mức "
        '"Hoàn thành tốt nhiệm vụ"); mỗi đảng viên, tổ chức đảng chỉ có một xếp loại'
    )
    reviews.record_rating({"year": 2022, "subject_type": "member", "subject_member_id": member.id, "level": "good"})
    # Voiding the first frees the year.
    reviews.void(first, "Ghi nhầm mức xếp loại")
    reviews.record_rating(
        {"year": 2023, "subject_type": "member", "subject_member_id": member.id, "level": "excellent"}
    )
    assert Rating.objects.active().filter(subject_member=member).count() == 2


def test_the_action_refuses_a_second_rating_of_an_organization(tree):
    values = {"year": 2023, "subject_type": "org", "subject_org_id": tree["GC"].id, "level": "good"}
    reviews.record_rating(values)
    with pytest.raises(DomainError) as refused:
        reviews.record_rating(values | {"level": "complete"})
    assert refused.value.problems[0].field == "year"
    assert "Chi bộ Trường Tiểu học (GC)" in refused.value.problems[0].message


def test_a_rating_written_meanwhile_is_refused_by_the_constraint_with_the_same_message(member):
    values = {"year": 2023, "subject_type": "member", "subject_member_id": member.id, "level": "good"}
    reviews.record_rating(values)
    with mock.patch("xaydungdang.reviews.actions._rated_already", return_value=None):
        with pytest.raises(DomainError) as refused:
            reviews.record_rating(values)
    assert refused.value.problems[0].field == "year"
    assert "(vừa được ghi)" in refused.value.problems[0].message
    assert Rating.objects.filter(subject_member=member).count() == 1


def test_the_database_holds_one_active_rating_per_subject_and_year(member, tree):
    Rating.objects.create(year=2023, subject_type="member", subject_member=member, level="good")
    Rating.objects.create(year=2023, subject_type="org", subject_org=tree["GC"], level="good")
    for duplicate in (
        {"subject_type": "member", "subject_member": member},
        {"subject_type": "org", "subject_org": tree["GC"]},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Rating.objects.create(year=2023, level="complete", **duplicate)
    # voided rows do not count: a corrected rating can be recorded after voiding
    Rating.objects.filter(subject_member=member).update(voided_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    Rating.objects.create(year=2023, subject_type="member", subject_member=member, level="complete")


def test_the_importer_refuses_a_dataset_with_a_duplicate_rating(tmp_path):
    folder = copy_sample(tmp_path)
    row = add_row(
        folder,
        "ratings",
        {"Năm": "2022", "Loại đối tượng": "Đảng viên", "Đối tượng": "TM001", "Mức xếp loại": "Hoàn thành tốt nhiệm vụ"},
    )
    before = table_counts()
    report = import_path(folder)
    assert not report.ok and table_counts() == before
    assert messages(report) == [
        f"ratings, dòng {row}, cột year: Đã có xếp loại chất lượng năm 2022 của Nguyễn Văn An (TM001) (dòng 2 của "
        f"bảng ratings); mỗi đảng viên, tổ chức đảng chỉ có một xếp loại mỗi năm — hủy xếp loại cũ trước khi ghi lại."
    ]


def test_the_importer_refuses_a_rating_the_database_already_holds(member, tree):
    reviews.record_rating({"year": 2023, "subject_type": "member", "subject_member_id": member.id, "level": "good"})
    reviews.record_rating({"year": 2023, "subject_type": "org", "subject_org_id": tree["GC"].id, "level": "good"})
    before = table_counts()
    report = import_tables(
        {
            "organizations": [
                {
                    "code": "C3",
                    "name": "Chi bộ ấp Ba",
                    "kind": "cell",
                    "parent_code": "G1",
                    "established_on": D(2018, 1, 1),
                }
            ],
            "ratings": [
                {"year": 2023, "subject_type": "member", "subject": "R1", "level": "excellent"},
                {"year": 2023, "subject_type": "org", "subject": "GC", "level": "excellent"},
                {"year": 2022, "subject_type": "member", "subject": "R1", "level": "good"},
            ],
        }
    )
    assert not report.ok and table_counts() == before
    errors = messages(report)
    assert len(errors) == 2
    assert errors[0].startswith(
        "ratings, dòng 2, cột year: Đã có xếp loại chất lượng năm 2023 của Lê Văn Xếp (R1) (đã có trong hệ thống)"
    )
    assert errors[1].startswith(
        "ratings, dòng 3, cột year: Đã có xếp loại chất lượng năm 2023 của Chi bộ Trường "
        "Tiểu học (GC) (đã có trong hệ thống)"
    )


@pytest.mark.parametrize("seed", range(20))
def test_the_synthetic_generator_never_rates_a_subject_twice_a_year(seed):
    from xaydungdang.interchange.synth import RandomChooser, Sizes, dataset

    # Few members and many records: without the rule, repeats are certain.
    tables = dataset(RandomChooser(seed), Sizes(members=3, records=40))
    keys = [(r["subject_type"], r["subject"], r["year"]) for r in tables["ratings"]]
    assert keys and len(keys) == len(set(keys))
