"""Member.sort_key recomputed with core.text's own Vietnamese collation key (PyICU removed).

The stored keys were ICU's; the new keys give the same order but other bytes, and a list mixes
stored keys with keys of newly saved members, so every row is recomputed. Names repeat a lot, so
each distinct full name is keyed once into a temporary table and the members are updated by one
join (UPDATE ... FROM on PostgreSQL, a correlated subquery on SQLite): minutes for millions of
members, where row-by-row bulk updates took hours.
"""

from django.db import connections, migrations

TEMP = "xdd_tmp_sort_keys"


def recompute(apps, schema_editor):
    from xaydungdang.core.text import name_sort_key

    Member = apps.get_model("members", "Member")
    connection = schema_editor.connection if schema_editor is not None else connections[Member.objects.db]
    table = connection.ops.quote_name(Member._meta.db_table)
    names = Member.objects.values_list("full_name", flat=True).distinct().iterator(chunk_size=20000)
    rows = [(name, name_sort_key(name)) for name in names]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {TEMP} (full_name varchar(255) PRIMARY KEY, sort_key varchar(512))")
        for start in range(0, len(rows), 5000):
            cursor.executemany(f"INSERT INTO {TEMP} (full_name, sort_key) VALUES (%s, %s)", rows[start : start + 5000])
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS m SET sort_key = k.sort_key FROM {TEMP} AS k "
                "WHERE m.full_name = k.full_name AND m.sort_key IS DISTINCT FROM k.sort_key"
            )
        else:
            cursor.execute(
                f"UPDATE {table} SET sort_key = (SELECT k.sort_key FROM {TEMP} AS k "
                f"WHERE k.full_name = {table}.full_name)"
            )
        cursor.execute(f"DROP TABLE {TEMP}")


class Migration(migrations.Migration):
    dependencies = [("members", "0009_event_transfer_letter")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True)]
