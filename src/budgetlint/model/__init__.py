"""Shared vocabulary: frozen pydantic models that every layer passes on."""

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
