"""Where the project keeps its files (database, secret key, uploads, backups)."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _default_data_dir() -> Path:
    # In a source checkout the data folder sits beside pyproject.toml; an installed
    # package falls back to the user's data folder.
    repo = PACKAGE_DIR.parent
    if (repo / "pyproject.toml").exists():
        return repo / "data"
    return Path.home() / ".local" / "share" / "xaydungdang"


def private_files() -> None:
    """Files and folders this process creates are readable by its own user only (0600 / 0700):
    the database and its -wal/-shm, backups, the secret key, uploads, exports, the cache.
    Called first thing by the settings, which every entry point (xdd, wsgi/gunicorn, python -m
    django, the tests) loads before it writes anything."""
    os.umask(0o077)


def data_dir() -> Path:
    path = Path(os.environ.get("XDD_DATA_DIR") or _default_data_dir())
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
