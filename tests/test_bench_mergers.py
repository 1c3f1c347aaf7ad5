"""The merger table of the national benchmark (bench/provinces_2025.json, Nghị quyết 202/2025/QH15):
63 provinces before 1/7/2025, 34 after, 23 mergers and 11 unchanged, every former province in exactly
one new one; and bench/national.py's reading of it."""

import importlib.util
import json
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def table() -> dict:
    return json.loads((BENCH / "provinces_2025.json").read_text(encoding="utf-8"))


def national():
    spec = importlib.util.spec_from_file_location("bench_national", BENCH / "national.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_63_provinces_become_34_by_23_mergers():
    data = table()
    old = [name for name, _kind in data["old"]]
    assert len(old) == len(set(old)) == 63
    assert len(data["mergers"]) == 23
    assert len(data["unchanged"]) == 11
    assert all(len(m["parts"]) in (2, 3) for m in data["mergers"])
    new_names = [m["name"] for m in data["mergers"]] + data["unchanged"]
    assert len(new_names) == len(set(new_names)) == 34
    assert sum(len(m["parts"]) for m in data["mergers"]) == 52


def test_every_former_province_is_in_exactly_one_new_one():
    data = table()
    homes = Counter(part for m in data["mergers"] for part in m["parts"]) + Counter(data["unchanged"])
    assert set(homes) == {name for name, _kind in data["old"]}
    assert set(homes.values()) == {1}
    for merger in data["mergers"]:
        assert merger["seat"] in merger["parts"], merger
        assert merger["name"] in merger["parts"], merger  # each new province took one former name


def test_known_mergers():
    by_name = {m["name"]: m for m in table()["mergers"]}
    assert set(by_name["Cần Thơ"]["parts"]) == {"Cần Thơ", "Sóc Trăng", "Hậu Giang"}
    assert by_name["Cần Thơ"]["kind"] == "thành phố"
    assert set(by_name["Hồ Chí Minh"]["parts"]) == {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}
    assert "Hà Nội" in table()["unchanged"]


def test_national_bench_reads_the_table():
    module = national()
    codes = module.old_province_codes()
    assert len(codes) == 63 and codes["Hà Nội"] == "T00"
    after = module.provinces_after()
    assert len(after) == 34
    assert len({code for code, _name, _parts in after}) == 34
    parts = Counter(code for _code, _name, group in after for code in group)
    assert set(parts) == set(codes.values()) and set(parts.values()) == {1}
    can_tho = next(row for row in after if row[1] == "Đảng bộ thành phố Cần Thơ")
    assert sorted(can_tho[2]) == sorted(codes[n] for n in ("Cần Thơ", "Sóc Trăng", "Hậu Giang"))
    provinces = [row for row in module._orgs() if row[2] == "provincial"]
    assert [code for code, *_ in provinces] == sorted(codes.values())
    assert ("T60", "Đảng bộ tỉnh Sóc Trăng", "provincial", "TW") in provinces
