"""ImportJob now belongs to interchange (see interchange 0001): removed from web's state only;
the table web_importjob and its rows are left in place for interchange.ImportJob."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("web", "0001_initial"),
        ("interchange", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportJob")],
            database_operations=[],
        ),
    ]
