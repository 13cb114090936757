"""A scan: every document of the input checked once into the results store, resumably.

1. Hash every input file; a file whose content is stored under this rule-set version is skipped
   (unless `rerun`).
2. Send the rest through an executor (local pool or Dask), as they finish each record is saved in
   its own transaction: an interrupted scan keeps every finished document, and the next one does
   only the rest.
3. Pair the halves of split disclosures (pairing.py): a file that is a text or a tables half is
   held back, and once every file is done each pair (exactly one text and one tables half of one
   unit, year and kind) is checked as one document and stored under the hash of both files; the
   halves left unpaired are stored as they were. Both halves of a stored pair are skipped by a
   rerun (the store's `pairs`), and a half an earlier scan stored alone pairs with a partner
   added since (its row gives way to the pair's). A half is only stored in its pair, so a scan
   interrupted before the pairs ran checks both halves again.
4. Run the rules across documents (batch/across.py) over everything the store holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from budgetlint.batch.across import check_across
from budgetlint.batch.document import Job, Settings, content_hash, rules_for, ruleset_version
from budgetlint.batch.executors import executor
from budgetlint.batch.store import Store
from budgetlint.pairing import find_pairs
from budgetlint.report.record import DocumentRecord


@dataclass
class ScanCounts:
    total: int = 0
    skipped: int = 0  # already in the store
    checked: int = 0  # checked by this run
    not_checked: int = 0  # could not be checked by this run
    paired: int = 0  # documents made of a text half and a tables half by this run


def plan(
    files: list[Path], store: Store, ruleset: str, *, rerun: bool, pairing: bool = True
) -> tuple[list[Job], set[str], int, dict[str, str]]:
    """The jobs still to do, the content hashes of the input's documents (a stored pair's instead
    of its halves'), how many files were skipped, and each input's path by its hash."""
    hashed: list[tuple[int, Path, str | None]] = []
    for index, path in enumerate(files):
        try:
            hashed.append((index, path, content_hash((str(path),))[0]))
        except OSError:  # the worker will say why, in the file's own record
            hashed.append((index, path, None))
    shas = {sha for _, _, sha in hashed if sha is not None}
    paired = store.pairs(ruleset, shas) if pairing and not rerun else {}
    jobs, skipped = [], 0
    for index, path, sha in hashed:
        if sha is not None and (sha in paired or (not rerun and store.has(sha, ruleset))):
            skipped += 1
            continue
        jobs.append(Job(index, (str(path),), sha256=sha))
    path_of = {sha: str(path) for _, path, sha in hashed if sha is not None}
    return jobs, (shas - paired.keys()) | set(paired.values()), skipped, path_of


def scan(
    files: list[Path],
    store: Store,
    settings: Settings,
    *,
    rerun: bool = False,
    pairing: bool = True,
    jobs: int | None = None,
    timeout: float | None = None,
    memory_mib: int | None = None,
    scheduler: str | None = None,
    on_plan: Callable[[int, int], None] | None = None,
    on_start: Callable[[Job], None] | None = None,
    on_record: Callable[[DocumentRecord], None] | None = None,
    on_pair: Callable[[DocumentRecord], None] | None = None,
) -> tuple[ScanCounts, str, set[str]]:
    """Check what is not stored yet; returns the counts, the rule-set version and the hashes of the
    input's documents. `on_record` sees each file's record, `on_pair` each paired document's."""
    ruleset = ruleset_version(settings)
    todo, shas, skipped, path_of = plan(files, store, ruleset, rerun=rerun, pairing=pairing)
    counts = ScanCounts(total=len(files), skipped=skipped)
    if on_plan is not None:
        on_plan(len(todo), skipped)
    sha_of = {job.path: job.sha256 for job in todo}
    if todo:
        with executor(
            settings, jobs=jobs, timeout=timeout, memory_mib=memory_mib, scheduler=scheduler, on_start=on_start
        ) as runner:
            held: list[DocumentRecord] = []  # halves of split disclosures, waiting for their partner
            stored_alone: set[int] = set()  # of those, the ones an earlier scan stored (not saved again)
            for record in runner.run(todo, ordered=False):
                if record.sha256 is None and sha_of.get(record.path):  # a worker that never answered
                    record = replace(record, sha256=sha_of[record.path])
                if on_record is not None:
                    on_record(record)
                if pairing and record.half is not None:
                    held.append(record)
                    continue
                _save(store, record, ruleset, counts)
            if pairing and held:  # halves an earlier scan stored alone may find their partner today
                checked_now = set(sha_of.values())
                earlier = [
                    replace(r, path=path_of[r.sha256])
                    for r in store.halves(ruleset, shas)  # as named now
                    if r.sha256 and r.sha256 not in checked_now
                ]
                stored_alone = {id(r) for r in earlier}
                held += earlier
            held.sort(key=lambda r: r.path)  # the order they finished in is no order
            pairs = find_pairs([r.half for r in held])
            jobs_of_pairs = [Job(k, (held[t].path, held[b].path), pairing="auto") for k, (t, b) in enumerate(pairs)]
            alone = [r for i, r in enumerate(held) if not any(i in pair for pair in pairs)]
            for (t, b), record in zip(pairs, runner.run(jobs_of_pairs, ordered=True)):
                text, tables = held[t], held[b]
                if on_pair is not None:
                    on_pair(record)
                if not record.checked or record.sha256 is None:  # the halves stay as each was checked
                    alone += [text, tables]
                    continue
                _save(store, record, ruleset, counts, halves=(text.sha256 or "", tables.sha256 or ""))
                counts.paired += 1
                shas.difference_update((text.sha256, tables.sha256))
                shas.add(record.sha256)
            for record in alone:
                if id(record) not in stored_alone:
                    _save(store, record, ruleset, counts)
    check_across(store, ruleset, rules_for(settings))
    return counts, ruleset, shas


def _save(
    store: Store, record: DocumentRecord, ruleset: str, counts: ScanCounts, halves: tuple[str, str] | None = None
) -> None:
    store.save(record, ruleset, halves=halves)
    counts.checked += record.checked
    counts.not_checked += not record.checked
