"""Issue 10: dependencies point down. `lint-imports` checks the layers contract in pyproject.toml
(core < organizations < members < activity apps < accounts < indicators, interchange, alerts <
reports < demo, ops < web); an upward or cyclic import between apps fails here, and so in CI."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_dependencies_point_down():
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    result = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 1 kept, 0 broken." in result.stdout
