"""CHECK constraints where a rule is structural (core/constraints.py): a bad row written directly
with the ORM is refused by the database (IntegrityError, both databases); the actions refuse the
same thing first with the rule's Vietnamese message on its field."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from xaydungdang.conftest import person
from xaydungdang.core.errors import DomainError

D = dt.date


@pytest.fixture
def member(tree):
    from xaydungdang.members import actions

    return actions.admit(person("M1", joined_on=D(2018, 3, 1)), tree["C1"], D(2018, 3, 1))


def refused_by_database(model, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**values)


def accepted_by_database(model, **values):
    with transaction.atomic():
        model.objects.create(**values)
        transaction.set_rollback(True)


def refused_by_action(call, *args, field=None, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as info:
        call(*args, **kwargs)
    assert not isinstance(info.value.__cause__, IntegrityError)
    if field is not None:
        assert field in [p.field for p in info.value.problems], info.value.problems
    return info.value


@pytest.mark.parametrize(
    "model_path, extra",
    [
        ("reviews.Rating", {"year": 2020, "level": "good"}),
        ("inspections.Inspection", {"kind": "inspection", "started_on": D(2020, 1, 1), "org": "G1"}),
        ("inspections.Discipline", {"level": "reprimand", "decided_on": D(2020, 1, 1), "decided_by": "G1"}),
        ("activities.Award", {"award": "commendation", "granted_on": D(2020, 1, 1), "granted_by": "G1"}),
    ],
)
def test_one_subject(tree, member, model_path, extra):
    from django.apps import apps

    model = apps.get_model(model_path)
    values = {k: tree[v] if isinstance(v, str) and v in tree else v for k, v in extra.items()}
    accepted_by_database(model, subject_type="member", subject_member=member, **values)
    accepted_by_database(model, subject_type="org", subject_org=tree["C1"], **values)
    refused_by_database(model, subject_type="member", subject_member=member, subject_org=tree["C1"], **values)
    refused_by_database(model, subject_type="member", subject_org=tree["C1"], **values)
    refused_by_database(model, subject_type="org", subject_member=member, **values)
    refused_by_database(model, subject_type="org", **values)
    refused_by_database(model, subject_type="", subject_org=tree["C1"], **values)


def test_one_subject_action_message_first(tree, member):
    from xaydungdang.reviews.actions import record_rating

    refused_by_action(
        record_rating,
        {
            "year": 2020,
            "level": "good",
            "subject_type": "member",
            "subject_member_id": member.id,
            "subject_org_id": tree["C1"].id,
        },
        field="subject",
    )


def test_class_ends_after_start(tree):
    from xaydungdang.activities.actions import record_class
    from xaydungdang.activities.models import TrainingClass

    base = {"org": tree["G1"], "kind": "thematic", "participants": 10, "started_on": D(2020, 5, 2)}
    accepted_by_database(TrainingClass, **base, ended_on=D(2020, 5, 2))
    refused_by_database(TrainingClass, **base, ended_on=D(2020, 5, 1))
    refused_by_action(
        record_class,
        {
            "org_id": tree["G1"].id,
            "kind": "thematic",
            "participants": 10,
            "started_on": D(2020, 5, 2),
            "ended_on": D(2020, 5, 1),
        },
        field="ended_on",
    )


def test_counts_are_not_negative(tree):
    from xaydungdang.activities.actions import record_class
    from xaydungdang.activities.models import CadreAction, Dialogue, TrainingClass
    from xaydungdang.admissions.models import Target

    refused_by_database(TrainingClass, org=tree["G1"], kind="thematic", participants=-1, started_on=D(2020, 5, 2))
    refused_by_database(Dialogue, org=tree["G1"], held_on=D(2020, 5, 2), cases=-1)
    refused_by_database(CadreAction, org=tree["G1"], kind="personnel", on=D(2020, 5, 2), count=-1)
    refused_by_database(
        Target, org=tree["G1"], period="2020", period_start=D(2020, 1, 1), period_end=D(2020, 12, 31), value=-1
    )
    refused_by_action(
        record_class,
        {"org_id": tree["G1"].id, "kind": "thematic", "participants": -1, "started_on": D(2020, 5, 2)},
        field="participants",
    )


def test_inspection_concluded_after_start(tree):
    from xaydungdang.inspections.actions import record_inspection
    from xaydungdang.inspections.models import Inspection

    base = {
        "org": tree["G1"],
        "kind": "inspection",
        "subject_type": "org",
        "subject_org": tree["C1"],
        "started_on": D(2020, 5, 2),
    }
    accepted_by_database(Inspection, **base, concluded_on=D(2020, 5, 2))
    refused_by_database(Inspection, **base, concluded_on=D(2020, 5, 1))
    refused_by_action(
        record_inspection,
        {
            "org_id": tree["G1"].id,
            "kind": "inspection",
            "subject_type": "org",
            "subject_org_id": tree["C1"].id,
            "started_on": D(2020, 5, 2),
            "concluded_on": D(2020, 5, 1),
        },
        field="concluded_on",
    )


def test_rating_score_at_most_100(tree, member):
    from xaydungdang.reviews.actions import record_rating
    from xaydungdang.reviews.models import Rating

    base = {"year": 2020, "level": "good", "subject_type": "org", "subject_org": tree["C1"]}
    accepted_by_database(Rating, **base, score=100)
    refused_by_database(Rating, **base, score=101)
    refused_by_action(
        record_rating,
        {"year": 2020, "level": "good", "subject_type": "org", "subject_org_id": tree["C1"].id, "score": 101},
        field="score",
    )


def test_screening_outcome_after_listing(tree, member):
    from xaydungdang.reviews.actions import record_screening
    from xaydungdang.reviews.models import Screening

    base = {"member": member, "listed_on": D(2020, 5, 2), "outcome": "continued"}
    accepted_by_database(Screening, **base, outcome_on=D(2020, 5, 2))
    refused_by_database(Screening, **base, outcome_on=D(2020, 5, 1))
    refused_by_action(
        record_screening,
        {"member_id": member.id, "listed_on": D(2020, 5, 2), "outcome": "continued", "outcome_on": D(2020, 5, 1)},
        field="outcome_on",
    )


def test_target_period_ordered(tree):
    from xaydungdang.admissions.actions import set_target
    from xaydungdang.admissions.models import Target

    base = {"org": tree["G1"], "period": "2020", "value": 3}
    accepted_by_database(Target, **base, period_start=D(2020, 1, 1), period_end=D(2020, 1, 1))
    refused_by_database(Target, **base, period_start=D(2020, 1, 2), period_end=D(2020, 1, 1))
    refused_by_action(set_target, {"org_id": tree["G1"].id, "period": "2025-2020", "value": 3}, field="period")


def test_organization_dissolved_after_established(tree):
    from xaydungdang.organizations import actions
    from xaydungdang.organizations.models import Organization

    base = {"code": "X1", "name": "Chi bộ X", "kind": "cell", "parent": tree["G1"], "established_on": D(2020, 1, 1)}
    refused_by_database(Organization, **base, dissolved_on=D(2020, 1, 1))
    refused_by_database(Organization, **base, dissolved_on=D(2019, 1, 1))
    accepted_by_database(Organization, **base, dissolved_on=D(2020, 1, 2))
    refused_by_action(actions.dissolve, tree["C2"], D(2014, 1, 1), field="dissolved_on")


def test_organization_not_moved_under_itself(tree):
    from xaydungdang.organizations import actions
    from xaydungdang.organizations.models import OrgMove

    refused_by_database(OrgMove, org=tree["G1"], new_parent=tree["G1"], moved_on=D(2020, 1, 1))
    refused_by_action(actions.move, tree["G1"], tree["G1"], D(2020, 1, 1))


def test_member_spans_are_not_empty(tree, member):
    from xaydungdang.members.models import MemberSpan

    span = MemberSpan.objects.filter(member=member).values().get()
    span.pop("id")
    refused_by_database(MemberSpan, **(span | {"end": span["start"]}))
    accepted_by_database(MemberSpan, **(span | {"end": span["start"] + dt.timedelta(days=1)}))
