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
