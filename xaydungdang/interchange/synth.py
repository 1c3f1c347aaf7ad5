"""Valid synthetic datasets in the interchange format, built by simulation.

One generator serves the round-trip property test (choices drawn by Hypothesis, so
failures shrink) and the import benchmark (choices from a seeded random.Random, so a
province of 50.000 members is the same every run). Every history is judged by the state
machine the rules enforce, members.lifecycle.replay: a member enters (opening balance,
admission or transfer in), then random events are proposed and only those the replay accepts
are written, a member leaves a cell before it is dissolved, and activity records name
organizations that exist on their dates and members present then. Tables are lists of dicts with canonical columns and
typed values, ready for `import_tables` or for writing as CSV.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from xaydungdang.core.dates import add_months
from xaydungdang.core.rules import BADGE_YEARS, probation_end
from xaydungdang.members.lifecycle import EXPELLED, Facts, OrgLookup, Step, replay

D = dt.date
# The replay's "today": events after it would be refused; the generator keeps within Sizes.end.
SYNTH_TODAY = dt.date.max

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Thạch",
    "Sơn",
    "Lâm",
    "Danh",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Kim", "Đức", "Hoàng", "Bảo"]
GIVEN = [
    "An",
    "Anh",
    "Ánh",
    "Ân",
    "Bình",
    "Cường",
    "Dung",
    "Đào",
    "Em",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Nhung",
    "Phúc",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tuấn",
    "Vân",
    "Xuân",
    "Yến",
]
ETHNICITIES = ["Kinh"] * 6 + ["Khmer", "Hoa", "Chăm", "Raglai"]
RELIGIONS = [None] * 6 + ["Phật giáo", "Công giáo", "Cao Đài", "Hòa Hảo"]
# Version-1 codes ("vocational", "civil_servant") among the current ones: they read as intermediate, state_official.
QUALIFICATIONS = [None, "none", "elementary", "vocational", "intermediate", "college", "bachelor", "master", "doctor"]
THEORIES = [None, "none", "elementary", "intermediate", "advanced", "bachelor"]
OCCUPATIONS = [
    None,
    "civil_servant",
    "state_official",
    "party_official",
    "commune_official",
    "village_worker",
    "private_service",
    "enterprise_manager",
    "pupil",
    "public_employee",
    "armed_forces",
    "enterprise",
    "worker",
    "farmer",
    "student",
    "retired",
    "other",
]
EDUCATIONS = [None, "12/12", "9/12", "10/10", "7/10", "4/10", "upper_secondary", "lower_secondary", "primary"]
TITLES = [None] * 6 + ["associate_professor", "professor"]
# member_changes: field -> values a change may carry (as a dataset would write them).
CHANGE_VALUES = {
    "occupation": ["retired", "state_official", "farmer", "worker", "civil_servant", "other"],
    "general_education": ["12/12", "10/10", "upper_secondary"],
    "qualification": ["bachelor", "master", "intermediate", "vocational"],
    "political_theory": ["elementary", "intermediate", "advanced"],
    "academic_title": ["associate_professor", "professor", None],
    "religion": ["Phật giáo", "Phật giáo Hòa Hảo", None],
    "business_owner": ["yes", "no"],
    "foreign_marriage": ["yes", "no"],
}
UNIT_TYPES = [
    None,
    "commune",
    "ward",
    "township",
    "party_mass",
    "state_agency",
    "public_service",
    "joint_stock",
    "private_enterprise",
    "foreign_100",
    "cooperative",
    "other",
]
REMOVAL_REASONS = ["abandoned_activities", "unpaid_dues", "probation_failed", "not_qualified", "own_request", "other"]
# Text a spreadsheet would take for a formula, and other awkward but legal content.
AWKWARD = [
    "=1+2",
    "+84 912 345 678",
    "-",
    "@ghi chú",
    "'=SUM(A1)",
    "＝1+2",
    'Có "ngoặc kép", dấu phẩy',
    "Dòng 1\nDòng 2",
]


class RandomChooser:
    def __init__(self, seed: int = 0):
        self.random = random.Random(seed)

    def int(self, lo: int, hi: int) -> int:
        return self.random.randint(lo, hi)

    def choice(self, items):
        return items[self.random.randrange(len(items))]

    def chance(self, p: float) -> bool:
        return self.random.random() < p


class HypothesisChooser:
    """Choices drawn from Hypothesis's `data()`; everything shrinks towards 'less'."""

    def __init__(self, data):
        from hypothesis import strategies as st

        self.data = data
        self.st = st

    def int(self, lo: int, hi: int) -> int:
        return self.data.draw(self.st.integers(lo, hi))

    def choice(self, items):
        return items[self.int(0, len(items) - 1)]

    def chance(self, p: float) -> bool:
        return self.int(0, 999) >= 1000 - int(p * 1000)


@dataclass
class Sizes:
    uppers: int = 2
    grassroots: tuple = (1, 3)  # per upper
    cells: tuple = (1, 3)  # per grassroots committee
    members: int = 8
    start: dt.date = D(2019, 1, 1)  # opening balances are as of this day
    end: dt.date = D(2023, 12, 31)
    founded: dt.date = D(2010, 1, 1)
    max_events: int = 6  # per member
    records: int = 6  # rows per activity table
    move_share: float = 0.2
    dissolve_share: float = 0.15
    awkward_text: float = 0.1
    localities: bool = True


@dataclass
class _Cell:
    code: str
    established_on: dt.date
    dissolved_on: dt.date | None = None

    def exists_on(self, day):
        return self.established_on <= day and (self.dissolved_on is None or day < self.dissolved_on)


@dataclass
class _Member:
    no: str
    spans: list = field(default_factory=list)  # (start, end|None, official)

    def present_on(self, day):
        return any(s <= day and (e is None or day < e) for s, e, _o in self.spans)

    def official_on_day(self, day):
        return any(s <= day and (e is None or day < e) and o for s, e, o in self.spans)

    def present_during(self, start, end):
        return any(s <= end and (e is None or e > start) for s, e, _o in self.spans)


class Synth:
    def __init__(self, choose, sizes: Sizes | None = None):
        self.c = choose
        self.s = sizes or Sizes()
        self.tables: dict[str, list[dict]] = {
            name: []
            for name in (
                "organizations",
                "org_moves",
                "localities",
                "members",
                "member_events",
                "member_changes",
                "targets",
                "screenings",
                "ratings",
                "inspections",
                "disciplines",
                "classes",
                "dialogues",
                "documents",
                "awards",
                "cadre_actions",
                "temporary_arrivals",
            )
        }
        self.orgs: dict[str, _Cell] = {}  # every organization's dates
        self.cells: list[_Cell] = []
        self.members: list[_Member] = []
        self.national_ids: set[str] = set()
        self._alive: dict = {}
        self.lookup = OrgLookup(
            is_cell=lambda code: code in self._cell_codes,
            exists_on=lambda code, day: self.orgs[code].exists_on(day),
            dissolved_on=lambda code: self.orgs[code].dissolved_on,
            label=str,
        )
        self._cell_codes: set[str] = set()

    # --- helpers -------------------------------------------------------------------
    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        if end <= start:
            return start
        return start + dt.timedelta(days=self.c.int(0, (end - start).days))

    def text(self, plain: str) -> str:
        if self.c.chance(self.s.awkward_text):
            return self.c.choice(AWKWARD)
        return plain

    def name(self) -> str:
        # About 100.000 combinations, so that a province's names repeat about as much as real ones.
        middle = self.c.choice(MIDDLE)
        if self.c.chance(0.5):
            middle += " " + self.c.choice(MIDDLE + GIVEN)
        return f"{self.c.choice(FAMILY)} {middle} {self.c.choice(GIVEN)}"

    # --- the tree --------------------------------------------------------------------
    def org(self, code, name, kind, parent, established, **extra) -> _Cell:
        row = {"code": code, "name": name, "kind": kind, "parent_code": parent, "established_on": established}
        if kind in ("grassroots_committee", "grassroots_cell"):
            row["unit_type"] = self.c.choice(UNIT_TYPES)  # Biểu 5-BTCTW; sometimes none
        row.update(extra)
        self.tables["organizations"].append(row)
        cell = _Cell(code, established)
        self.orgs[code] = cell
        if kind in ("cell", "grassroots_cell"):
            self.cells.append(cell)
        return cell

    def build_tree(self) -> None:
        s, c = self.s, self.c
        founded = s.founded
        self.org("P", "Đảng bộ tỉnh Thử Nghiệm", "provincial", None, founded, decision_no="01-QĐ/TW")
        uppers, committees, grassroots = [], [], []
        for u in range(1, s.uppers + 1):
            code = f"U{u:02d}"
            self.org(code, f"Đảng bộ huyện {u}", "upper", "P", founded)
            uppers.append(code)
            for g in range(1, c.int(*s.grassroots) + 1):
                gcode = f"{code}G{g:02d}"
                established = founded if c.chance(0.7) else self.day_between(founded, s.start)
                if c.chance(0.3):
                    self.org(gcode, f"Chi bộ cơ quan {u}.{g}", "grassroots_cell", code, established)
                    grassroots.append(gcode)
                    continue
                self.org(
                    gcode, f"Đảng bộ xã {u}.{g}", "grassroots_committee", code, established, note=self.text("") or None
                )
                grassroots.append(gcode)
                committees.append(gcode)
                parents = [gcode]
                if c.chance(0.2):
                    sub = f"{gcode}B1"
                    self.org(sub, f"Đảng bộ bộ phận {u}.{g}", "sub_committee", gcode, established)
                    parents.append(sub)
                for k in range(1, c.int(*s.cells) + 1):
                    parent = c.choice(parents)
                    self.org(
                        f"{gcode}C{k:02d}",
                        f"Chi bộ ấp {u}.{g}.{k}",
                        "cell",
                        parent,
                        self.day_between(established, s.start) if c.chance(0.2) else established,
                    )
        self._moves(uppers, committees, grassroots)
        self._dissolutions()
        if s.localities:
            self._localities(grassroots)

    def _moves(self, uppers, committees, grassroots) -> None:
        s, c = self.s, self.c
        rows = {r["code"]: r for r in self.tables["organizations"]}
        for code in grassroots:
            if len(uppers) > 1 and c.chance(s.move_share):
                current = rows[code]["parent_code"]
                target = c.choice([u for u in uppers if u != current])
                on = self.day_between(max(self.orgs[code].established_on + dt.timedelta(days=1), s.start), s.end)
                self.tables["org_moves"].append(
                    {"code": code, "new_parent_code": target, "moved_on": on, "decision_no": f"{c.int(1, 999)}-QĐ/TU"}
                )
        for cell in [r for r in self.tables["organizations"] if r["kind"] == "cell"]:
            if len(committees) > 1 and c.chance(s.move_share / 2):
                target = c.choice([g for g in committees if g != cell["parent_code"]])
                earliest = max(cell["established_on"], self.orgs[target].established_on) + dt.timedelta(days=1)
                self.tables["org_moves"].append(
                    {
                        "code": cell["code"],
                        "new_parent_code": target,
                        "moved_on": self.day_between(max(earliest, s.start), s.end),
                    }
                )

    def _dissolutions(self) -> None:
        s, c = self.s, self.c
        moves = {}
        for move in self.tables["org_moves"]:
            moves[move["code"]] = max(moves.get(move["code"], move["moved_on"]), move["moved_on"])
        rows = {r["code"]: r for r in self.tables["organizations"]}
        for cell in self.cells:
            if len(self.cells) > 2 and c.chance(s.dissolve_share):
                earliest = max(cell.established_on, s.start, moves.get(cell.code, s.start)) + dt.timedelta(days=30)
                if earliest >= s.end:
                    continue
                cell.dissolved_on = self.day_between(earliest, s.end)
                rows[cell.code]["dissolved_on"] = cell.dissolved_on

    def _localities(self, grassroots) -> None:
        c = self.c
        for u, upper in enumerate(sorted({g[:3] for g in grassroots}), start=1):
            commune = f"L{u:02d}"
            self.tables["localities"].append(
                {"code": commune, "name": f"Xã Thử {u}", "kind": "commune", "parent_code": None, "org_code": None}
            )
            for g in [g for g in grassroots if g.startswith(upper)]:
                code = f"{commune}-{g}"
                self.tables["localities"].append(
                    {
                        "code": code,
                        "name": f"Ấp {g}",
                        "kind": c.choice(["village", "school", "enterprise"]),
                        "parent_code": commune,
                        "org_code": g if c.chance(0.8) else None,
                    }
                )

    def alive_cells(self, day: dt.date, margin: int = 3) -> list[_Cell]:
        """Cells a member may enter on `day` and still leave before their dissolution."""
        key = (day, margin)
        found = self._alive.get(key)
        if found is None:
            found = [
                cell
                for cell in self.cells
                if cell.exists_on(day)
                and (cell.dissolved_on is None or cell.dissolved_on > day + dt.timedelta(days=margin))
            ]
            self._alive[key] = found
        return found

    # --- members ---------------------------------------------------------------------
    def national_id(self) -> str | None:
        if not self.c.chance(0.7):
            return None
        while True:
            value = f"0{self.c.int(10, 96)}{self.c.int(0, 1)}{self.c.int(0, 99_999_999):08d}"
            if value not in self.national_ids:
                self.national_ids.add(value)
                return value

    def build_members(self) -> None:
        self._cell_codes = {cell.code for cell in self.cells}
        for index in range(1, self.s.members + 1):
            self.member(index)

    def member(self, index: int) -> None:
        s, c = self.s, self.c
        no = f"ST{index:06d}"
        mode = c.choice(["opening", "opening", "opening", "admitted", "transferred_in"])
        first = s.start if mode == "opening" else self.day_between(s.start, s.end - dt.timedelta(days=5))
        cells = self.alive_cells(first)
        if not cells:
            return
        cell = c.choice(cells)
        official_on = None
        if mode == "admitted":
            birth = self.day_between(add_months(first, -59 * 12), add_months(first, -19 * 12))
            joined = first
        else:
            birth = self.day_between(D(1945, 1, 1), add_months(first, -20 * 12))
            joined = self.day_between(add_months(birth, 18 * 12 + 1), first)
            if probation_end(joined) <= first and c.chance(0.95):
                official_on = self.day_between(probation_end(joined), min(add_months(joined, 14), first))
        row = {
            "member_no": no,
            "full_name": self.text(self.name()) if c.chance(0.3) else self.name(),
            "gender": c.choice(["male", "female"]),
            "birth_date": birth,
            "ethnicity": c.choice(ETHNICITIES),
            "religion": c.choice(RELIGIONS),
            "national_id": self.national_id(),
            "hometown": c.choice([None, "Sóc Trăng", "Cần Thơ", "Bạc Liêu"]),
            "residence": c.choice([None, "Ấp 1, xã Thử"]),
            "general_education": c.choice(EDUCATIONS),
            "qualification": c.choice(QUALIFICATIONS),
            "political_theory": c.choice(THEORIES),
            "occupation": c.choice(OCCUPATIONS),
            "joined_on": joined,
            "official_on": official_on,
            "card_no": c.choice([None, f"{index:08d}"]),
            "org_code": None,
            "as_of": None,
            "admission_exception": False,
        }
        if row["full_name"].startswith(("<", "{")) or any(ch in row["full_name"] for ch in "<>{}\n"):
            row["full_name"] = self.name()
        self.tables["members"].append(row)
        member = _Member(no)
        self.members.append(member)
        if mode == "opening":
            row["org_code"], row["as_of"] = cell.code, first
        else:
            self.event(no, mode, first, cell.code)
        self.walk(member, row, first)
        self.form_attributes(no, row)

    def form_attributes(self, no: str, row: dict) -> None:
        """The attributes of the statistical forms (spec/forms.md) and some dated changes of them."""
        c, s = self.c, self.s
        birth, joined = row["birth_date"], row["joined_on"]
        if c.chance(0.3) and add_months(birth, 16 * 12) < joined:
            row["youth_union_from"] = self.day_between(add_months(birth, 16 * 12), joined)
            if c.chance(0.5):
                row["youth_union_until"] = self.day_between(
                    row["youth_union_from"] + dt.timedelta(days=1), min(add_months(birth, 30 * 12), s.end)
                )
        row["business_owner"] = c.chance(0.05)
        row["foreign_marriage"] = c.chance(0.03)
        row["family_planning_violation"] = c.chance(0.03)
        row["academic_title"] = c.choice(TITLES)
        for _ in range(c.int(0, 2) if c.chance(0.3) else 0):
            field = c.choice(list(CHANGE_VALUES))
            self.tables["member_changes"].append(
                {
                    "member_no": no,
                    "field": field,
                    "value": c.choice(CHANGE_VALUES[field]),
                    "on": self.day_between(joined, s.end),
                }
            )

    def event(self, no, type, on, org=None, reason=None) -> None:
        c = self.c
        row = {"member_no": no, "type": type, "on": on, "org_code": org, "reason": reason}
        if type in ("transferred_in", "transferred_out"):
            row["counterpart"] = c.choice([None, "other_province", "same_province"])
        if c.chance(0.3):
            row["decision_no"] = f"{c.int(1, 9999)}-QĐ/HU"
            row["decided_on"] = on - dt.timedelta(days=c.int(0, 20))
        if c.chance(0.1):
            row["note"] = self.text("Ghi chú biến động")
        self.tables["member_events"].append(row)

    def walk(self, member: _Member, row: dict, day: dt.date) -> None:
        """Random events from `day` on, judged by the one state machine, members.lifecycle.replay:
        an event is written only if the history with it replays without a problem, and the
        member's state (present, cell, official, away, exempt) and spans (for the activity
        tables) are the replay's own."""
        s, c = self.s, self.c
        no = member.no
        facts = Facts(no, row["birth_date"], row["joined_on"], row["official_on"], row["admission_exception"])
        if row["org_code"]:
            steps = [Step(0, "opening", row["as_of"], row["org_code"])]
        else:  # the admission or transfer in that member() has just written
            entry = self.tables["member_events"][-1]
            steps = [Step(0, entry["type"], entry["on"], entry["org_code"])]
        result = replay(facts, steps, self.lookup, SYNTH_TODAY)

        def attempt(type_: str, on: dt.date, org: str | None = None, reason: str | None = None) -> bool:
            """Write the event if the replay accepts it; a discipline row for an expulsion."""
            nonlocal result
            step = Step(len(steps), EXPELLED if type_ == "expelled" else type_, on, org, reason or "")
            tried = replay(facts, steps + [step], self.lookup, SYNTH_TODAY)
            if any(key == step.key for key, _problem in tried.problems):
                return False
            steps.append(step)
            result = tried
            if type_ == "expelled":
                self.tables["disciplines"].append(
                    {
                        "decided_by": "P",
                        "subject_type": "member",
                        "subject": no,
                        "level": "expulsion",
                        "decided_on": on,
                        "reason": self.text("Vi phạm tư cách đảng viên"),
                    }
                )
            else:
                self.event(no, type_, on, org, reason)
            return True

        def state():
            present = result.state == "active"
            last = result.spans[-1] if present and result.spans else None
            return (
                present,
                self.orgs[result.current_cell],
                result.status == "official",
                bool(last and last.away),
                bool(last and last.exempt),
            )

        for _ in range(c.int(0, s.max_events)):
            present, cell, official, away, exempt = state()
            on = day + dt.timedelta(days=c.int(1, 500))
            if present and cell.dissolved_on is not None and on >= cell.dissolved_on - dt.timedelta(days=1):
                on = self.day_between(day + dt.timedelta(days=1), cell.dissolved_on - dt.timedelta(days=1))
                targets = [t for t in self.alive_cells(on) if t is not cell]
                if targets:
                    attempt("transferred", on, c.choice(targets).code)
                else:
                    attempt("transferred_out", on)
                day = on
                continue
            if on > s.end:
                break
            if not present:
                if result.state != "transferred_out":
                    break
                cells = self.alive_cells(on)
                if not cells:
                    break
                attempt("transferred_in", on, c.choice(cells).code)
                day = on
                continue
            options = ["transferred", "away", "exempt", "badge", "card", "transferred_out", "leave", "temporary"]
            if not official and on >= probation_end(row["joined_on"]):
                options += ["recognized"] * 4
            kind = c.choice(options)
            if kind == "recognized":
                # Effective at the end of the twelve months, whenever decided (members/lifecycle.py).
                due = probation_end(row["joined_on"])
                if due > day:
                    attempt("recognized_official", due)
            elif kind == "transferred":
                targets = [t for t in self.alive_cells(on) if t is not cell]
                if not targets:
                    continue
                attempt("transferred", on, c.choice(targets).code)
            elif kind == "away":
                attempt("away_ended" if away else "away_started", on)
            elif kind == "exempt":
                attempt("exemption_ended" if exempt else "exempted", on)
            elif kind == "badge":
                attempt("badge_awarded", on, reason=str(c.choice(BADGE_YEARS)))
            elif kind == "card":
                card = c.choice(["card_issued", "card_issued", "card_reissued", "card_replaced"])
                attempt(card, on, reason=f"{c.int(0, 99_999_999):08d}")
            elif kind == "temporary":
                if result.temporary:
                    attempt("temporary_returned", on)
                else:
                    hosts = [t for t in self.alive_cells(on) if t is not cell]
                    attempt("temporary_out", on, c.choice(hosts).code if hosts and c.chance(0.7) else None)
            elif kind == "transferred_out":
                attempt("transferred_out", on)
            else:
                ending = c.choice(
                    ["struck_off", "dismissed", "died", "expelled"] if official else ["struck_off", "dismissed", "died"]
                )
                reason = c.choice(REMOVAL_REASONS) if ending in ("struck_off", "dismissed") else None
                attempt(ending, on, reason=reason)
                day = on
                if ending == "died" or not c.chance(0.3):
                    break
                # Phục hồi đảng tịch or kết nạp lại (once; a new probation): the history goes on.
                on = day + dt.timedelta(days=c.int(30, 900))
                cells = self.alive_cells(on)
                if on > s.end or not cells:
                    break
                if not attempt(c.choice(["restored", "admitted"]), on, c.choice(cells).code):
                    break
                day = on
            day = on
            if state()[0] and c.chance(0.1):
                attempt("card_issued", on, reason=f"{c.int(0, 99_999_999):08d}")  # same day, after
        while True:  # leave before the cell is dissolved
            present, cell, *_ = state()
            if not present or cell.dissolved_on is None:
                break
            on = self.day_between(day + dt.timedelta(days=1), cell.dissolved_on - dt.timedelta(days=1))
            targets = [t for t in self.alive_cells(on) if t is not cell]
            if not (attempt("transferred", on, c.choice(targets).code) if targets else attempt("transferred_out", on)):
                raise AssertionError(f"synth: {no} cannot leave {cell.code} before its dissolution")
            day = on
        if result.problems:
            raise AssertionError(f"synth: the history of {no} does not replay: {result.problems}")
        member.spans = [(span.start, span.end, span.official) for span in result.spans]

    # --- activity tables ---------------------------------------------------------------
    def build_records(self) -> None:
        s, c = self.s, self.c
        orgs = list(self.orgs.values())
        years = list(range(s.start.year, s.end.year + 1))

        def alive(day):
            return [o for o in orgs if o.exists_on(day)]

        def some_day():
            return self.day_between(s.start, s.end)

        def note():
            return self.text("Ghi chú") if c.chance(0.3) else None

        def pick(test):
            """A member passing `test`: a few random tries (a scan of all members is too slow at scale)."""
            if not self.members:
                return None
            for _ in range(12):
                member = c.choice(self.members)
                if test(member):
                    return member
            return None

        rated = set()  # one rating per subject and year (reviews.rules.check_rating_once)

        def rate(row: dict) -> None:
            key = (row["subject_type"], row["subject"], row["year"])
            if key not in rated:
                rated.add(key)
                self.tables["ratings"].append(row)

        for _ in range(s.records):
            year = c.choice(years)
            owner = c.choice(
                [
                    o
                    for o in orgs
                    if o.established_on <= D(year, 12, 31)
                    and (o.dissolved_on is None or o.dissolved_on > D(year, 1, 1))
                ]
            )
            self.tables["targets"].append(
                {"org_code": owner.code, "period": str(year), "indicator": "admissions", "value": c.int(0, 50)}
            )
            m = pick(lambda m, year=year: m.present_during(D(year, 1, 1), D(year, 12, 31)))
            if m is not None:
                rate(
                    {
                        "year": year,
                        "subject_type": "member",
                        "subject": m.no,
                        "level": c.choice(["excellent", "good", "complete", "incomplete"]),
                        "rated_by": c.choice([None, "Chi bộ"]),
                        "score": c.choice([None, c.int(0, 100)]),
                    }
                )
            rate(
                {
                    "year": year,
                    "subject_type": "org",
                    "subject": owner.code,
                    "level": c.choice(["excellent", "good", "complete"]),
                    "rated_by": None,
                    "score": None,
                }
            )
            day = some_day()
            listed = max(day, D(2019, 1, 21))
            m = pick(lambda m, listed=listed: m.present_on(listed))
            if m is not None:
                outcome = c.choice([None, "progressed", "continued", "removed"])
                self.tables["screenings"].append(
                    {
                        "member_no": m.no,
                        "listed_on": listed,
                        "outcome": outcome,
                        "outcome_on": self.day_between(listed, s.end) if outcome else None,
                        "note": note(),
                    }
                )
                owner_now = c.choice(alive(listed))
                self.tables["inspections"].append(
                    {
                        "org_code": owner_now.code,
                        "kind": c.choice(["inspection", "supervision"]),
                        "subject_type": "member",
                        "subject": m.no,
                        "started_on": listed,
                        "concluded_on": c.choice([None, self.day_between(listed, s.end)]),
                        "violation": c.choice([None, True, False]),
                        "note": note(),
                    }
                )
                self.tables["disciplines"].append(
                    {
                        "decided_by": owner_now.code,
                        "subject_type": "member",
                        "subject": m.no,
                        "level": c.choice(["reprimand", "warning"]),
                        "decided_on": listed,
                        "reason": note(),
                    }
                )
                self.tables["awards"].append(
                    {
                        "granted_by": owner_now.code,
                        "subject_type": "member",
                        "subject": m.no,
                        "award": c.choice(["certificate_of_merit", "commendation", "other"]),
                        "granted_on": listed,
                        "reason": note(),
                    }
                )
            owner = c.choice(alive(day))
            subject = c.choice(alive(day))
            self.tables["inspections"].append(
                {
                    "org_code": owner.code,
                    "kind": "supervision",
                    "subject_type": "org",
                    "subject": subject.code,
                    "started_on": day,
                    "concluded_on": None,
                    "violation": None,
                    "note": None,
                }
            )
            self.tables["awards"].append(
                {
                    "granted_by": owner.code,
                    "subject_type": "org",
                    "subject": subject.code,
                    "award": c.choice(["commendation", "commendation", "flag"]),
                    "granted_on": day,
                    "reason": None,
                }
            )
            self.tables["classes"].append(
                {
                    "org_code": owner.code,
                    "kind": c.choice(["resolution_study", "thematic", "party_awareness", "new_member", "other"]),
                    "title": self.text("Lớp học") if c.chance(0.5) else None,
                    "started_on": day,
                    "ended_on": c.choice([None, day + dt.timedelta(days=c.int(0, 30))]),
                    "participants": c.int(0, 300),
                }
            )
            self.tables["dialogues"].append(
                {"org_code": owner.code, "held_on": day, "host": c.choice([None, "Bí thư"]), "cases": c.int(0, 20)}
            )
            self.tables["documents"].append(
                {
                    "org_code": owner.code,
                    "number": c.choice([None, f"{c.int(1, 300)}-NQ/ĐU"]),
                    "type": c.choice(["program", "plan", "resolution", "report", "other"]),
                    "issued_on": day,
                    "title": c.choice([None, "Về công tác xây dựng Đảng"]),
                    "concretizes": c.choice([None, "21-NQ/TW"]),
                    "is_review": c.choice([False, True]),
                }
            )
            self.tables["cadre_actions"].append(
                {
                    "org_code": owner.code,
                    "kind": c.choice(["personnel", "training", "planning", "confidence_vote", "other"]),
                    "on": day,
                    "count": c.int(1, 10),
                    "note": note(),
                }
            )
            hosts = [o for o in self.cells if o.exists_on(day)]
            if hosts and c.chance(0.5):
                self.tables["temporary_arrivals"].append(
                    {
                        "org_code": c.choice(hosts).code,
                        "on": day,
                        "full_name": self.name(),
                        "home_org": c.choice([None, "Đảng bộ tỉnh Bạn", self.text("Chi bộ Công ty X")]),
                        "until": c.choice([None, day + dt.timedelta(days=c.int(90, 360))]),
                    }
                )

    def build(self) -> dict[str, list[dict]]:
        self.build_tree()
        self.build_members()
        self.build_records()
        return self.tables


def dataset(choose, sizes: Sizes | None = None) -> dict[str, list[dict]]:
    return Synth(choose, sizes).build()


def write_csv(folder, tables: dict[str, list[dict]]) -> None:
    """The dataset as a folder of UTF-8 CSV files in the exact interchange format."""
    import csv
    from pathlib import Path

    from xaydungdang.interchange.tables import TABLES

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    for name, rows in tables.items():
        columns = [c.name for c in TABLES[name].columns]
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([text(row.get(column)) for column in columns])
