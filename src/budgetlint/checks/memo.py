"""What several checks derive from one document, made once per document and kept with it.

Rules run one after another over the same Disclosure, and several read the same derived data (the
Fact of a 绩效自评表 cell, the joined texts a text_pattern searches). Such data is kept in the
disclosure's __dict__, beside its fields (as SourceDocument.line_starts keeps its index): pydantic
neither compares, copies into JSON nor validates it, and it goes when the document goes -- never a
module-level cache that grows across documents. A memo holds only for the objects it was made
from (`basis`, by identity): a copy of the disclosure with another source starts a memo of its own.
"""

from __future__ import annotations

from typing import Any

from budgetlint.model import Disclosure


def document_memo(disclosure: Disclosure, name: str, *basis: object) -> dict[Any, Any]:
    """The memo `name` of `disclosure`, empty unless made from these very `basis` objects."""
    key = f"_memo_{name}"
    held = disclosure.__dict__.get(key)
    if held is None or len(held[0]) != len(basis) or any(a is not b for a, b in zip(held[0], basis)):
        held = (basis, {})
        disclosure.__dict__[key] = held
    return held[1]
