"""Shared vocabulary: frozen pydantic models that every layer passes on.

Each is declared with `defer_build=True`: pydantic builds a model's validator and serializer when
it is first used, not when its module is imported, so a run pays only for the models it uses (a
text disclosure uses about 40 of the ~160 models and check parameters; see load_cache.py)."""

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
