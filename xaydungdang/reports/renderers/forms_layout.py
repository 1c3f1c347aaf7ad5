"""What the XLSX and PDF of the statistical forms (Biểu 1–5 và 7-BTCTW) share: the masthead of the
issuing body, the title's period line, the column headers and the column-number row, the indent
of each row, the footer, and the Vietnamese number formats. The forms themselves are the contract
JSON objects of spec/forms.md (form, title, org, period, previous, columns, rows)."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from xaydungdang.core.formatting import date as vn_date
from xaydungdang.core.formatting import long_date
from xaydungdang.organizations import naming
from xaydungdang.reports.issuer import OrgName, issuer_for

PREPARER = "NGƯỜI LẬP BIỂU"
PREPARER_NOTE = "(Ký, ghi rõ họ và tên)"
SIGNER_NOTE = "(Ký, đóng dấu, ghi rõ họ và tên)"
FONT = "Times New Roman"
QUARTERS = {3: "Quý I năm {y}", 6: "6 tháng đầu năm {y}", 9: "9 tháng năm {y}", 12: "Năm {y}"}


@dataclass(frozen=True)
class FormsHeader:
    """The masthead and footer of the forms of one organization at one date."""

    parent_line: str  # "ĐẢNG BỘ TỈNH SÓC TRĂNG" (not bold)
    name_line: str  # "BAN TỔ CHỨC", "BAN XÂY DỰNG ĐẢNG", "ĐẢNG ỦY XÃ ĐẠI TÂM" (bold)
    sign_title: str = "TRƯỞNG BAN"
    sign_for: str = ""  # "T/M ĐẢNG ỦY" above the title where the committee itself signs
    place: str = ""
    issued_on: dt.date | None = None
    preparer: str = ""  # names printed under the signatures, when given
    signer: str = ""

    @property
    def date_line(self) -> str:
        if self.issued_on is None:
            return f"{self.place or '.........'}, ngày ..... tháng ..... năm ........"
        return f"{self.place + ', ' if self.place else ''}{long_date(self.issued_on)}"


def header_from_chain(
    chain: list[OrgName],
    on: dt.date,
    *,
    place: str | None = None,
    issued_on: dt.date | None = None,
    preparer: str = "",
    signer: str = "",
) -> FormsHeader:
    """`chain`: the organization, then its ancestors at `on` (nearest first), as reports.issuer takes it.
    A provincial or upper-level organization's forms come from its Ban Tổ chức (Ban Xây dựng Đảng at
    commune level from 1/7/2025), signed by its head; a grassroots organization's from its committee."""
    org = chain[0]
    issuer = issuer_for(chain)
    commission = naming.commission(org, on)  # the staff body of that day (organizations/naming.py)
    common = {
        "place": issuer.place if place is None else place,
        "issued_on": issued_on,
        "preparer": preparer,
        "signer": signer,
    }
    if commission is not None:
        parent = "BAN CHẤP HÀNH TRUNG ƯƠNG" if org.kind == "central" else org.name.upper()
        return FormsHeader(parent_line=parent, name_line=commission, **common)
    return FormsHeader(
        parent_line=issuer.parent_line,
        name_line=issuer.name_line,
        sign_for=issuer.sign_for,
        sign_title=issuer.sign_title,
        **common,
    )


def forms_header(org_code: str, on: dt.date, **options) -> FormsHeader:
    """The header of `org_code`'s forms for a period ending `on` (its name and place in the tree of that day)."""
    from xaydungdang.organizations.tree import load_tree

    tree = load_tree()
    info = tree.get(org_code)
    if info is None:
        raise KeyError(org_code)
    ids = tree.snapshot(on).ancestors(info.id) or [info.id]
    return header_from_chain([OrgName(tree.orgs[i].name, tree.orgs[i].kind) for i in ids], on, **options)


def default_header(form: dict) -> FormsHeader:
    """Without header info: the organization's own name as the masthead."""
    return FormsHeader(parent_line="", name_line=str(form.get("org", {}).get("name", "")).upper())


def form_number(form: dict) -> str:
    return str(form.get("symbol") or f"Biểu số {form['form']}-BTCTW")


def sheet_name(form: dict) -> str:
    return f"Biểu {form['form']}"[:31]


def period_line(period: dict) -> str:
    """'Năm 2024', 'Quý I năm 2024', '6 tháng đầu năm 2024', '9 tháng năm 2024'; other spans by their dates."""
    start, end = dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"])
    month_end = (end + dt.timedelta(days=1)).day == 1
    if start == dt.date(end.year, 1, 1) and month_end and end.month in QUARTERS:
        return QUARTERS[end.month].format(y=end.year)
    return f"Từ ngày {vn_date(start)} đến ngày {vn_date(end)}"


_HEADERS = {
    "current": "Kỳ này",
    "previous": "Cùng kỳ năm trước",
    "total": "Tổng số",
    "female": "Trong đó: nữ",
    "grassroots": "Tổng số",
    "committees": "Đảng bộ cơ sở",
    "cells": "Chi bộ cơ sở",
    "sub_committees": "Đảng bộ bộ phận",
    "subordinate_cells": "Chi bộ trực thuộc",
    "members": "Tổng số đảng viên",
}
# Form 5: the first three columns sit under one group heading.
GROUPED = ("grassroots", "committees", "cells")
GROUP_TITLE = "Tổ chức cơ sở đảng"


def label_header(form: dict) -> str:
    return {"4": "Dân tộc, tôn giáo", "5": "Loại hình cơ sở"}.get(str(form["form"]), "Chỉ tiêu")


def column_headers(form: dict) -> list[str]:
    columns = form["columns"]
    result = []
    for key in columns:
        if key == "pct":
            result.append("(%) kỳ này so với cùng kỳ năm trước" if "previous" in columns else "Tỷ lệ (%)")
        else:
            result.append(_HEADERS.get(key, key))
    return result


def grouped(form: dict) -> bool:
    """Form 5's two-level header: 'Tổ chức cơ sở đảng' over its first three columns."""
    return tuple(form["columns"][:3]) == GROUPED


def number_row(form: dict) -> list[str]:
    """'1 | 2 | 3 | 4(=2*100/3)': the column numbers printed under the headers."""
    columns = form["columns"]
    result = ["1"]
    for index, key in enumerate(columns, start=2):
        if key == "pct" and "current" in columns and "previous" in columns:
            now, before = columns.index("current") + 2, columns.index("previous") + 2
            result.append(f"{index}(={now}*100/{before})")
        elif key == "grassroots" and grouped(form):
            result.append(f"{index}(={index + 1}+{index + 2})")
        else:
            result.append(str(index))
    return result


_FLAT = re.compile(r"^([A-Z])(\d*)([a-z]*)$")  # Form 1: A, B1, B2a, C3x
_UNIT = re.compile(r"^(\d\d)([a-z0-9]*)$")  # Form 5: 01, 06a, 09a1, 09b5x


def level(code: str) -> int:
    """Indent of a row by its code: 0 for the section rows (A, I, II, total), deeper for the parts."""
    if code == "total":
        return 0
    if "." in code:
        return code.count(".")
    flat = _FLAT.match(code)
    if flat:
        return (1 if flat.group(2) else 0) + (1 if flat.group(3) else 0)
    unit = _UNIT.match(code)
    if unit:
        return len(unit.group(2))
    return 0


def is_decimal(code: str, column: str) -> bool:
    """Percentages and averages carry two decimals; every other figure is a count."""
    return column == "pct" or code.endswith("avg")


def display(value, decimal: bool) -> str:
    """The figure as the paper form prints it: 48.879, 104,39; empty for none."""
    if value is None or value == "":
        return ""
    if decimal:
        rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return format_decimal(rounded, locale="vi_VN", format="#,##0.00")
    return format_decimal(value, locale="vi_VN", format="#,##0")
