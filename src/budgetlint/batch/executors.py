"""Where the per-document function runs: in this process, in local worker processes, or on a
Dask cluster. Every executor has `run(jobs, ordered=...) -> Iterator[DocumentRecord]` and is a
context manager; the caller never knows which one it has."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from budgetlint.batch.document import Job, Settings, check_document
from budgetlint.report.record import DocumentRecord


@dataclass
class InProcess:
    """One document checked right here (a single-file `check`): no worker, no time-out."""

    settings: Settings
    on_start: Callable[[Job], None] | None = None

    def run(self, jobs: Iterable[Job], *, ordered: bool = False) -> Iterator[DocumentRecord]:
        for job in jobs:
            if self.on_start is not None:
                self.on_start(job)
            yield check_document(job, self.settings)

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def executor(
    settings: Settings,
    *,
    jobs: int | None,
    timeout: float | None,
    memory_mib: int | None,
    scheduler: str | None = None,
    in_process: bool = False,
    on_start: Callable[[Job], None] | None = None,
):
    """The executor a run asked for: Dask when a scheduler address is given, in process for a
    single-file check, else the local pool."""
    if scheduler:
        from budgetlint.batch.dask_executor import DaskExecutor

        return DaskExecutor(settings, scheduler, timeout=timeout, on_start=on_start)
    if in_process:
        return InProcess(settings, on_start=on_start)
    from budgetlint.batch.pool import LocalPool

    return LocalPool(
        settings,
        jobs=jobs or default_jobs(),
        timeout=timeout,
        memory=memory_mib << 20 if memory_mib else None,
        on_start=on_start,
    )
