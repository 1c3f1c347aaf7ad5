"""Migration members 0010 recomputes every stored Member.sort_key with core.text's key."""

import datetime as dt
import importlib

from django.apps import apps

from xaydungdang.conftest import person
from xaydungdang.core.text import name_sort_key
from xaydungdang.members import actions
from xaydungdang.members.models import Member

D = dt.date


def test_recompute_rewrites_stale_keys_in_vietnamese_order(tree):
    names = ["Trần Văn Đức", "Lê Thị Ánh", "Nguyễn Văn Dũng", "Phạm Ánh", "Võ Văn Anh"]
    for i, name in enumerate(names):
        actions.admit(person(f"M{i}", name), tree["C1"], D(2020, 1, 1))
    Member.objects.update(sort_key="ff")  # keys left by the old collation
    migration = importlib.import_module("xaydungdang.members.migrations.0010_recompute_sort_key")
    migration.recompute(apps, None)
    rows = list(Member.objects.values_list("full_name", "sort_key"))
    assert all(key == name_sort_key(name) for name, key in rows)
    ordered = list(Member.objects.order_by("sort_key").values_list("full_name", flat=True))
    assert ordered == ["Võ Văn Anh", "Lê Thị Ánh", "Phạm Ánh", "Nguyễn Văn Dũng", "Trần Văn Đức"]
