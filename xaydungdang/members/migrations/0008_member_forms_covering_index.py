"""A covering index of the member attributes the statistical forms read (indicators.statforms).

The forms' grouped scans join millions of member spans to the members rows; with the attributes in
an index (PostgreSQL INCLUDE) PostgreSQL reads them by an index-only scan instead of the wide rows
(nationally Form 3's scan 20 s -> 14 s). SQLite has no INCLUDE and its databases are small: nothing.
"""

from django.db import migrations

FORM_COLUMNS = (
    "gender", "ethnicity", "ethnic_minority", "religion", "occupation", "business_owner", "foreign_marriage",
    "general_education", "qualification", "academic_title", "political_theory", "birth_date", "joined_on",
    "youth_union_from", "youth_union_until",
)  # fmt: skip
CREATE = (
    f"CREATE INDEX IF NOT EXISTS members_member_forms_cover ON members_member (id) INCLUDE ({', '.join(FORM_COLUMNS)})"
)
DROP = "DROP INDEX IF EXISTS members_member_forms_cover"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_event_types_counterpart"),
    ]

    operations = [migrations.RunPython(forward, backward)]
