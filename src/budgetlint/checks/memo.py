"""What several checks derive from one document, made once per document and kept with it.

Rules run one after another over the same Disclosure, and several read the same derived data (the
Fact of a 绩效自评表 cell, the joined texts a text_pattern searches). Such data is kept in the
disclosure's __dict__ under a name of its own (an underscore first: no field's), beside its fields,
as SourceDocument.line_starts keeps its index: pydantic neither compares, dumps nor validates it,
and it goes when the document goes -- never a module-level cache that grows across documents. A
memo holds only for the object it was made from (`basis`, by identity: the source document):
a copy of the disclosure with another source starts a memo of its own; what else it depends on
is in each entry's key.
"""

from __future__ import annotations

from typing import Any

from budgetlint.model import Disclosure


def document_memo(disclosure: Disclosure, name: str, basis: object) -> dict[Any, Any]:
    """The memo `name` of `disclosure`, empty unless made from this very `basis` object (asked
    once per Fact a check reads: one identity test)."""
    held = disclosure.__dict__.get(name)
    if held is None or held[0] is not basis:
        held = disclosure.__dict__[name] = (basis, {})
    return held[1]
