from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("interchange", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MirrorState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(max_length=1024, unique=True, verbose_name="nguồn")),
                ("cursor", models.CharField(blank=True, max_length=64, verbose_name="con trỏ")),
                ("applied", models.BigIntegerField(default=0, verbose_name="số thay đổi đã áp dụng")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc")),
            ],
            options={
                "verbose_name": "trạng thái đồng bộ",
            },
        ),
    ]
