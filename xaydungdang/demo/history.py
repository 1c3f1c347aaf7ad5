"""The members' history, simulated day by day from the opening balance to today.

Every movement of the plan (plan.py) happens on a day drawn inside its window and to a
person who can undergo it on that day (present, in a cell that exists, official where the
rules ask for it), so the counts of the plan are exactly the counts of the data and every
history passes `members/lifecycle.py`.
"""

import bisect
import datetime as dt
import heapq
import math
import random
from collections import Counter, defaultdict

from xaydungdang.core.dates import add_months
from xaydungdang.core.rules import BADGE_DAYS, BADGE_YEARS, probation_end
from xaydungdang.demo import plan
from xaydungdang.demo.names import Weighted
from xaydungdang.demo.orgs import Org, Structure
from xaydungdang.demo.people import ORIGINS, PeopleFactory, Person
from xaydungdang.members import partyage
from xaydungdang.members.attributes import is_ethnic_minority
from xaydungdang.members.lifecycle import EXPELLED, Facts, OrgLookup, Step, Stepper

ONE_DAY = dt.timedelta(days=1)
SETTLE = dt.timedelta(days=30)  # no two changes of the same person closer than this
WORKING = ("agency", "school", "clinic", "military", "police", "enterprise")
MAX_AGE = {"military": 52, "police": 55, "agency": 59, "school": 59, "clinic": 59, "enterprise": 59}
ADMISSION_FACTOR = {
    "residential": 1.0,
    "school": 0.9,
    "clinic": 0.9,
    "agency": 0.7,
    "military": 1.6,
    "police": 1.3,
    "enterprise": 0.8,
}
ADMISSION_AGES = Weighted((((18, 22), 15), ((23, 30), 40), ((31, 40), 30), ((41, 50), 12), ((51, 59), 3)))
# Historical admissions per year before the recorded history, and the share still members in 2019.
COHORTS = [
    (1945, 1949, 25),
    (1950, 1974, 500),
    (1975, 1985, 1400),
    (1986, 1995, 1000),
    (1996, 2005, 1000),
    (2006, 2012, 1300),
    (2013, 2018, 1700),
]


REMOVALS = ("struck_off", "dismissed", EXPELLED)  # undone by a restoration or a re-admission
# Occupations that end in retirement at the legal age (Bộ luật Lao động 2019, Điều 169).
RETIRING = frozenset(
    {
        "state_official",
        "party_official",
        "commune_official",
        "public_employee",
        "private_service",
        "enterprise_manager",
        "enterprise",
        "worker",
        "armed_forces",
    }
)
# Training finished while a member: (field, chance, {from: to}) by occupation at entry.
_QUALIFICATION_UP = {
    "college": "bachelor",
    "bachelor": "master",
    "intermediate": "bachelor",
    "elementary": "intermediate",
}
_THEORY_UP = {"elementary": "intermediate", "intermediate": "advanced"}
PROMOTIONS = {
    "state_official": (("qualification", 0.12, _QUALIFICATION_UP), ("political_theory", 0.15, _THEORY_UP)),
    "party_official": (("qualification", 0.12, _QUALIFICATION_UP), ("political_theory", 0.2, _THEORY_UP)),
    "commune_official": (("qualification", 0.15, _QUALIFICATION_UP), ("political_theory", 0.15, _THEORY_UP)),
    "public_employee": (("qualification", 0.1, _QUALIFICATION_UP | {"master": "doctor"}),),
    "armed_forces": (("qualification", 0.08, _QUALIFICATION_UP), ("political_theory", 0.1, _THEORY_UP)),
    "village_worker": (("qualification", 0.08, {"none": "elementary", "elementary": "intermediate"}),),
    "farmer": (("qualification", 0.03, {"none": "elementary"}),),
}
TEMPORARY_WEIGHT = {"residential": 1.0, "enterprise": 0.3, "agency": 0.06, "school": 0.04, "clinic": 0.04}


def retirement_day(birth: dt.date, female: bool) -> dt.date:
    """The legal retirement age: 60 (men) and 55 (women) until 2020, then 3 (men) or 4 (women)
    months more each year up to 62 and 60."""
    base, step, cap = (660, 4, 720) if female else (720, 3, 744)
    months = base
    if birth.year + (birth.month - 1 + base) // 12 >= 2021:
        for year in range(2021, 2040):
            months = min(cap, base + step * (year - 2020))
            if birth.year + (birth.month - 1 + months) // 12 <= year:
                break
    return add_months(birth, months)


def badge_day_on_or_after(day: dt.date) -> dt.date:
    for month, dom in BADGE_DAYS:
        candidate = dt.date(day.year, month, dom)
        if candidate >= day:
            return candidate
    return dt.date(day.year + 1, BADGE_DAYS[0][0], BADGE_DAYS[0][1])


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


class Population:
    """Who is present, as a list (uniform picks) and per cell."""

    def __init__(self):
        self.present: list[Person] = []
        self.by_cell: dict[str, dict[Person, None]] = defaultdict(dict)

    def enter(self, p: Person, cell: str) -> None:
        p.present, p.cell = True, cell
        p.slot = len(self.present)
        self.present.append(p)
        self.by_cell[cell][p] = None

    def leave(self, p: Person) -> None:
        last = self.present.pop()
        if last is not p:
            self.present[p.slot] = last
            last.slot = p.slot
        p.slot = -1
        p.present = False
        del self.by_cell[p.cell][p]

    def move(self, p: Person, cell: str) -> None:
        del self.by_cell[p.cell][p]
        p.cell = cell
        self.by_cell[cell][p] = None


class History:
    def __init__(self, structure: Structure, rng: random.Random, today: dt.date, factory: PeopleFactory):
        self.s = structure
        self.rng = rng
        self.today = today
        self.people = factory
        factory.today = today
        self.removed: list[tuple[dt.date, Person, str]] = []  # struck off, dismissed, expelled: (day, person, cell)
        self.persons: list[Person] = []
        self.pop = Population()
        self.queue: list = []  # (day, seq, kind, person, data)
        self.seq = 0
        self.hooks = []
        self.screenings: list[dict] = []
        self.disciplines: list[dict] = []
        self.inspections: list[dict] = []
        self.admissions_by_upper: Counter = Counter()  # (upper code, year) -> admissions
        self._weights_cache: dict[int, tuple[list[Org], list[float]]] = {}
        self._decisions: Counter = Counter()
        self._receivers: dict = {}
        # The one state machine (members.lifecycle.replay) judges every event and decides each
        # person's official, away and exempt flags; the population lists only index who is where.
        orgs = structure.orgs
        self.lookup = OrgLookup(
            is_cell=lambda code: orgs[code].is_cell,
            exists_on=lambda code, day: orgs[code].exists_on(day),
            dissolved_on=lambda code: orgs[code].dissolved,
            label=str,
        )
        self._machines: dict[str, Stepper] = {}

    def screenings_of(self, year: int) -> list[str]:
        return [r["member_no"] for r in self.screenings if r["listed_on"].year == year]

    # -- scheduling ------------------------------------------------------------------------------
    def schedule(self, day: dt.date, kind: str, person: Person | None, data=None) -> None:
        if day > self.today:
            return
        self.seq += 1
        heapq.heappush(self.queue, (day, self.seq, kind, person, data))

    def record(
        self,
        p: Person,
        day: dt.date,
        type_: str,
        org: str | None = None,
        reason: str = "",
        decision_no: str = "",
        decided_on: dt.date | None = None,
    ) -> None:
        self.judge(p, type_, day, org, reason, decided_on)
        p.events.append((day, type_, org, reason, decision_no, decided_on))

    def judge(
        self,
        p: Person,
        type_: str,
        day: dt.date,
        org: str | None = None,
        reason: str = "",
        decided_on: dt.date | None = None,
    ) -> None:
        """Apply this step to the person's history through the lifecycle's state machine
        (members.lifecycle.Stepper) and take the flags from it; a step the rules refuse is a bug
        of the generator. Whole-history checks are the importer's, when the demo is loaded."""
        machine = self._machines.get(p.no)
        if machine is None:
            machine = self._machines[p.no] = Stepper(
                Facts(p.no, p.birth, p.joined, p.official_on), self.lookup, self.today
            )
        refused = machine.apply(Step(None, type_, day, org, reason, decided_on))
        if refused:
            raise AssertionError(f"demo: {p.no} {type_} {day}: {[problem.message for problem in refused]}")
        p.official, p.away, p.exempt = machine.official, machine.away, machine.exempt
        p.temporary = machine.temporary
        if not machine.present and type_ not in REMOVALS:  # died or transferred out: never back
            del self._machines[p.no]

    def decision_no(self, cell: str, day: dt.date) -> str:
        """ "12-QĐ/HU": decisions numbered per year by the committee above the cell's grassroots level."""
        upper = self.s.upper_of(cell, day)
        self._decisions[(upper.code, day.year)] += 1
        return f"{self._decisions[(upper.code, day.year)]}-QĐ/{doc_suffix(upper)}"

    # -- weighted choices ------------------------------------------------------------------------
    def cell_weights(self, day: dt.date, purpose: str) -> tuple[list[Org], list[float]]:
        cells = self.s.cells_on(day)
        key = (id(cells), purpose)
        found = self._weights_cache.get(key)
        if found is None:
            weights = []
            for c in cells:
                if purpose == "admission":
                    w = c.size * ADMISSION_FACTOR[c.category] * (1.6 if c.students else 1.0)
                    w *= 8.0 if c.title == "Sinh viên" else 1.0  # the college's students (sinh viên)
                    w *= 0.02 if c.tiny else 1.0
                else:
                    w = 0.0 if c.tiny else c.size
                weights.append(w)
            cum, total = [], 0.0
            for w in weights:
                total += w
                cum.append(total)
            found = (cells, cum)
            self._weights_cache[key] = found
        return found

    def choose_cell(
        self,
        day: dt.date,
        purpose: str,
        *,
        district: str | None = None,
        category: str | None = None,
        exclude: str | None = None,
    ) -> Org:
        cells, cum = self.cell_weights(day, purpose)
        rng, total = self.rng, cum[-1]
        for _ in range(200):
            cell = cells[bisect.bisect_right(cum, rng.random() * total)]
            if cell.code == exclude or cell.dissolved and (cell.dissolved - day).days < 60:
                continue  # the same cell, or one about to close
            if district and cell.district != district:
                continue
            if category and cell.category != category:
                continue
            return cell
        return self.choose_cell(day, purpose, exclude=exclude)

    def pick(self, day: dt.date, weight, *, settle: dt.timedelta = SETTLE) -> Person:
        """A present, unlocked person who last changed before day - settle, with probability
        proportional to weight(p) ≤ 1."""
        present = self.pop.present
        floor = day - settle
        size = len(present)
        draw = self.rng.random
        for _ in range(4000):
            p = present[int(draw() * size)]
            if p.since > floor or p.locked_until and p.locked_until >= day:
                continue
            w = weight(p)
            if w >= 1 or (w > 0 and draw() < w):
                return p
        for p in present:  # rare: a very selective weight
            if not (p.locked_until and p.locked_until >= day) and weight(p) > 0:
                return p
        raise RuntimeError("no member fits")

    # -- the opening balance ---------------------------------------------------------------------
    def opening(self) -> None:
        day = plan.OPENING_DAY
        total = plan.opening_count(self.today)
        cells = [c for c in self.s.cells_on(day) if not c.dissolved or c.dissolved > day]
        fixed = {c.code: int(c.size) for c in cells if c.tiny}
        rest = total - sum(fixed.values())
        free = [c for c in cells if not c.tiny]
        weight = sum(c.size for c in free)
        shares = [(c, rest * c.size / weight) for c in free]
        counts = {c.code: int(x) for c, x in shares}
        short = rest - sum(counts.values())
        for c, _x in sorted(shares, key=lambda cx: cx[1] - int(cx[1]), reverse=True)[:short]:
            counts[c.code] += 1
        counts.update(fixed)
        cohorts = self._cohort_table()
        for cell in cells:
            for _ in range(counts[cell.code]):
                self._opening_person(cell, cohorts)

    def _cohort_table(self) -> Weighted:
        pairs = []
        for first, last, per_year in COHORTS:
            for year in range(first, last + 1):
                t = 2019 - year
                survival = 0.95 if t <= 20 else max(0.05, 0.95 - 0.009 * (t - 20))
                pairs.append((year, per_year * survival))
        return Weighted(pairs)

    def _opening_person(self, cell: Org, cohorts: Weighted) -> None:
        rng, day = self.rng, plan.OPENING_DAY
        limit = MAX_AGE.get(cell.category, 95)
        for _ in range(50):
            year = cohorts.pick(rng)
            join_age = self._join_age(cell)
            if 2019 - year + join_age <= limit:
                break
        else:
            year, join_age = 2016, 22
        joined = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        if joined >= day:
            joined = day - dt.timedelta(days=rng.randint(1, 300))
        birth = self.people.birth_for_age(joined, join_age)
        p = self.people.make(cell, self.s, birth=birth, joined=joined, on=day)
        due = probation_end(joined)
        if due <= day:
            p.official_on = due
            p.card = self.people.card_no()
        else:
            self.schedule(due, "recognize", p)
        p.entry, p.opening_cell, p.since = "opening", cell.code, day
        self.persons.append(p)
        self.pop.enter(p, cell.code)
        self.judge(p, "opening", day, cell.code)
        self._schedule_badges(p, day)
        self._schedule_life(p, day)

    def _join_age(self, cell: Org) -> int:
        rng = self.rng
        if cell.category == "military":
            return rng.randint(19, 25)
        if cell.category == "police":
            return rng.randint(20, 30)
        if cell.category in WORKING:
            return rng.randint(23, 38)
        return min(59, max(18, int(rng.gauss(29, 7))))

    def _membership(self, p: Person) -> partyage.Membership:
        """The member's party age facts as members/partyage.py reads them (the gaps between a removal
        and a restoration or re-admission are not counted)."""
        return partyage.membership(p.joined, [(type_, day) for day, type_, *_rest in p.events])

    def _schedule_badges(self, p: Person, since: dt.date) -> None:
        membership = self._membership(p)
        received = {partyage.badge_years(e[3]) for e in p.events if e[1] == "badge_awarded"}
        for years in BADGE_YEARS:
            milestone = partyage.milestone_day(membership, years, since)
            if milestone > self.today:
                break
            award = badge_day_on_or_after(milestone)
            if award >= max(since, plan.FIRST_EVENT_DAY) and years not in received:
                self.schedule(award, "badge", p, years)

    # -- planned flows ---------------------------------------------------------------------------
    def plan_days(self) -> dict[str, Counter]:
        rng = self.rng
        days_by_type: dict[str, Counter] = defaultdict(Counter)
        self.admission_plan: dict[dt.date, list] = defaultdict(list)
        for window in plan.windows(self.today):
            days = [window.start + dt.timedelta(days=i) for i in range((window.end - window.start).days + 1)]
            for type_, count in window.counts.items():
                if type_ == "admitted":
                    continue
                days_by_type[type_].update(rng.choices(days, k=count))
            self._plan_admissions(window, days)
        return days_by_type

    def _plan_admissions(self, window: plan.Window, days: list[dt.date]) -> None:
        rng = self.rng
        weights = [_admission_season(d) for d in days]
        chosen = sorted(rng.choices(days, weights, k=window.counts["admitted"]))
        planned = [[d, self.choose_cell(d, "admission"), False] for d in chosen]
        # Exactly `window.minority` ethnic-minority admissions, likelier where minorities live.
        keys = []
        for i, (_d, cell, _) in enumerate(planned):
            w = _minority_propensity(cell)
            keys.append((rng.random() ** (1.0 / w), i))
        for _, i in sorted(keys, reverse=True)[: window.minority]:
            planned[i][2] = True
        for d, cell, minority in planned:
            self.admission_plan[d].append((cell, minority))

    # -- the run ---------------------------------------------------------------------------------
    def run(self, progress=None) -> None:
        self._closing, self._opening = defaultdict(list), defaultdict(list)
        for cell in self.s.cells:
            if cell.dissolved:
                self._closing[cell.dissolved].append(cell)
            if cell.established > plan.OPENING_DAY:
                self._opening[cell.established].append(cell)
        self.opening()
        days = self.plan_days()
        self._plan_screening()
        order = (
            "transferred_in",
            "restored",
            "transferred",
            "away_started",
            "exempted",
            "transferred_out",
            "died",
            "struck_off",
            "dismissed",
            "expelled",
            "temporary_out",
            "card_reissued",
            "card_replaced",
        )
        day = plan.FIRST_EVENT_DAY
        while day <= self.today:
            self._run_queue(day)
            self._org_changes(day)
            for cell, minority in self.admission_plan.get(day, ()):
                self.admit(day, cell, minority)
            for type_ in order:
                for _ in range(days[type_].get(day, 0)):
                    getattr(self, f"do_{type_}")(day)
            for hook in self.hooks:
                hook(day)
            day += ONE_DAY
            if progress:
                progress((day - plan.FIRST_EVENT_DAY).days)

    def _run_queue(self, day: dt.date) -> None:
        queue = self.queue
        while queue and queue[0][0] <= day:
            _, _, kind, p, data = heapq.heappop(queue)
            if kind == "screening_list":
                self._screen(day, data)
                continue
            if p is None or not p.present:
                continue
            getattr(self, f"on_{kind}")(day, p, data)

    # -- scheduled events --------------------------------------------------------------------------
    def on_recognize(self, day: dt.date, p: Person, data) -> None:
        if p.official:
            return
        rng = self.rng
        if rng.random() < _pending_chance((self.today - day).days):
            return  # no decision yet: recent ones are being reviewed, a few are overdue (alerts)
        decided = None
        if rng.random() < 0.08:
            decided = day + dt.timedelta(days=rng.randint(10, 75))
            if decided > self.today:
                return
        self.record(
            p, day, "recognized_official", decision_no=self.decision_no(p.cell, decided or day), decided_on=decided
        )
        if p.official_on is None:  # a re-admitted member who had been official keeps the first date
            p.official_on = day
        card_day = badge_day_on_or_after(day + dt.timedelta(days=20))
        self.schedule(card_day, "card", p)

    def on_card(self, day: dt.date, p: Person, data) -> None:
        p.card = self.people.card_no()
        self.record(p, day, "card_issued", reason=p.card)

    def on_badge(self, day: dt.date, p: Person, years: int) -> None:
        if any(e[1] == "badge_awarded" and partyage.badge_years(e[3]) == years for e in p.events):
            return  # scheduled again on a return while the first one was still waiting
        membership = self._membership(p)
        if membership.age(day).years < years:  # a gap since it was scheduled: the round after the milestone
            self.schedule(badge_day_on_or_after(partyage.milestone_day(membership, years, day)), "badge", p, years)
            return
        self.record(p, day, "badge_awarded", reason=str(years), decision_no=self.decision_no(p.cell, day))

    def on_away_end(self, day: dt.date, p: Person, data) -> None:
        if p.away:
            self.record(p, day, "away_ended")

    def on_exemption_end(self, day: dt.date, p: Person, data) -> None:
        if p.exempt:
            self.record(p, day, "exemption_ended")

    def on_screening_removed(self, day: dt.date, p: Person, data) -> None:
        self.remove(p, day, "struck_off", "abandoned_activities")

    def on_temporary_return(self, day: dt.date, p: Person, data) -> None:
        if p.temporary:
            self.record(p, day, "temporary_returned")

    def on_change(self, day: dt.date, p: Person, data) -> None:
        """A dated change of an attribute (member_changes), if it still applies."""
        name, old, new = data
        if old is None or p.now(name) == old:
            p.change(day, name, new)

    def on_retire(self, day: dt.date, p: Person, data) -> None:
        if p.now("occupation") in RETIRING:
            p.change(day, "occupation", "retired")

    # -- attributes that change with time (member_changes) -----------------------------------------
    def _schedule_life(self, p: Person, since: dt.date) -> None:
        """Retirement at the legal age, schooling and training finished, pupils leaving school."""
        rng = self.people.extra
        occupation = p.occupation
        if occupation in RETIRING:
            day = retirement_day(p.birth, p.female)
            if day < since:
                day = since + dt.timedelta(days=rng.randint(30, 400))  # past the age already: retires soon
            self.schedule(day, "retire", p)
        elif occupation == "pupil":
            graduation = dt.date(since.year if since.month < 6 else since.year + 1, 5, 31)
            after = "student" if rng.random() < 0.6 else rng.choice(("other", "worker", "armed_forces"))
            self.schedule(graduation, "change", p, ("occupation", "pupil", after))
        start = max(since, plan.FIRST_EVENT_DAY)
        for name, chance, steps in PROMOTIONS.get(occupation, ()):
            old = p.now(name)
            if old in steps and rng.random() < chance:
                day = start + dt.timedelta(days=rng.randint(180, 8 * 365))
                self.schedule(day, "change", p, (name, old, steps[old]))
        if p.entry == "admitted" and p.theory == "none" and rng.random() < 0.6:
            day = start + dt.timedelta(days=rng.randint(120, 3 * 365))
            self.schedule(day, "change", p, ("political_theory", "none", "elementary"))
        if p.education in ("9/12", "11/12", "8/12") and p.birth.year >= 1975 and rng.random() < 0.15:
            day = start + dt.timedelta(days=rng.randint(200, 6 * 365))
            self.schedule(day, "change", p, ("general_education", p.education, "12/12"))

    def _occupation_after_move(self, p: Person, day: dt.date, target: str) -> None:
        """Moving to a cell of another kind of unit changes the occupation (not for retirees, pupils)."""
        current = p.now("occupation")
        if current in ("retired", "pupil", "student"):
            return
        before, after = self.s.orgs[p.cell], self.s.orgs[target]
        kind_before = (before.category, self.s.grassroots_of(before.code, day).unit_type)
        kind_after = (after.category, self.s.grassroots_of(target, day).unit_type)
        if kind_before[0] == kind_after[0] and (kind_before[0] == "residential" or kind_before == kind_after):
            return
        new = self.people.occupation_for(after, p.age_on(day), False, kind_after[1])
        p.change(day, "occupation", new)
        if new in RETIRING and current not in RETIRING:
            self._schedule_life_retirement(p, day)

    def _schedule_life_retirement(self, p: Person, day: dt.date) -> None:
        retire = retirement_day(p.birth, p.female)
        self.schedule(max(retire, day + dt.timedelta(days=30)), "retire", p)

    # -- flows -----------------------------------------------------------------------------------
    def admit(self, day: dt.date, cell: Org, minority: bool) -> None:
        rng = self.rng
        if day.year >= 2022 and self.people.extra.random() < 0.004 and self.readmit(day, cell, minority):
            return
        student = cell.students and rng.random() < (0.9 if cell.title == "Sinh viên" else 0.3)
        if student:
            age = 18 if cell.title != "Sinh viên" else rng.randint(19, 22)
        elif cell.category == "military":
            age = rng.randint(19, 25)
        elif cell.category == "police":
            age = rng.randint(21, 30)
        elif cell.category in WORKING:
            age = rng.randint(23, 42)
        else:
            low, high = ADMISSION_AGES.pick(rng)
            age = rng.randint(low, high)
        female_share = {"school": 0.62, "clinic": 0.6, "military": 0.12, "police": 0.2}.get(cell.category, 0.44)
        ethnicity = self.people.minority_ethnicity(cell) if minority else "Kinh"
        birth = self.people.birth_for_age(day, age)
        p = self.people.make(
            cell,
            self.s,
            birth=birth,
            joined=day,
            ethnicity=ethnicity,
            female=rng.random() < female_share,
            student=student,
            new_member=True,
            on=day,
        )
        p.entry, p.since = "admitted", day
        self.persons.append(p)
        self.pop.enter(p, cell.code)
        self.record(p, day, "admitted", cell.code, decision_no=self.decision_no(cell.code, day))
        self.admissions_by_upper[(self.s.upper_of(cell.code, day).code, day.year)] += 1
        self.schedule(probation_end(day), "recognize", p)
        self._schedule_life(p, day)

    def readmit(self, day: dt.date, cell: Org, minority: bool) -> bool:
        """Kết nạp lại: someone struck off or dismissed at least 36 months ago, once, with a new
        probation; joined_on keeps the first admission. False when nobody fits today."""
        limit = add_years(day, -3)
        for i, (removed_on, p, _cell) in enumerate(self.removed):
            if removed_on > limit:
                break
            if (
                p.present
                or p.readmitted
                or p.expelled
                or is_ethnic_minority(p.ethnicity) != minority
                or not 19 <= p.age_on(day) <= 58
            ):
                continue
            del self.removed[i]
            p.readmitted = True
            self.pop.enter(p, cell.code)
            p.gone, p.since = False, day
            self.record(p, day, "admitted", cell.code, decision_no=self.decision_no(cell.code, day))
            self.admissions_by_upper[(self.s.upper_of(cell.code, day).code, day.year)] += 1
            self.schedule(probation_end(day), "recognize", p)
            self._schedule_badges(p, day + ONE_DAY)  # those lost while out, on the party age without the gap
            return True
        return False

    def do_restored(self, day: dt.date) -> None:
        """Phục hồi đảng tịch: a removal annulled on appeal, back to the cell (or a neighbour)."""
        rng = self.people.extra
        candidates = [
            i
            for i, (removed_on, p, _cell) in enumerate(self.removed)
            if 60 <= (day - removed_on).days <= 1500 and not p.present
        ]
        i = rng.choice(candidates)
        _removed_on, p, cell = self.removed.pop(i)
        org = self.s.orgs[cell]
        if not org.exists_on(day) or org.dissolved and (org.dissolved - day).days < 60:
            cell = self.choose_cell(day, "transfer", district=org.district).code
        self.record(p, day, "restored", cell, decision_no=self.decision_no(cell, day))
        self.pop.enter(p, cell)
        p.gone, p.since = False, day
        self._schedule_badges(p, day + ONE_DAY)  # those lost while out, on the party age without the gap

    def do_temporary_out(self, day: dt.date) -> None:
        """Sinh hoạt đảng tạm thời nơi khác: mostly villagers working in the industrial provinces
        (host outside the data set), some at a unit of the province."""
        rng = self.people.extra

        def weight(p):
            if p.away or p.exempt or p.temporary or not 20 <= p.age_on(day) <= 50:
                return 0
            category = self.s.orgs[p.cell].category
            return TEMPORARY_WEIGHT.get(category, 0.05)

        p = self.pick(day, weight)
        host = None
        if rng.random() < 0.3:
            host = self.choose_cell(day, "transfer", exclude=p.cell).code
        self.record(p, day, "temporary_out", host)
        if rng.random() < 0.85:
            self.schedule(day + dt.timedelta(days=rng.randint(90, 720)), "temporary_return", p)

    def _card_again(self, day: dt.date, type_: str) -> None:
        p = self.pick(day, lambda p: 1.0 if p.official and p.card else 0)
        p.card = self.people.card_no()
        self.record(p, day, type_, reason=p.card)

    def do_card_reissued(self, day: dt.date) -> None:
        self._card_again(day, "card_reissued")

    def do_card_replaced(self, day: dt.date) -> None:
        self._card_again(day, "card_replaced")

    def do_transferred_in(self, day: dt.date) -> None:
        rng = self.rng
        cell = self.choose_cell(day, "transfer")
        origin = rng.choice(ORIGINS)
        if rng.random() < 0.1:
            joined = day - dt.timedelta(days=rng.randint(45, 320))
            official = False
        else:
            joined = day - dt.timedelta(days=rng.randint(400, 30 * 365))
            official = True
        join_age = self._join_age(cell)
        birth = self.people.birth_for_age(joined, join_age)
        p = self.people.make(cell, self.s, birth=birth, joined=joined, origin=origin, on=day)
        p.entry, p.since = "transferred_in", day
        if official:
            p.official_on = probation_end(joined)
            p.card = self.people.card_no()
        else:
            self.schedule(probation_end(joined), "recognize", p)
        self.persons.append(p)
        self.pop.enter(p, cell.code)
        self.record(p, day, "transferred_in", cell.code)
        self._schedule_badges(p, day + ONE_DAY)
        self._schedule_life(p, day)

    def do_transferred(self, day: dt.date) -> None:
        rng = self.rng
        p = self.pick(day, lambda p: 1.0 if p.age_on(day) < 62 else 0.3)
        cell = self.s.orgs[p.cell]
        if p.age_on(day) >= 56 and cell.category in WORKING and rng.random() < 0.6:
            target = self.choose_cell(
                day,
                "transfer",
                district=cell.district or rng.choice(_DISTRICT_KEYS),
                category="residential",
                exclude=cell.code,
            )
        elif cell.district and rng.random() < 0.6:
            target = self.choose_cell(day, "transfer", district=cell.district, exclude=cell.code)
        else:
            target = self.choose_cell(day, "transfer", exclude=cell.code)
        self.transfer(p, day, target.code)

    def transfer(self, p: Person, day: dt.date, cell: str) -> None:
        self._occupation_after_move(p, day, cell)
        self.record(p, day, "transferred", cell)
        self.pop.move(p, cell)
        p.since = day

    def do_away_started(self, day: dt.date) -> None:
        rng = self.rng

        def weight(p):
            if p.away or p.exempt or p.temporary or not 20 <= p.age_on(day) <= 50:
                return 0
            category = self.s.orgs[p.cell].category
            return 1.0 if category == "residential" else (0.4 if category == "enterprise" else 0.03)

        p = self.pick(day, weight)
        self.record(p, day, "away_started")
        if rng.random() < 0.7:
            self.schedule(day + dt.timedelta(days=rng.randint(120, 900)), "away_end", p)

    def do_exempted(self, day: dt.date) -> None:
        rng = self.rng

        def weight(p):
            if p.exempt or p.away:
                return 0
            age = p.age_on(day)
            return 1.0 if age >= 70 else (0.12 if age >= 60 else 0.01)

        p = self.pick(day, weight)
        self.record(p, day, "exempted", reason="Tuổi cao, sức yếu" if p.age_on(day) >= 70 else "Bệnh hiểm nghèo")
        if rng.random() < 0.08:
            self.schedule(day + dt.timedelta(days=rng.randint(90, 365)), "exemption_end", p)

    def do_transferred_out(self, day: dt.date) -> None:
        p = self.pick(day, lambda p: 1.0 if 22 <= p.age_on(day) <= 50 else 0.2)
        self.remove(p, day, "transferred_out")

    def do_died(self, day: dt.date) -> None:
        def weight(p):
            age = p.age_on(day)
            return math.exp((age - 82) / 7) * (2.5 if p.exempt else 1.0)

        p = self.pick(day, weight, settle=ONE_DAY)
        self.remove(p, day, "died")

    def do_struck_off(self, day: dt.date) -> None:
        rng = self.rng
        reason = rng.choices(("probation_failed", "unpaid_dues", "not_qualified", "other"), (30, 35, 20, 15))[0]
        if reason == "probation_failed":
            horizon = day + dt.timedelta(days=60)
            p = self.pick(day, lambda p: 1.0 if not p.official and day < probation_end(p.joined) <= horizon else 0)
        else:
            p = self.pick(day, lambda p: 1.0 if 20 <= p.age_on(day) <= 65 else 0.1)
        self.remove(p, day, "struck_off", reason)

    def do_dismissed(self, day: dt.date) -> None:
        reason = self.rng.choice(("own_request", "not_qualified"))
        p = self.pick(day, lambda p: 1.0 if p.official and p.age_on(day) <= 70 else 0)
        self.remove(p, day, "dismissed", reason)

    def do_expelled(self, day: dt.date) -> None:
        rng = self.rng
        p = self.pick(day, lambda p: 1.0 if p.official and 25 <= p.age_on(day) <= 62 else 0)
        grassroots = self.s.grassroots_of(p.cell, day)
        judge = grassroots if grassroots.kind == "grassroots_committee" else self.s.upper_of(p.cell, day)
        started = day - dt.timedelta(days=rng.randint(45, 120))
        if self._was_in_party(p, started) and judge.exists_on(started):
            self.inspections.append(
                dict(
                    org_code=judge.code,
                    kind="inspection",
                    subject_type="member",
                    subject=p.no,
                    started_on=started,
                    concluded_on=day - dt.timedelta(days=rng.randint(5, 20)),
                    violation="yes",
                )
            )
        self.judge(p, EXPELLED, day)
        p.expelled = True
        self.removed.append((day, p, p.cell))
        self.disciplines.append(
            dict(
                decided_by=judge.code,
                subject_type="member",
                subject=p.no,
                level="expulsion",
                decided_on=day,
                reason=rng.choice(EXPULSION_REASONS),
            )
        )
        self.pop.leave(p)
        p.gone = True

    def _was_in_party(self, p: Person, day: dt.date) -> bool:
        entered = p.events[0][0] if p.entry != "opening" and p.events else plan.OPENING_DAY
        return entered <= day

    def remove(self, p: Person, day: dt.date, type_: str, reason: str = "") -> None:
        decision = self.decision_no(p.cell, day) if type_ in ("struck_off", "dismissed") else ""
        self.record(p, day, type_, reason=reason, decision_no=decision)
        if type_ in REMOVALS:
            self.removed.append((day, p, p.cell))
        self.pop.leave(p)
        p.gone = True

    # -- organizations -----------------------------------------------------------------------------
    def _org_changes(self, day: dt.date) -> None:
        for cell in self._closing.get(day + ONE_DAY, ()):
            self._empty_cell(day, cell)
        for cell in self._opening.get(day, ()):
            self._staff_new_cell(day, cell)

    def _empty_cell(self, day: dt.date, cell: Org) -> None:
        """A cell closes tomorrow: its members transfer today (never left in a dissolved cell)."""
        members = list(self.pop.by_cell.get(cell.code, {}))
        for p in members:
            if cell.merge_into:
                target = cell.merge_into
            else:
                target = self._receiving_cell(day, cell).code
            self.record(p, day, "transferred", target)
            self.pop.move(p, target)
            p.since = day

    def _receiving_cell(self, day: dt.date, cell: Org) -> Org:
        """District offices close at the reorganization: their people go to the communes' offices."""
        key = (cell.district, day)
        options = self._receivers.get(key)
        if options is None:
            options = self._receivers[key] = self._receiving_cells(day, cell)
        return self.rng.choice(options)

    def _receiving_cells(self, day: dt.date, cell: Org) -> list[Org]:
        cells, _ = self.cell_weights(day, "transfer")
        options = [
            c
            for c in cells
            if c.district == cell.district
            and c.title.startswith("Cơ quan ")
            and not (c.dissolved and c.dissolved <= day + ONE_DAY)
        ]
        if not options:
            options = [
                c
                for c in cells
                if c.district == cell.district and not c.tiny and not (c.dissolved and c.dissolved <= day + ONE_DAY)
            ]
        return options

    def _staff_new_cell(self, day: dt.date, cell: Org) -> None:
        """A newly founded cell starts with members transferred from elsewhere."""
        for _ in range(self.rng.randint(3, 5)):
            p = self.pick(
                day,
                lambda p: (
                    1.0 if p.official and p.cell != cell.code and self.s.orgs[p.cell].category == cell.category else 0
                ),
            )
            self.transfer(p, day, cell.code)

    # -- screening (Chỉ thị 28-CT/TW) -------------------------------------------------------------
    def _plan_screening(self) -> None:
        rng = self.rng
        for year in range(plan.OPENING_DAY.year, self.today.year + 1):
            listed, progressed, continued, removed = plan.screening_for(year)
            first, last = dt.date(year, 2, 15), min(dt.date(year, 6, 30), self.today)
            if last < first:
                continue
            outcomes = ["progressed"] * progressed + ["continued"] * continued + ["removed"] * removed
            outcomes += [""] * (listed - len(outcomes))
            rng.shuffle(outcomes)
            span = (last - first).days
            for outcome in outcomes:
                self.schedule(first + dt.timedelta(days=rng.randint(0, span)), "screening_list", None, outcome)

    def _screen(self, day: dt.date, outcome: str) -> None:
        rng = self.rng

        def weight(p):
            if not p.official or p.exempt or not 25 <= p.age_on(day) <= 62:
                return 0
            return 1.0 if p.away else 0.08

        p = self.pick(day, weight)
        year_end = dt.date(day.year, 12, 20)
        if outcome == "removed":
            start = max(day + dt.timedelta(days=60), dt.date(day.year, 7, 1))
            when = start + dt.timedelta(days=rng.randint(0, max(0, (year_end - start).days)))
        elif outcome:
            when = min(day + dt.timedelta(days=rng.randint(120, 240)), year_end)
        else:
            when = None
        if when is not None and when > self.today:
            outcome, when = "", None
        p.locked_until = when or self.today
        self.screenings.append(dict(member_no=p.no, listed_on=day, outcome=outcome, outcome_on=when))
        if outcome == "removed":
            self.schedule(when, "screening_removed", p)


def doc_suffix(org: Org) -> str:
    """The issuer part of a document number: TU (Tỉnh ủy), HU/ThU (district), ĐUK (Khối), ĐU."""
    from xaydungdang.demo.people import DISTRICT_BY_KEY

    if org.kind == "provincial":
        return "TU"
    if org.kind == "upper" and org.district and not org.code.startswith("ST.X"):
        return DISTRICT_BY_KEY[org.district].doc_suffix
    if org.code == "ST.KCQ":
        return "ĐUK"
    return "ĐU"


_DISTRICT_KEYS = ("TP", "KS", "LP", "CLD", "MT", "CT", "TT", "MX", "TD", "VC", "NN")
EXPULSION_REASONS = (
    "Vi phạm pháp luật, bị khởi tố về hành vi tham ô tài sản",
    "Vi phạm nghiêm trọng quy định về những điều đảng viên không được làm",
    "Vi phạm pháp luật về quản lý đất đai, gây hậu quả nghiêm trọng",
    "Bị kết án về hành vi đánh bạc",
    "Vi phạm pháp luật về phòng, chống ma túy",
)


def _pending_chance(days_since_due: int) -> float:
    """The cell reviews within 30 working days after the twelve months; some are late."""
    for limit, chance in ((20, 0.5), (45, 0.25), (75, 0.08), (240, 0.01)):
        if days_since_due < limit:
            return chance
    return 0.0


def _admission_season(day: dt.date) -> float:
    """More ceremonies before 3/2, 19/5, 2/9, 7/11 and at the end of the year; fewer on Sundays."""
    weight = 1.0
    for month, dom in BADGE_DAYS:
        target = dt.date(day.year, month, dom)
        if 0 <= (target - day).days <= 21:
            weight += 1.5
    if day.month == 12:
        weight += 1.2
    if day.weekday() == 6:
        weight *= 0.4
    return weight


def _minority_propensity(cell: Org) -> float:
    from xaydungdang.demo.people import DISTRICT_BY_KEY

    d = DISTRICT_BY_KEY.get(cell.district)
    return max(0.02, (d.khmer + d.hoa) if d else 0.15)
