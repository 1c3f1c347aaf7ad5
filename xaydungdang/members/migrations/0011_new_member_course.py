from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0010_recompute_sort_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="new_member_course_on",
            field=models.DateField(blank=True, null=True, verbose_name="ngày hoàn thành lớp bồi dưỡng đảng viên mới"),
        ),
    ]
