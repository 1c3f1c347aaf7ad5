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
    # The statistical forms' attributes (spec/forms.md): Đoàn dates, flags, academic title.
    youth_from: dt.date | None = None
    youth_until: dt.date | None = None
    business_owner: bool = False
    foreign_marriage: bool = False
    family_planning: bool = False
    academic_title: str = ""
    changes: list = field(default_factory=list)  # member_changes: (on, field, value)
    entry: str = "opening"  # opening, admitted, transferred_in
    opening_cell: str | None = None
    # Simulation state.
    cell: str | None = None
    present: bool = False
    official: bool = False
    temporary: bool = False  # sinh hoạt tạm thời nơi khác
    away: bool = False
    exempt: bool = False
    gone: bool = False  # removed, died or transferred out
    readmitted: bool = False  # kết nạp lại (once)
    expelled: bool = False
    since: dt.date = dt.date.min  # last entry or transfer (keeps changes apart)
    locked_until: dt.date | None = None  # screening in progress
    slot: int = -1  # position in the population's list of present members
    events: list = field(default_factory=list)

    def age_on(self, day: dt.date) -> int:
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))

    def now(self, name: str):
        """An attribute as it stands after the changes recorded so far."""
        for _on, field_, value in reversed(self.changes):
            if field_ == name:
                return value
        return getattr(self, {"general_education": "education", "political_theory": "theory"}.get(name, name))

    def change(self, on: dt.date, name: str, value) -> None:
        if self.now(name) != value:
            self.changes.append((on, name, value))


W = names.Weighted
RESIDENT_OLD = W((("retired", 70), ("farmer", 20), ("other", 10)))
RESIDENT = W(
    (
        ("farmer", 50),
        ("other", 15),
        ("worker", 9),
        ("village_worker", 8),
        ("enterprise", 5),
        ("enterprise_manager", 1.5),
        ("private_service", 1.5),
        ("state_official", 3),
        ("public_employee", 7),
    )
)
ENTERPRISE = W((("enterprise_manager", 12), ("enterprise", 53), ("worker", 35)))
# Agencies by the unit type of their grassroots organization (Biểu 5-BTCTW).
OFFICES = {
    "party_mass": W((("party_official", 85), ("public_employee", 10), ("other", 5))),
    "state_agency": W((("state_official", 85), ("public_employee", 10), ("other", 5))),
    "public_service": W((("public_employee", 88), ("state_official", 4), ("other", 8))),
    "commune": W((("commune_official", 88), ("other", 12))),
}
COMMUNE_MILITARY = W((("commune_official", 45), ("armed_forces", 55)))
OLD_SCHOOLING = W(
    (("12/12", 38), ("9/12", 28), ("10/10", 14), ("7/12", 9), ("5/12", 5), ("7/10", 3), ("4/10", 2), ("3/10", 1))
)
# Younger people working the land or for wages: most finished school, some left at the lower level.
YOUNG_SCHOOLING = W((("12/12", 74), ("9/12", 14), ("11/12", 5), ("8/12", 4), ("7/12", 3)))
QUALIFICATION = {
    "state_official": W((("bachelor", 75), ("master", 15), ("college", 5), ("intermediate", 5))),
    "public_employee": W((("bachelor", 65), ("master", 10), ("college", 15), ("intermediate", 8.5), ("doctor", 1.5))),
    "armed_forces": W((("bachelor", 40), ("college", 20), ("intermediate", 30), ("none", 10))),
    "enterprise": W((("bachelor", 50), ("college", 15), ("intermediate", 20), ("none", 15))),
    "enterprise_manager": W((("bachelor", 65), ("master", 15), ("college", 10), ("intermediate", 10))),
    "party_official": W((("bachelor", 72), ("master", 18), ("college", 5), ("intermediate", 5))),
    "commune_official": W((("bachelor", 55), ("college", 10), ("intermediate", 30), ("elementary", 5))),
    "village_worker": W((("none", 45), ("elementary", 25), ("intermediate", 25), ("bachelor", 5))),
    "private_service": W((("bachelor", 45), ("college", 25), ("intermediate", 30))),
    "worker": W((("elementary", 30), ("intermediate", 25), ("none", 45))),
    "farmer": W((("none", 72), ("elementary", 16), ("intermediate", 12))),
    "student": W((("none", 100),)),
    "pupil": W((("none", 100),)),
    "retired": W((("bachelor", 30), ("intermediate", 25), ("elementary", 5), ("none", 40))),
}
QUALIFICATION_OTHER = W((("none", 60), ("intermediate", 20), ("bachelor", 20)))
THEORY_NEW = W((("none", 55), ("elementary", 45)))
THEORY = {
    "state_official": W((("intermediate", 50), ("advanced", 15), ("elementary", 30), ("bachelor", 5))),
    "armed_forces": W((("intermediate", 40), ("elementary", 50), ("advanced", 10))),
    "party_official": W((("intermediate", 45), ("advanced", 25), ("elementary", 25), ("bachelor", 5))),
    "commune_official": W((("intermediate", 60), ("elementary", 35), ("advanced", 5))),
    "public_employee": W((("elementary", 60), ("intermediate", 30), ("none", 10))),
    "retired": W((("elementary", 50), ("intermediate", 35), ("advanced", 10), ("none", 5))),
}
THEORY_OTHER = W((("elementary", 60), ("none", 40)))


class PeopleFactory:
    def __init__(self, rng: random.Random):
        self.rng = rng
        # The forms' attributes draw from their own stream (the older attributes keep theirs).
        self.extra = random.Random(rng.random())
        self.today = dt.date.min  # the history's last day (set by History): no Đoàn end date after it
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

    def occupation_for(self, cell: Org, age: int, student: bool = False, unit_type: str = "") -> str:
        """One of the fifteen occupations of the forms, consistent with the cell and its grassroots
        organization's unit type."""
        rng = self.rng
        if student:
            return "student" if cell.title == "Sinh viên" else "pupil"
        category = cell.category
        commune = unit_type in ("commune", "ward", "township")
        if category == "residential":
            return (RESIDENT_OLD if age >= 60 else RESIDENT).pick(rng)
        if category == "military" and commune:
            return COMMUNE_MILITARY.pick(self.extra)
        if category in ("military", "police"):
            return "armed_forces"
        if category in ("school", "clinic"):
            return "private_service" if unit_type == "private_service" else "public_employee"
        if category == "enterprise":
            return ENTERPRISE.pick(rng)
        return OFFICES["commune" if commune else unit_type if unit_type in OFFICES else "state_agency"].pick(rng)

    def schooling(self, occupation: str, birth: dt.date, new_member: bool) -> tuple[str, str, str]:
        rng = self.rng
        manual = occupation in ("farmer", "retired", "other", "worker", "village_worker")
        if not manual:
            education = "12/12"
        elif birth.year >= 1970:
            education = YOUNG_SCHOOLING.pick(self.extra)
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
        unit_type = structure.grassroots_of(cell.code, on).unit_type
        occupation = self.occupation_for(cell, _age(birth, on), student, unit_type)
        education, qualification, theory = self.schooling(occupation, birth, new_member)
        hometown, residence = self.places(cell, structure)
        province_code = HOME_PREFIX
        prefix = "ST"
        if origin is not None:
            province_code, prefix, province_name = origin
            if rng.random() < 0.8:
                hometown = f"{province_name[0].upper()}{province_name[1:]}"
        person = Person(
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
        self.form_attributes(person, on, new_member)
        return person

    def form_attributes(self, p: Person, on: dt.date, new_member: bool) -> None:
        """Đoàn membership (16 to 30, a little longer for some), private business owners, marriages
        to foreigners and family-planning violations (few), academic titles (very few)."""
        rng = self.extra
        age = _age(p.birth, on)
        if age <= 45 and rng.random() < (0.9 if age <= 30 else 0.75):
            start = add_months(p.birth, 12 * 16 + rng.randint(0, 48))
            until = add_months(p.birth, 12 * 30 + rng.randint(0, 30 if rng.random() < 0.85 else 60))
            if start < on:
                p.youth_from = start
                p.youth_until = until if until <= self.today else None
        if p.occupation in ("enterprise_manager", "other") and rng.random() < (
            0.35 if p.occupation == "enterprise_manager" else 0.01
        ):
            p.business_owner = True
        p.foreign_marriage = rng.random() < (0.004 if p.female else 0.0008)
        p.family_planning = new_member and rng.random() < 0.003
        if p.qualification == "doctor":
            x = rng.random()
            p.academic_title = "professor" if x < 0.01 else ("associate_professor" if x < 0.06 else "")

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
