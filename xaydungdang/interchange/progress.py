"""A progress bar for import stages on a terminal (cli.md); silence elsewhere."""

import sys
from contextlib import contextmanager

from xaydungdang.core.progress import interactive


@contextmanager
def terminal_progress():
    """Yields a `progress(stage, done, total)` callable, or None when not on a terminal."""
    if not interactive():
        yield None
        return
    from tqdm import tqdm

    state = {"stage": None, "bar": None}

    def progress(stage: str, done: int, total: int):
        if state["stage"] != stage:
            if state["bar"] is not None:
                state["bar"].close()
            state["stage"] = stage
            state["bar"] = tqdm(total=total, desc=stage, file=sys.stderr, dynamic_ncols=True, leave=False)
        bar = state["bar"]
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield progress
    finally:
        if state["bar"] is not None:
            state["bar"].close()
