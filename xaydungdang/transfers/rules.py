"""The rules of a transfer, by the date of the case (domain/rules.md §2):

* official transfer within 60 working days of the decision or the move; the letter presented at
  the new place within 30 working days (deadlines.py);
* temporary transfer: work away from 3 months to under 1 year, study from 3 months to 2 years;
* who issues the letter (giấy giới thiệu sinh hoạt đảng): `issuing_body`, dated at the letter.

Reading of the rules on the issuing body (docs/procedures.md "Chuyển sinh hoạt đảng"):

* before 1/7/2025 (Quy định 24-QĐ/TW, Hướng dẫn 01-HD/TW 2021 and 12-HD/BTCTW 2022 in practice):
  between two chi bộ of one đảng bộ cơ sở, the đảng ủy cơ sở; otherwise the district-level
  committee above the TCCSĐ (its Ban Tổ chức), or the Ban Tổ chức tỉnh ủy for a TCCSĐ directly
  under the province;
* from 1/7/2025 (Quy định 294-QĐ/TW): the upper committee of the TCCSĐ, or the Ban Tổ chức
  tỉnh ủy for a TCCSĐ directly under the province — for every destination.
"""

import datetime as dt
from dataclasses import dataclass

from xaydungdang.core.dates import add_months, today
from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.rules import Regulation
from xaydungdang.organizations.models import CELL_KINDS, GRASSROOTS_KINDS, OrgKind

D = dt.date
RULE_294_FROM = D(2025, 7, 1)
LETTER_WORKING_DAYS = 60
PRESENTATION_WORKING_DAYS = 30

REGULATIONS = {
    "transfer_deadlines": Regulation(
        "transfer_deadlines",
        "Chuyển sinh hoạt đảng chính thức trong 60 ngày làm việc kể từ ngày quyết định hoặc chuyển nơi ở; "
        "nộp giấy giới thiệu trong 30 ngày làm việc",
        "Quy định 24-QĐ/TW (2021), 294-QĐ/TW (2025); Hướng dẫn 12-HD/BTCTW (18/01/2022)",
    ),
    "temporary_transfer": Regulation(
        "temporary_transfer",
        "Sinh hoạt đảng tạm thời: đi làm việc từ 3 tháng đến dưới 1 năm, đi học từ 3 tháng đến 2 năm",
        "Quy định 24-QĐ/TW (2021), 294-QĐ/TW (2025); Hướng dẫn 12-HD/BTCTW (18/01/2022)",
    ),
    "letter_issuer_24": Regulation(
        "letter_issuer_24",
        "Giấy giới thiệu sinh hoạt đảng: đảng ủy cơ sở (trong đảng bộ cơ sở), Ban Tổ chức cấp ủy cấp huyện "
        "và tương đương (ra ngoài đảng bộ cơ sở)",
        "Quy định 24-QĐ/TW (30/7/2021); Hướng dẫn 12-HD/BTCTW (18/01/2022)",
        None,
        RULE_294_FROM,
    ),
    "letter_issuer_294": Regulation(
        "letter_issuer_294",
        "Giấy giới thiệu sinh hoạt đảng: cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng; Ban Tổ chức "
        "tỉnh ủy với tổ chức cơ sở đảng trực thuộc tỉnh ủy",
        "Quy định 294-QĐ/TW (26/5/2025, hiệu lực 1/7/2025)",
        RULE_294_FROM,
    ),
}


def check_duration(kind: str, start: dt.date | None, until: dt.date | None) -> list[Problem]:
    """A temporary transfer's end: work 3 months to under 1 year, study 3 months to 2 years;
    an official transfer has none."""
    from xaydungdang.transfers.models import TEMPORARY_KINDS, Kind

    if kind not in TEMPORARY_KINDS:
        if until is not None:
            return [Problem("Chuyển sinh hoạt chính thức không có ngày kết thúc; bỏ trống ô «đến ngày».", "until")]
        return []
    if until is None:
        return [Problem("Sinh hoạt tạm thời cần ghi đến ngày nào.", "until")]
    if start is None:
        return []
    cite = REGULATIONS["temporary_transfer"].cite
    shortest = add_months(start, 3)
    if until < shortest:
        return [
            Problem(
                f"Sinh hoạt tạm thời đến {fmt(until)} chưa đủ 3 tháng kể từ {fmt(start)} (sớm nhất {fmt(shortest)}); "
                f"dưới 3 tháng không chuyển sinh hoạt tạm thời — {cite}.",
                "until",
                "temporary_transfer",
            )
        ]
    if kind == Kind.TEMPORARY_WORK:
        limit = add_months(start, 12)
        if until >= limit:
            return [
                Problem(
                    f"Đi làm việc sinh hoạt tạm thời phải dưới 1 năm: đến {fmt(until)} là từ 1 năm trở lên "
                    f"(trước {fmt(limit)}); từ 1 năm trở lên chuyển sinh hoạt chính thức — {cite}.",
                    "until",
                    "temporary_transfer",
                )
            ]
    else:
        limit = add_months(start, 24)
        if until > limit:
            return [
                Problem(
                    f"Đi học sinh hoạt tạm thời tối đa 2 năm: đến {fmt(until)} quá 2 năm kể từ {fmt(start)} "
                    f"(muộn nhất {fmt(limit)}) — {cite}.",
                    "until",
                    "temporary_transfer",
                )
            ]
    return []


def check_start(values: dict, *, member, tree) -> list[Problem]:
    """A new transfer: its kind and reason, one destination (a cell of the system or a place
    outside), the dates. `values` holds kind, reason, moved_on, until, to_cell_id, to_place."""
    from xaydungdang.transfers.models import Kind, Reason

    problems = []
    kind, reason = values.get("kind"), values.get("reason")
    if kind not in Kind.values:
        problems.append(Problem("Cần chọn hình thức chuyển sinh hoạt.", "kind"))
    if reason not in Reason.values:
        problems.append(Problem("Cần chọn lý do chuyển.", "reason"))
    moved_on = values.get("moved_on")
    if moved_on is None:
        problems.append(Problem("Cần nhập ngày chuyển.", "moved_on"))
    elif moved_on > today():
        problems.append(Problem(f"Ngày chuyển {fmt(moved_on)} ở sau ngày hôm nay.", "moved_on"))
    elif moved_on < member.joined_on:
        problems.append(
            Problem(f"Ngày chuyển {fmt(moved_on)} trước ngày vào Đảng {fmt(member.joined_on)}.", "moved_on")
        )
    to_cell_id, to_place = values.get("to_cell_id"), (values.get("to_place") or "").strip()
    if to_cell_id is None and not to_place:
        problems.append(Problem("Cần chọn chi bộ chuyển đến trong hệ thống hoặc ghi nơi chuyển đến.", "to_cell"))
    elif to_cell_id is not None and to_place:
        problems.append(
            Problem("Chọn chi bộ chuyển đến trong hệ thống hoặc ghi nơi ngoài hệ thống, không ghi cả hai.", "to_place")
        )
    elif to_cell_id is not None:
        info = tree.orgs.get(to_cell_id)
        if info is None or info.kind not in CELL_KINDS:
            problems.append(
                Problem("Nơi chuyển đến phải là một chi bộ (chi bộ cơ sở hoặc chi bộ trực thuộc).", "to_cell")
            )
        elif to_cell_id == member.current_cell_id:
            problems.append(Problem("Chi bộ chuyển đến trùng chi bộ đang sinh hoạt.", "to_cell"))
        elif moved_on is not None and not info.exists_on(max(moved_on, today())):
            problems.append(Problem(f"{info.name} không còn hoạt động.", "to_cell"))
    if len(to_place) > 255:
        problems.append(Problem("Nơi chuyển đến dài quá 255 ký tự.", "to_place"))
    if kind in Kind.values:
        problems += check_duration(kind, moved_on, values.get("until"))
    return problems


@dataclass(frozen=True)
class Issuer:
    org_id: int | None
    name: str  # the body as the letter names it
    regulation: Regulation


_COMMITTEES = (
    ("Đảng bộ tỉnh ", "Tỉnh ủy "),
    ("Đảng bộ thành phố ", "Thành ủy "),
    ("Đảng bộ huyện ", "Huyện ủy "),
    ("Đảng bộ quận ", "Quận ủy "),
    ("Đảng bộ thị xã ", "Thị ủy "),
    ("Đảng bộ ", "Đảng ủy "),
)


def committee_name(name: str) -> str:
    """The committee of a đảng bộ: "Đảng bộ huyện Một" → "Huyện ủy Một", "Đảng bộ xã Một" →
    "Đảng ủy xã Một"; other names are kept."""
    for prefix, committee in _COMMITTEES:
        if name.startswith(prefix):
            return committee + name[len(prefix) :]
    return name


def grassroots_of(tree, org_id: int, day: dt.date) -> int | None:
    """The TCCSĐ (đảng bộ cơ sở or chi bộ cơ sở) an organization belongs to on `day`."""
    current, seen = org_id, set()
    while current is not None and current not in seen:
        seen.add(current)
        info = tree.orgs.get(current)
        if info is None:
            return None
        if info.kind in GRASSROOTS_KINDS:
            return current
        current = tree.parent_at(current, day)
    return None


def issuing_body(tree, from_cell_id: int, to_cell_id: int | None, on: dt.date) -> Issuer | None:
    """The body that issues the letter dated `on` (module docstring); None when the tree does not
    say (no TCCSĐ or no committee above it)."""
    grassroots = grassroots_of(tree, from_cell_id, on)
    if grassroots is None:
        return None
    upper = tree.parent_at(grassroots, on)
    if on < RULE_294_FROM:
        regulation = REGULATIONS["letter_issuer_24"]
        info = tree.orgs[grassroots]
        if (
            info.kind == OrgKind.GRASSROOTS_COMMITTEE
            and to_cell_id is not None
            and grassroots_of(tree, to_cell_id, on) == grassroots
        ):
            return Issuer(grassroots, committee_name(info.name), regulation)
        if upper is None:
            return None
        return Issuer(upper, "Ban Tổ chức " + committee_name(tree.orgs[upper].name), regulation)
    regulation = REGULATIONS["letter_issuer_294"]
    if upper is None:
        return None
    upper_info = tree.orgs[upper]
    if upper_info.kind == OrgKind.PROVINCIAL:
        return Issuer(upper, "Ban Tổ chức " + committee_name(upper_info.name), regulation)
    return Issuer(upper, committee_name(upper_info.name), regulation)
