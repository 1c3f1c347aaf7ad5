import datetime as dt

from xaydungdang.conftest import person
from xaydungdang.members import actions, projection
from xaydungdang.members.models import Member
from xaydungdang.organizations import actions as org

D = dt.date


def test_history_written_by_a_merge_replays_cleanly(tree):
    """merge() transfers members on the dissolution day; replaying that history must accept it."""
    m = actions.admit(person("A1"), tree["C1"], D(2020, 3, 10))
    org.merge(tree["C1"], tree["C2"], D(2021, 1, 1))
    result = projection.replay_member(Member.objects.get(pk=m.pk))
    assert result.problems == []
    assert [(s.cell_id, s.start, s.end) for s in result.spans] == [
        (tree["C1"].id, D(2020, 3, 10), D(2021, 1, 1)),
        (tree["C2"].id, D(2021, 1, 1), None),
    ]
