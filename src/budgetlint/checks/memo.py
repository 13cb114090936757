"""What several checks derive from one document, made once per document and kept with it.

Rules run one after another over the same Disclosure, and several read the same derived data (the
Fact of a 绩效自评表 cell, the joined texts a text_pattern searches). Such data is kept in the
disclosure's __dict__ under a name of its own (an underscore first: no field's), beside its fields,
as SourceDocument.line_starts keeps its index: pydantic neither compares, dumps nor validates it,
and it goes when the document goes -- never a module-level cache that grows across documents. A
memo holds only for the objects it was made from (`basis`, by identity): a copy of the disclosure
with another source starts a memo of its own.
"""

from __future__ import annotations

from typing import Any

from budgetlint.model import Disclosure


def document_memo(disclosure: Disclosure, name: str, *basis: object) -> dict[Any, Any]:
    """The memo `name` of `disclosure`, empty unless made from these very `basis` objects (asked
    once per Fact a check reads, so the test is a plain loop)."""
    held = disclosure.__dict__.get(name)
    if held is not None and len(held[0]) == len(basis):
        for made_from, given in zip(held[0], basis):
            if made_from is not given:
                break
        else:
            return held[1]
    memo: dict[Any, Any] = {}
    disclosure.__dict__[name] = (basis, memo)
    return memo
