"""compute_forms counts the stock figures with grouped scans (statforms.StockScan, CellCounts);
behind() lists records member by member. On random histories with random attributes and dated
changes, the two paths give the same figures for every organization, period and row."""

import datetime as dt
import random

import pytest

from xaydungdang.core.context import Actor, acting_as
from xaydungdang.indicators import formrows as fr
from xaydungdang.indicators import statforms
from xaydungdang.indicators.engine import resolve_org
from xaydungdang.indicators.tests.test_engine_properties import build_world
from xaydungdang.members.models import Member, MemberChange
from xaydungdang.members.testing import set_member_row
from xaydungdang.organizations.tree import load_tree

OCCUPATIONS = ["state_official", "worker", "enterprise", "farmer", "retired", "civil_servant", "student", "", "other"]
EDUCATIONS = ["12/12", "9/10", "5/12", "Trung học cơ sở", "", "lạ", "10/10"]
QUALIFICATIONS = ["bachelor", "vocational", "master", "", "none", "doctor"]
THEORIES = ["elementary", "bachelor", "advanced", "", "none"]
RELIGIONS = ["", "Phật giáo", "Hòa Hảo", "Tin Lành", "Đạo lạ"]
ETHNICITIES = ["Kinh", "Khmer", "Hoa", "Tày", "Người lạ"]


def per_member(code: str, period: str) -> list[dict]:
    """The forms from Computation without the grouped scans: every figure is len(ids)."""
    tree = load_tree()
    start, end = statforms.period_range(period)
    root = resolve_org(tree, code)
    org = {"code": tree.orgs[root].code, "name": tree.orgs[root].name}
    now = statforms.Computation(tree, root, start, end)
    before = statforms.Computation(tree, root, *statforms.previous_range(start, end))
    out = []
    for form in fr.FORMS:
        previous = before.compute(form) if "previous" in fr.COLUMNS[form] else None
        out.append(statforms._form_json(form, org, start, end, now.compute(form), previous, ""))
    return out


def scramble(seed: int) -> None:
    """Random forms' attributes on every member and dated changes on about half of them."""
    rng = random.Random(seed)
    for member in Member.objects.all():
        birth = dt.date(rng.randint(1935, 2004), rng.randint(1, 12), rng.randint(1, 28))
        youth = birth + dt.timedelta(days=5844) if rng.random() < 0.6 else None
        set_member_row(
            member,
            birth_date=birth,
            gender=rng.choice(["male", "female"]),
            ethnicity=rng.choice(ETHNICITIES),
            religion=rng.choice(RELIGIONS),
            occupation=rng.choice(OCCUPATIONS),
            general_education=rng.choice(EDUCATIONS),
            qualification=rng.choice(QUALIFICATIONS),
            political_theory=rng.choice(THEORIES),
            academic_title=rng.choice(["", "", "professor", "associate_professor"]),
            youth_union_from=youth,
            youth_union_until=youth + dt.timedelta(days=rng.randint(100, 6000))
            if youth and rng.random() < 0.5
            else None,
            business_owner=rng.random() < 0.2,
            foreign_marriage=rng.random() < 0.2,
            joined_on=rng.choice([dt.date(1944, 5, 1), dt.date(1950, 1, 1), dt.date(1960, 1, 1), member.joined_on]),
        )
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            name = rng.choice(["occupation", "general_education", "qualification", "religion", "business_owner"])
            value = {
                "occupation": rng.choice(OCCUPATIONS),
                "general_education": rng.choice(EDUCATIONS),
                "qualification": rng.choice(QUALIFICATIONS),
                "religion": rng.choice(RELIGIONS),
                "business_owner": rng.choice(["yes", "no"]),
            }[name]
            on = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2400))
            change = MemberChange.objects.create(member=member, field=name, value=value, on=on)
            if rng.random() < 0.1:
                MemberChange.objects.filter(pk=change.pk).update(voided_at=dt.datetime.now(dt.UTC), void_reason="x")


@pytest.mark.parametrize("seed,with_move", [(3, False), (11, True)])
def test_counted_forms_equal_the_per_member_path(db, seed, with_move):
    with acting_as(Actor(via="test")):
        build_world(seed, with_move=with_move)
    scramble(seed)
    tree = load_tree()
    for period in ("2021", "2023-H1", "2024"):
        for info in tree.orgs.values():
            counted = statforms.compute_forms(info.code, period)
            listed = per_member(info.code, period)
            for fast, slow in zip(counted, listed, strict=True):
                assert [(r["code"], r["values"]) for r in fast["rows"]] == [
                    (r["code"], r["values"]) for r in slow["rows"]
                ], (info.code, period, fast["form"])
