"""Shared vocabulary: frozen values that every layer passes on.

The records readers, recognizers and checks build from values they have already typed (Location,
Fact, TableRow, Table, Paragraph, the claims, the performance and prose records, Evaluation, and
what holds them: SourceDocument, Disclosure, Finding, the results) are `@record` dataclasses
(model/record.py): slotted, frozen for mypy, trusted, so nothing to validate, and one object each
for the garbage collector. What is read from a file stays a frozen pydantic model, declared with
`defer_build=True`: pydantic builds a model's validator and serializer when it is first used, not
when its module is imported, so a run pays only for the models it uses (see load_cache.py and
docs/architecture.md, "Records and models")."""

from budgetlint.model.disclosure import Disclosure
from budgetlint.model.document import Block, PageDefect, Paragraph, RawRow, RawTable, SourceDocument, TocEntry
from budgetlint.model.facts import Fact, Table, TableRow
from budgetlint.model.findings import Evaluation, Finding, Outcome, Severity
from budgetlint.model.location import Location, PageBasis

__all__ = [
    "Block",
    "Disclosure",
    "Evaluation",
    "Fact",
    "Finding",
    "Location",
    "Outcome",
    "PageBasis",
    "PageDefect",
    "Paragraph",
    "RawRow",
    "RawTable",
    "Severity",
    "SourceDocument",
    "Table",
    "TableRow",
    "TocEntry",
]
