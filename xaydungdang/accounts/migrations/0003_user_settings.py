import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_api_tokens"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UserSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "deadline_digest",
                    models.BooleanField(default=False, verbose_name="nhận thư nhắc hạn cần xử lý hằng ngày"),
                ),
                ("changed_at", models.DateTimeField(auto_now=True, verbose_name="sửa lúc")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="xdd_settings",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người dùng",
                    ),
                ),
            ],
            options={"verbose_name": "cài đặt của người dùng", "verbose_name_plural": "cài đặt của người dùng"},
        ),
    ]
