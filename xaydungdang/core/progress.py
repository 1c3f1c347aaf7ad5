"""Progress on a terminal, silence otherwise (cli.md: long work shows a bar on a tty)."""

import sys
from contextlib import contextmanager


def interactive() -> bool:
    return sys.stdout.isatty()


@contextmanager
def progress_bar(total: int | None, description: str, unit: str = "dòng"):
    """Yields a callable `advance(n)`; a tqdm bar on a terminal, a no-op elsewhere."""
    if not interactive():
        yield lambda n=1: None
        return
    from tqdm import tqdm

    bar = tqdm(total=total, desc=description, unit=f" {unit}", file=sys.stderr, dynamic_ncols=True, leave=False)
    try:
        yield bar.update
    finally:
        bar.close()


def stage_reporter(description: str):
    """A `progress(done, total)` callback for functions that report their own stages."""
    if not interactive():
        return None
    from tqdm import tqdm

    state = {"bar": None}

    def report(done: int, total: int):
        if state["bar"] is None:
            state["bar"] = tqdm(total=total, desc=description, file=sys.stderr, dynamic_ncols=True, leave=False)
        state["bar"].n = done
        state["bar"].refresh()
        if done >= total:
            state["bar"].close()

    return report
