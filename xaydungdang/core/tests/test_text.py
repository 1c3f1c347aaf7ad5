"""core.text: NFC storage, accent folding for search, Vietnamese collation for sorting."""

import unicodedata

import pytest

from xaydungdang.core.text import fold, name_sort_key, nfc, split_name, vi_sort_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- folding --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đặng Thị Ánh", "dang thi anh"),
        ("ĐẠI NGÃI", "dai ngai"),  # Đ does not decompose: mapped explicitly
        ("đảng ủy", "dang uy"),
        ("Nguyễn Ưng Ơn", "nguyen ung on"),  # ư, ơ lose their horns
        ("Chi bộ 3", "chi bo 3"),
        ("Hoà Hòa", "hoa hoa"),  # old and new tone placement fold alike
        ("Straße", "strasse"),  # casefold, not lower()
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_fold_nfc_and_nfd_input_agree():
    for text in ("Nguyễn Thị Hồng Nhung", "Đại Ngãi", "Kế Sách", "Trường Sa"):
        assert nfd(text) != text  # the input really differs
        assert fold(nfd(text)) == fold(text)


def test_fold_drops_bare_combining_marks():
    assert fold("a\u0301") == "a"  # a + combining acute
    assert fold("e\u0302\u0303") == "e"  # e + circumflex + tilde (ễ spelled out)
    assert fold("D\u0323") == "d"


def test_fold_collapses_and_trims_whitespace():
    assert fold("  Lê   Văn\tTám \n") == "le van tam"
    assert fold("Lê\u00a0Văn") == "le van"  # no-break space is whitespace too


def test_fold_empty():
    assert fold(None) == ""
    assert fold("") == ""
    assert fold("   ") == ""


# --- NFC ------------------------------------------------------------------------------------------------------


def test_nfc_composes_and_collapses_whitespace():
    stored = nfc("  " + nfd("Nguyễn   Văn") + "\tAn ")
    assert stored == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", stored)
    assert len(stored) == len("Nguyễn Văn An")


def test_nfc_none_and_non_text():
    assert nfc(None) == ""
    assert nfc(123) == "123"


# --- names and collation --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "full, expected",
    [
        ("Nguyễn Văn An", ("An", "Nguyễn Văn")),
        ("  Lê   Thị  Hồng Nhung ", ("Nhung", "Lê Thị Hồng")),
        ("An", ("An", "")),
        (nfd("Trần Đức"), ("Đức", "Trần")),  # normalized before splitting
    ],
)
def test_split_name_given_name_is_the_last_word(full, expected):
    assert split_name(full) == expected


def test_names_sort_by_given_name_then_the_rest():
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Anh", "Trần Văn An", "Phạm Đạt", "Hồ Duy"]
    assert sorted(people, key=name_sort_key) == [
        "Nguyễn Thị An",
        "Trần Văn An",  # same given name: family and middle names decide
        "Lê Anh",
        "Trần Văn Bình",
        "Hồ Duy",
        "Phạm Đạt",  # Đ is a letter after D: "Duy" before "Đạt" (folding would say otherwise)
    ]


def test_name_sort_key_is_portable_text():
    key = name_sort_key("Nguyễn Văn An")
    assert isinstance(key, str)
    assert set(key) <= set("0123456789abcdef")
    assert name_sort_key(nfd("Nguyễn Văn An")) == key  # NFC and NFD spellings sort as one


def test_vietnamese_letters_order():
    # a < ă < â, d < đ, o < ô < ơ, u < ư: each a letter of its own, not an accented a/d/o/u.
    assert sorted(["Âu", "Ăn", "Anh", "Ba"], key=vi_sort_key) == ["Anh", "Ăn", "Âu", "Ba"]
    assert sorted(["Ơn", "Ôn", "Ong"], key=vi_sort_key) == ["Ong", "Ôn", "Ơn"]
    assert sorted(["Ưng", "Uy"], key=vi_sort_key) == ["Uy", "Ưng"]


def test_organization_names_sort_in_vietnamese_order():
    districts = ["Kế Sách", "Đại Ngãi", "Châu Thành", "Duyên Hải", "Cù Lao Dung"]
    assert sorted(districts, key=vi_sort_key) == ["Châu Thành", "Cù Lao Dung", "Duyên Hải", "Đại Ngãi", "Kế Sách"]
    # Folding alone would put "Đại Ngãi" (dai) before "Duyên Hải" (duyen): collation is not folding.
    assert sorted(districts, key=fold).index("Đại Ngãi") < sorted(districts, key=fold).index("Duyên Hải")


def test_vi_sort_key_ignores_normalization_form():
    assert vi_sort_key(nfd("Đại Ngãi")) == vi_sort_key("Đại Ngãi")
