"""Text derivations computed for every member of an import, memoized.

Names and ethnic groups repeat a great deal (a province has a few hundred given names),
so folding word by word and caching gives core.text's exact results at a fraction of
the cost.
"""

from functools import lru_cache

from xaydungdang.core.text import fold, name_sort_key
from xaydungdang.members.attributes import is_ethnic_minority


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def fold_name(text: str) -> str:
    """Equal to core.text.fold(text): folding never merges or splits words."""
    return " ".join(part for part in map(_fold_word, text.split()) if part)


@lru_cache(maxsize=65536)
def sort_key(full_name: str) -> str:
    return name_sort_key(full_name)


@lru_cache(maxsize=4096)
def minority(ethnicity: str) -> bool:
    return is_ethnic_minority(ethnicity)
