"""Migration members 0006 reads the stored version-1 codes as their successors (spec/forms.md):
occupation civil_servant → state_official, qualification vocational → intermediate."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0005_structural_checks")]
AFTER = [("members", "0006_member_form_attributes")]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_version_1_codes_are_converted():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    Member = executor.loader.project_state(BEFORE).apps.get_model("members", "Member")
    fields = {
        "gender": "male",
        "birth_date": dt.date(1980, 1, 1),
        "ethnicity": "Kinh",
        "joined_on": dt.date(2005, 1, 1),
    }
    Member.objects.create(
        member_no="V1", full_name="A", occupation="civil_servant", qualification="vocational", **fields
    )
    Member.objects.create(member_no="V2", full_name="B", occupation="farmer", qualification="bachelor", **fields)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    Member = executor.loader.project_state(AFTER).apps.get_model("members", "Member")
    rows = dict(Member.objects.values_list("member_no", "occupation"))
    assert rows == {"V1": "state_official", "V2": "farmer"}
    assert dict(Member.objects.values_list("member_no", "qualification")) == {"V1": "intermediate", "V2": "bachelor"}
    assert not Member.objects.filter(business_owner=True).exists()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest state for the other tests
