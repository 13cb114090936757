"""The garbage collector as a CLI run wants it; the library never touches it.

A run imports budgetlint, loads the rules and templates -- objects that live as long as the
process -- and then builds and drops a document's model (tens of thousands of objects) per file.
With CPython's default thresholds the cyclic collector runs every 700 new objects and, as the
heap grows, scans everything loaded again and again: on seed 001 it costs about a tenth of the
run, and a document eight times larger took 12-13× the time instead of 8×. So `main` runs
`tuned()`: the collector is off while the process starts, and the command, once its rules are
loaded, freezes what was loaded so far (never scanned again) and turns the collector back on with
a first threshold of 50 000 objects (`loaded`): cyclic garbage is still collected, over any batch.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (50_000, 20, 100)

_tuned = False


@contextmanager
def tuned() -> Iterator[None]:
    """Around `main`: collect nothing until the rules are loaded; afterwards (main called
    in-process, as tests do) the collector is as it was."""
    global _tuned
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    _tuned = True
    gc.disable()
    try:
        yield
    finally:
        _tuned = False
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        if enabled:
            gc.enable()


def loaded() -> None:
    """Called by a command once its rules are loaded; does nothing outside `tuned()` (a command
    invoked directly, as tests do, leaves the caller's collector alone)."""
    if not _tuned:
        return
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    gc.enable()
