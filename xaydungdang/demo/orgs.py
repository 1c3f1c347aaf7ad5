"""The organization tree of the demo province, its localities, and the 2025 reorganization.

Counts of grassroots organizations existing on 31/12/2023 are fixed by the lists below
(231 grassroots committees, 413 grassroots cells); the seed only varies the villages,
the sizes and the dates of the few mergers.
"""

import bisect
import datetime as dt
import random
from dataclasses import dataclass, field

from xaydungdang.demo import units
from xaydungdang.demo.geography import (
    DISTRICTS,
    PROVINCE,
    VILLAGES_KHMER,
    VILLAGES_VIET,
    District,
)
from xaydungdang.demo.plan import CITY_DAY, KHOI_END_DAY, REORGANIZATION_DAY

D = dt.date
PROVINCE_FOUNDED = D(1992, 4, 1)  # Sóc Trăng province re-established
KHOI_FOUNDED = D(2008, 10, 1)
CITY = "CT"  # Đảng bộ thành phố Cần Thơ, founded on 1/7/2025 (CITY_DAY)
CITY_LOCALITY = "L.TPCT"
KHOI_PARTY = "ST.CQD"  # Đảng bộ các cơ quan Đảng tỉnh (from KHOI_END_DAY)
KHOI_STATE = "ST.UB"  # Đảng bộ Ủy ban nhân dân tỉnh (from KHOI_END_DAY)
# Organizations of the Khối that go to the party bodies' organization although their unit type is
# not party_mass: the party's newspaper and guest house, the political school, the court and the
# procuracy (as provinces did in 2025; docs/demo.md).
KHOI_TO_PARTY_TITLES = (
    "Báo Sóc Trăng",
    "Nhà khách Tỉnh ủy",
    "Trường Chính trị tỉnh",
    "Viện Kiểm sát nhân dân tỉnh",
    "Tòa án nhân dân tỉnh",
)

CELL_KINDS = ("grassroots_cell", "cell")
COMMUNE_UNIT_TYPES = {"xã": "commune", "phường": "ward", "thị trấn": "township"}
GRASSROOTS_KINDS = ("grassroots_committee", "grassroots_cell")
# School names used in the city, whose wards are numbered.
CITY_SCHOOL_NAMES = (
    "Lê Văn Tám",
    "Trần Quốc Toản",
    "Võ Thị Sáu",
    "Nguyễn Du",
    "Lý Thường Kiệt",
    "Phan Bội Châu",
    "Nguyễn Huệ",
    "Hùng Vương",
    "Kim Đồng",
    "Lê Quý Đôn",
    "Nguyễn Trãi",
    "Tô Hiến Thành",
    "Chu Văn An",
    "Trần Hưng Đạo",
)
# Primary schools of numbered wards.
WARD_SCHOOL_NAMES = (
    "Lê Lợi",
    "Ngô Quyền",
    "Trần Phú",
    "Lý Tự Trọng",
    "Nguyễn Văn Trỗi",
    "Phan Chu Trinh",
    "Võ Trường Toản",
    "Huỳnh Cương",
    "Mạc Đĩnh Chi",
    "Nguyễn Thị Định",
    "Lương Thế Vinh",
    "Hai Bà Trưng",
    "Đinh Tiên Hoàng",
    "Bạch Đằng",
)


@dataclass(eq=False)
class Org:
    code: str
    name: str
    kind: str
    parent: str | None
    established: dt.date
    dissolved: dt.date | None = None
    locality: str | None = None
    moves: list[tuple[dt.date, str]] = field(default_factory=list)
    # What the generator needs to know (not exported):
    category: str = ""  # residential, agency, school, clinic, military, police, enterprise
    district: str | None = None  # key of the district whose people it holds (None: province-wide)
    size: float = 0.0  # expected members on the opening day (cells)
    tiny: bool = False  # kept below three official members
    merge_into: str | None = None  # a cell dissolved by merger: its members move there the day before
    students: bool = False  # admits students (high schools, colleges)
    title: str = ""  # the unit's own name without "Chi bộ"/"Đảng bộ" (addresses, documents)
    unit_type: str = ""  # loại hình cơ sở of a grassroots organization (Biểu 5-BTCTW; exported)

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    def exists_on(self, day: dt.date) -> bool:
        return self.established <= day and (self.dissolved is None or day < self.dissolved)

    def parent_on(self, day: dt.date) -> str | None:
        parent = self.parent
        for moved_on, new_parent in self.moves:
            if moved_on <= day:
                parent = new_parent
        return parent


@dataclass(eq=False)
class Locality:
    code: str
    name: str
    kind: str
    parent: str | None
    org: str | None


class Structure:
    """All organizations and localities, with the dated look-ups the simulation needs."""

    def __init__(self):
        self.orgs: dict[str, Org] = {}
        self.localities: list[Locality] = []
        self.new_communes: list[Org] = []
        self._cells_cache: dict[int, list[Org]] = {}
        self._children: dict[bool, dict[str, list[Org]]] = {}
        self._below: dict[tuple, object] = {}
        self._up: dict[tuple, Org] = {}

    def add(self, org: Org) -> Org:
        assert org.code not in self.orgs, org.code
        self.orgs[org.code] = org
        return org

    def locality(self, code, name, kind, parent, org=None) -> str:
        self.localities.append(Locality(code, name, kind, parent, org))
        return code

    def freeze(self) -> None:
        self.cells = [o for o in self.orgs.values() if o.is_cell]
        days = set()
        for org in self.orgs.values():
            days.add(org.established)
            if org.dissolved:
                days.add(org.dissolved)
        self._change_days = sorted(days)
        # Parents change only on these days (the Khối's end, the reorganization): the tree is the
        # same between two of them, so look-ups are cached per epoch.
        self._move_days = sorted({day for org in self.orgs.values() for day, _parent in org.moves})

    def epoch(self, day: dt.date) -> int:
        return bisect.bisect_right(self._move_days, day)

    def cells_on(self, day: dt.date) -> list[Org]:
        """Cells existing on `day` (cached per span between foundings and dissolutions)."""
        index = bisect.bisect_right(self._change_days, day)
        found = self._cells_cache.get(index)
        if found is None:
            found = [c for c in self.cells if c.exists_on(day)]
            self._cells_cache[index] = found
        return found

    def chain(self, code: str, day: dt.date) -> list[Org]:
        """The organization and its ancestors on `day`, nearest first."""
        result = []
        current = code
        while current is not None:
            org = self.orgs[current]
            result.append(org)
            current = org.parent_on(day)
        return result

    def grassroots_of(self, code: str, day: dt.date) -> Org:
        key = (code, self.epoch(day), "g")
        found = self._up.get(key)
        if found is None:
            found = self._up[key] = next(o for o in self.chain(code, day) if o.is_grassroots)
        return found

    def upper_of(self, code: str, day: dt.date) -> Org:
        """The committee directly above the grassroots level (or the province)."""
        key = (code, self.epoch(day), "u")
        found = self._up.get(key)
        if found is None:
            found = self._up[key] = next(o for o in self.chain(code, day) if o.kind in ("upper", "provincial"))
        return found

    def descendants(self, code: str, day: dt.date) -> list[Org]:
        """Every organization below `code` in the tree of `day` (existing on that day)."""
        key = (code, self.epoch(day), bisect.bisect_right(self._change_days, day))
        found = self._below.get(key)
        if found is None:
            found = self._below[key] = self._descendants(code, day)
        return found

    def children_on(self, code: str, day: dt.date) -> list[Org]:
        key = ("children", code, self.epoch(day), bisect.bisect_right(self._change_days, day))
        found = self._below.get(key)
        if found is None:
            found = self._below[key] = [o for o in self.descendants(code, day) if o.parent_on(day) == code]
        return found

    def cells_below(self, code: str, day: dt.date) -> list[Org]:
        key = ("cells", code, self.epoch(day), bisect.bisect_right(self._change_days, day))
        found = self._below.get(key)
        if found is None:
            found = self._below[key] = [o for o in self.descendants(code, day) if o.is_cell]
        return found

    def cells_below_set(self, code: str, day: dt.date) -> set[str]:
        key = ("set", code, self.epoch(day), bisect.bisect_right(self._change_days, day))
        found = self._below.get(key)
        if found is None:
            found = self._below[key] = {o.code for o in self.cells_below(code, day)}
        return found

    def _descendants(self, code: str, day: dt.date) -> list[Org]:
        epoch = self.epoch(day)
        children = self._children.get(epoch)
        if children is None:
            moves = self._move_days
            probe = moves[epoch - 1] if epoch else (moves[0] - dt.timedelta(days=1) if moves else day)
            children = {}
            for org in self.orgs.values():
                parent = org.parent_on(probe) if org.established <= probe else org.parent
                if parent is not None:
                    children.setdefault(parent, []).append(org)
            self._children[epoch] = children
        result, stack = [], list(children.get(code, ()))
        while stack:
            org = stack.pop()
            if org.exists_on(day):
                result.append(org)
            stack.extend(children.get(org.code, ()))
        return result


def _jitter(rng: random.Random, size: float) -> float:
    return size * rng.uniform(0.7, 1.3)


class _Builder:
    def __init__(self, rng: random.Random, today: dt.date):
        self.rng = rng
        self.today = today
        self.s = Structure()

    # -- helpers -----------------------------------------------------------------------------
    def committee(self, code, name, parent, established, **kw) -> Org:
        return self.s.add(Org(code, name, "grassroots_committee", parent, established, **kw))

    def cell(self, code, name, parent, established, kind="cell", **kw) -> Org:
        return self.s.add(Org(code, name, kind, parent, established, **kw))

    def children(self, parent: Org, entries, total: float, category: str, district, *, prefix=None):
        """Cells (and sub-committees) of a committee from a name list; sizes share `total`."""
        flat = sum(len(e[1]) if isinstance(e, tuple) else 1 for e in entries)
        each = total / max(flat, 1)
        prefix = prefix or parent.code
        n = sub = 0
        for entry in entries:
            if isinstance(entry, tuple):
                sub += 1
                name, cells = entry
                sc = self.s.add(
                    Org(
                        f"{prefix}.B{sub}",
                        name,
                        "sub_committee",
                        parent.code,
                        parent.established,
                        category=category,
                        district=district,
                    )
                )
                for j, cname in enumerate(cells, 1):
                    self.cell(
                        f"{sc.code}.{j:02d}",
                        f"Chi bộ {cname}",
                        sc.code,
                        parent.established,
                        category=category,
                        district=district,
                        size=_jitter(self.rng, each),
                        title=cname,
                    )
            else:
                n += 1
                self.cell(
                    f"{prefix}.{n:02d}",
                    f"Chi bộ {entry}",
                    parent.code,
                    parent.established,
                    category=category,
                    district=district,
                    size=_jitter(self.rng, each),
                    title=entry,
                )

    # -- the tree ------------------------------------------------------------------------------
    def build(self) -> Structure:
        s = self.s
        # Localities carry no dates: the city's territory holds the three former provinces'.
        # (L.CT is the district Châu Thành's.)
        city_loc = (
            s.locality(CITY_LOCALITY, "Thành phố Cần Thơ", "other", None, CITY) if self.today > CITY_DAY else None
        )
        loc_root = s.locality("L.ST", f"Tỉnh {PROVINCE}", "other", city_loc, "ST")
        s.add(
            Org(
                "ST",
                f"Đảng bộ tỉnh {PROVINCE}",
                "provincial",
                None,
                PROVINCE_FOUNDED,
                locality=loc_root,
                title=f"Tỉnh ủy {PROVINCE}",
            )
        )
        self.khoi()
        for cell in s.orgs.values():
            if cell.title == "Sinh viên":  # the college's students (sinh viên) are admitted there
                cell.students = True
        self.military()
        self.police()
        merged_schools = set(self.rng.sample(range(len(DISTRICTS)), 6))
        for index, district in enumerate(DISTRICTS):
            self.district(district, loc_root, index in merged_schools)
        self.reorganize()
        self.drop_future()
        s.freeze()
        return s

    def district(self, d: District, loc_root: str, merged_school: bool) -> None:
        s, rng = self.s, self.rng
        founded = D.fromisoformat(d.established)
        code = f"ST.{d.key}"
        loc = s.locality(f"L.{d.key}", d.title[0].upper() + d.title[1:], "other", loc_root, code)
        s.add(
            Org(
                code,
                f"Đảng bộ {d.title}",
                "upper",
                "ST",
                founded,
                REORGANIZATION_DAY,
                locality=loc,
                district=d.key,
                title=f"{d.committee_word} {d.name}",
            )
        )
        for i, commune in enumerate(d.communes, 1):
            self.commune(d, i, commune, code, founded, loc)
        # The district's own offices (grassroots committees).
        word = d.committee_word
        gov = self.committee(
            f"{code}.CQ",
            f"Đảng bộ Cơ quan Chính quyền {d.title}",
            code,
            founded,
            dissolved=REORGANIZATION_DAY,
            category="agency",
            district=d.key,
            unit_type="state_agency",
        )
        self.children(
            gov, rng.sample(units.DISTRICT_GOV_CELLS, rng.randint(7, 10)), rng.uniform(75, 110), "agency", d.key
        )
        party = self.committee(
            f"{code}.DT",
            f"Đảng bộ Cơ quan Đảng – Đoàn thể {d.title}",
            code,
            founded,
            dissolved=REORGANIZATION_DAY,
            category="agency",
            district=d.key,
            unit_type="party_mass",
        )
        self.children(
            party, [c.format(w=word) for c in units.DISTRICT_PARTY_CELLS], rng.uniform(55, 80), "agency", d.key
        )
        mil = self.committee(
            f"{code}.QS",
            f"Đảng bộ Quân sự {d.title}",
            code,
            founded,
            category="military",
            district=d.key,
            unit_type="army",
        )
        self.children(mil, units.DISTRICT_MILITARY_CELLS, rng.uniform(32, 45), "military", d.key)
        health = self.committee(
            f"{code}.YT",
            f"Đảng bộ Trung tâm Y tế {d.title}",
            code,
            founded,
            category="clinic",
            district=d.key,
            locality=f"L.{code}.YT",
            unit_type="public_service",
        )
        s.locality(f"L.{code}.YT", f"Trung tâm Y tế {d.title}", "clinic", loc, health.code)
        self.children(health, units.DISTRICT_HEALTH_CELLS, rng.uniform(40, 60), "clinic", d.key)
        mil.moves.append((REORGANIZATION_DAY, "ST.QS"))
        health.moves.append((REORGANIZATION_DAY, self.new_commune_of(d, d.seat)))
        # Grassroots cells under the district: schools and agencies (27, 28 in the city).
        self.district_cells(d, code, founded, loc, 28 if d.key == "TP" else 27, merged_school)

    def school_name(self, d: District, index: int) -> str:
        commune = d.communes[index]
        return CITY_SCHOOL_NAMES[index % len(CITY_SCHOOL_NAMES)] if commune.numbered else commune.name

    def district_cells(self, d: District, code: str, founded, loc: str, count: int, merged_school: bool) -> None:
        rng = self.rng
        agencies = list(units.DISTRICT_AGENCY_CELLS)
        n_schools = count - len(agencies)
        others = [i for i in range(len(d.communes)) if i != d.seat]
        rng.shuffle(others)
        order = [d.seat] + others
        levels = ["THPT"] * 2 + ["THCS"] * 4 + ["Tiểu học"] * 3 + ["Mầm non"]
        if d.khmer >= 0.2:
            levels.append("PTDTNT")
        while len(levels) < n_schools:
            levels.append(rng.choice(["THCS", "Tiểu học"]))
        levels = levels[:n_schools]
        used = set()
        entries = []
        for level in levels:
            for i in order * 3:
                name = self.school_name(d, i)
                if level == "PTDTNT":
                    title = f"Trường Phổ thông Dân tộc nội trú THCS {d.title}"
                else:
                    title = f"Trường {level} {name}"
                if title not in used:
                    used.add(title)
                    entries.append(
                        (
                            title,
                            "school",
                            rng.uniform(9, 16) if level != "THPT" else rng.uniform(16, 26),
                            i,
                            level == "THPT",
                        )
                    )
                    break
        for name, category, size in agencies:
            entries.append((name.format(t=d.title), category, size, d.seat, False))
        for n, (title, category, size, commune_index, students) in enumerate(entries, 1):
            cell = self.cell(
                f"{code}.B{n:02d}",
                f"Chi bộ {title}",
                code,
                founded,
                kind="grassroots_cell",
                category=category,
                district=d.key,
                size=_jitter(rng, size),
                students=students,
                title=title,
                locality=f"L.{code}.B{n:02d}",
                unit_type=units.unit_type(title, category),
            )
            kind = "school" if category == "school" else ("enterprise" if category == "enterprise" else "agency")
            parent_loc = f"L.{code}.X{commune_index + 1:02d}" if category == "school" else loc
            self.s.locality(cell.locality, title, kind, parent_loc, cell.code)
            cell.moves.append((REORGANIZATION_DAY, self.new_commune_of(d, commune_index)))
        if merged_school:
            # A primary school merged into another one in 2020–2021: its cell is dissolved.
            target = next(c for c in self.s.orgs.values() if c.code.startswith(f"{code}.B") and "Tiểu học" in c.name)
            day = D(2020, 8, 1) + dt.timedelta(days=rng.randint(0, 400))
            self.cell(
                f"{code}.B{len(entries) + 1:02d}",
                f"{target.name} 2",
                code,
                founded,
                kind="grassroots_cell",
                dissolved=day,
                category="school",
                district=d.key,
                size=rng.uniform(6, 9),
                merge_into=target.code,
                title=f"{target.title} 2",
                unit_type="public_service",
            )

    def commune(self, d: District, i: int, commune, upper: str, founded, district_loc: str) -> None:
        rng, s = self.rng, self.s
        code = f"{upper}.X{i:02d}"
        loc = s.locality(f"L.{code}", commune.title(d)[0].upper() + commune.title(d)[1:], "commune", district_loc, code)
        org = self.committee(
            code,
            f"Đảng bộ {commune.title(d)}",
            upper,
            founded,
            locality=loc,
            category="residential",
            district=d.key,
            title=commune.title(d),
            unit_type=COMMUNE_UNIT_TYPES[commune.kind],
        )
        org.moves.append((REORGANIZATION_DAY, self.new_commune_of(d, i - 1)))
        n = 0

        def add_cell(title, category, size, loc_kind=None, **kw):
            nonlocal n
            n += 1
            cell_code = f"{code}.{n:02d}"
            cell_loc = None
            if loc_kind:
                cell_loc = s.locality(f"L.{cell_code}", title[0].upper() + title[1:], loc_kind, loc, cell_code)
            return self.cell(
                cell_code,
                f"Chi bộ {title}",
                code,
                founded,
                category=category,
                district=d.key,
                size=_jitter(rng, size),
                locality=cell_loc,
                title=title,
                **kw,
            )

        # Villages (ấp) in a xã, quarters (khóm) in a town or ward.
        if commune.urban:
            villages = [f"khóm {k}" for k in range(1, rng.randint(5, 9) + 1)]
        else:
            k = rng.randint(6, 11)
            khmer = min(len(VILLAGES_KHMER), round(k * min(0.9, d.khmer * 1.6)))
            names = rng.sample(VILLAGES_KHMER, khmer) + rng.sample(VILLAGES_VIET, k - khmer)
            rng.shuffle(names)
            villages = [f"ấp {name}" for name in names]
        village_cells = [add_cell(v, "residential", 25 if commune.urban else 22, "village") for v in villages]
        add_cell(f"Cơ quan {commune.title()}", "agency", 30)
        add_cell(f"Quân sự {commune.title()}", "military", 9)
        add_cell(f"Công an {commune.title()}", "police", 10)
        school = WARD_SCHOOL_NAMES[i % len(WARD_SCHOOL_NAMES)] if commune.numbered else commune.name
        add_cell(f"Trường Tiểu học {school}", "school", 11, "school")
        if rng.random() < 0.5:
            add_cell(f"Trường THCS {school}", "school", 12, "school")
        if rng.random() < 0.3:
            add_cell(f"Trạm Y tế {commune.title()}", "clinic", 7, "clinic")
        # Villages merged in 2019–2020 (Nghị quyết of the provincial council): their cell dissolves.
        if not commune.urban and rng.random() < 0.14:
            target = rng.choice(village_cells)
            day = D(2019, 6, 1) + dt.timedelta(days=rng.randint(0, 540))
            extra = add_cell(f"ấp {rng.choice(VILLAGES_VIET)} B", "residential", 12, merge_into=target.code)
            extra.dissolved = day
        # A village without a party cell yet (a "trắng" village), a kindergarten without one.
        if rng.random() < 0.07:
            s.locality(f"L.{code}.T1", f"ấp {rng.choice(VILLAGES_VIET)} Mới", "village", loc)
        if rng.random() < 0.05:
            s.locality(f"L.{code}.T2", f"Trường Mầm non {school}", "school", loc)

    def new_commune_of(self, d: District, index: int) -> str:
        for j, new in enumerate(d.merged):
            if index in new.members:
                return self.new_commune_code(d, j)
        raise KeyError((d.key, index))

    def new_commune_code(self, d: District, j: int) -> str:
        position = sum(len(x.merged) for x in DISTRICTS[: DISTRICTS.index(d)]) + j + 1
        return f"ST.X{position:02d}"

    def khoi(self) -> None:
        rng = self.rng
        code = "ST.KCQ"
        loc = self.s.locality("L.ST.KCQ", "Khối các cơ quan và doanh nghiệp tỉnh", "other", "L.ST", code)
        self.s.add(
            Org(
                code,
                "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh",
                "upper",
                "ST",
                KHOI_FOUNDED,
                locality=loc,
                title="Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh",
            )
        )
        for n, (name, category, size, cells) in enumerate(units.KHOI_COMMITTEES, 1):
            kind = {"clinic": "clinic", "school": "school", "enterprise": "enterprise"}.get(category, "agency")
            org = self.committee(
                f"{code}.D{n:02d}",
                name,
                code,
                KHOI_FOUNDED,
                category=category,
                locality=f"L.{code}.D{n:02d}",
                title=name.removeprefix("Đảng bộ "),
                unit_type=units.unit_type(name, category),
            )
            self.s.locality(org.locality, org.title, kind, loc, org.code)
            self.children(org, cells, _jitter(rng, size), category, None)
        for n, (name, category, size) in enumerate(units.KHOI_CELLS, 1):
            kind = {"clinic": "clinic", "school": "school", "enterprise": "enterprise"}.get(category, "agency")
            cell = self.cell(
                f"{code}.C{n:02d}",
                name,
                code,
                KHOI_FOUNDED,
                kind="grassroots_cell",
                category=category,
                size=_jitter(rng, size),
                locality=f"L.{code}.C{n:02d}",
                title=name.removeprefix("Chi bộ "),
                students=category == "school" and "THPT" in name,
                tiny=size <= 6,
                unit_type=units.unit_type(name, category),
            )
            self.s.locality(cell.locality, cell.title, kind, loc, cell.code)
        start = len(units.KHOI_CELLS)
        for n, (name, category, size, founded) in enumerate(units.KHOI_CELLS_LATER, start + 1):
            day = D.fromisoformat(founded)
            if day <= self.today:
                cell = self.cell(
                    f"{code}.C{n:02d}",
                    name,
                    code if day < KHOI_END_DAY else KHOI_STATE,
                    day,
                    kind="grassroots_cell",
                    category=category,
                    size=size,
                    locality=f"L.{code}.C{n:02d}",
                    title=name.removeprefix("Chi bộ "),
                    unit_type=units.unit_type(name, category),
                )
                self.s.locality(cell.locality, cell.title, "enterprise", loc, cell.code)
        self.khoi_successors()
        # Private enterprises without a party organization yet.
        for n, name in enumerate(
            (
                "Công ty TNHH Thủy sản Sao Biển",
                "Công ty TNHH May mặc Phú Lợi",
                "Công ty Cổ phần Chế biến nông sản Long Phú",
                "Công ty TNHH Vật liệu xây dựng Kế Sách",
            ),
            1,
        ):
            self.s.locality(f"L.{code}.T{n}", name, "enterprise", loc)

    def khoi_successors(self) -> None:
        """Early 2025 (KHOI_END_DAY): the Khối ends; its grassroots organizations move, by kind, to
        the party organization of the provincial party and mass bodies or to that of the provincial
        people's committee (state agencies, public services, enterprises)."""
        if self.today < KHOI_END_DAY:
            return
        khoi = self.s.orgs["ST.KCQ"]
        children = [o for o in self.s.orgs.values() if o.parent == khoi.code and o.established < KHOI_END_DAY]
        for code, name, title in (
            (KHOI_PARTY, "Đảng bộ các cơ quan Đảng tỉnh", "Đảng ủy các cơ quan Đảng tỉnh"),
            (KHOI_STATE, "Đảng bộ Ủy ban nhân dân tỉnh", "Đảng ủy Ủy ban nhân dân tỉnh"),
        ):
            self.s.add(Org(code, name, "upper", "ST", KHOI_END_DAY, title=title))
        khoi.dissolved = KHOI_END_DAY
        for org in children:
            to_party = org.unit_type == "party_mass" or org.title in KHOI_TO_PARTY_TITLES
            org.moves.append((KHOI_END_DAY, KHOI_PARTY if to_party else KHOI_STATE))

    def military(self) -> None:
        rng = self.rng
        code = "ST.QS"
        self.s.add(Org(code, "Đảng bộ Quân sự tỉnh", "upper", "ST", PROVINCE_FOUNDED, title="Đảng ủy Quân sự tỉnh"))
        for n, (name, size, cells) in enumerate(units.QS_COMMITTEES, 1):
            org = self.committee(
                f"{code}.D{n:02d}",
                name,
                code,
                PROVINCE_FOUNDED,
                category="military",
                title=name.removeprefix("Đảng bộ "),
                unit_type="army",
            )
            self.children(org, cells, _jitter(rng, size), "military", None)
        for n, (name, size) in enumerate(units.QS_CELLS, 1):
            self.cell(
                f"{code}.C{n:02d}",
                name,
                code,
                PROVINCE_FOUNDED,
                kind="grassroots_cell",
                category="military",
                size=_jitter(rng, size),
                title=name.removeprefix("Chi bộ "),
                unit_type="army",
            )

    def police(self) -> None:
        rng = self.rng
        code = "ST.CA"
        self.s.add(Org(code, "Đảng bộ Công an tỉnh", "upper", "ST", PROVINCE_FOUNDED, title="Đảng ủy Công an tỉnh"))
        for n, d in enumerate(DISTRICTS, 1):
            org = self.committee(
                f"{code}.H{n:02d}",
                f"Đảng bộ Công an {d.title}",
                code,
                PROVINCE_FOUNDED,
                category="police",
                district=d.key,
                title=f"Công an {d.title}",
                unit_type="police",
            )
            self.children(
                org,
                (
                    "Đội Cảnh sát điều tra tội phạm về trật tự xã hội",
                    "Đội An ninh",
                    "Đội Cảnh sát giao thông – Trật tự",
                    "Đội Tổng hợp",
                    "Đội Cảnh sát quản lý hành chính",
                ),
                rng.uniform(55, 85),
                "police",
                d.key,
            )
        for n, (name, size, cells) in enumerate(units.CA_UNITS, 1):
            org = self.committee(
                f"{code}.D{n:02d}",
                name,
                code,
                PROVINCE_FOUNDED,
                category="police",
                title=name.removeprefix("Đảng bộ "),
                unit_type="police",
            )
            self.children(org, cells, _jitter(rng, size), "police", None)
        for n, (name, size) in enumerate(units.CA_CELLS, 1):
            self.cell(
                f"{code}.C{n:02d}",
                name,
                code,
                PROVINCE_FOUNDED,
                kind="grassroots_cell",
                category="police",
                size=_jitter(rng, size),
                title=name.removeprefix("Chi bộ "),
                unit_type="police",
            )

    def reorganize(self) -> None:
        """1/7/2025: commune-level committees replace the districts (rules.md §1)."""
        if self.today <= REORGANIZATION_DAY:
            return
        # The same day the province itself ends: the new city's party organization takes over
        # everything still under it (Quân sự, Công an, the Khối's two successors); the commune
        # committees are founded under the city.
        self.s.add(
            Org(
                CITY,
                "Đảng bộ thành phố Cần Thơ",
                "provincial",
                None,
                CITY_DAY,
                locality=CITY_LOCALITY,
                title="Thành ủy Cần Thơ",
            )
        )
        province = self.s.orgs["ST"]
        province.dissolved = CITY_DAY
        eve = CITY_DAY - dt.timedelta(days=1)
        for org in list(self.s.orgs.values()):
            if org.parent_on(eve) == "ST" and org.exists_on(eve) and org.exists_on(CITY_DAY):
                org.moves.append((CITY_DAY, CITY))
        for d in DISTRICTS:
            for j, new in enumerate(d.merged):
                org = self.s.add(
                    Org(
                        self.new_commune_code(d, j),
                        f"Đảng bộ {new.title}",
                        "upper",
                        CITY,
                        REORGANIZATION_DAY,
                        district=d.key,
                        title=f"Đảng ủy {new.title}",
                    )
                )
                self.s.new_communes.append(org)
        # Cells of the dissolved district offices close with their committee.
        for org in list(self.s.orgs.values()):
            if org.parent and org.parent.endswith((".CQ", ".DT")) and org.parent.count(".") == 2:
                org.dissolved = REORGANIZATION_DAY

    def drop_future(self) -> None:
        """Nothing is dissolved or moved after today (a data set never records the future)."""
        for org in self.s.orgs.values():
            org.moves = [m for m in org.moves if m[0] <= self.today]
            if org.dissolved and org.dissolved > self.today:
                org.dissolved = None


def build(rng: random.Random, today: dt.date) -> Structure:
    structure = _Builder(rng, today).build()
    _mark_tiny(rng, structure)
    return structure


def _mark_tiny(rng: random.Random, s: Structure) -> None:
    """A few small cells that stay below three official members (alerts in reports)."""
    candidates = [c for c in s.cells if c.kind == "cell" and c.parent.startswith("ST.KCQ.") and c.dissolved is None]
    for cell in rng.sample(candidates, 8):
        cell.tiny = True
    for cell in s.cells:
        if cell.tiny:
            cell.size = rng.choice((2, 2, 3, 3, 4))
