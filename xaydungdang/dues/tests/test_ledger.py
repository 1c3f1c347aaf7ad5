"""Dues: the regime of each month, a cell's month against a hand computation, reductions,
exemptions, arrears and the alert at three months unpaid, the `xdd dues` contract."""

import datetime as dt
import json

import pytest

from xaydungdang.dues import actions, ledger, regimes
from xaydungdang.dues.models import DuesBase, DuesPayment

D = dt.date
pytestmark = pytest.mark.django_db


def base(member, category, valid_from, amount=None, **extra):
    return actions.record_base(
        {"member_id": member.id, "category": category, "base": amount, "valid_from": valid_from, **extra}
    )


def pay(member, month, amount, paid_on=None, **extra):
    return actions.record_payment(
        {"member_id": member.id, "month": month, "amount": amount, "paid_on": paid_on or month, **extra}
    )


@pytest.fixture
def bases(people):
    p = people
    base(p["an"], "salaried", D(2025, 1, 1), 8_456_789)
    base(p["binh"], "pensioner", D(2025, 1, 1), 6_543_210)
    base(p["chau"], "student", D(2025, 1, 1))
    base(p["dung"], "other", D(2025, 1, 1))
    base(p["em"], "salaried", D(2025, 1, 1), 10_000_000)
    base(p["em"], "salaried", D(2026, 3, 1), 10_000_000, reduction_pct=50)
    base(p["giang"], "benefit", D(2025, 1, 1), 7_000_000)
    base(p["giang"], "benefit", D(2026, 3, 15), 7_000_000, exempt=True, exempt_reason="illness")
    return p


def test_regime_of_each_month():
    assert regimes.regime_for(D(2011, 3, 1)) is None
    assert regimes.regime_for(D(2011, 4, 1)) is regimes.R342
    # 01-QĐ/TW is dated 3/2/2026: February 2026 is still under 342, March the first month under 01.
    assert regimes.regime_for(D(2026, 2, 1)) is regimes.R342
    assert regimes.regime_for(D(2026, 2, 28)) is regimes.R342
    assert regimes.regime_for(D(2026, 3, 1)) is regimes.R01


def test_amounts_are_integer_dong_rounded_half_up():
    assert regimes.monthly_amount(regimes.R342, "salaried", 8_456_789) == 84_568  # 84.567,89
    assert regimes.monthly_amount(regimes.R342, "salaried", 8_456_749) == 84_567  # 84.567,49
    assert regimes.monthly_amount(regimes.R342, "pensioner", 6_543_210) == 32_716  # 32.716,05
    assert regimes.monthly_amount(regimes.R01, "salaried", 9_999_999, reduction_pct=30) == 70_000  # 69.999,993
    # A reduction does not exist under 342; an exemption is 0 under both.
    assert regimes.monthly_amount(regimes.R342, "salaried", 10_000_000, reduction_pct=70) == 100_000
    assert regimes.monthly_amount(regimes.R01, "salaried", 10_000_000, exempt=True) == 0
    assert isinstance(regimes.monthly_amount(regimes.R01, "pensioner", 1), int)


def test_rounding_and_fixed_amounts_are_settings(settings):
    settings.DUES_ROUND_TO = 1000
    assert regimes.monthly_amount(regimes.R342, "salaried", 8_456_789) == 85_000
    settings.DUES_FIXED_AMOUNTS = {"01-QĐ/TW": {"other": 10_000}}
    assert regimes.monthly_amount(regimes.R01, "other", None) == 10_000
    assert regimes.monthly_amount(regimes.R342, "other", None) == 6_000


def contract(org, month):
    return {r.member_no: r.as_contract() for r in ledger.ledger(org.id, month)}


def test_cell_month_equals_hand_computation_each_side_of_3_2_2026(tree, bases):
    feb, mar = contract(tree["C1"], D(2026, 2, 1)), contract(tree["C1"], D(2026, 3, 1))
    # C1: An salaried 1% of 8.456.789; Bình pensioner 0,5% of 6.543.210; Châu student (342: 3.000, 01: 5.000).
    assert {k: v["due"] for k, v in feb.items()} == {"M001": 84_568, "M002": 32_716, "M003": 3_000}
    assert {k: v["due"] for k, v in mar.items()} == {"M001": 84_568, "M002": 32_716, "M003": 5_000}
    assert {k: v["category"] for k, v in mar.items()} == {"M001": "salaried", "M002": "pensioner", "M003": "student"}
    assert contract(tree["C2"], D(2026, 3, 1))["M004"]["due"] == 6_000  # other (a setting under 01)
    gc_feb, gc_mar = contract(tree["GC"], D(2026, 2, 1)), contract(tree["GC"], D(2026, 3, 1))
    # Em: 1% of 10.000.000 = 100.000; from 3/2026 reduced 50% -> 50.000.
    assert gc_feb["M005"]["due"] == 100_000 and gc_mar["M005"]["due"] == 50_000
    # Giang: sick-leave benefit 1% of 7.000.000; exempt from 15/3/2026 (its month counts).
    assert gc_feb["M006"]["due"] == 70_000 and gc_mar["M006"]["due"] == 0
    # The committee's list is every member of its cells.
    assert set(contract(tree["G1"], D(2026, 3, 1))) == {"M001", "M002", "M003", "M004"}


def test_reduction_lasts_twelve_months(bases):
    rows = ledger.bases_of([bases["em"].id])[bases["em"].id]
    assert ledger.due(rows, D(2027, 2, 1)) == 50_000  # the 12th month
    assert ledger.due(rows, D(2027, 3, 1)) == 100_000


def test_arrears_and_the_alert_at_three_months(tree, bases, users):
    from xaydungdang.alerts import rules

    an, binh = bases["an"], bases["binh"]
    for month in (D(2026, 5, 1), D(2026, 6, 1), D(2026, 7, 1), D(2026, 8, 1)):
        pay(binh, month, 32_716, receipt_no=f"BL{month.month}")
    pay(an, D(2026, 5, 1), 84_568)
    pay(an, D(2026, 6, 1), 80_000)  # less than due counts as unpaid
    rows = contract(tree["C1"], D(2026, 8, 1))
    assert rows["M001"]["arrears_months"] == 3 and rows["M001"]["paid"] == 0
    assert rows["M002"]["arrears_months"] == 0 and rows["M002"]["paid"] == 32_716
    assert contract(tree["C1"], D(2026, 7, 1))["M001"]["arrears_months"] == 2
    members = bases["an"].__class__.objects.all()
    flagged = {a.member_id: a for a in rules.unpaid_dues(members, D(2026, 9, 10))}
    assert an.id in flagged and binh.id not in flagged
    assert "3 tháng" in flagged[an.id].detail and flagged[an.id].org_id == tree["C1"].id
    assert not any(a.member_id == an.id for a in rules.unpaid_dues(members, D(2026, 8, 10)))  # only 2 by July
    # Through the alert set a user sees (the alerts page and the dashboards' counts): Châu and Dũng
    # have never paid since their bases (1/2025), Em neither (GC, under U2); Giang is exempt.
    found = rules.collect(users["staff_u1"], day=D(2026, 9, 10))
    assert {a.member_id for a in found.unpaid_dues} == {an.id, bases["chau"].id, bases["dung"].id}
    assert found.counts()["unpaid_dues"] == 3 and found.unpaid_dues[-1].member_id == an.id  # longest first
    other = rules.collect(users["staff_u2"], day=D(2026, 9, 10))
    assert [a.member_id for a in other.unpaid_dues] == [bases["em"].id]


def test_bad_values_are_refused_in_vietnamese(people):
    from xaydungdang.core.errors import DomainError

    with pytest.raises(DomainError) as err:
        base(people["an"], "salaried", D(2026, 3, 1))
    assert err.value.problems[0].field == "base" and "căn cứ" in err.value.message
    with pytest.raises(DomainError) as err:
        base(people["an"], "salaried", D(2026, 3, 1), 5_000_000, reduction_pct=40)
    assert err.value.problems[0].field == "reduction_pct"
    with pytest.raises(DomainError) as err:
        pay(people["an"], D(2026, 3, 1), 0)
    assert err.value.problems[0].field == "amount"
    with pytest.raises(DomainError) as err:
        pay(people["an"], D(2026, 3, 1), 10_000, paid_on=D(2099, 1, 1))
    assert err.value.problems[0].field == "paid_on"
    with pytest.raises(actions.BatchRefused) as err:
        actions.record_payments(
            [
                {"member_id": people["an"].id, "month": D(2026, 3, 1), "amount": 5_000, "paid_on": D(2026, 3, 5)},
                {"member_id": people["binh"].id, "month": D(2026, 3, 1), "amount": -1, "paid_on": D(2026, 3, 5)},
            ]
        )
    assert list(err.value.by_row) == [1]
    assert not DuesPayment.objects.exists() and not DuesBase.objects.exists()


def test_payment_is_counted_in_the_members_cell(tree, people):
    made = pay(people["dung"], D(2026, 3, 1), 6_000, paid_on=D(2026, 3, 20))
    assert made.cell_id == tree["C2"].id


def test_xdd_dues_command(tree, bases, capsys, tmp_path):
    from openpyxl import load_workbook

    from xaydungdang.cli import main

    pay(bases["an"], D(2026, 3, 1), 84_568)
    assert main(["dues", "--org", "C1", "--month", "2026-03", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == [
        {"member_no": "M001", "category": "salaried", "due": 84_568, "paid": 84_568, "arrears_months": 0},
        {"member_no": "M002", "category": "pensioner", "due": 32_716, "paid": 0, "arrears_months": 15},
        {"member_no": "M003", "category": "student", "due": 5_000, "paid": 0, "arrears_months": 15},
    ]
    assert all(isinstance(v, int) for r in out for k, v in r.items() if k not in ("member_no", "category"))
    target = tmp_path / "c1.xlsx"
    assert main(["dues", "--org", "C1", "--month", "2026-03", "--format", "xlsx", "-o", str(target)]) == 0
    sheet = load_workbook(target).active
    assert sheet.cell(2, 7).value == "member_no" and sheet.cell(3, 9).value == 84_568
    assert main(["dues", "--org", "KHONG-CO", "--month", "2026-03"]) == 1
    assert "KHONG-CO" in capsys.readouterr().err
    assert main(["dues", "--org", "C1", "--month", "2026-13"]) == 1
    assert "Tháng không hợp lệ" in capsys.readouterr().err


def test_yearly_report_shares(tree, bases):
    from xaydungdang.dues import sheets

    pay(bases["an"], D(2026, 1, 1), 84_568)  # 342: a cell under a grassroots committee keeps 30%
    pay(bases["em"], D(2026, 3, 1), 50_000)  # GC is a grassroots cell (no commune locality): keeps 70%
    c1 = {r["code"]: r for r in sheets.yearly(tree["G1"].id, 2026)}["C1"]
    assert c1["paid"] == 84_568 and c1["kept"] == 84_568 * 30 // 100 and c1["sent"] == 84_568 - c1["kept"]
    gc = {r["code"]: r for r in sheets.yearly(tree["GC"].id, 2026)}["GC"]
    assert gc["paid"] == 50_000 and gc["kept"] == 35_000 and gc["sent"] == 15_000
    assert gc["due"] == 2 * 100_000 + 10 * 50_000 + 2 * 70_000  # Em: Jan-Feb full, Mar-Dec halved; Giang Jan-Feb
