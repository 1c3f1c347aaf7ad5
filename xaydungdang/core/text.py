"""Vietnamese text: NFC storage, accent folding for search, collation for sorting."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Characters that reorder or hide text: bidi controls (U+202E shows "gnaoH nauN" for "Nguyen Hoang")
# and zero-width or invisible ones (a name with U+200B looks the same but no search finds it).
HIDDEN_CHARS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff\u00ad"
)
_HIDDEN = re.compile("[" + "".join(sorted(HIDDEN_CHARS)) + "]")


def hidden_chars(value: str | None) -> list[str]:
    """The hidden or direction-changing characters in `value`, as "U+202E" codes, in order of appearance."""
    if not value or not _HIDDEN.search(value):
        return []
    found = []
    for ch in value:
        code = f"U+{ord(ch):04X}"
        if ch in HIDDEN_CHARS and code not in found:
            found.append(code)
    return found


def hidden_chars_message(label: str, value: str | None) -> str | None:
    """A Vietnamese message naming the field when `value` holds hidden characters, else None."""
    found = hidden_chars(value)
    if not found:
        return None
    return f"{label} có ký tự ẩn hoặc ký tự đảo chiều ({', '.join(found)}) — hãy gõ lại."


def nfc(value: str | None) -> str:
    """Normalize to NFC and collapse whitespace; None becomes ''."""
    if value is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def fold(value: str | None) -> str:
    """Accent-insensitive, case-insensitive form: 'Đặng Thị Ánh' -> 'dang thi anh'.

    NFD plus dropping combining marks leaves Đ/đ untouched, so they are mapped explicitly.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFD", str(value).replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.casefold()).strip()


# Spaces, dashes (hyphen, non-breaking hyphen, figure/en/em dash, minus) and hidden characters.
_KEY_NOISE = re.compile(r"[\s\-\u2010-\u2015\u2212" + "".join(sorted(HIDDEN_CHARS)) + "]+")


def fold_key(value: str | None) -> str:
    """fold() without spaces and dashes: how names from a closed list (ethnic groups, religions)
    are matched, "Khơ-me", "khome" and "KHƠ ME" alike (spec/forms.md)."""
    return _KEY_NOISE.sub("", fold(value))


# Vietnamese collation without ICU: a three-level key (letters, then tone and other marks, then case)
# in the order of ICU's "vi" collation (CLDR tailoring: ă after a, â after ă, đ after d, ê after e,
# ô and ơ after o, ư after u; tones huyền < hỏi < ngã < sắc < nặng; lower case before upper case;
# spaces and punctuation before digits, digits before letters, digits compared one by one so
# "10" sorts before "2"). xaydungdang/core/tests/test_collation.py proves it equal to ICU 72 on a
# large list of real and difficult names stored in core/tests/data/icu_vi_order.txt.

# Primary order of everything a key knows (ICU "vi", non-ignorable: space and punctuation count).
_PRIMARY_ORDER = (
    " _-\u2010\u2012\u2013\u2014\u2015,;:!?.\u00b7'\u2018\u2019\"\u201c\u201d\u00ab\u00bb()[]{}"
    "\u00a7\u00b6@*/\\&#%\u2022`^\u00b0+\u00f7\u00d7<=>|~\u2212$0123456789"
    "a\u0103\u00e2bcd\u0111e\u00eafghijklmno\u00f4\u01a1pqrstu\u01b0vwxyz"
)
_PRIMARY = {ch: bytes([i + 3]) for i, ch in enumerate(_PRIMARY_ORDER)}
_PRIMARY["\u2011"] = _PRIMARY["\u2010"]  # non-breaking hyphen: a hyphen, told apart only by case level
# Secondary order of combining marks (tones first: huyền, hỏi, ngã, sắc, nặng in that order).
_MARK_ORDER = (
    "\u0332\u0313\u0314\u0300\u0309\u0303\u0301\u0323\u0306\u0302\u030c\u030a\u0342\u0308\u0344\u030b"
    "\u0307\u0338\u0327\u0328\u0304\u030d\u0316\u0336\u0335\u0305\u030f\u0310\u0311\u031b\u0321\u0322"
    "\u0324\u0325\u0326\u032d\u032e\u0330\u0331\u0334\u0339\u0345\u0358\u0360\u0361"
)
_MARK = {ch: i + 6 for i, ch in enumerate(_MARK_ORDER)}  # 5 is the common (unmarked) secondary
_OTHER_MARK = len(_MARK_ORDER) + 6
# Marks that make a Vietnamese letter of their base (a + breve = ă): one primary, not a secondary.
_LETTER_MARKS = {
    ("a", "\u0306"): "\u0103",
    ("a", "\u0302"): "\u00e2",
    ("e", "\u0302"): "\u00ea",
    ("o", "\u0302"): "\u00f4",
    ("o", "\u031b"): "\u01a1",
    ("u", "\u031b"): "\u01b0",
}
_COMMON, _LOWER, _ELLIPSIS, _UPPER, _NB_HYPHEN = 5, 5, 7, 8, 9
_IGNORABLE = HIDDEN_CHARS


def _unknown_primary(ch: str) -> bytes:
    """A character the table does not know: after the letters, in code point order."""
    cp = ord(ch)
    return bytes([254, ((cp >> 14) & 0x7F) + 2, ((cp >> 7) & 0x7F) + 2, (cp & 0x7F) + 2])


_WEIGHTS: dict[str, tuple[bytes, bytes, bytes]] = {}


def _char_weights(ch: str) -> tuple[bytes, bytes, bytes]:
    """(primary, secondary, tertiary) weights of one NFC character."""
    found = _WEIGHTS.get(ch)
    if found is not None:
        return found
    if ch in _IGNORABLE or unicodedata.category(ch) == "Cc":
        weights = (b"", b"", b"")
    elif ch == "\u2026":  # "…" is "..." told apart only by the case level
        weights = (_PRIMARY["."] * 3, bytes([_COMMON] * 3), bytes([_ELLIPSIS] * 3))
    elif unicodedata.combining(ch):
        weights = (b"", bytes([_MARK.get(ch, _OTHER_MARK)]), b"")
    else:
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], list(decomposed[1:])
        lower = base.lower()
        upper = ch.lower() != ch or base != lower
        letter = lower
        # A mark that makes a Vietnamese letter is taken unless blocked (UCA: a mark in between
        # with the same or a higher combining class blocks it).
        for i, mark in enumerate(marks):
            made = _LETTER_MARKS.get((lower, mark))
            if made is None:
                continue
            cc = unicodedata.combining(mark)
            if all(0 < unicodedata.combining(m) < cc for m in marks[:i]):
                letter = made
                del marks[i]
                break
        primary = _PRIMARY.get(letter) or _unknown_primary(letter)
        tertiary = _NB_HYPHEN if ch == "\u2011" else _UPPER if upper else _LOWER
        secondary = bytes([_COMMON] + [_MARK.get(m, _OTHER_MARK) for m in marks])
        weights = (primary, secondary, bytes([tertiary]))
    _WEIGHTS[ch] = weights
    return weights


def _collation_key(text: str) -> bytes:
    primaries, secondaries, tertiaries = [], [], []
    for ch in text:
        p, s, t = _char_weights(ch)
        primaries.append(p)
        secondaries.append(s)
        tertiaries.append(t)
    # Trailing common weights are dropped (as ICU does): with equal primaries the levels below have
    # the same number of entries, and the common weight is the lowest, so the order is unchanged.
    secondary = b"".join(secondaries).rstrip(b"\x05")
    tertiary = b"".join(tertiaries).rstrip(b"\x05")
    return b"".join(primaries) + b"\x01" + secondary + b"\x01" + tertiary + b"\x00"


def split_name(full_name: str) -> tuple[str, str]:
    """Vietnamese names: the given name is the last word; family and middle names come first."""
    parts = nfc(full_name).split(" ")
    if len(parts) == 1:
        return parts[0], ""
    return parts[-1], " ".join(parts[:-1])


NAME_KEY_LENGTH = 512  # Member.sort_key's length: beyond it (a name of 150 letters) ties are broken by id


def name_sort_key(full_name: str) -> str:
    """A text key that sorts by given name, then family and middle names, Vietnamese order.

    Collation keys are byte strings compared bytewise (each ends with 0x00, so none is a prefix of
    another); hex keeps them portable across SQLite and PostgreSQL collations.
    """
    given, rest = split_name(full_name)
    return (_collation_key(given) + b"\x01" + _collation_key(rest)).hex()[:NAME_KEY_LENGTH]


def vi_sort_key(text: str) -> bytes:
    """Sort key for arbitrary Vietnamese text (organization names, localities)."""
    return _collation_key(nfc(text))
