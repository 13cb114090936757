"""The garbage collector as budgetlint's own processes want it (the CLI's, the batch workers');
the library never touches it.

A run imports budgetlint, loads the rules and templates -- objects that live as long as the
process -- and then builds and drops a document's model (tens of thousands of objects) per file.
With CPython's default thresholds the cyclic collector runs every 700 new objects and, as the
heap grows, scans everything loaded again and again: on seed 001 it costs about a tenth of the
run, and a document eight times larger took 12-13× the time instead of 8×. So `main` runs
`tuned()`: the collector is off while the process starts, and the command, once its rules are
loaded, freezes what was loaded so far (never scanned again) and turns the collector back on with
a first threshold of 50 000 objects (`loaded`): cyclic garbage is still collected, over any batch.
A batch worker process does the same once it has loaded its rules (`worker_loaded`), and the
batch's forkserver loads with the collector off (`loading`: it is a fresh interpreter).
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
    if _tuned:
        worker_loaded()


def worker_loaded() -> None:
    """In a process of budgetlint's own (a batch worker) once its rules are loaded: what is loaded
    so far is never scanned again; the collector runs every THRESHOLDS[0] new objects."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    gc.enable()


@contextmanager
def loading() -> Iterator[None]:
    """Around what a process of budgetlint's own imports and loads once, outside `main` (the batch
    forkserver's preload): the collector off meanwhile, what was loaded frozen afterwards."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
