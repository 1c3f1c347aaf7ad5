"""The stored ethnic-minority flag of a member, computed by members.attributes (the one definition)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from xaydungdang.members.attributes import is_ethnic_minority

    Member = apps.get_model("members", "Member")
    # A province has a handful of distinct spellings: one UPDATE each.
    for ethnicity in Member.objects.values_list("ethnicity", flat=True).distinct():
        Member.objects.filter(ethnicity=ethnicity).update(ethnic_minority=is_ethnic_minority(ethnicity))
    MemberSpan = apps.get_model("members", "MemberSpan")
    for ethnicity in Member.objects.values_list("ethnicity", flat=True).distinct():
        MemberSpan.objects.filter(member__ethnicity=ethnicity).update(minority=is_ethnic_minority(ethnicity))


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0003_member_joined_on_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='member',
            name='ethnic_minority',
            field=models.BooleanField(default=False, editable=False, verbose_name='dân tộc thiểu số'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
