"""The one definition of each member attribute that counts (spec/indicators.md, spec/forms.md).

Every place that counts, filters or flags by these attributes calls these functions: the
member row's stored `ethnic_minority` flag and the spans' `minority` flag are computed by
`is_ethnic_minority`, so SQL filters on those columns follow this definition too.
"""

from xaydungdang.core.text import fold_key

# The majority group, as fold_key() spells it, and its code in the forms' list (01 Kinh).
KINH_KEY = fold_key("Kinh")
KINH_CODES = frozenset({"01", "1"})


def is_kinh(ethnicity: str | None) -> bool:
    """ "Kinh" matched without regard to case, diacritics, spaces and hyphens, or its code 01."""
    key = fold_key(ethnicity)
    return key == KINH_KEY or key in KINH_CODES


def is_ethnic_minority(ethnicity: str | None) -> bool:
    """Dân tộc thiểu số: every ethnicity other than Kinh, including `foreign_origin`, other and
    unknown names (spec/forms.md, "Precise readings"). An empty value is not Kinh either; the
    rules require the field, so only data written around them can hold one."""
    return not is_kinh(ethnicity)


def is_religious(religion: str | None) -> bool:
    """Người theo tôn giáo: a non-empty religion (spec/indicators.md)."""
    return bool((religion or "").strip())
