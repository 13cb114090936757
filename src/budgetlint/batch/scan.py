"""A scan: every document of the input checked once into the results store, resumably.

1. Hash every input file; a file whose content is stored under this rule-set version is skipped
   (unless `rerun`).
2. Send the rest through an executor (local pool or Dask), as they finish each record is saved in
   its own transaction: an interrupted scan keeps every finished document, and the next one does
   only the rest.
3. Run the rules across documents (batch/across.py) over everything the store holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from budgetlint.batch.across import check_across
from budgetlint.batch.document import Job, Settings, content_hash, rules_for, ruleset_version
from budgetlint.batch.executors import executor
from budgetlint.batch.store import Store
from budgetlint.report.record import DocumentRecord


@dataclass
class ScanCounts:
    total: int = 0
    skipped: int = 0  # already in the store
    checked: int = 0  # checked by this run
    not_checked: int = 0  # could not be checked by this run


def plan(files: list[Path], store: Store, ruleset: str, *, rerun: bool) -> tuple[list[Job], set[str], int]:
    """The jobs still to do, the content hashes of every input, and how many were skipped."""
    jobs, shas, skipped = [], set(), 0
    for index, path in enumerate(files):
        try:
            sha, _ = content_hash((str(path),))
        except OSError:  # the worker will say why, in the file's own record
            jobs.append(Job(index, (str(path),)))
            continue
        shas.add(sha)
        if not rerun and store.has(sha, ruleset):
            skipped += 1
            continue
        jobs.append(Job(index, (str(path),), sha256=sha))
    return jobs, shas, skipped


def scan(files: list[Path], store: Store, settings: Settings, *, rerun: bool = False, jobs: int | None = None,
         timeout: float | None = None, memory_mib: int | None = None, scheduler: str | None = None,
         on_plan: Callable[[int, int], None] | None = None, on_start: Callable[[Job], None] | None = None,
         on_record: Callable[[DocumentRecord], None] | None = None) -> tuple[ScanCounts, str, set[str]]:
    """Check what is not stored yet; returns the counts, the rule-set version and the input's hashes."""
    ruleset = ruleset_version(settings)
    todo, shas, skipped = plan(files, store, ruleset, rerun=rerun)
    counts = ScanCounts(total=len(files), skipped=skipped)
    if on_plan is not None:
        on_plan(len(todo), skipped)
    sha_of = {job.path: job.sha256 for job in todo}
    if todo:
        with executor(settings, jobs=jobs, timeout=timeout, memory_mib=memory_mib, scheduler=scheduler,
                      on_start=on_start) as runner:
            for record in runner.run(todo, ordered=False):
                if record.sha256 is None and sha_of.get(record.path):  # a worker that never answered
                    record = replace(record, sha256=sha_of[record.path])
                store.save(record, ruleset)
                counts.checked += record.checked
                counts.not_checked += not record.checked
                if on_record is not None:
                    on_record(record)
    check_across(store, ruleset, rules_for(settings))
    return counts, ruleset, shas
