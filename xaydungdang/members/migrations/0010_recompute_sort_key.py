"""Member.sort_key recomputed with core.text's own Vietnamese collation key (PyICU removed).

The stored keys were ICU's; the new keys give the same order but other bytes, and a list mixes
stored keys with keys of newly saved members, so every row is recomputed. Batched: one read of
(id, full_name) and bulk updates of 2.000 rows; a name is keyed once however many share it.
"""

from django.db import migrations


def recompute(apps, schema_editor):
    from xaydungdang.core.text import name_sort_key

    Member = apps.get_model("members", "Member")
    keys: dict[str, str] = {}
    batch = []
    for pk, full_name in Member.objects.order_by("pk").values_list("pk", "full_name").iterator(chunk_size=5000):
        key = keys.get(full_name)
        if key is None:
            key = keys[full_name] = name_sort_key(full_name)
        batch.append(Member(pk=pk, sort_key=key))
        if len(batch) >= 2000:
            Member.objects.bulk_update(batch, ["sort_key"])
            batch = []
    if batch:
        Member.objects.bulk_update(batch, ["sort_key"])


class Migration(migrations.Migration):
    dependencies = [("members", "0009_event_transfer_letter")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True)]
