"""The repository's fixture documents, read once per test session (once per xdist worker).

A fixture PDF takes seconds to parse and several test modules look at the same four; each asks here
instead of parsing its own copy. Everything returned is frozen, so sharing it between tests is
safe. `results` is what `api.audit([path], select=...)` gives, from the same shared disclosure.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from budgetlint.api import check_disclosure
from budgetlint.ingest import read_document
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.results import DocumentResult, Results
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules
from budgetlint.rulebook.select import select_rules

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDF = FIXTURES / "pdf"
SEEDS = FIXTURES / "seeds"


@cache
def source(path: Path) -> SourceDocument:
    return read_document(path)


@cache
def disclosure(path: Path) -> Disclosure:
    return recognize(source(path))


@cache
def results(path: Path, select: tuple[str, ...] = ()) -> Results:
    rules = select_rules(load_rules(), list(select) or None, None)
    d = disclosure(path)
    document = DocumentResult(path=str(path), disclosure=d, run=check_disclosure(d, rules))
    return Results(documents=(document,), rules=tuple(rules))
