"""Who issues a report, derived from the organization's kind and name (Hướng dẫn 36-HD/VPTW).

"Đảng bộ tỉnh Sóc Trăng" (provincial) issues as "TỈNH ỦY SÓC TRĂNG" (the star under it), number
"Số ...-BC/TU", signed "T/M BAN THƯỜNG VỤ / BÍ THƯ"; "Đảng bộ huyện Mỹ Xuyên" as
"ĐẢNG BỘ TỈNH SÓC TRĂNG / HUYỆN ỦY MỸ XUYÊN" (-BC/HU); a grassroots committee as its
"ĐẢNG ỦY ..." (-BC/ĐU) under its upper organization; a cell as "CHI BỘ ..." (-BC/CB) under its
upper committee ("ĐẢNG ỦY XÃ ĐẠI TÂM"), signed "T/M CHI BỘ".
"""

from dataclasses import dataclass

from xaydungdang.organizations.models import CELL_KINDS, OrgKind
from xaydungdang.organizations.naming import (  # noqa: F401  (OrgName and the names: organizations/naming.py)
    OrgName,
    _rest,
    _unit_word,
    committee_name,
    committee_short,
    place_name,
)

# The number symbol of an upper-level committee by its unit word; others use ĐU.
_UPPER_SYMBOL = {"thành phố": "TU", "thị xã": "TU", "huyện": "HU", "quận": "QU"}


@dataclass(frozen=True)
class Issuer:
    parent_line: str  # printed above, not bold ("ĐẢNG BỘ TỈNH SÓC TRĂNG"; "" for a province)
    name_line: str  # bold ("TỈNH ỦY SÓC TRĂNG", "HUYỆN ỦY MỸ XUYÊN")
    symbol: str  # "TU", "HU", "ĐU", "CB", ...
    committee: str  # "Tỉnh ủy Sóc Trăng", "Đảng ủy xã Đại Tâm", "Chi bộ ấp Một"
    actor: str  # subject of sentences: "Ban Thường vụ Tỉnh ủy", "Đảng ủy", "Chi bộ"
    leaders: str  # who issues documents: "Tỉnh ủy, Ban Thường vụ Tỉnh ủy", "Đảng ủy", "Chi bộ"
    whole: str  # "toàn Đảng bộ", "toàn Chi bộ"
    sign_for: str  # "T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY", "T/M CHI BỘ"
    sign_title: str  # "BÍ THƯ"
    place: str  # default place of the date line ("Sóc Trăng")
    recipients: tuple[str, ...]

    @property
    def is_cell(self) -> bool:
        return self.symbol == "CB"

    @property
    def body_name(self) -> str:
        """The issuing body in full: "Ban Thường vụ Tỉnh ủy Sóc Trăng", "Đảng ủy xã Đại Tâm"."""
        return f"Ban Thường vụ {self.committee}" if self.actor.startswith("Ban Thường vụ") else self.committee


def _symbol(org: OrgName) -> str:
    if org.kind == OrgKind.PROVINCIAL or org.kind == OrgKind.CENTRAL:
        return "TU" if org.kind == OrgKind.PROVINCIAL else "TW"
    if org.kind == OrgKind.UPPER:
        return _UPPER_SYMBOL.get(_unit_word(_rest(org.name)[1]) or "", "ĐU")
    if org.kind in CELL_KINDS:
        return "CB"
    return "ĐU"


def _parent_reference(parent: OrgName | None) -> str:
    """How a report addresses its upper level in "Nơi nhận"."""
    if parent is None or parent.kind == OrgKind.CENTRAL:
        return "Ban Tổ chức Trung ương"
    if parent.kind in (OrgKind.PROVINCIAL, OrgKind.UPPER):
        return f"Ban Thường vụ {committee_short(parent)}"
    return committee_name(parent)


def _recipients(org: OrgName, parent: OrgName | None) -> tuple[str, ...]:
    short = committee_short(org)
    upper = _parent_reference(parent)
    if org.kind == OrgKind.PROVINCIAL:
        return (
            "Ban Tổ chức Trung ương (b/c),",
            f"Các đồng chí {short} viên,",
            f"Các đảng bộ trực thuộc {short},",
            f"Lưu Văn phòng {short}.",
        )
    if org.kind == OrgKind.UPPER:
        lines = [f"{upper} (b/c),"]
        if parent is not None and parent.kind in (OrgKind.PROVINCIAL, OrgKind.UPPER):
            lines.append(f"Ban Tổ chức {committee_short(parent)} (b/c),")
        lines += [f"Các đồng chí {short} viên,", "Các tổ chức cơ sở đảng trực thuộc,", f"Lưu Văn phòng {short}."]
        return tuple(lines)
    if org.kind in CELL_KINDS:
        return (f"{upper} (b/c),", "Lưu Chi bộ.")
    return (f"{upper} (b/c),", "Các đồng chí Đảng ủy viên,", "Các chi bộ trực thuộc,", "Lưu Văn phòng Đảng ủy.")


def issuer_for(chain: list[OrgName]) -> Issuer:
    """`chain` is the organization, then its ancestors at the report's date (nearest first)."""
    org = chain[0]
    parent = chain[1] if len(chain) > 1 else None
    committee = committee_name(org)
    short = committee_short(org)
    if org.kind in (OrgKind.PROVINCIAL, OrgKind.CENTRAL):
        parent_line, name_line = "", committee.upper()
    elif org.kind in CELL_KINDS and parent is not None and parent.kind != OrgKind.CENTRAL:
        # A cell writes its upper committee above its own name (36-HD/VPTW, practice).
        parent_line, name_line = committee_name(parent).upper(), committee.upper()
    else:
        parent_line = parent.name.upper() if parent is not None and parent.kind != OrgKind.CENTRAL else ""
        name_line = committee.upper()
    if org.kind in (OrgKind.PROVINCIAL, OrgKind.CENTRAL, OrgKind.UPPER):
        actor, sign_for = f"Ban Thường vụ {short}", "T/M BAN THƯỜNG VỤ"
    elif org.kind in CELL_KINDS:
        actor, sign_for = "Chi bộ", "T/M CHI BỘ"
    elif org.kind == OrgKind.SUB_COMMITTEE:
        actor, sign_for = "Đảng ủy bộ phận", "T/M ĐẢNG ỦY BỘ PHẬN"
    else:
        actor, sign_for = "Đảng ủy", "T/M ĐẢNG ỦY"
    return Issuer(
        parent_line=parent_line,
        name_line=name_line,
        symbol=_symbol(org),
        committee=committee,
        actor=actor,
        leaders=f"{short}, {actor}" if actor.startswith("Ban Thường vụ") else actor,
        whole="toàn Chi bộ" if org.kind in CELL_KINDS else "toàn Đảng bộ",
        sign_for=sign_for,
        sign_title="BÍ THƯ",
        place=place_name(chain),
        recipients=_recipients(org, parent),
    )
