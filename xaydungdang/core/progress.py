"""Progress on a terminal, silence otherwise (cli.md: long work shows a bar on a tty)."""

import sys
from typing import Any


def interactive() -> bool:
    return sys.stdout.isatty()


def stage_reporter(description: str):
    """A `progress(done, total)` callback for functions that report their own stages."""
    if not interactive():
        return None
    from tqdm import tqdm

    state: dict[str, Any] = {"bar": None}

    def report(done: int, total: int):
        if state["bar"] is None:
            state["bar"] = tqdm(total=total, desc=description, file=sys.stderr, dynamic_ncols=True, leave=False)
        state["bar"].n = done
        state["bar"].refresh()
        if done >= total:
            state["bar"].close()

    return report
