"""The rules across documents (YR) over many documents: after a scan on its store (the client, the
one writer), and at the end of a `check` of several files.

A document's figures weigh ~16 KB as JSON but ~180 KB as objects, so they are never all loaded at
once: the run's documents are indexed by unit and year (model/figures.py: Library, a few fields
each), each document is checked in turn, and the documents a rule asks for (last year's, a
department's units) are loaded then, a few kept at a time. Memory does not grow with the number of
documents.

After a scan the rules rerun over the whole store (cheap next to the scan: no document is read
again), since a document added today changes what last year's or a department's rules see; each
document's results replace its earlier ones (findings with source = the rule family, outcome counts
in its `across` column).
"""

from __future__ import annotations

import os
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.engine import run_across
from budgetlint.model.figures import DocumentFigures, Entry, Library
from budgetlint.model.results import RuleRun
from budgetlint.rulebook import Rule

if TYPE_CHECKING:  # a scan's store: sqlite3 is not imported by a `check`
    from budgetlint.batch.store import Store


def run_all(
    rules: list[Rule], entries: list[Entry], load: Callable[[int], DocumentFigures]
) -> Iterator[tuple[int, RuleRun]]:
    """Each document's run of the rules across documents, against all the others (loaded only when
    a rule asks, a few at a time); nothing when none is selected."""
    if not any(r.kind in ACROSS_KINDS for r in rules):
        return
    library = Library(entries, load)
    for entry in entries:
        yield entry.key, run_across(rules, [library.load(entry.key)], library)[0]


@dataclass
class AcrossCounts:
    documents: int = 0  # documents the rules looked at
    findings: int = 0


def check_across(store: Store, ruleset: str, rules: list[Rule]) -> AcrossCounts:
    """The rules across documents over every checked document of `ruleset` in the store."""
    counts = AcrossCounts()
    entries = [Entry.of(key, figures) for key, figures in store.figures(store.document_ids(ruleset))]
    for document_id, run in run_all(rules, entries, store.figures_of):
        store.save_across(document_id, run)
        counts.documents += 1
        counts.findings += len(run.findings)
    return counts


class Kept:
    """The figures of a `check`'s documents until the run ends: compressed (a few KB each) in a
    temporary file, so that only the small index entries stay in memory."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self._spans: dict[int, tuple[int, int]] = {}  # key -> (offset, length) in the file
        self._file: IO[bytes] | None = None

    def add(self, key: int, figures: DocumentFigures | None) -> None:
        if figures is None:
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 -- lives as long as this object: close()
        blob = zlib.compress(figures.model_dump_json().encode())
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(blob)
        self.entries.append(Entry.of(key, figures))
        self._spans[key] = (offset, len(blob))

    def load(self, key: int) -> DocumentFigures:
        offset, length = self._spans[key]
        assert self._file is not None
        self._file.seek(offset)
        return DocumentFigures.model_validate_json(zlib.decompress(self._file.read(length)))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> Kept:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
