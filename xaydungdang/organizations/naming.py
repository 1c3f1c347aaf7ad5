"""How a party organization's name reads in its documents (Hướng dẫn 36-HD/VPTW), from its name
and kind, as plain strings: the committee that speaks for it ("Đảng bộ huyện Mỹ Xuyên" ->
"Huyện ủy Mỹ Xuyên"), its short form ("Huyện ủy") and the place of its date line ("Mỹ Xuyên").
The reports' issuer (reports/issuer.py) and the papers of the procedures below it (admission
papers, transfer letters) share these."""

import datetime as dt
from dataclasses import dataclass

from xaydungdang.organizations.models import CELL_KINDS, OrgKind

# Administrative unit words that open an organization's name after "Đảng bộ", longest first.
_UNIT_WORDS = ("thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã")
# The committee of a party organization named after a unit of that kind.
_COMMITTEE_WORD = {
    "tỉnh": "Tỉnh ủy",
    "thành phố": "Thành ủy",
    "thị xã": "Thị ủy",
    "huyện": "Huyện ủy",
    "quận": "Quận ủy",
}
_PREFIXES = ("đảng bộ bộ phận ", "đảng bộ ", "chi bộ ")


@dataclass(frozen=True)
class OrgName:
    name: str
    kind: str


def _rest(name: str) -> tuple[str, str]:
    """("đảng bộ ", "tỉnh Sóc Trăng") for "Đảng bộ tỉnh Sóc Trăng"; ("", name) if no prefix."""
    lowered = name.casefold()
    for prefix in _PREFIXES:
        if lowered.startswith(prefix):
            return prefix, name[len(prefix) :].strip()
    return "", name.strip()


def _unit_word(text: str) -> str | None:
    lowered = text.casefold()
    for word in _UNIT_WORDS:
        if lowered.startswith(word + " "):
            return word
    return None


def committee_short(org: OrgName) -> str:
    """The committee without its place: "Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Chi bộ"."""
    if org.kind in CELL_KINDS:
        return "Chi bộ"
    _prefix, rest = _rest(org.name)
    return _COMMITTEE_WORD.get(_unit_word(rest) or "", "Đảng ủy")


def committee_name(org: OrgName) -> str:
    """The committee that speaks for an organization: "Đảng bộ huyện Mỹ Xuyên" -> "Huyện ủy Mỹ Xuyên"."""
    prefix, rest = _rest(org.name)
    if org.kind in CELL_KINDS:
        return org.name if prefix else f"Chi bộ {rest}"
    if org.kind == OrgKind.SUB_COMMITTEE:
        return f"Đảng ủy bộ phận {rest}"
    word = _unit_word(rest)
    if word in _COMMITTEE_WORD:
        return _COMMITTEE_WORD[word] + rest[len(word) :]
    return f"Đảng ủy {rest}"


def place_name(chain: list[OrgName]) -> str:
    """The place of the date line: the nearest organization named after an administrative unit."""
    for org in chain:
        _prefix, rest = _rest(org.name)
        word = _unit_word(rest)
        if word:
            return rest[len(word) :].strip()
    return _rest(chain[-1].name)[1] if chain else ""


def chain_on(org_id: int, day) -> list[OrgName]:
    """The organization and its ancestors on `day`, nearest first, as names and kinds."""
    from xaydungdang.organizations.tree import load_tree

    tree = load_tree()
    ids = tree.snapshot(day).ancestors(org_id) or [org_id]
    return [OrgName(tree.orgs[i].name, tree.orgs[i].kind) for i in ids if i in tree.orgs]


def place_on(org_id: int, day) -> str:
    """The place of the date line of a paper issued by (or for) the organization on `day`."""
    return place_name(chain_on(org_id, day))


# From 1/7/2025 (Quy định 294-QĐ/TW) the commune-level committee's staff body is the Ban Xây dựng
# Đảng; before, the huyện ủy (and equivalents) had a Ban Tổ chức, as provincial committees still do.
REORGANIZATION = dt.date(2025, 7, 1)


def commission(org: OrgName, on: dt.date) -> str | None:
    """The staff body that prepares an organization's statistics on `on` (upper case), or None when
    the committee itself does (grassroots organizations)."""
    if org.kind == OrgKind.CENTRAL:
        return "BAN TỔ CHỨC TRUNG ƯƠNG"
    if org.kind == OrgKind.PROVINCIAL:
        return "BAN TỔ CHỨC"
    if org.kind == OrgKind.UPPER:
        special = org.name.casefold().startswith("đảng bộ đặc khu")
        return "BAN XÂY DỰNG ĐẢNG" if on >= REORGANIZATION and not special else "BAN TỔ CHỨC"
    return None
