"""`xdd serve` refuses an unsafe production configuration and a busy port, in Vietnamese."""

import os
import socket
import subprocess
import sys

from xaydungdang.ops.tests.conftest import REPO


def serve(tmp_path, *args, **env):
    full = dict(os.environ, XDD_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env)
    return subprocess.run(
        [sys.executable, "-m", "xaydungdang.cli", "serve", *args],
        cwd=REPO,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_production_with_debug_is_refused(tmp_path):
    out = serve(tmp_path, "--port", "1", XDD_ENV="production", XDD_DEBUG="1")
    assert out.returncode == 1 and "XDD_DEBUG" in out.stderr and "Traceback" not in out.stderr


def test_busy_port_is_refused(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        out = serve(tmp_path, "--port", str(busy.getsockname()[1]))
    assert out.returncode == 1 and "Không mở được cổng" in out.stderr


def test_bad_port_is_a_usage_error(tmp_path):
    assert serve(tmp_path, "--port", "70000").returncode == 2
    assert serve(tmp_path, "--port", "abc").returncode == 2
