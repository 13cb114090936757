"""Comparing two runs' findings when the same disclosure was read from different files."""

from __future__ import annotations

import re
from collections import Counter

# lines and pages named inside a message are the reader's own numbering (a PDF's blocks, a DOCX's
# paragraphs), not part of what the finding says
_PLACE = re.compile(r"第\d+(?:、\d+)*[行页]")  # 第12行, 第888、1146行


def finding_keys(doc, families: tuple[str, ...] | None = None) -> list[tuple[str, str, str | None, str | None]]:
    """(rule, message without line and page numbers, expected, actual) of each finding, sorted."""
    return keys_of(doc.run.findings, families)


def keys_of(findings, families: tuple[str, ...] | None = None) -> list[tuple[str, str, str | None, str | None]]:
    """finding_keys of findings as a record or the store keeps them."""
    return sorted(
        (f.rule, _PLACE.sub("", f.message), f.expected, f.actual)
        for f in findings
        if families is None or f.rule.startswith(families)
    )


def outcome_counts(doc, families: tuple[str, ...] | None = None) -> Counter:
    """How many evaluations of each rule ended in each outcome."""
    return Counter(
        (e.rule, e.outcome.value) for e in doc.run.evaluations if families is None or e.rule.startswith(families)
    )
