"""Synthetic people: names, birth dates, ethnicity, religion, identity numbers, schooling,
occupation and addresses consistent with the cell they join."""

import datetime as dt
import random
from dataclasses import dataclass, field

from xaydungdang.core.dates import add_months
from xaydungdang.demo import names
from xaydungdang.demo.geography import DISTRICTS, PROVINCE
from xaydungdang.demo.orgs import Org

DISTRICT_BY_KEY = {d.key: d for d in DISTRICTS}
# Provinces people transfer in from: (CCCD prefix, number prefix of their party record, name).
ORIGINS = (
    ("092", "CT", "thành phố Cần Thơ"),
    ("093", "HG", "tỉnh Hậu Giang"),
    ("095", "BL", "tỉnh Bạc Liêu"),
    ("079", "HCM", "Thành phố Hồ Chí Minh"),
    ("086", "VL", "tỉnh Vĩnh Long"),
    ("084", "TV", "tỉnh Trà Vinh"),
    ("089", "AG", "tỉnh An Giang"),
    ("091", "KG", "tỉnh Kiên Giang"),
    ("096", "CM", "tỉnh Cà Mau"),
    ("087", "ĐT", "tỉnh Đồng Tháp"),
    ("001", "HN", "thành phố Hà Nội"),
)
HOME_PREFIX = "094"  # Sóc Trăng's code in the citizen identity number


@dataclass(eq=False, slots=True)
class Person:
    no: str
    name: str
    female: bool
    birth: dt.date
    ethnicity: str
    religion: str
    national_id: str
    hometown: str
    residence: str
    education: str
    qualification: str
    theory: str
    occupation: str
    joined: dt.date
    official_on: dt.date | None = None
    card: str = ""
    entry: str = "opening"  # opening, admitted, transferred_in
    opening_cell: str | None = None
    # Simulation state.
    cell: str | None = None
    present: bool = False
    official: bool = False
    away: bool = False
    exempt: bool = False
    gone: bool = False  # removed, died or transferred out
    since: dt.date = dt.date.min  # last entry or transfer (keeps changes apart)
    locked_until: dt.date | None = None  # screening in progress
    slot: int = -1  # position in the population's list of present members
    events: list = field(default_factory=list)

    def age_on(self, day: dt.date) -> int:
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))


W = names.Weighted
RESIDENT_OLD = W((("retired", 70), ("farmer", 20), ("other", 10)))
RESIDENT = W(
    (("farmer", 52), ("other", 20), ("worker", 10), ("enterprise", 6), ("state_official", 6), ("public_employee", 6))
)
ENTERPRISE = W((("enterprise", 65), ("worker", 35)))
OFFICE = W((("state_official", 85), ("public_employee", 10), ("other", 5)))
OLD_SCHOOLING = W((("12/12", 40), ("9/12", 30), ("10/10", 15), ("7/12", 10), ("5/12", 5)))
QUALIFICATION = {
    "state_official": W((("bachelor", 75), ("master", 15), ("college", 5), ("intermediate", 5))),
    "public_employee": W((("bachelor", 65), ("master", 10), ("college", 15), ("intermediate", 8), ("doctor", 2))),
    "armed_forces": W((("bachelor", 40), ("college", 20), ("intermediate", 30), ("none", 10))),
    "enterprise": W((("bachelor", 50), ("college", 15), ("intermediate", 20), ("none", 15))),
    "worker": W((("intermediate", 40), ("none", 60))),
    "farmer": W((("none", 85), ("intermediate", 15))),
    "student": W((("none", 100),)),
    "retired": W((("bachelor", 30), ("intermediate", 25), ("none", 45))),
}
QUALIFICATION_OTHER = W((("none", 60), ("intermediate", 20), ("bachelor", 20)))
THEORY_NEW = W((("none", 55), ("elementary", 45)))
THEORY = {
    "state_official": W((("intermediate", 50), ("advanced", 15), ("elementary", 30), ("bachelor", 5))),
    "armed_forces": W((("intermediate", 40), ("elementary", 50), ("advanced", 10))),
    "public_employee": W((("elementary", 60), ("intermediate", 30), ("none", 10))),
    "retired": W((("elementary", 50), ("intermediate", 35), ("advanced", 10), ("none", 5))),
}
THEORY_OTHER = W((("elementary", 60), ("none", 40)))


class PeopleFactory:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ids: set[str] = set()
        self.numbers: set[str] = set()
        self.cards: set[str] = set()
        self.sequence = 0

    # -- identity ----------------------------------------------------------------------------
    def member_no(self, prefix: str = "ST") -> str:
        if prefix == "ST":
            self.sequence += 1
            return f"ST{self.sequence:06d}"
        while True:
            number = f"{prefix}{self.rng.randint(1, 999_999):06d}"
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def national_id(self, province: str, female: bool, birth: dt.date) -> str:
        century = (0 if birth.year < 2000 else 2) + (1 if female else 0)
        while True:
            value = f"{province}{century}{birth.year % 100:02d}{self.rng.randint(0, 999_999):06d}"
            if value not in self.ids:
                self.ids.add(value)
                return value

    def card_no(self) -> str:
        while True:
            value = f"{self.rng.randint(10_000_000, 99_999_999)}"
            if value not in self.cards:
                self.cards.add(value)
                return value

    # -- attributes ----------------------------------------------------------------------------
    def ethnicity_for(self, cell: Org) -> str:
        d = DISTRICT_BY_KEY.get(cell.district)
        khmer, hoa = (d.khmer, d.hoa) if d else (0.12, 0.04)
        if cell.category in ("agency", "school", "clinic", "police", "military", "enterprise"):
            khmer *= 0.7
        x = self.rng.random()
        return "Khmer" if x < khmer else ("Hoa" if x < khmer + hoa else "Kinh")

    def minority_ethnicity(self, cell: Org) -> str:
        d = DISTRICT_BY_KEY.get(cell.district)
        khmer, hoa = (d.khmer, d.hoa) if d else (0.12, 0.04)
        return "Khmer" if self.rng.random() < khmer / (khmer + hoa) else "Hoa"

    def occupation_for(self, cell: Org, age: int, student: bool = False) -> str:
        rng = self.rng
        if student:
            return "student"
        category = cell.category
        if category == "residential":
            return (RESIDENT_OLD if age >= 60 else RESIDENT).pick(rng)
        if category in ("military", "police"):
            return "armed_forces"
        if category in ("school", "clinic"):
            return "public_employee"
        if category == "enterprise":
            return ENTERPRISE.pick(rng)
        return OFFICE.pick(rng)

    def schooling(self, occupation: str, birth: dt.date, new_member: bool) -> tuple[str, str, str]:
        rng = self.rng
        if birth.year >= 1970 or occupation not in ("farmer", "retired", "other", "worker"):
            education = "12/12"
        else:
            education = OLD_SCHOOLING.pick(rng)
        qualification = QUALIFICATION.get(occupation, QUALIFICATION_OTHER).pick(rng)
        theory = (THEORY_NEW if new_member else THEORY.get(occupation, THEORY_OTHER)).pick(rng)
        return education, qualification, theory

    def places(self, cell: Org, structure) -> tuple[str, str]:
        """Hometown and residence; residents of a village live in it."""
        rng = self.rng
        d = DISTRICT_BY_KEY.get(cell.district) or rng.choice(DISTRICTS)
        home_d = d if rng.random() < 0.75 else rng.choice(DISTRICTS)
        hometown = rng.choice(_ADDRESSES[home_d.key])
        if cell.category == "residential" and cell.title and cell.parent:
            residence = _village_address(cell, structure, d)
        else:
            residence = rng.choice(_ADDRESSES[d.key])
        return hometown, residence

    # -- people --------------------------------------------------------------------------------
    def make(
        self,
        cell: Org,
        structure,
        *,
        birth: dt.date,
        joined: dt.date,
        ethnicity: str | None = None,
        female: bool | None = None,
        student: bool = False,
        origin: tuple | None = None,
        new_member: bool = False,
        on: dt.date,
    ) -> Person:
        rng = self.rng
        if female is None:
            female = rng.random() < 0.36
        ethnicity = ethnicity or self.ethnicity_for(cell)
        religion = names.RELIGIONS[ethnicity].pick(rng)
        occupation = self.occupation_for(cell, _age(birth, on), student)
        education, qualification, theory = self.schooling(occupation, birth, new_member)
        hometown, residence = self.places(cell, structure)
        province_code = HOME_PREFIX
        prefix = "ST"
        if origin is not None:
            province_code, prefix, province_name = origin
            if rng.random() < 0.8:
                hometown = f"{province_name[0].upper()}{province_name[1:]}"
        return Person(
            no=self.member_no(prefix),
            name=names.full_name(rng, ethnicity, female),
            female=female,
            birth=birth,
            ethnicity=ethnicity,
            religion=religion,
            national_id=self.national_id(province_code if rng.random() < 0.9 else HOME_PREFIX, female, birth),
            hometown=hometown,
            residence=residence,
            education=education,
            qualification=qualification,
            theory=theory,
            occupation=occupation,
            joined=joined,
        )

    def birth_for_age(self, on: dt.date, age_years: int) -> dt.date:
        """A birth date making the person exactly `age_years` (completed) on `on`."""
        latest = add_months(on, -12 * age_years)  # birthday on or before `on`
        return latest - dt.timedelta(days=self.rng.randint(0, 364))


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _tidy(text: str) -> str:
    # "Phường 1, thành phố Sóc Trăng, thành phố Sóc Trăng" -> once.
    parts = [p.strip() for p in text.split(",")]
    result = []
    for part in parts:
        if part not in result:
            result.append(part)
    return ", ".join(result)


_ADDRESSES = {d.key: [_tidy(f"{c.title(d)}, {d.title}, tỉnh {PROVINCE}") for c in d.communes] for d in DISTRICTS}
_VILLAGES: dict[str, str] = {}


def _village_address(cell: Org, structure, d) -> str:
    found = _VILLAGES.get(cell.code)
    if found is None:
        commune = structure.orgs[cell.parent].title
        found = _VILLAGES[cell.code] = _tidy(f"{cell.title}, {commune}, {d.title}, tỉnh {PROVINCE}")
    return found
