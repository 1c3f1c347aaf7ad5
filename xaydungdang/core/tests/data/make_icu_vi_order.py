"""Regenerate icu_vi_order.txt: the order ICU's "vi" collation gives a large list of names.

Run once with PyICU installed (`pip install PyICU==2.17`, which compiles against libicu-dev):
    python xaydungdang/core/tests/data/make_icu_vi_order.py
The test (core/tests/test_collation.py) needs no ICU: it checks that core.text's own key gives
exactly the stored order. Lines: "<relation>\t<kind>\t<text>", relation "<" (after the previous
line of the same kind) or "=" (equal to it); kind "text" (vi_sort_key) or "name" (name_sort_key).
Texts are JSON strings; a text that is not in NFC is stored with \\u escapes so editors keep it.
"""

import datetime as dt
import itertools
import json
import random
import unicodedata
from pathlib import Path

import icu

from xaydungdang.core.text import nfc, split_name
from xaydungdang.demo import geography, names, orgs

OUT = Path(__file__).with_name("icu_vi_order.txt")
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def person_names() -> list[str]:
    out = set()
    kinh_middle = names.KINH_MIDDLE_MALE.items + names.KINH_MIDDLE_FEMALE.items
    groups = (
        (names.KINH_FAMILY.items, kinh_middle, names.KINH_GIVEN_MALE + names.KINH_GIVEN_FEMALE),
        (names.KHMER_FAMILY.items, ["", "Thị"], names.KHMER_GIVEN_MALE + names.KHMER_GIVEN_FEMALE),
        (
            names.HOA_FAMILY.items,
            names.HOA_MIDDLE_MALE.items + names.HOA_MIDDLE_FEMALE.items,
            names.HOA_GIVEN_MALE + names.HOA_GIVEN_FEMALE,
        ),
    )
    for families, middles, givens in groups:
        for i, (family, given) in enumerate(itertools.product(families, givens)):
            middle = middles[i % len(middles)]
            out.add(" ".join(p for p in (family, middle, given) if p))
    rng = random.Random(12)
    for _ in range(3000):
        out.add(names.full_name(rng, rng.choice(("Kinh", "Kinh", "Khmer", "Hoa")), rng.random() < 0.5))
    return sorted(out)


def place_names() -> list[str]:
    out = {geography.PROVINCE}
    out.update(geography.VILLAGES_VIET)
    out.update(geography.VILLAGES_KHMER)
    for d in geography.DISTRICTS:
        out.add(d.title)
        out.add(d.name)
        for c in d.communes:
            out.add(c.title(d))
            out.add(c.name)
        for n in d.merged:
            out.add(n.title)
    structure = orgs.build(random.Random(1), dt.date(2026, 6, 30))
    out.update(o.name for o in structure.orgs.values())
    return sorted(out)


def hard_cases() -> list[str]:
    out = [
        "Đ",
        "D",
        "đ",
        "d",
        "Đại Ngãi",
        "Dại Ngãi",
        "Long Phú",
        "Lâm Tân",
        "Lạc Hòa",
        "Lai Hòa",
        "Nguyễn Văn A",
        "Nguyễn Văn Ả",
        "Nguyễn Văn À",
        "Nguyễn Văn Á",
        "Nguyễn Văn Ã",
        "Nguyễn Văn Ạ",
        "nguyễn văn a",
        "NGUYỄN VĂN A",
        "Nguyen Van A",
        "Nguyễn Văn Ă",
        "Nguyễn Văn Â",
        "Nguyễn Văn B",
        "Chi bộ 1",
        "Chi bộ 2",
        "Chi bộ 10",
        "Chi bộ 11",
        "Chi bộ 20",
        "Chi bộ 2A",
        "Chi bộ ấp 1",
        "Phường 1",
        "Phường 10",
        "Phường 2",
        "Phường 9",
        "Khơ-me",
        "Khơ me",
        "Khome",
        "Khơme",
        "Y-Bih",
        "Y Bih",
        "H'Hen Niê",
        "H Hen Niê",
        "Ka-nha",
        "Lê",
        "Lê-Văn",
        "Lê Văn",
        "Lê–Văn",
        "Lê—Văn",
        "Lê‐Văn",
        "Lê‑Văn",
        "Lê.Văn",
        "Lê,Văn",
        "Thạch Sóc Khêm",
        "Sơn Thị Sa Ry",
        "Quách Tú Anh",
        "Lý Huệ Mẫn",
        "A",
        "a",
        "Á",
        "á",
        "Ă",
        "ă",
        "Â",
        "â",
        "B",
        "b",
        "ơ",
        "Ơ",
        "ô",
        "Ô",
        "o",
        "O",
        "ư",
        "Ư",
        "u",
        "U",
        "oa",
        "oă",
        "oâ",
        "ôa",
        "ơa",
        "ua",
        "ưa",
        "uơ",
        "ươ",
        "ươi",
        "ươu",
        "uô",
        "uôi",
        "Trường",
        "Truong",
        "Trưởng",
        "Trương",
        "Tuấn",
        "Tuân",
        "Tuần",
        "Tuẩn",
        "Tuẫn",
        "Tuận",
        "Hòa",
        "Hoà",
        "Hóa",
        "Hoá",
        "Thủy",
        "Thuỷ",
        "Quý",
        "Quí",
        "Ý",
        "Y",
        "Ấp Mỹ Phước",
        "ấp mỹ phước",
        "Ấp Mỹ Phước 2",
        "Ấp Mỹ Phước 10",
        "Ấp Mỹ-Phước",
        "Đảng bộ xã Kế Sách",
        "Đảng bộ xã Kế An",
        "Đảng bộ thị trấn Kế Sách",
        "Chi bộ Ấp An Phú",
        "",
        " ",
        "0",
        "9",
        "(Tổ 1)",
        "“Ấp”",
        "Ấp…",
        "Ấp...",
        "Ông Ba",
        "ông ba",
        "ÔNG BA",
        "Nguyễn Thị Bích Ngọc",
        "Nguyễn Thị Bích Ngọ",
        "Nguyễn Thị Bích",
        "Nguyễn Thị Bíc",
        "Hồ Chí Minh",
        "Hồ Chi Minh",
        "Hồ Chí Mính",
        "Hô Chí Minh",
    ]
    for v in VOWELS:
        for t in TONES:
            ch = unicodedata.normalize("NFC", v + t)
            out += [ch, ch.upper(), "t" + ch + "n", "Ng" + ch + "n", ch + "nh"]
    # NFD input, and combinations that put the tone before or after the letter mark
    out += [unicodedata.normalize("NFD", s) for s in ("Nguyễn Văn Ả", "Đặng Thị Ánh", "Trưởng ấp", "Ỷ Lan")]
    out += ["a\u0323\u0306", "a\u0306\u0323", "o\u031b\u0301", "o\u0301\u031b", "u\u031b\u0323n"]
    return out


def main() -> None:
    collator = icu.Collator.createInstance(icu.Locale("vi_VN"))

    def text_key(s):
        return collator.getSortKey(nfc(s))

    def name_key(s):
        given, rest = split_name(s)
        return collator.getSortKey(given) + b"\x01" + collator.getSortKey(rest)

    people = person_names()
    texts = sorted(set(people + place_names() + hard_cases()))
    lines = []
    for kind, items, key in (("text", texts, text_key), ("name", people + hard_cases(), name_key)):
        items = sorted(set(items), key=lambda s: (key(s), s))
        previous = None
        for s in items:
            k = key(s)
            relation = "=" if previous is not None and k == previous else "<"
            text = json.dumps(s, ensure_ascii=unicodedata.is_normalized("NFC", s) is False)
            lines.append(f"{relation}\t{kind}\t{text}")
            previous = k
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} lines")


if __name__ == "__main__":
    main()
