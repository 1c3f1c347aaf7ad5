"""Nothing lost: concurrent edits are detected, and a backup taken while others write
restores to the source exactly as of one instant.

"Consistent" here means: (1) every writer's events in the restored database are a gap-free
prefix of what it committed (no later write without the earlier ones); (2) every event has
its audit entry and every audit entry its event (no half-written transaction); (3) the
derived intervals equal a fresh replay (`rebuild_all()` finds no broken member and changes
nothing); (4) the indicator figures of the restored database equal those of the source with
every write made after the backup voided, i.e. the source as of the backup's instant.
"""

import pytest

from xaydungdang.ops.tests.conftest import run_scenario


def test_two_simultaneous_editors_one_wins_one_is_told(fresh_db, tmp_path):
    out = run_scenario(fresh_db(), tmp_path, "two_editors")
    results = sorted(out["outcome"].values())
    assert results[1] == "saved", out
    assert results[0].startswith("conflict: ") and "người khác sửa" in results[0], out
    assert out["version_after"] == out["version_before"] + 1
    winner = next(k for k, v in out["outcome"].items() if v == "saved")
    assert out["hometown"] == f"Quê của {winner}"
    assert out["updates_audited"] == 1


@pytest.mark.slow
def test_backup_during_writes_restores_to_one_instant(fresh_db, tmp_path):
    source_url, target_url = fresh_db(), fresh_db()
    path = str(tmp_path / "snapshot.backup")
    src = run_scenario(source_url, tmp_path, "source", path, "3")
    assert not src["errors"], src
    assert sum(src["written"]) > 40, src  # writers really were busy

    back = run_scenario(target_url, tmp_path, "restored", path)
    assert back["broken"] == [] and back["derived_unchanged"], back
    assert back["events_without_audit"] == 0 and back["audit_without_event"] == 0
    assert all(k >= 1 for k in back["prefix"].values()), back["prefix"]  # gap-free prefix per writer
    assert back["events"] == sum(back["prefix"].values())
    assert back["events"] < sum(src["written"]), "the backup should predate the last writes"

    import json

    then = run_scenario(source_url, tmp_path, "rolled_back", json.dumps(back["prefix"]))
    assert then["voided"] == sum(src["written"]) - back["events"]
    assert then["figures"] == back["figures"]
