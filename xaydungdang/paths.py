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


def data_dir() -> Path:
    path = Path(os.environ.get("XDD_DATA_DIR") or _default_data_dir())
    path.mkdir(parents=True, exist_ok=True)
    return path
