"""Pausing Python's cyclic garbage collector during bulk work, in processes that do nothing else.

An import holds millions of small dicts and tuples; every few hundred allocations the
collector runs, and now and then it scans the whole heap. None of these objects form
reference cycles, so pausing the collector loses nothing and saves about a third of the
CPU time of reading and checking a province. Reference counting still frees memory as usual.

The switch is process-wide, so it is only thrown where the bulk work is all the process does:
a process says so with allow() (the import worker, `xdd import`, `xdd export`, `xdd demo`), and
then only its main thread pauses. Anywhere else (the web server's threads: an export from the
page, an import run in a test) paused_gc() changes nothing.
"""

import gc
import threading
from contextlib import contextmanager

_allowed = False


def allow() -> None:
    """This process runs bulk work alone: paused_gc() may switch the collector off in its main thread."""
    global _allowed
    _allowed = True


def allowed() -> bool:
    return _allowed and threading.current_thread() is threading.main_thread()


@contextmanager
def paused_gc():
    if not allowed():
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
