"""The rules across documents (YR) over many documents: after a scan on its store (the client, the
one writer), and at the end of a `check` of several files.

A document's figures weigh ~16 KB as JSON but ~180 KB as objects, so they are never all loaded at
once: documents are taken a unit at a time (every document of one unit, plus, for a department, the
单位 documents of the units it lists), checked against that group and dropped. Memory is bounded by
the largest group, not by the number of documents.

After a scan the rules rerun over the whole store (cheap next to the scan: no document is read
again), since a document added today changes what last year's or a department's rules see; each
document's results replace its earlier ones (findings with source = the rule family, outcome counts
in its `across` column).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from budgetlint.batch.store import Store
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.engine import run_across
from budgetlint.labels import squeeze
from budgetlint.model.figures import DocumentFigures
from budgetlint.model.results import RuleRun
from budgetlint.rulebook import Rule


@dataclass(frozen=True)
class Identity:
    """What grouping needs of a document: a few fields, kept for every document of a run."""

    key: int  # the document's id in the store, or its position in the input
    unit_key: str | None
    year: int | None
    kind: str | None
    listed: tuple[str, ...] = ()  # the unit keys a department lists (its own unit included)


def identity_of(key: int, figures: DocumentFigures) -> Identity:
    composition = figures.composition
    listed: tuple[str, ...] = ()
    if composition is not None:
        own = (figures.unit_key,) if composition.own and figures.unit_key else ()
        listed = own + tuple(squeeze(name) for name in composition.units)
    return Identity(key, figures.unit_key, figures.year, figures.kind, listed)


def groups(identities: list[Identity]) -> Iterator[tuple[list[Identity], list[Identity]]]:
    """(documents to check, the documents they are checked against): a unit at a time."""
    by_unit: dict[str, list[Identity]] = {}
    for identity in identities:
        if identity.unit_key:
            by_unit.setdefault(identity.unit_key, []).append(identity)
        else:
            yield [identity], [identity]
    for unit, targets in by_unit.items():
        library = list(targets)
        seen = {i.key for i in library}
        for target in targets:
            for listed in target.listed:
                for other in by_unit.get(listed, []):
                    if other.key not in seen and (other.year, other.kind) == (target.year, target.kind):
                        library.append(other)
                        seen.add(other.key)
        yield targets, library


def run_groups(rules: list[Rule], identities: list[Identity],
               load: Callable[[int], DocumentFigures]) -> Iterator[tuple[int, RuleRun]]:
    """Each document's run of the rules across documents; nothing when none is selected."""
    if not any(r.kind in ACROSS_KINDS for r in rules):
        return
    for targets, library in groups(identities):
        loaded = {i.key: load(i.key) for i in library}
        runs = run_across(rules, [loaded[t.key] for t in targets], [loaded[i.key] for i in library])
        yield from zip((t.key for t in targets), runs)


@dataclass
class AcrossCounts:
    documents: int = 0  # documents the rules looked at
    findings: int = 0


def check_across(store: Store, ruleset: str, rules: list[Rule]) -> AcrossCounts:
    """The rules across documents over every checked document of `ruleset` in the store."""
    counts = AcrossCounts()
    identities = [identity_of(key, figures) for key, figures in store.figures(store.document_ids(ruleset))]
    for document_id, run in run_groups(rules, identities, store.figures_of):
        store.save_across(document_id, run)
        counts.documents += 1
        counts.findings += len(run.findings)
    return counts


class Kept:
    """The figures of a `check`'s documents, kept compressed (~4 KB each) until the run ends."""

    def __init__(self) -> None:
        self.identities: list[Identity] = []
        self._blobs: dict[int, bytes] = {}

    def add(self, key: int, figures: DocumentFigures | None) -> None:
        if figures is not None:
            self.identities.append(identity_of(key, figures))
            self._blobs[key] = zlib.compress(figures.model_dump_json().encode())

    def load(self, key: int) -> DocumentFigures:
        return DocumentFigures.model_validate_json(zlib.decompress(self._blobs[key]))
