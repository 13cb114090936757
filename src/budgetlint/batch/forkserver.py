"""Where worker processes come from, importable before anything heavy: a `check` of several
files starts the forkserver first thing (`start_early`), so the forkserver's imports and preloads
(batch/warm.py) run on the other core while the parent imports and loads its own, instead of
after them -- on the 17 peer PDFs, whose checking takes seconds, that start-up is a tenth of a
-j 2 run.

The forkserver where the platform has one (imports done once, a new worker in milliseconds),
else workers are spawned. Also the run options' defaults, which the CLI needs before it imports
the batch runner -- without multiprocessing, which a one-file `check` (checked in process) never
needs."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

PRELOAD = ["budgetlint.batch.warm"]  # imported once, in the forkserver (it imports the checker)

DEFAULT_TIMEOUT = 600.0  # seconds per document: ten times the slowest real PDF seen
DEFAULT_MEMORY_MIB = 4096  # RSS per worker process


def context():  # a ForkServerContext or a SpawnContext
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def start_early() -> None:
    """Start the forkserver now (see the module docstring); nothing where there is none."""
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


@contextlib.contextmanager
def main_left_alone(target_module: str) -> Iterator[None]:
    """Start a worker without re-running the parent's script in it.

    A forkserver or spawned child first runs the parent's `__main__` again from its path, as
    `__mp_main__`, in case the job's function lives there (multiprocessing.spawn.prepare). For the
    `budgetlint` console script that re-imports the CLI and click in every worker before its first
    document: 12-15 ms of each worker's start, on the critical path of every -j run. A worker's
    function lives in an importable module (batch/pool.py, batch/document.py), so while the worker
    starts, `__main__` shows no path and multiprocessing leaves it alone, as it does for an
    interactive `__main__`. A function from the script itself (`target_module == "__main__"`)
    keeps the script re-run it needs. (`python -m budgetlint` needs nothing: multiprocessing skips a
    `__main__` module by name.)"""
    main = sys.modules.get("__main__")
    if target_module == "__main__" or main is None or "__file__" not in vars(main):
        yield
        return
    path = vars(main).pop("__file__")
    try:
        yield
    finally:
        main.__file__ = path
