"""Records about members and organizations that need the population of the day: annual
ratings, inspection and supervision cases, disciplines and awards.

They run as hooks of the history's day loop, so every subject is present (or exists) on
the record's date.
"""

import datetime as dt
import random
from collections import defaultdict

from xaydungdang.demo.history import History
from xaydungdang.demo.names import Weighted
from xaydungdang.demo.orgs import CITY, Org
from xaydungdang.demo.plan import CITY_DAY, FIRST_EVENT_DAY

LEVELS = ("excellent", "good", "complete", "incomplete")
MEMBER_LEVELS = Weighted(tuple(zip(LEVELS, (12, 77, 9.5, 1.5))))
ORG_LEVELS = Weighted(tuple(zip(LEVELS, (15, 72, 11, 2))))
EXCELLENT_CAP = 0.20  # of those rated good or better, per grassroots organization (21-HD/BTCTW)

DISCIPLINE_REASONS = (
    "Vi phạm nguyên tắc tập trung dân chủ",
    "Vi phạm quy định về quản lý tài chính, ngân sách",
    "Thiếu trách nhiệm trong lãnh đạo, chỉ đạo, để xảy ra sai phạm",
    "Vi phạm quy định về những điều đảng viên không được làm",
    "Vi phạm quy định về quản lý đất đai",
    "Vi phạm quy định về sinh con thứ ba",
    "Vi phạm Luật Giao thông đường bộ",
    "Thiếu tu dưỡng, rèn luyện, vi phạm đạo đức, lối sống",
)
AWARD_REASONS = (
    "Hoàn thành xuất sắc nhiệm vụ năm {y}",
    "Trong sạch, vững mạnh tiêu biểu năm {y}",
    "Có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {y}",
    "Có thành tích trong công tác xây dựng Đảng và hệ thống chính trị năm {y}",
)


class Reviews:
    def __init__(self, history: History, rng: random.Random):
        self.h = history
        self.s = history.s
        self.rng = rng
        self.today = history.today
        self.ratings: list[dict] = []
        self.inspections: list[dict] = []
        self.disciplines: list[dict] = []
        self.awards: list[dict] = []
        self.agenda: dict[dt.date, list] = defaultdict(list)
        self.flagged: dict[int, set[str]] = defaultdict(set)  # year -> member_no listed or disciplined
        self._plan()
        history.hooks.append(self.on_day)

    # -- planning ----------------------------------------------------------------------------------
    def _plan(self) -> None:
        rng = self.rng
        for year in range(FIRST_EVENT_DAY.year, self.today.year + 1):
            first = max(dt.date(year, 1, 2), FIRST_EVENT_DAY)
            last = min(dt.date(year, 12, 20), self.today)
            if last < first:
                continue
            for org in self.s.orgs.values():
                orgs_n, members_n = self._case_load(org)
                if not orgs_n and not members_n:
                    continue
                start = max(first, org.established)
                end = min(last, (org.dissolved - dt.timedelta(days=1)) if org.dissolved else last)
                if end < start:
                    continue
                share = ((end - start).days + 1) / 365
                for kind, mean in (("org", orgs_n), ("member", members_n)):
                    for _ in range(_count(rng, mean * share)):
                        day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
                        self.agenda[day].append(("inspect", org, kind))
            # Discipline of organizations (rare), awards on 3/2 and at the year's end.
            for _ in range(rng.randint(2, 5)):
                self.agenda[first + dt.timedelta(days=rng.randint(0, (last - first).days))].append(("org_discipline",))
            for day, who in (
                (dt.date(year, 2, 3), "province"),
                (dt.date(year, 12, 15), "uppers"),
                (dt.date(year, 1, 20), "grassroots"),
            ):
                if first <= day <= self.today:
                    self.agenda[day].append(("awards", who))

    def _case_load(self, org: Org) -> tuple[float, float]:
        """Inspection and supervision cases a year: (of organizations, of members)."""
        if org.kind == "provincial":
            return 25, 8
        if org.kind == "upper":
            return (12, 5) if org.code.startswith("ST.X") else (30, 12)
        if org.kind == "grassroots_committee":
            return 3, 1.5
        if org.kind == "grassroots_cell":
            return 0, 0.3
        return 0, 0

    # -- the day -----------------------------------------------------------------------------------
    def on_day(self, day: dt.date) -> None:
        for item in self.agenda.pop(day, ()):
            getattr(self, f"_{item[0]}")(day, *item[1:])
        if day.month == 12 and day.day == 31 and day.year < self.today.year:
            self._rate(day)

    def _subject_org(self, inspector: Org, day: dt.date) -> Org | None:
        below = self.s.descendants(inspector.code, day)
        if not below:
            return None
        near = self.s.children_on(inspector.code, day)
        pool = near if near and self.rng.random() < 0.6 else below
        return self.rng.choice(pool)

    def _subject_member(self, inspector: Org, day: dt.date):
        by_cell = self.h.pop.by_cell
        if inspector.is_cell:
            cells = [inspector]
        else:
            cells = self.s.cells_below(inspector.code, day)
        if len(cells) > 60:
            # A big subtree: draw members of the whole province until one falls inside.
            inside = self.s.cells_below_set(inspector.code, day)
            present = self.h.pop.present
            for _ in range(5000):
                p = present[self.rng.randrange(len(present))]
                if p.cell in inside:
                    return p
            return None
        weights = [len(by_cell.get(c.code, ())) for c in cells]
        if not cells or not sum(weights):
            return None
        cell = self.rng.choices(cells, weights)[0]
        members = by_cell[cell.code]
        return list(members)[self.rng.randrange(len(members))]

    def _inspect(self, day: dt.date, inspector: Org, kind: str) -> None:
        rng = self.rng
        if kind == "org":
            subject = self._subject_org(inspector, day)
            if subject is None:
                return
            code, violation_rate = subject.code, 0.08
        else:
            subject = self._subject_member(inspector, day)
            if subject is None:
                return
            code, violation_rate = subject.no, 0.16
        concluded = day + dt.timedelta(days=rng.randint(10, 75))
        violation = rng.random() < violation_rate
        if concluded > self.today:
            concluded, violation = None, None
        kind_of_case = "inspection" if rng.random() < 0.35 else "supervision"
        self.inspections.append(
            dict(
                org_code=inspector.code,
                kind=kind_of_case,
                subject_type=kind,
                subject=code,
                started_on=day,
                concluded_on=concluded,
                violation="" if violation is None else ("yes" if violation else "no"),
            )
        )
        if violation and kind == "member":
            decided = concluded + dt.timedelta(days=rng.randint(5, 30))
            self.agenda[decided].append(("member_discipline", inspector, subject))

    def _member_discipline(self, day: dt.date, judge: Org, p) -> None:
        if not p.present or not judge.exists_on(day) or day > self.today:
            return
        rng = self.rng
        if p.official:
            level = rng.choices(("reprimand", "warning", "dismissal"), (60, 30, 10))[0]
        else:
            level = rng.choices(("reprimand", "warning"), (70, 30))[0]
        self.disciplines.append(
            dict(
                decided_by=judge.code,
                subject_type="member",
                subject=p.no,
                level=level,
                decided_on=day,
                reason=rng.choice(DISCIPLINE_REASONS),
            )
        )
        self.flagged[day.year].add(p.no)

    def _org_discipline(self, day: dt.date) -> None:
        rng = self.rng
        uppers = [o for o in self.s.orgs.values() if o.kind == "upper" and o.exists_on(day)]
        judge = rng.choice(uppers)
        subject = self._subject_org(judge, day)
        if subject is None:
            return
        self.disciplines.append(
            dict(
                decided_by=judge.code,
                subject_type="org",
                subject=subject.code,
                level=rng.choices(("reprimand", "warning"), (75, 25))[0],
                decided_on=day,
                reason=rng.choice(DISCIPLINE_REASONS[:3]),
            )
        )

    def _awards(self, day: dt.date, who: str) -> None:
        rng = self.rng
        year = day.year - 1 if day.month < 6 else day.year
        reason = rng.choice(AWARD_REASONS).format(y=year)
        if who == "province":
            grantors = [(self.s.orgs[_province_on(day)], "certificate_of_merit", 15, 25)]
        elif who == "uppers":
            grantors = [
                (o, "commendation", 6, 12) for o in self.s.orgs.values() if o.kind == "upper" and o.exists_on(day)
            ]
        else:
            grantors = [
                (o, "commendation", 0.5, 1.5)
                for o in self.s.orgs.values()
                if o.kind == "grassroots_committee" and o.exists_on(day)
            ]
        if who == "province":
            self._province_flags(day, reason)
        if who == "grassroots":
            self._sub_committee_commendation(day, reason)
        for grantor, award, orgs_n, members_n in grantors:
            for _ in range(_count(rng, orgs_n)):
                subject = self._subject_org(grantor, day)
                if subject is not None:
                    self.awards.append(
                        dict(
                            granted_by=grantor.code,
                            subject_type="org",
                            subject=subject.code,
                            award=award,
                            granted_on=day,
                            reason=rng.choice(AWARD_REASONS).format(y=year),
                        )
                    )
            for _ in range(_count(rng, members_n)):
                p = self._subject_member(grantor, day)
                if p is not None:
                    self.awards.append(
                        dict(
                            granted_by=grantor.code,
                            subject_type="member",
                            subject=p.no,
                            award=award,
                            granted_on=day,
                            reason=reason,
                        )
                    )

    def _sub_committee_commendation(self, day: dt.date, reason: str) -> None:
        """Every January one sub-committee (đảng bộ bộ phận) is commended by its grassroots committee,
        so Form 7's row I.1.c.commendation is never empty by the luck of the draw."""
        subs = [o for o in self.s.orgs.values() if o.kind == "sub_committee" and o.exists_on(day)]
        if subs:
            sub = self.rng.choice(subs)
            self.awards.append(
                dict(
                    granted_by=sub.parent_on(day),
                    subject_type="org",
                    subject=sub.code,
                    award="commendation",
                    granted_on=day,
                    reason=reason,
                )
            )

    def _province_flags(self, day: dt.date, reason: str) -> None:
        """The Tỉnh ủy's flags (cờ) for organizations clean and strong five years running: one or two
        upper committees and a few grassroots organizations; a certificate of merit to a sub-committee."""
        rng = self.rng
        province = _province_on(day)
        below = self.s.descendants(province, day)
        chosen = []
        for kinds, low, high, award in (
            (("upper",), 1, 2, "flag"),
            (("grassroots_committee", "grassroots_cell"), 2, 4, "flag"),
            (("sub_committee",), 1, 1, "certificate_of_merit"),
        ):
            pool = [o for o in below if o.kind in kinds]
            for org in rng.sample(pool, min(len(pool), rng.randint(low, high))):
                chosen.append((org, award))
        for org, award in chosen:
            self.awards.append(
                dict(
                    granted_by=province,
                    subject_type="org",
                    subject=org.code,
                    award=award,
                    granted_on=day,
                    reason=reason,
                )
            )

    # -- ratings -----------------------------------------------------------------------------------
    def _rate(self, day: dt.date) -> None:
        """Members present on 31/12 (not exempted) and grassroots organizations, with the cap on
        "excellent" applied per grassroots organization (members) and per upper committee (organizations)."""
        rng, year = self.rng, day.year
        for p in self.h.screenings_of(year):
            self.flagged[year].add(p)
        flagged = self.flagged[year]
        groups: dict[str, list] = defaultdict(list)
        grassroots_of = {}
        pick = MEMBER_LEVELS.pick
        random = rng.random
        for p in self.h.pop.present:
            if p.exempt:
                continue
            g = grassroots_of.get(p.cell)
            if g is None:
                g = grassroots_of[p.cell] = self.s.grassroots_of(p.cell, day).code
            if p.no in flagged:
                level = "complete" if random() < 0.5 else "incomplete"
            else:
                level = pick(rng)
                if level == "excellent" and (p.away or not p.official):
                    level = "good"
            groups[g].append((p.no, level))
        out = self.ratings.append
        for g, rows in groups.items():
            for no, level in _capped(rows):
                out({"year": year, "subject_type": "member", "subject": no, "level": level, "rated_by": g})
        by_upper: dict[str, list] = defaultdict(list)
        for org in self.s.orgs.values():
            if org.is_grassroots and org.exists_on(day):
                by_upper[self.s.upper_of(org.code, day).code].append((org.code, ORG_LEVELS.pick(rng)))
        for upper, rows in by_upper.items():
            for code, level in _capped(rows):
                self.ratings.append(dict(year=year, subject_type="org", subject=code, level=level, rated_by=upper))


def _province_on(day: dt.date) -> str:
    """The provincial committee of the day: Sóc Trăng's, then the city's (from 1/7/2025)."""
    return CITY if day >= CITY_DAY else "ST"


def _capped(rows: list[tuple]) -> list[tuple]:
    """At most 20% of those rated good or better may be excellent; the others become good."""
    good_or_better = 0
    for _, level in rows:
        if level == "excellent" or level == "good":
            good_or_better += 1
    allowed = int(good_or_better * EXCELLENT_CAP)
    result = []
    for subject, level in rows:
        if level == "excellent":
            if allowed:
                allowed -= 1
            else:
                level = "good"
        result.append((subject, level))
    return result


def _count(rng: random.Random, mean: float) -> int:
    """An integer with the given mean (floor or ceiling)."""
    base = int(mean)
    return base + (1 if rng.random() < mean - base else 0)
