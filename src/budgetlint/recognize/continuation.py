"""Joining a table across a page break: the reader marks, recognition decides.

A PDF reader sees geometry: a table frame at the top of a page with the edges and columns of the
frame that ended the page before (RawTable.continues). Whether that is the same table going on or
the next table, printed in the same frame and starting on the new page, is a question of titles,
which recognition knows: a continuation is joined to the table before it unless its first row is a
title of its own (a one-cell row that reads as a table title: …表, …表（…）, or a unit line). Two
tables on one page are two blocks with their titles between them and are never joined.
"""

from __future__ import annotations

import re

from budgetlint.labels import squeeze
from budgetlint.model import SourceDocument
from budgetlint.model.document import RawTable
from budgetlint.recognize.national import load_national


def starts_with_title(table: RawTable) -> bool:
    """The table's first row is one cell that reads as a table title (or its unit line)."""
    if not table.rows:
        return False
    cells = table.rows[0].cells
    texts = [c for c in cells if c.strip()]
    if len(texts) != 1 or len(cells) < 2:
        return False
    text = squeeze(texts[0])
    vocabulary = load_national()
    return bool(re.search(vocabulary.unit_line, text) or re.search(vocabulary.title_shape, text))


def join_continuations(source: SourceDocument) -> SourceDocument:
    """`source` with every continuation joined to the table right before it (no title between)."""
    if not any(isinstance(b, RawTable) and b.continues for b in source.blocks):
        return source
    blocks: list = []
    for block in source.blocks:
        previous = blocks[-1] if blocks else None
        if (
            isinstance(block, RawTable)
            and block.continues
            and isinstance(previous, RawTable)
            and not starts_with_title(block)
        ):
            blocks[-1] = previous.model_copy(update={"rows": previous.rows + block.rows})
            continue
        blocks.append(block)
    return source.model_copy(update={"blocks": tuple(blocks)})
