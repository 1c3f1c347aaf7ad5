"""Vietnamese text: NFC storage, accent folding for search, collation for sorting."""

import re
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=1)
def _collator():
    import icu

    collator = icu.Collator.createInstance(icu.Locale("vi_VN"))
    return collator


def split_name(full_name: str) -> tuple[str, str]:
    """Vietnamese names: the given name is the last word; family and middle names come first."""
    parts = nfc(full_name).split(" ")
    if len(parts) == 1:
        return parts[0], ""
    return parts[-1], " ".join(parts[:-1])


def name_sort_key(full_name: str) -> str:
    """A text key that sorts by given name, then family and middle names, Vietnamese order.

    ICU sort keys are byte strings compared bytewise; hex keeps them portable across
    SQLite and PostgreSQL collations (hex digits sort the same everywhere).
    """
    given, rest = split_name(full_name)
    collator = _collator()
    return (collator.getSortKey(given) + b"\x01" + collator.getSortKey(rest)).hex()


def vi_sort_key(text: str) -> bytes:
    """Sort key for arbitrary Vietnamese text (organization names, localities)."""
    return _collator().getSortKey(nfc(text))
