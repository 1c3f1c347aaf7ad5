"""The two party organizations that joined Sóc Trăng's in thành phố Cần Thơ on 1/7/2025.

Nghị quyết 202/2025/QH15 made Sóc Trăng, Hậu Giang and Cần Thơ one city; the Politburo's decision
founding Đảng bộ thành phố Cần Thơ took effect on 1/7/2025 (rules.md §12). The demo models the
two others as smaller synthetic subtrees, `HG` (Đảng bộ tỉnh Hậu Giang) and `CTO` (the former
Đảng bộ thành phố Cần Thơ), three real districts each with their real communes, a few thousand
members, and their movements (admissions, recognitions, cards, transfers inside and across the
province's borders, deaths, a few struck off), and the members' and organizations' yearly ratings.
On 1/7/2025 their districts end, the communes' committees move under commune-level committees
founded under `CT` (the grouping is the demo's own, the new names are real), and `HG` and `CTO`
are dissolved. Nothing here draws from Sóc Trăng's streams, so the calibrated province is the
same with or without them.
"""

import datetime as dt
import heapq
import math
import random
from collections import defaultdict
from dataclasses import dataclass

from xaydungdang.core.rules import probation_end
from xaydungdang.demo import names
from xaydungdang.demo.orgs import CITY, Org, Structure
from xaydungdang.demo.people import RESIDENT, RESIDENT_OLD, PeopleFactory, Person
from xaydungdang.demo.plan import CITY_DAY, FIRST_EVENT_DAY, OPENING_DAY
from xaydungdang.demo.reviews import MEMBER_LEVELS, ORG_LEVELS, _capped
from xaydungdang.members.lifecycle import Facts, OrgLookup, Step, Stepper

D = dt.date
ONE_DAY = dt.timedelta(days=1)
FOUNDED = D(2004, 1, 1)  # Hậu Giang split from Cần Thơ; the city became centrally governed (Nghị quyết 22/2003/QH11)


@dataclass(frozen=True)
class District:
    key: str
    title: str  # "thành phố Vị Thanh"
    word: str  # the committee's word: Thành ủy, Quận ủy, Huyện ủy
    communes: tuple[str, ...]  # "phường I", "xã Vị Tân", …
    merged: tuple[tuple[str, tuple[int, ...]], ...]  # 1/7/2025: new commune title, indices of the old ones


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    title: str  # Tỉnh ủy Hậu Giang
    place: str  # "tỉnh Hậu Giang" (addresses)
    id_prefix: str  # the citizen identity number's province code
    record_prefix: str  # party record numbers
    members: int  # on the opening day
    districts: tuple[District, ...]


HAU_GIANG = Province(
    "HG",
    "Đảng bộ tỉnh Hậu Giang",
    "Tỉnh ủy Hậu Giang",
    "tỉnh Hậu Giang",
    "093",
    "HG",
    2_300,
    (
        District(
            "VT",
            "thành phố Vị Thanh",
            "Thành ủy",
            (
                "phường I",
                "phường III",
                "phường IV",
                "phường V",
                "phường VII",
                "xã Vị Tân",
                "xã Hỏa Lựu",
                "xã Tân Tiến",
                "xã Hỏa Tiến",
            ),
            (("phường Vị Thanh", (0, 1, 2, 3)), ("phường Vị Tân", (4, 5)), ("xã Hỏa Lựu", (6, 7, 8))),
        ),
        District(
            "NB",
            "thành phố Ngã Bảy",
            "Thành ủy",
            (
                "phường Ngã Bảy",
                "phường Lái Hiếu",
                "phường Hiệp Thành",
                "phường Hiệp Lợi",
                "xã Đại Thành",
                "xã Tân Thành",
            ),
            (("phường Ngã Bảy", (0, 1, 3)), ("phường Đại Thành", (2, 4, 5))),
        ),
        District(
            "PH",
            "huyện Phụng Hiệp",
            "Huyện ủy",
            (
                "thị trấn Cây Dương",
                "thị trấn Kinh Cùng",
                "thị trấn Búng Tàu",
                "xã Tân Bình",
                "xã Hòa An",
                "xã Phương Bình",
                "xã Hiệp Hưng",
                "xã Tân Phước Hưng",
                "xã Phụng Hiệp",
                "xã Hòa Mỹ",
                "xã Phương Phú",
            ),
            (
                ("xã Phụng Hiệp", (0, 3, 8)),
                ("xã Hòa An", (2, 4)),
                ("xã Hiệp Hưng", (1, 6, 7)),
                ("xã Phương Bình", (5, 9, 10)),
            ),
        ),
    ),
)
CAN_THO = Province(
    "CTO",
    "Đảng bộ thành phố Cần Thơ (cũ)",
    "Thành ủy Cần Thơ",
    "thành phố Cần Thơ",
    "092",
    "CT",
    2_700,
    (
        District(
            "NK",
            "quận Ninh Kiều",
            "Quận ủy",
            (
                "phường Cái Khế",
                "phường An Hòa",
                "phường Thới Bình",
                "phường An Nghiệp",
                "phường An Cư",
                "phường Tân An",
                "phường Xuân Khánh",
                "phường Hưng Lợi",
                "phường An Khánh",
                "phường An Bình",
            ),
            (
                ("phường Ninh Kiều", (2, 3, 4, 5, 6)),
                ("phường Cái Khế", (0, 1)),
                ("phường Tân An", (7, 8)),
                ("phường An Bình", (9,)),
            ),
        ),
        District(
            "CR",
            "quận Cái Răng",
            "Quận ủy",
            (
                "phường Lê Bình",
                "phường Hưng Phú",
                "phường Hưng Thạnh",
                "phường Ba Láng",
                "phường Thường Thạnh",
                "phường Phú Thứ",
                "phường Tân Phú",
            ),
            (("phường Cái Răng", (0, 2, 3, 4)), ("phường Hưng Phú", (1, 5, 6))),
        ),
        District(
            "PD",
            "huyện Phong Điền",
            "Huyện ủy",
            (
                "thị trấn Phong Điền",
                "xã Nhơn Ái",
                "xã Giai Xuân",
                "xã Tân Thới",
                "xã Trường Long",
                "xã Mỹ Khánh",
                "xã Nhơn Nghĩa",
            ),
            (("xã Phong Điền", (0, 2, 3)), ("xã Nhơn Ái", (1, 5, 6)), ("xã Trường Long", (4,))),
        ),
    ),
)
PROVINCES = (HAU_GIANG, CAN_THO)

# Yearly rates per member present (admissions about 4%, as in the Mekong provinces).
RATES = dict(
    admitted=0.040, transferred=0.020, transferred_in=0.004, transferred_out=0.006, died=0.011, struck_off=0.0006
)
VILLAGES = (
    "Thạnh Lợi",
    "Thạnh Hòa",
    "Long Bình",
    "Tân Hiệp",
    "Mỹ Phước",
    "Phú Lợi",
    "Hòa Thuận",
    "Tân Long",
    "Bình Thạnh",
    "Nhơn Lộc",
    "Thới Hòa",
    "An Lợi",
)
MINORITY = (("Khmer", 0.025), ("Hoa", 0.01))


def _word(title: str) -> str:
    return title[0].upper() + title[1:]


class Neighbour:
    """One former province: its organizations, localities and members, simulated to `today`."""

    def __init__(self, p: Province, rng: random.Random, today: dt.date, main: PeopleFactory):
        self.p = p
        self.rng = rng
        self.today = today
        self.s = Structure()
        self.people = PeopleFactory(random.Random(rng.random()))
        # Numbers, identity numbers and cards stay unique across the whole demo.
        self.people.ids, self.people.numbers, self.people.cards = main.ids, main.numbers, main.cards
        self.people.today = today
        self.persons: list[Person] = []
        self.present: dict[str, Person] = {}
        self.ratings: list[dict] = []
        self.admissions: dict[int, int] = defaultdict(int)
        self._machines: dict[str, Stepper] = {}
        self._decisions: dict = defaultdict(int)
        self.new_uppers: list[Org] = []

    # -- organizations --------------------------------------------------------------------------
    def build_tree(self, city_loc: str | None) -> None:
        p, s, rng = self.p, self.s, self.rng
        root_loc = s.locality(f"L.{p.code}", _word(p.place), "other", city_loc, p.code)
        s.add(Org(p.code, p.name, "provincial", None, FOUNDED, locality=root_loc, title=p.title))
        reorganized = self.today > CITY_DAY
        if reorganized:
            s.orgs[p.code].dissolved = CITY_DAY
        for n, d in enumerate(p.districts, 1):
            code = f"{p.code}.{d.key}"
            loc = s.locality(f"L.{code}", _word(d.title), "other", root_loc, code)
            s.add(
                Org(
                    code,
                    f"Đảng bộ {d.title}",
                    "upper",
                    p.code,
                    FOUNDED,
                    CITY_DAY if reorganized else None,
                    locality=loc,
                    district=d.key,
                    title=f"{d.word} {d.title.split(' ', 1)[1]}",
                )
            )
            new_codes = []
            if reorganized:
                for j, (title, _members) in enumerate(d.merged):
                    position = sum(len(x.merged) for x in p.districts[: n - 1]) + j + 1
                    new = s.add(
                        Org(
                            f"{p.code}.X{position:02d}",
                            f"Đảng bộ {title}",
                            "upper",
                            CITY,
                            CITY_DAY,
                            district=d.key,
                            title=f"Đảng ủy {title}",
                        )
                    )
                    self.new_uppers.append(new)
                    new_codes.append(new.code)
            for i, commune in enumerate(d.communes):
                self.commune(d, code, loc, i, commune)
                if reorganized:
                    j = next(j for j, (_t, members) in enumerate(d.merged) if i in members)
                    s.orgs[f"{code}.X{i + 1:02d}"].moves.append((CITY_DAY, new_codes[j]))
        s.freeze()
        for cell in rng.sample(s.cells, 2):
            cell.tiny, cell.size = True, 3

    def commune(self, d: District, upper: str, district_loc: str, i: int, title: str) -> None:
        s, rng = self.s, self.rng
        code = f"{upper}.X{i + 1:02d}"
        kind = title.split(" ")[0]
        unit_type = {"xã": "commune", "phường": "ward", "thị": "township"}[kind]
        loc = s.locality(f"L.{code}", _word(title), "commune", district_loc, code)
        s.add(
            Org(
                code,
                f"Đảng bộ {title}",
                "grassroots_committee",
                upper,
                FOUNDED,
                locality=loc,
                category="residential",
                district=d.key,
                title=title,
                unit_type=unit_type,
            )
        )
        urban = kind != "xã"
        villages = (
            [f"khu vực {k}" for k in range(1, rng.randint(4, 6) + 1)]
            if urban
            else [f"ấp {name}" for name in rng.sample(VILLAGES, rng.randint(4, 6))]
        )
        entries = [(v, "residential", 11.0, "village") for v in villages]
        entries += [
            (f"Cơ quan {title}", "agency", 14.0, None),
            (f"Quân sự {title}", "military", 5.0, None),
            (f"Công an {title}", "police", 6.0, None),
            (f"Trường Tiểu học {title.split(' ', 1)[1]}", "school", 7.0, "school"),
        ]
        for n, (name, category, size, loc_kind) in enumerate(entries, 1):
            cell_code = f"{code}.{n:02d}"
            cell_loc = s.locality(f"L.{cell_code}", _word(name), loc_kind, loc, cell_code) if loc_kind else None
            s.add(
                Org(
                    cell_code,
                    f"Chi bộ {name}",
                    "cell",
                    code,
                    FOUNDED,
                    locality=cell_loc,
                    category=category,
                    district=d.key,
                    size=size * rng.uniform(0.7, 1.3),
                    title=name,
                )
            )

    # -- people -------------------------------------------------------------------------------
    def address(self, cell: Org) -> str:
        commune = self.s.orgs[cell.parent]  # every cell sits in a commune's committee
        district = next(d for d in self.p.districts if d.key == cell.district)
        village = f"{cell.title}, " if cell.category == "residential" else ""
        return f"{village}{commune.title}, {district.title}, {self.p.place}"

    def make(self, cell: Org, birth: dt.date, joined: dt.date, on: dt.date, new_member: bool, origin=None) -> Person:
        rng, f = self.rng, self.people
        female = rng.random() < (0.6 if cell.category == "school" else 0.38)
        x, ethnicity = rng.random(), "Kinh"
        for name, share in MINORITY:
            if x < share:
                ethnicity = name
                break
            x -= share
        age = on.year - birth.year
        if cell.category == "residential":
            occupation = (RESIDENT_OLD if age >= 60 else RESIDENT).pick(rng)
        else:
            unit_type = self.s.orgs[cell.parent].unit_type
            occupation = f.occupation_for(cell, age, False, unit_type)
        education, qualification, theory = f.schooling(occupation, birth, new_member)
        home = self.address(cell)
        id_prefix, prefix = self.p.id_prefix, self.p.record_prefix
        if origin is not None:
            id_prefix, prefix, province = origin
            home = _word(province)
        person = Person(
            no=f.member_no(prefix),
            name=names.full_name(rng, ethnicity, female),
            female=female,
            birth=birth,
            ethnicity=ethnicity,
            religion=names.RELIGIONS[ethnicity].pick(rng),
            national_id=f.national_id(id_prefix, female, birth),
            hometown=home if rng.random() < 0.8 else self.address(rng.choice(self.s.cells)),
            residence=self.address(cell),
            education=education,
            qualification=qualification,
            theory=theory,
            occupation=occupation,
            joined=joined,
        )
        f.form_attributes(person, on, new_member)
        return person

    def judge(self, p: Person, type_: str, day: dt.date, org: str | None = None, reason: str = "") -> None:
        machine = self._machines.get(p.no)
        if machine is None:
            machine = self._machines[p.no] = Stepper(
                Facts(p.no, p.birth, p.joined, p.official_on), self.lookup, self.today
            )
        refused = machine.apply(Step(None, type_, day, org, reason, None))
        if refused:
            raise AssertionError(f"demo {self.p.code}: {p.no} {type_} {day}: {[x.message for x in refused]}")
        p.official = machine.official

    def record(self, p: Person, day: dt.date, type_: str, org: str | None = None, reason: str = "", decision=""):
        self.judge(p, type_, day, org, reason)
        p.events.append((day, type_, org, reason, decision, None))

    def decision_no(self, cell: str, day: dt.date) -> str:
        upper = self.upper_of(cell, day)
        self._decisions[(upper.code, day.year)] += 1
        if upper.kind == "provincial":
            word = "TU"
        elif upper.code.count(".") == 1 and ".X" not in upper.code:  # a district: ThU, QU, HU
            word = {"Thành ủy": "ThU", "Quận ủy": "QU", "Huyện ủy": "HU"}[upper.title.split(" ", 2)[0] + " ủy"]
        else:
            word = "ĐU"
        return f"{self._decisions[(upper.code, day.year)]}-QĐ/{word}"

    def upper_of(self, code: str, day: dt.date) -> Org:
        """The committee above the grassroots level (the walk stops there: the city is not in this tree)."""
        org = self.s.orgs[code]
        while org.kind not in ("upper", "provincial"):
            org = self.s.orgs[org.parent_on(day)]
        return org

    def cells_on(self, day: dt.date) -> list[Org]:
        return [c for c in self.s.cells_on(day) if not c.tiny]

    # -- the history ------------------------------------------------------------------------------
    def run(self) -> None:
        orgs = self.s.orgs
        self.lookup = OrgLookup(
            is_cell=lambda code: orgs[code].is_cell,
            exists_on=lambda code, day: orgs[code].exists_on(day),
            dissolved_on=lambda code: orgs[code].dissolved,
            label=str,
        )
        rng = self.rng
        queue: list = []  # (day, seq, person): recognitions due
        seq = 0
        cells = self.s.cells_on(OPENING_DAY)
        weight = sum(c.size for c in cells)
        for cell in cells:
            n = round(cell.size) if cell.tiny else round(self.p.members * cell.size / weight)
            for _ in range(n):
                join_age = rng.randint(19, 40)
                joined = D(rng.choices(range(1970, 2019), [1 + (y - 1970) / 8 for y in range(1970, 2019)])[0], 1, 1)
                joined += dt.timedelta(days=rng.randint(0, 364))
                joined = min(joined, OPENING_DAY - dt.timedelta(days=rng.randint(1, 200)))
                birth = self.people.birth_for_age(joined, join_age)
                if (OPENING_DAY - birth).days > 88 * 365:
                    birth = self.people.birth_for_age(joined, 19)
                p = self.make(cell, birth, joined, OPENING_DAY, False)
                due = probation_end(joined)
                if due <= OPENING_DAY:
                    p.official_on, p.card = due, self.people.card_no()
                else:
                    seq += 1
                    heapq.heappush(queue, (due, seq, p))
                p.entry, p.opening_cell, p.cell = "opening", cell.code, cell.code
                self.persons.append(p)
                self.present[p.no] = p
                self.judge(p, "opening", OPENING_DAY, cell.code)
        day = FIRST_EVENT_DAY
        carry = defaultdict(float)
        while day <= self.today:
            while queue and queue[0][0] <= day:
                _due, _seq, p = heapq.heappop(queue)
                if p.no in self.present and not p.official and (self.today - day).days > 40:
                    self.record(p, day, "recognized_official", reason="", decision=self.decision_no(p.cell, day))
                    p.official_on = p.official_on or day
            size = len(self.present)
            for type_, rate in RATES.items():
                carry[type_] += size * rate / 365
                while carry[type_] >= 1:
                    carry[type_] -= 1
                    seq = self.flow(type_, day, queue, seq)
            if day.month == 12 and day.day == 31 and day.year < self.today.year:
                self.rate(day)
            day += ONE_DAY

    def flow(self, type_: str, day: dt.date, queue: list, seq: int) -> int:
        rng = self.rng
        closing = CITY_DAY - dt.timedelta(days=3) <= day <= CITY_DAY + dt.timedelta(days=3)
        if closing and type_ != "died":
            return seq  # nobody moves in the days around the merger
        if type_ in ("admitted", "transferred_in"):
            cell = rng.choice(self.cells_on(day))
            if type_ == "admitted":
                birth = self.people.birth_for_age(day, rng.randint(19, 40))
                p = self.make(cell, birth, day, day, True)
                p.entry = "admitted"
                self.record(p, day, "admitted", cell.code, decision=self.decision_no(cell.code, day))
                self.admissions[day.year] += 1
                seq += 1
                heapq.heappush(queue, (probation_end(day), seq, p))
            else:
                from xaydungdang.demo.people import ORIGINS

                origin = rng.choice([o for o in ORIGINS if o[1] not in ("HG", "CT")])
                joined = day - dt.timedelta(days=rng.randint(400, 25 * 365))
                birth = self.people.birth_for_age(joined, rng.randint(20, 35))
                p = self.make(cell, birth, joined, day, False, origin)
                p.official_on, p.card, p.entry = probation_end(joined), self.people.card_no(), "transferred_in"
                self.record(p, day, "transferred_in", cell.code)
            p.cell = cell.code
            p.since = day
            self.persons.append(p)
            self.present[p.no] = p
            return seq
        p = self.pick(day, type_)
        if p is None:
            return seq
        if type_ == "transferred":
            target = rng.choice([c for c in self.cells_on(day) if c.code != p.cell])
            self.record(p, day, "transferred", target.code)
            p.cell, p.since = target.code, day
            return seq
        reason = "unpaid_dues" if type_ == "struck_off" else ""
        self.record(p, day, type_, reason=reason)
        del self.present[p.no]
        p.gone = True
        return seq

    def pick(self, day: dt.date, type_: str) -> Person | None:
        rng = self.rng
        pool = list(self.present.values())
        for _ in range(2000):
            p = pool[rng.randrange(len(pool))]
            if (day - p.since).days < 30 or self.s.orgs[p.cell].tiny:
                continue
            age = p.age_on(day)
            if type_ == "died":
                if rng.random() < math.exp((age - 82) / 7):
                    return p
            elif type_ == "transferred_out":
                if p.official and (22 <= age <= 50 or rng.random() < 0.2):
                    return p
            elif p.official and age < 65:
                return p
        return None

    def rate(self, day: dt.date) -> None:
        rng = self.rng
        groups = defaultdict(list)
        for p in self.present.values():
            level = MEMBER_LEVELS.pick(rng)
            if level == "excellent" and not p.official:
                level = "good"
            groups[self.s.orgs[p.cell].parent].append((p.no, level))
        for g, rows in groups.items():
            for no, level in _capped(rows):
                self.ratings.append(
                    {"year": day.year, "subject_type": "member", "subject": no, "level": level, "rated_by": g}
                )
        by_upper = defaultdict(list)
        for org in self.s.orgs.values():
            if org.is_grassroots and org.exists_on(day):
                upper = self.upper_of(org.code, day)
                by_upper[upper.code].append((org.code, ORG_LEVELS.pick(rng)))
        for upper, rows in by_upper.items():
            for code, level in _capped(rows):
                self.ratings.append(dict(year=day.year, subject_type="org", subject=code, level=level, rated_by=upper))

    def targets(self) -> list[dict]:
        """The province's admission targets until 2025 (about what it admits); later years' go to the city."""
        rows = []
        for year in range(FIRST_EVENT_DAY.year, self.today.year + 1):
            expected = round(self.p.members * RATES["admitted"] / 10) * 10
            if year <= CITY_DAY.year:
                rows.append(dict(org_code=self.p.code, period=str(year), indicator="admissions", value=expected))
        return rows


def build(seed_rng: random.Random, today: dt.date, main: PeopleFactory, city_loc: str | None) -> list[Neighbour]:
    """Both neighbours, built and simulated (each from its own stream derived from `seed_rng`)."""
    result = []
    for province in PROVINCES:
        n = Neighbour(province, random.Random(f"{seed_rng.random()}:{province.code}"), today, main)
        n.build_tree(city_loc)
        n.run()
        result.append(n)
    return result


def yearly_target(today: dt.date) -> dict[int, int]:
    """What the neighbours add to the city's target each year from 2026."""
    return {
        year: sum(round(p.members * RATES["admitted"] / 10) * 10 for p in PROVINCES)
        for year in range(CITY_DAY.year + 1, today.year + 1)
    }
