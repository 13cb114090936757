"""Where a printed frame holds one table, part of one, or two: the reader measures, recognition decides.

A PDF reader sees geometry, and geometry alone cannot tell two cases apart that titles can:

* a table frame at the top of a page with the edges and columns of the frame that ended the page
  before (RawTable.continues) is the same table going on, or the next table printed in the same
  frame and starting on the new page. It is joined to the table before it unless its first row is
  a title of its own (a one-cell row that reads as a table title: …表, …表（…）, or a unit line).
* two frames drawn touching with the same column edges are one grid of rulings to the reader
  (ingest/pdf/grid.py parts touching frames only where their column edges differ). The second
  table's title, printed as a row of the grid, parts them: a row of one cell inside the table that
  reads as a table title by the national vocabulary and is followed -- after any unit lines -- by
  a header (a row of several cells, none of them an amount).

Two tables on one page with their titles printed between them are two blocks and never joined.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice

from budgetlint.labels import squeeze
from budgetlint.model import SourceDocument
from budgetlint.model.document import RawRow, RawTable
from budgetlint.numbers import parse_amount
from budgetlint.recognize.national import is_table_title, load_national


def _filled(cells: tuple[str, ...]) -> int:
    """How many cells hold text (neither empty nor white space only), counted in C loops: part_at_titles
    asks it of every row of every table."""
    return len(cells) - cells.count("") - sum(map(str.isspace, cells))


def _one_cell(row: RawRow) -> str | None:
    """The squeezed text of a row that prints one cell only (a title or a unit line in a frame)."""
    if len(row.cells) < 2 or _filled(row.cells) != 1:
        return None
    return squeeze(next(c for c in row.cells if c.strip()))


def starts_with_title(table: RawTable) -> bool:
    """The table's first row is one cell that reads as a table title (or its unit line)."""
    text = _one_cell(table.rows[0]) if table.rows else None
    if text is None:
        return False
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
            blocks[-1] = replace(previous, rows=previous.rows + block.rows)
            continue
        blocks.append(block)
    return replace(source, blocks=tuple(blocks))


def _heads_a_table(rows: tuple[RawRow, ...], k: int) -> bool:
    """Row k reads as a table title and a header follows it (module docstring)."""
    text = _one_cell(rows[k])
    if text is None or is_table_title(text) is None:
        return False
    unit_line = load_national().unit_line
    for row in islice(rows, k + 1, None):
        one = _one_cell(row)
        if one is not None and re.search(unit_line, one):
            continue
        filled = [c for c in row.cells if c.strip()]
        return len(filled) >= 2 and all(parse_amount(c) is None for c in filled)
    return False


def _table_of(block: RawTable, rows: tuple[RawRow, ...]) -> RawTable:
    """`rows` of `block` as a table of their own, located at its first row (its box: the cells of its
    rows on that page)."""
    first = rows[0]
    boxes = [box for row in rows if row.page == first.page for box in row.cell_boxes]
    bbox = (
        (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        if boxes
        else block.location.bbox
    )
    location = replace(block.location, line=first.line, page=first.page, bbox=bbox)
    return RawTable(rows=rows, location=location, continues=block.continues and first is block.rows[0])


def part_at_titles(source: SourceDocument) -> SourceDocument:
    """`source` with every table parted before each inner row that heads a table of its own: a title
    row followed by a header, below rows of the table's own (module docstring)."""
    blocks: list = []
    parted = False
    for block in source.blocks:
        if not isinstance(block, RawTable):
            blocks.append(block)
            continue
        rows = block.rows
        starts, table_rows = [0], False  # table_rows: a row of several cells since the last start
        for k, row in enumerate(rows):
            filled = _filled(row.cells)
            if table_rows and filled == 1 and _heads_a_table(rows, k):
                starts.append(k)
                table_rows = False
            table_rows = table_rows or filled >= 2
        if len(starts) == 1:
            blocks.append(block)
            continue
        parted = True
        blocks += [_table_of(block, rows[a:b]) for a, b in zip(starts, [*starts[1:], len(rows)])]
    return replace(source, blocks=tuple(blocks)) if parted else source
