"""core.text's Vietnamese collation key gives exactly ICU's "vi" order (no ICU needed here).

data/icu_vi_order.txt was written by data/make_icu_vi_order.py with PyICU 2.17 / ICU 72: every
demo person name (all family x given name pairs and 3.000 drawn names), every demo place and
organization name, and hard cases (Đ/D, ă/â/a, ơ/ô/o, ư/u, each tone on each vowel, case, digits,
hyphens and dashes, NFD input).
"""

import json
from pathlib import Path

import pytest

from xaydungdang.core.text import name_sort_key, vi_sort_key

DATA = Path(__file__).with_name("data") / "icu_vi_order.txt"


def _expected(kind):
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        relation, row_kind, text = line.split("\t")
        if row_kind == kind:
            rows.append((relation, json.loads(text)))
    return rows


@pytest.mark.parametrize(
    ("kind", "key"),
    [("text", vi_sort_key), ("name", name_sort_key)],
)
def test_key_gives_icu_vi_order(kind, key):
    rows = _expected(kind)
    assert len(rows) > 7000
    wrong = []
    for (_, before), (relation, after) in zip(rows, rows[1:]):
        a, b = key(before), key(after)
        if (relation == "=" and a != b) or (relation == "<" and not a < b):
            wrong.append((before, relation, after))
    assert wrong == []


def test_vietnamese_letters_and_tones():
    ordered = ["a", "A", "à", "ả", "ã", "á", "ạ", "ă", "â", "b", "d", "đ", "Đ", "e", "ê", "o", "ô", "ơ", "u", "ư"]
    assert sorted(reversed(ordered), key=vi_sort_key) == ordered
    assert vi_sort_key("Nguyễn Văn A") < vi_sort_key("Nguyễn Văn Ả")
    assert vi_sort_key("Đại Ngãi") > vi_sort_key("Dương")  # Đ after every D
    assert vi_sort_key("Lâm Tân") < vi_sort_key("Long Phú")
    # NFD input and extra spaces give the same key as NFC
    assert vi_sort_key("Nguye\u0302\u0303n  Va\u0306n A\u0309") == vi_sort_key("Nguyễn Văn Ả")


def test_name_key_sorts_by_given_name_first():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đặng Bình"]
    assert sorted(names, key=name_sort_key) == ["Lê Văn An", "Nguyễn Thị An", "Đặng Bình", "Trần Văn Bình"]
    assert all(set(name_sort_key(n)) <= set("0123456789abcdef") for n in names)  # hex, portable
