"""Checks of the dated activity tables through each app's own rules.

The rule functions (admissions/reviews/inspections/activities rules.py) take plain value
dicts and a context; here the context is the Work, which answers from the dataset and
the database together. Codes stand where the actions would pass ids.
"""

import datetime as dt

from xaydungdang.activities import rules as activity_rules
from xaydungdang.admissions import exchange as candidate_exchange
from xaydungdang.admissions.models import parse_period
from xaydungdang.admissions.rules import check_target
from xaydungdang.core.subjects import SubjectType
from xaydungdang.dues import rules as dues_rules
from xaydungdang.dues.ledger import parse_month
from xaydungdang.inspections.models import DisciplineLevel
from xaydungdang.inspections.rules import check_discipline, check_inspection
from xaydungdang.interchange.dataset import Row
from xaydungdang.interchange.membercheck import add_expulsion
from xaydungdang.interchange.work import Work
from xaydungdang.members.lifecycle import replay
from xaydungdang.members.projection import sort_steps
from xaydungdang.reviews.models import Rating
from xaydungdang.reviews.rules import check_rating, check_rating_once, check_screening, prepare_rating, rating_key
from xaydungdang.reviews.rulesets import period_of

# table -> (owner column, the key the rule function reads it under)
OWNERS = {
    "targets": ("org_code", "org_id"),
    "inspections": ("org_code", "org_id"),
    "disciplines": ("decided_by", "decided_by_id"),
    "classes": ("org_code", "org_id"),
    "dialogues": ("org_code", "org_id"),
    "documents": ("org_code", "org_id"),
    "awards": ("granted_by", "granted_by_id"),
    "cadre_actions": ("org_code", "org_id"),
    "temporary_arrivals": ("org_code", "org_id"),
    "candidates": ("org_code", "cell_id"),
}
SUBJECT_TABLES = ("ratings", "inspections", "disciplines", "awards")
MEMBER_TABLES = ("screenings", "dues_bases", "dues_payments")
RULES = {
    "targets": check_target,
    "screenings": check_screening,
    "ratings": check_rating,
    "inspections": check_inspection,
    "disciplines": check_discipline,
    "classes": activity_rules.check_class,
    "dialogues": activity_rules.check_dialogue,
    "documents": activity_rules.check_document,
    "awards": activity_rules.check_award,
    "cadre_actions": activity_rules.check_cadre_action,
    "temporary_arrivals": activity_rules.check_temporary_arrival,
    "dues_bases": dues_rules.check_base_row,
    "dues_payments": dues_rules.check_payment_row,
    "candidates": candidate_exchange.check_row,
}
RECORD_TABLES = list(RULES)
MEMBER, ORG, EXPULSION = SubjectType.MEMBER.value, SubjectType.ORG.value, DisciplineLevel.EXPULSION.value


def referenced_member_numbers(work: Work) -> set[str]:
    numbers = {
        r.v.get("member_no") for t in ("member_events", "member_changes", *MEMBER_TABLES) for r in work.rows.get(t, [])
    }
    for table in SUBJECT_TABLES:
        numbers |= {r.v.get("subject") for r in work.rows.get(table, []) if r.v.get("subject_type") == MEMBER}
    for row in work.rows.get("candidates", []):
        numbers |= {row.v.get(column) for column in candidate_exchange.MEMBER_COLUMNS}
    return {n for n in numbers if n}


def _org_ref(work: Work, row: Row, column: str) -> bool:
    """The organization a row names exists (in the dataset or the database) and is sound."""
    code = row.v.get(column)
    if code is None:
        return False
    if not work.org_known(code):
        work.error(row, column, f'Không có tổ chức mã "{code}" trong bộ dữ liệu hay hệ thống.')
        return False
    if work.org_broken(code):
        row.ok = False  # the organization's own row already carries the message
        return False
    return True


def _member_ref(work: Work, row: Row, column: str, member_no: str | None) -> bool:
    if member_no is None:
        return False
    entry = work.members.get(member_no)
    if entry is None:
        work.error(row, column, f'Không có đảng viên số lý lịch "{member_no}" trong bộ dữ liệu hay hệ thống.')
        return False
    if entry.broken:
        row.ok = False
        return False
    return True


def resolve_references(work: Work) -> None:
    """Owners and subjects of every record row; expulsions join their member's history."""
    for table in RECORD_TABLES:
        owner = OWNERS.get(table)
        for row in work.rows.get(table, []):
            values = {}
            sound = row.ok
            if owner:
                sound = _org_ref(work, row, owner[0]) and sound
                values[owner[1]] = row.v.get(owner[0])
            if table in MEMBER_TABLES:
                sound = _member_ref(work, row, "member_no", row.v.get("member_no")) and sound
                values["member_id"] = row.v.get("member_no")
            if table in SUBJECT_TABLES:
                kind, subject = row.v.get("subject_type"), row.v.get("subject")
                values["subject_member_id"] = values["subject_org_id"] = None
                if kind == MEMBER:
                    sound = _member_ref(work, row, "subject", subject) and sound
                    values["subject_member_id"] = subject
                elif kind == ORG:
                    sound = _org_ref(work, row, "subject") and sound
                    values["subject_org_id"] = subject
            if table == "candidates":
                for column in candidate_exchange.MEMBER_COLUMNS:
                    if row.v.get(column):
                        sound = _member_ref(work, row, column, row.v[column]) and sound
                if row.v.get("deciding_org_code"):
                    sound = _org_ref(work, row, "deciding_org_code") and sound
            if table == "dues_payments" and row.v.get("month"):
                values["month_day"] = parse_month(row.v["month"])
                if values["month_day"] is None:
                    work.error(row, "month", f'Tháng "{row.v["month"]}" không hợp lệ (ví dụ 2026-03).')
                    sound = False
            if table == "targets" and row.v.get("period"):
                try:
                    values["period_start"], values["period_end"] = parse_period(row.v["period"])
                except ValueError:
                    work.error(row, "period", f'Kỳ "{row.v["period"]}" không hợp lệ (ví dụ 2023 hoặc 2020-2025).')
                    sound = False
            work.extra_values[(table, row.n)] = values
            row.ok = row.ok and sound
            if (
                table == "disciplines"
                and row.ok
                and row.v.get("level") == EXPULSION
                and values.get("subject_member_id")
            ):
                add_expulsion(work, row, values["subject_member_id"])
    _dues_base_once(work)


def _dues_base_once(work: Work) -> None:
    """One dues base per member and date (the constraint duesbase_one_per_member_day), across the
    dataset's rows and the bases the database holds."""
    rows = [r for r in work.rows.get("dues_bases", []) if r.ok and r.v.get("member_no") and r.v.get("from")]
    held = dues_rules.bases_held({r.v["member_no"] for r in rows})
    first: dict[tuple, int] = {}
    for row in rows:
        key = (row.v["member_no"], row.v["from"])
        if key in first or key in held:
            where = f"dòng {first[key]}" if key in first else "mức đóng đã có trong hệ thống"
            work.error(row, "from", f"Đảng viên đã có mức đóng áp dụng từ ngày {key[1]:%d/%m/%Y} ({where}).")
            row.ok = False
        first.setdefault(key, row.n)


class _BeforeExpulsion:
    """The context an expulsion is judged in: the member's history without that expulsion
    (as the action sees the database before recording it)."""

    def __init__(self, work: Work, key):
        self._work = work
        self._key = key

    def __getattr__(self, name):
        return getattr(self._work, name)

    def member_result(self, member_no):
        entry = self._work.members[member_no]
        steps = [s for s in entry.steps if s.key != self._key]
        return replay(entry.facts, sort_steps(steps), self._work.lookup, self._work.today)


def _members_sound(work: Work, values: dict) -> bool:
    for key in ("member_id", "subject_member_id"):
        number = values.get(key)
        if number is not None:
            entry = work.members.get(number)
            if entry is None or entry.broken or work.member_result(number) is None:
                return False
    return True


def check_records(work: Work) -> None:
    for table in RECORD_TABLES:
        check = RULES[table]
        once = _RatingsOnce(work) if table == "ratings" else None
        for row in work.rows.get(table, []):
            if not row.ok:
                continue
            values = row.v | work.extra_values[(table, row.n)]
            if table == "ratings":
                values = prepare_rating(values)
            if not _members_sound(work, values):
                row.ok = False
                continue
            ctx = work
            if table == "disciplines" and values.get("level") == EXPULSION and values.get("subject_member_id"):
                ctx = _BeforeExpulsion(work, (table, row.n))
            if work.problems(row, check(values, ctx)) or not row.ok:
                continue
            if once is not None and work.problems(row, once.check(row, values)):
                continue
            cell_day = _cell_day(table, values)
            if cell_day is not None:
                number = values.get("member_id") or values.get("subject_member_id")
                work.derived_cells[(table, row.n)] = work.member_result(number).cell_at(cell_day)


class _RatingsOnce:
    """One rating per subject and period (reviews.rules.check_rating_once), across the dataset's rows
    and the ratings the database already holds for the subjects they name."""

    def __init__(self, work: Work):
        self.work = work
        self.first: dict[tuple, str] = {}
        members, orgs = {}, {}
        for row in work.rows.get("ratings", []):
            extra = work.extra_values.get(("ratings", row.n), {})
            number, code = extra.get("subject_member_id"), extra.get("subject_org_id")
            entry = work.members.get(number) if number is not None else None
            if entry is not None and entry.db_id is not None:
                members[entry.db_id] = number
            elif code is not None and code in work.tree.by_code:
                orgs[work.tree.by_code[code]] = code
        for kind, ids in (("member", members), ("org", orgs)):
            keys = list(ids)
            for start in range(0, len(keys), 5000):
                found = Rating.objects.active().filter(**{f"subject_{kind}_id__in": keys[start : start + 5000]})
                for subject, year, period in found.values_list(f"subject_{kind}_id", "year", "period"):
                    self.first[(kind, ids[subject], year, period)] = "đã có trong hệ thống"

    def check(self, row: Row, values: dict) -> list:
        key = rating_key(values)
        if key is None:
            return []
        earlier = self.first.get(key)
        if earlier is None:
            self.first[key] = f"dòng {row.n} của bảng ratings"
        return check_rating_once(values, self.work, earlier)


def _cell_day(table: str, values: dict) -> dt.date | None:
    """The day whose cell a member record is counted in (projection.write does the same)."""
    if table == "screenings":
        return values.get("listed_on")
    if table == "dues_payments":
        return values.get("month_day")
    if values.get("subject_member_id") is None:
        return None
    if table == "ratings":
        return period_of(values.get("period") or "", values["year"]).end
    if table == "disciplines":
        return values.get("decided_on")
    return None
