"""ImportJob moves from the web app to interchange: the table (web_importjob) and its rows stay
as they are; only Django's state changes (web 0002 removes the model from web's state). On a
database that already had the web model, its content type follows, so permissions keep their rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_to_interchange(apps, schema_editor):
    _move_content_type(apps, schema_editor, "web", "interchange")


def content_type_to_web(apps, schema_editor):
    _move_content_type(apps, schema_editor, "interchange", "web")


def _move_content_type(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = ContentType.objects.using(schema_editor.connection.alias)
    if not db.filter(app_label=new, model="importjob").exists():
        db.filter(app_label=old, model="importjob").update(app_label=new)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("web", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportJob",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("filename", models.CharField(max_length=255, verbose_name="tệp")),
                        ("path", models.CharField(max_length=1024)),
                        ("size", models.BigIntegerField(default=0)),
                        ("dry_run", models.BooleanField(default=True, verbose_name="chạy thử")),
                        ("state", models.CharField(choices=[("pending", "Đang chờ"), ("running", "Đang chạy"),
                                                            ("done", "Đã xong"), ("failed", "Lỗi")],
                                                   default="pending", max_length=8)),
                        ("done", models.BigIntegerField(default=0)),
                        ("total", models.BigIntegerField(default=0)),
                        ("stage", models.CharField(blank=True, max_length=255)),
                        ("ok", models.BooleanField(null=True)),
                        ("result", models.JSONField(blank=True, null=True)),
                        ("message", models.TextField(blank=True)),
                        ("source", models.ForeignKey(blank=True, null=True,
                                                     on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                                     to="interchange.importjob")),
                        ("user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL,
                                                   related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "lượt nhập dữ liệu",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "web_importjob",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_interchange, content_type_to_web, elidable=True),
    ]
