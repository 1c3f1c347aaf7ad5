"""Who is proposed for a Huy hiệu Đảng on a presentation day (`xdd badges`, the badge page).

For an organization and a round (3/2, 19/5, 2/9 or 7/11 of a year):

* **regular**: a member in the organization's list on the round day (a cell of its subtree on that
  day) whose party age on that day (members.partyage) reaches a milestone whose badge they have not
  received — the highest such milestone; a badge received for a milestone covers the lower ones;
* **early**: a member in the list flagged (badges.BadgeFlag, dated on or before the round) as
  seriously ill whose party age plus the allowance (12 months for 30–65 years, 24 for 70–90) reaches
  a milestone not received, when the regular rule does not already propose it;
* **posthumous**: a member who died on or before the round day in a cell of the subtree, flagged
  posthumous on or before it, whose party age at death plus 12 months reaches a milestone not received.

Badges received count when awarded before the round day (the round's own awards, on its day, leave
the list as it was), so a past round lists what it listed.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from xaydungdang.core.errors import DomainError
from xaydungdang.core.rules import BADGE_DAYS
from xaydungdang.members import partyage
from xaydungdang.members.partyage import PartyAge

KIND_LABELS = {"regular": "Đủ tuổi đảng", "early": "Trao sớm (ốm nặng)", "posthumous": "Truy tặng"}
ROUND_NAMES = {(2, 3): "3/2", (5, 19): "19/5", (9, 2): "2/9", (11, 7): "7/11"}


@dataclass(frozen=True)
class Proposal:
    member_id: int
    member_no: str
    full_name: str
    cell_id: int | None
    years: int  # the milestone
    age: PartyAge  # on the round day (posthumous: at death)
    kind: str  # "regular", "early", "posthumous"
    joined_on: dt.date
    died_on: dt.date | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def as_contract(self) -> dict:
        return {
            "member_no": self.member_no,
            "full_name": self.full_name,
            "years": self.years,
            "party_age": self.age.as_contract(),
            "kind": self.kind,
        }


def round_problem(day: dt.date | None) -> str | None:
    """The Vietnamese message refusing a round day, or None when it is one of the four days."""
    if day is None:
        return "Ngày xét trao Huy hiệu Đảng không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-09-02)."
    if not partyage.is_badge_day(day):
        return (
            f"Ngày {day:%d/%m/%Y} không phải đợt trao Huy hiệu Đảng; chỉ xét vào các ngày 3/2, 19/5, 2/9 và 7/11 "
            "hằng năm."
        )
    return None


def rounds_around(day: dt.date, before: int = 2, after: int = 4) -> list[dt.date]:
    """Presentation days near `day` (for the page's round chooser), oldest first."""
    days = [dt.date(y, m, d) for y in range(day.year - 1, day.year + 3) for m, d in BADGE_DAYS]
    upcoming = [d for d in days if d >= day]
    past = [d for d in days if d < day]
    return past[-before:] + upcoming[:after]


def round_label(day: dt.date) -> str:
    return f"{ROUND_NAMES.get((day.month, day.day), f'{day.day}/{day.month}')}/{day.year}"


def _cells(org_id: int, day: dt.date) -> set[int]:
    from xaydungdang.organizations.tree import load_tree

    return set(load_tree().snapshot(day).subtree(org_id))


def _in_list(cells: set[int], day: dt.date, members=None) -> dict[int, int]:
    """{member id: cell id} of the members in those cells on `day` (MemberSpan)."""
    from xaydungdang.members.models import MemberSpan

    rows = MemberSpan.objects.filter(cell_id__in=cells, start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))
    if members is not None:
        rows = rows.filter(member_id__in=members.values("id"))
    return dict(rows.values_list("member_id", "cell_id"))


def _flags(member_ids, day: dt.date) -> dict[int, set[str]]:
    from xaydungdang.badges.models import BadgeFlag

    found: dict[int, set[str]] = {}
    ids = list(member_ids)
    for start in range(0, len(ids), 900):
        rows = BadgeFlag.objects.active().filter(member_id__in=ids[start : start + 900], noted_on__lte=day)
        for member_id, kind in rows.values_list("member_id", "kind"):
            found.setdefault(member_id, set()).add(kind)
    return found


def _dead_flagged(cells: set[int], day: dt.date, members=None) -> dict[int, int]:
    """{member id: cell at death} of the members flagged posthumous by `day` who died by `day` in
    one of those cells (the cell they were in when they died)."""
    from xaydungdang.badges.models import BadgeFlag, FlagKind
    from xaydungdang.members.models import EventType, MemberEvent

    flagged = BadgeFlag.objects.active().filter(kind=FlagKind.POSTHUMOUS, noted_on__lte=day)
    if members is not None:
        flagged = flagged.filter(member_id__in=members.values("id"))
    deaths = MemberEvent.objects.active().filter(
        type=EventType.DIED, on__lte=day, member_id__in=flagged.values("member_id")
    )
    return {m: cell for m, cell in deaths.values_list("member_id", "from_cell_id") if cell in cells}


def proposals(org_id: int, day: dt.date, members=None) -> list[Proposal]:
    """The proposal list of an organization for a round day, highest milestone first, then in
    Vietnamese name order. `members`: a member queryset limiting who may be listed (a user's scope)."""
    from xaydungdang.members.models import Member

    problem = round_problem(day)
    if problem:
        raise DomainError(problem, "round")
    cells = _cells(org_id, day)
    listed = _in_list(cells, day, members)
    dead = _dead_flagged(cells, day, members)
    everyone = {**listed, **dead}
    rows = {
        m_id: (no, name, joined, key)
        for m_id, no, name, joined, key in Member.objects.filter(id__in=list(everyone)).values_list(
            "id", "member_no", "full_name", "joined_on", "sort_key"
        )
    }
    memberships = partyage.bulk_memberships([(m, rows[m][2]) for m in rows])
    received = partyage.received_milestones(memberships, before=day)
    flags = _flags(rows, day)
    found = []
    for member_id, (no, name, joined, _key) in rows.items():
        membership = memberships[member_id]
        got = received.get(member_id, ())
        age = membership.age(day)
        kind = milestone = None
        if member_id in dead:
            if "posthumous" in flags.get(member_id, ()):
                milestone = partyage.pending_milestone(age, got, posthumous=True)
                kind = "posthumous"
        else:
            milestone = partyage.pending_milestone(age, got)
            kind = "regular"
            if "early" in flags.get(member_id, ()):
                # Seriously ill: the milestone the allowance reaches, when the regular rule gives none
                # or a lower one.
                early = partyage.pending_milestone(age, got, early=True)
                if early is not None and (milestone is None or early > milestone):
                    milestone, kind = early, "early"
        if milestone is None:
            continue
        found.append(
            Proposal(member_id, no, name, everyone[member_id], milestone, age, kind, joined, membership.died_on)
        )
    found.sort(key=lambda p: (-p.years, rows[p.member_id][3], p.member_no))
    return found
