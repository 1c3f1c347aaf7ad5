"""Rules of the dated organization tree, shared by the actions and the importer.

They work on plain records so a whole dataset can be checked before anything is written.
"""

import datetime as dt
from dataclasses import dataclass, field

from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt_date
from xaydungdang.core.text import hidden_chars_message
from xaydungdang.organizations.models import ALLOWED_PARENTS, OrgKind

KIND_LABELS = dict(OrgKind.choices)


def name_problems(name: str | None, field: str = "name") -> list[Problem]:
    """An organization's name may not hide characters or reverse its display (docs/security.md)."""
    message = hidden_chars_message("Tên tổ chức", name)
    return [Problem(message, field)] if message else []


@dataclass(eq=False)
class OrgRecord:
    code: str
    name: str
    kind: str
    parent_code: str | None
    established_on: dt.date
    dissolved_on: dt.date | None = None
    source: object = None  # where it came from (an import row), for messages

    def exists_on(self, day: dt.date) -> bool:
        return self.established_on <= day and (self.dissolved_on is None or day < self.dissolved_on)


@dataclass(eq=False)
class MoveRecord:
    code: str
    new_parent_code: str
    moved_on: dt.date
    source: object = None


@dataclass
class Segment:
    parent_code: str | None
    start: dt.date
    end: dt.date | None  # exclusive
    move: MoveRecord | None = None


@dataclass
class TreeCheck:
    problems: list[tuple[object, Problem]] = field(default_factory=list)

    def add(self, record, message: str, column: str | None = None, rule: str = "org_kinds"):
        self.problems.append((record, Problem(message, column, rule)))


def segments(org: OrgRecord, moves: list[MoveRecord]) -> list[Segment]:
    """Parent intervals from founding to dissolution, cut at each move."""
    result = [Segment(org.parent_code, org.established_on, None)]
    for move in sorted(moves, key=lambda m: m.moved_on):
        result[-1].end = move.moved_on
        result.append(Segment(move.new_parent_code, move.moved_on, None, move))
    result[-1].end = org.dissolved_on
    return result


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def check_tree(orgs: dict[str, OrgRecord], moves: dict[str, list[MoveRecord]], today: dt.date) -> TreeCheck:
    """Every rule of the tree over the whole dataset: kinds, dates, parents alive, no cycles."""
    check = TreeCheck()
    all_segments: dict[str, list[Segment]] = {}
    for code, org in orgs.items():
        if org.established_on > today:
            check.add(
                org,
                f"Ngày thành lập {fmt_date(org.established_on)} ở sau ngày hôm nay.",
                "established_on",
                "future_dates",
            )
        if org.dissolved_on is not None:
            if org.dissolved_on <= org.established_on:
                check.add(
                    org,
                    f"Ngày giải thể {fmt_date(org.dissolved_on)} phải sau ngày thành lập "
                    f"{fmt_date(org.established_on)}.",
                    "dissolved_on",
                )
            elif org.dissolved_on > today:
                check.add(
                    org,
                    f"Ngày giải thể {fmt_date(org.dissolved_on)} ở sau ngày hôm nay.",
                    "dissolved_on",
                    "future_dates",
                )
        org_moves = sorted(moves.get(code, []), key=lambda m: m.moved_on)
        seen_days = set()
        for move in org_moves:
            if move.moved_on in seen_days:
                check.add(
                    move, f"Tổ chức {code} có hai lần chuyển trong cùng ngày {fmt_date(move.moved_on)}.", "moved_on"
                )
            seen_days.add(move.moved_on)
            if move.moved_on <= org.established_on:
                check.add(
                    move,
                    f"Ngày chuyển {fmt_date(move.moved_on)} phải sau ngày thành lập "
                    f"{fmt_date(org.established_on)} của {code}.",
                    "moved_on",
                )
            elif org.dissolved_on and move.moved_on >= org.dissolved_on:
                check.add(
                    move,
                    f"Tổ chức {code} đã giải thể ngày {fmt_date(org.dissolved_on)}, "
                    f"không thể chuyển ngày {fmt_date(move.moved_on)}.",
                    "moved_on",
                )
            if move.moved_on > today:
                check.add(
                    move, f"Ngày chuyển {fmt_date(move.moved_on)} ở sau ngày hôm nay.", "moved_on", "future_dates"
                )
        all_segments[code] = segments(org, org_moves)

    for code, segs in all_segments.items():
        org = orgs[code]
        for seg in segs:
            record = seg.move or org
            column = "new_parent_code" if seg.move else "parent_code"
            if seg.parent_code is None:
                continue  # a top organization; the importer allows one per dataset
            parent = orgs.get(seg.parent_code)
            if parent is None:
                check.add(record, f'Không có tổ chức cấp trên mã "{seg.parent_code}".', column)
                continue
            if seg.parent_code == code:
                check.add(record, f"Tổ chức {code} không thể trực thuộc chính nó.", column)
                continue
            allowed = ALLOWED_PARENTS.get(org.kind, ())
            if parent.kind not in allowed:
                names = ", ".join(kind_label(k) for k in allowed) or "không có cấp trên"
                check.add(
                    record,
                    f"{kind_label(org.kind)} không thể trực thuộc {kind_label(parent.kind)} "
                    f"({parent.code}); cấp trên hợp lệ: {names}.",
                    column,
                )
            if parent.established_on > seg.start:
                check.add(
                    record,
                    f"Tổ chức cấp trên {parent.code} thành lập ngày {fmt_date(parent.established_on)}, "
                    f"sau ngày {fmt_date(seg.start)}.",
                    column,
                )
            if parent.dissolved_on is not None and (seg.end is None or seg.end > parent.dissolved_on):
                check.add(
                    record,
                    f"Tổ chức cấp trên {parent.code} giải thể ngày {fmt_date(parent.dissolved_on)} "
                    f"khi {code} vẫn còn trực thuộc; cần chuyển hoặc giải thể {code} trước.",
                    column,
                )

    # Cycles can only appear through moves: at each move day, follow the new chain upwards.
    for code, segs in all_segments.items():
        for seg in segs[1:]:
            if seg.parent_code not in orgs:
                continue
            seen = {code}
            current: str | None = seg.parent_code
            while current is not None:
                if current in seen:
                    check.add(
                        seg.move,
                        f"Chuyển {code} về {seg.parent_code} tạo vòng lặp trong cây tổ chức.",
                        "new_parent_code",
                    )
                    break
                seen.add(current)
                current = _parent_on(all_segments.get(current, []), seg.start)
    return check


def _parent_on(segs: list[Segment], day: dt.date) -> str | None:
    for seg in segs:
        if seg.start <= day and (seg.end is None or day < seg.end):
            return seg.parent_code
    return None
