"""core/deadlines.py computes a subtree's deadlines per direct unit, each part cached on the unit's
subtree version: the assembled list is the list of one run of the providers over the whole subtree
(every reader, every day), and after a write in one unit only that unit's part (and the root's own
records) is computed again."""

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command

from xaydungdang.admissions.tests.test_candidates import candidate, walk
from xaydungdang.conftest import person
from xaydungdang.core import deadlines
from xaydungdang.core.dates import today
from xaydungdang.members import actions
from xaydungdang.organizations import actions as org_actions
from xaydungdang.organizations.models import Organization
from xaydungdang.transfers import actions as transfers
from xaydungdang.transfers.models import Kind
from xaydungdang.web.tests.conftest import people, users  # noqa: F401  (fixtures)

D = dt.date
DAYS = (D(2025, 6, 2), D(2025, 12, 1), D(2026, 1, 20), D(2026, 2, 10), D(2026, 3, 10))


@pytest.fixture
def runs(monkeypatch):
    """The organizations of every run of the providers (None: everywhere), in order."""
    seen = []
    real = deadlines._run

    def spy(scope, kinds=None):
        seen.append(None if scope.org_ids is None else set(scope.org_ids))
        return real(scope, kinds)

    monkeypatch.setattr(deadlines, "_run", spy)
    cache.clear()
    return seen


@pytest.fixture
def history(tree, people):
    """Deadlines of every kind, in both districts, and one transfer between them (C1 → GC)."""
    c1 = tree["C1"]
    actions.admit(person("N1", "Trần Thị Mới", joined_on=D(2025, 1, 15)), tree["C1"], D(2025, 1, 15))
    n2 = actions.admit(person("N2", "Lâm Văn Hai", joined_on=D(2025, 3, 3)), tree["GC"], D(2025, 3, 3))
    actions.recognize(n2, D(2026, 3, 3))  # the card is due after the recognition
    move = transfers.start_transfer(
        people["an"],
        {"kind": Kind.OFFICIAL, "reason": "new_job", "moved_on": D(2026, 1, 15), "to_cell_id": tree["GC"].id},
    )
    transfers.issue_letter(move, "7", D(2026, 2, 6))
    official = {"joined_on": D(2010, 1, 1), "official_on": D(2011, 1, 1)}
    opening = {"entry": "opening", "cell": c1, "on": D(2016, 1, 1)}
    introducers = {
        "an": actions.enter_member(person("O1", "Võ Văn Một", **official), **opening),
        "binh": actions.enter_member(person("O2", "Võ Thị Hai", **official), **opening),
    }
    walk(tree, introducers, candidate(tree), until="decision")  # the ceremony is due in C1
    return move


def same(on, root=None, user=None) -> list:
    assembled = deadlines.open_deadlines(on=on, root_org_id=root, user=user)
    direct = deadlines.computed_deadlines(on=on, root_org_id=root, user=user)
    assert assembled == direct, (on, root, user)
    assert deadlines.open_deadlines(on=on, root_org_id=root, user=user) == direct  # from the cache
    return assembled


def test_the_assembled_list_is_one_run_for_every_root_reader_and_day(tree, users, history, runs):
    kinds = set()
    for on in DAYS + (today(),):
        for code in ("P", "U1", "U2", "G1", "C1", "GC"):
            kinds |= {d.kind for d in same(on, tree[code].id)}
        for name in ("staff_p", "staff_u1", "staff_u2", "secretary_c1", "admin"):
            same(on, None, users[name])
            same(on, tree["P"].id, users[name])
    assert kinds >= {
        "recognition_review",
        "probation_ending",
        "transfer_letter",
        "transfer_presentation",
        "admission_ceremony",
        "card_issue",
    }
    # The transfer between the districts: once in the province, on both sides.
    on = D(2026, 2, 10)
    presentation = [d for d in same(on, tree["P"].id) if d.kind == "transfer_presentation"]
    assert [d.member_no for d in presentation] == ["M001"]
    for code in ("U1", "U2"):
        assert [d.member_no for d in same(on, tree[code].id) if d.kind == "transfer_presentation"] == ["M001"]
    # The kind filter reads the same parts.
    assert deadlines.open_deadlines(on=on, root_org_id=tree["P"].id, kinds=["card_issue"]) == [
        d for d in same(on, tree["P"].id) if d.kind == "card_issue"
    ]


def test_after_a_write_in_one_unit_only_its_part_is_computed_again(tree, users, history, runs):
    on, province = D(2026, 3, 10), tree["P"].id
    before = same(on, province)
    runs.clear()
    assert deadlines.open_deadlines(on=on, root_org_id=province) == before and runs == []  # all warm

    actions.admit(person("N3", "Hồ Thị Ba", joined_on=D(2025, 8, 1)), tree["C2"], D(2025, 8, 1))
    after = deadlines.open_deadlines(on=on, root_org_id=province)
    u1 = set(load_subtree(tree["U1"].id)) | {province}
    assert runs == [u1]  # U1 (where C2 is) and the province's own records, in one run; U2 warm
    assert {d.member_no for d in after} - {d.member_no for d in before} == {"N3"}
    assert after == deadlines.computed_deadlines(on=on, root_org_id=province)

    # A write on the transfer touches both sides.
    runs.clear()
    transfers.accept(history, D(2026, 3, 9), D(2026, 3, 9))
    after = deadlines.open_deadlines(on=on, root_org_id=province)
    assert runs == [set(load_subtree(province))]
    assert "transfer_presentation" not in {d.kind for d in after}
    assert after == deadlines.computed_deadlines(on=on, root_org_id=province)
    for name in ("staff_p", "staff_u1", "staff_u2"):
        same(on, None, users[name])


def load_subtree(org_id):
    from xaydungdang.organizations.tree import load_tree

    return load_tree().snapshot(D(2026, 3, 10)).subtree(org_id)


def test_across_a_dissolution_date_and_in_xdd_due(tree, users, history, runs, capsys):
    """U2 merged into U1 on 1/3/2026 (GC moves under U1): on the eve the province's parts are U1
    and U2, on the day U1 alone; a past day is read with the tree of that day."""
    merged_on = D(2026, 3, 1)
    org_actions.merge(tree["U2"], tree["U1"], merged_on)
    eve = merged_on - dt.timedelta(days=1)
    for on in (eve, merged_on, D(2026, 3, 10)):
        for code in ("P", "U1", "U2", "GC"):
            same(on, tree[code].id)
    gc = tree["GC"].id
    assert {d.member_no for d in same(eve, tree["U2"].id) if d.org_id == gc} >= {"N2"}
    assert same(merged_on, tree["U2"].id) == []  # dissolved: no unit under it that day
    assert {d.member_no for d in same(merged_on, tree["U1"].id) if d.org_id == gc} >= {"N2"}

    # A write in GC after the merger: the eve's province (GC under U2 then) is computed again too.
    same(eve, tree["P"].id)
    actions.admit(
        person("N4", "Thạch Thị Bốn", joined_on=D(2025, 7, 1)), Organization.objects.get(code="GC"), D(2025, 7, 1)
    )
    for on in (eve, merged_on):
        assert "N4" in {d.member_no for d in same(on, tree["P"].id)}
        assert "N4" in {d.member_no for d in same(on, tree["U1" if on == merged_on else "U2"].id)}

    # `xdd due --on` for a past day: the same list.
    from xaydungdang.alerts import reminders

    capsys.readouterr()
    call_command("due", "--org", "P", "--on", eve.isoformat())
    assert json.loads(capsys.readouterr().out) == reminders.as_json(
        deadlines.computed_deadlines(on=eve, root_org_id=tree["P"].id), eve
    )
